/**
 * `GcHeaders`: {@link GcList} under the names it had before the GC lists were one class
 * (`initList`, `unlink`, `length`), with raw access to the two header words.
 *
 * @module
 */
import type { Address } from "./address";
import { PREV_FLAGS_MASK } from "./gc-header";
import { GcList } from "./gc-list";

/**
 * The GC header and list operations under their earlier names: a {@link GcList} with
 * `initList` (`init`), `unlink` (`remove`) and `length` (`size`), and raw word access.
 * @deprecated use {@link GcList}
 * @example
 * ```ts
 * const gch = new GcHeaders(heap, LAYOUT_64);
 * gch.initList(head);
 * gch.append(head, gch.node(obj));
 * gch.isTracked(obj); // true
 * ```
 */
export class GcHeaders extends GcList {
  /** Raw gc_next word of a node. */
  nextWord(node: Address): number {
    return this.heap.u32[node >>> 2]!;
  }

  /** Sets the raw gc_next word. */
  setNextWord(node: Address, value: number): void {
    this.heap.u32[node >>> 2] = value;
  }

  /** Raw gc_prev word of a node. */
  prevWord(node: Address): number {
    return this.heap.u32[(node >>> 2) + this.prevIndex]!;
  }

  /** Sets the raw gc_prev word. */
  setPrevWord(node: Address, value: number): void {
    this.heap.u32[(node >>> 2) + this.prevIndex] = value;
  }

  /** Previous node (flags stripped). */
  prev(node: Address): Address {
    return this.heap.u32[(node >>> 2) + this.prevIndex]! & ~PREV_FLAGS_MASK;
  }

  /** Sets the next link, clearing the unreachable bit. */
  setNext(node: Address, next: Address): void {
    this.heap.u32[node >>> 2] = next;
  }

  /** Sets the prev link, keeping the flag bits. */
  setPrev(node: Address, prev: Address): void {
    const i = (node >>> 2) + this.prevIndex;
    const u32 = this.heap.u32;
    u32[i] = (prev & ~PREV_FLAGS_MASK) | (u32[i]! & PREV_FLAGS_MASK);
  }

  /** Makes `head` an empty list ({@link GcList.init}). */
  initList(head: Address): void {
    this.init(head);
  }

  /** Unlinks `node` and marks it untracked ({@link GcList.remove}). */
  unlink(node: Address): void {
    this.remove(node);
  }

  /** Number of nodes on the list ({@link GcList.size}). */
  length(head: Address): number {
    return this.size(head);
  }
}
