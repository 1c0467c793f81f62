/**
 * The GC header of container objects and the doubly-linked lists threaded through it.
 *
 * ```
 *  node = obj - gcHeaderSize           (a "node" is a GC header address)
 *  node+0  gc_next : next node | UNREACHABLE_BIT (bit 0, during a collection only)
 *  node+w  gc_prev : prev node | COLLECTING_BIT (bit 1) | FINALIZED_BIT (bit 0)
 *                    during a collection: gc_refs << 2 | flags
 *
 *  list head (a node of its own, in the heap):
 *     head <-> n1 <-> n2 <-> ... <-> nk <-> head        empty iff head.next == head
 * ```
 *
 * Invariants: an object is tracked iff its gc_next is non-zero; a tracked object is on
 * exactly one list; FINALIZED is set iff its finalizer (PEP 442) has run.
 * Nodes are aligned to at least 8 bytes, so the low bits of links are free for flags.
 *
 * @module
 */
import type { Address } from "./address";
import type { Heap } from "./heap";
import type { ObjectLayout } from "./object-layout";

/** gc_prev bit: the object's finalizer has run. */
export const FINALIZED_BIT = 1;
/** gc_prev bit: the object is part of the collection running now. */
export const COLLECTING_BIT = 2;
/** gc_prev low bits holding flags; the rest is the prev link (or gc_refs << 2). */
export const PREV_FLAGS_MASK = 3;
/** Shift of gc_refs inside gc_prev during a collection. */
export const REFS_SHIFT = 2;
/** gc_next bit: the object was moved to the unreachable list (during a collection only). */
export const UNREACHABLE_BIT = 1;

/**
 * GC header access and list operations for one heap.
 * @example
 * ```ts
 * const gch = new GcHeaders(heap, LAYOUT_64);
 * gch.initList(head);
 * gch.append(head, gch.node(obj));
 * gch.isTracked(obj); // true
 * ```
 */
export class GcHeaders {
  /** The heap. */
  readonly heap: Heap;
  /** The object layout (gives the header size and word size). */
  readonly layout: ObjectLayout;
  /** Bytes between a node and its object. */
  readonly headerSize: number;
  /** Word index distance from next to prev. */
  private readonly prevIndex: number;
  private readonly wide: boolean;

  constructor(heap: Heap, layout: ObjectLayout) {
    this.heap = heap;
    this.layout = layout;
    this.headerSize = layout.gcHeaderSize;
    this.prevIndex = layout.wordSize >>> 2;
    this.wide = layout.wordSize === 8;
  }

  /** The node (GC header address) of a container object. */
  node(obj: Address): Address {
    return obj - this.headerSize;
  }

  /** The object of a node. */
  object(node: Address): Address {
    return node + this.headerSize;
  }

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

  /** Next node (flags stripped). */
  next(node: Address): Address {
    return this.heap.u32[node >>> 2]! & ~UNREACHABLE_BIT;
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

  /** Zeroes both words of a fresh object's GC header (untracked, not finalized). */
  clearHeader(obj: Address): void {
    const u32 = this.heap.u32;
    const i = (obj - this.headerSize) >>> 2;
    u32[i] = 0;
    u32[i + this.prevIndex] = 0;
    if (this.wide) {
      u32[i + 1] = 0;
      u32[i + 3] = 0;
    }
  }

  /** Whether a container object is on a GC list (gc_next non-zero). */
  isTracked(obj: Address): boolean {
    return this.heap.u32[(obj - this.headerSize) >>> 2]! !== 0;
  }

  /** Whether the object's finalizer has run. */
  isFinalized(obj: Address): boolean {
    return (this.heap.u32[((obj - this.headerSize) >>> 2) + this.prevIndex]! & FINALIZED_BIT) !== 0;
  }

  /** Marks the object's finalizer as run (or not). */
  setFinalized(obj: Address, finalized: boolean): void {
    const i = ((obj - this.headerSize) >>> 2) + this.prevIndex;
    const u32 = this.heap.u32;
    u32[i] = finalized ? u32[i]! | FINALIZED_BIT : u32[i]! & ~FINALIZED_BIT;
  }

  /** Makes `head` an empty list. */
  initList(head: Address): void {
    const u32 = this.heap.u32;
    u32[head >>> 2] = head;
    u32[(head >>> 2) + this.prevIndex] = head;
    if (this.wide) {
      u32[(head >>> 2) + 1] = 0;
      u32[(head >>> 2) + 3] = 0;
    }
  }

  /** Whether the list at `head` is empty. */
  isEmpty(head: Address): boolean {
    return this.next(head) === head;
  }

  /** Appends `node` at the tail of the list at `head`. */
  append(head: Address, node: Address): void {
    const last = this.prev(head);
    this.setNext(last, node);
    this.setPrev(node, last);
    this.setNext(node, head);
    this.setPrev(head, node);
  }

  /** Unlinks `node` from its list and marks it untracked (gc_next = 0). Flags in gc_prev are kept. */
  unlink(node: Address): void {
    const prev = this.prev(node);
    const next = this.next(node);
    this.setNext(prev, next);
    this.setPrev(next, prev);
    this.heap.u32[node >>> 2] = 0;
    this.setPrev(node, 0);
  }

  /** Moves `node` from its list to the tail of the list at `head`. */
  move(node: Address, head: Address): void {
    const prev = this.prev(node);
    const next = this.next(node);
    this.setNext(prev, next);
    this.setPrev(next, prev);
    this.append(head, node);
  }

  /** Moves every node of list `from` to the tail of list `to`; `from` becomes empty. */
  merge(from: Address, to: Address): void {
    if (this.isEmpty(from)) return;
    const toTail = this.prev(to);
    const first = this.next(from);
    const last = this.prev(from);
    this.setNext(toTail, first);
    this.setPrev(first, toTail);
    this.setNext(last, to);
    this.setPrev(to, last);
    this.initList(from);
  }

  /** Number of nodes on the list at `head` (walks it). */
  length(head: Address): number {
    let n = 0;
    for (let node = this.next(head); node !== head; node = this.next(node)) n++;
    return n;
  }
}
