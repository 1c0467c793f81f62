/**
 * Which of the incremental collector's two old spaces a tracked container belongs to: one
 * bit per object that survives between collections (CPython 3.14 keeps it in bit 0 of
 * `_gc_next`, `_PyGC_NEXT_MASK_OLD_SPACE_1`).
 *
 * The low bits of gc_next and gc_prev are taken here (UNREACHABLE, COLLECTING, FINALIZED)
 * and every list walk reads gc_next unmasked, so the bit lives elsewhere:
 *
 * ```
 *  64-bit layout: the high half of the gc_next word, which 32-bit addresses never use
 *
 *   node+0  gc_next  low 32 bits: next node | UNREACHABLE
 *   node+4           high 32 bits: 0 = space 0, 1 = space 1        <- here, in the heap
 *   node+8  gc_prev  (unchanged)
 *
 *  compact layout (4-byte words, no spare bits): a bitmap beside the heap, one bit per
 *  8 bytes of address (two nodes are always at least 8 bytes apart)
 *
 *   bit (node >> 3) of `bitmap`  = space of the node at `node`    (heap size / 64 bytes)
 * ```
 *
 * Only tracked objects have a meaningful bit; `track` sets it, untracking leaves it stale
 * (a visit checks "tracked" first). List heads carry no space.
 *
 * @module
 */
import type { Address, Heap, ObjectLayout } from "@pymem/core";

/** An old space: 0 or 1. */
export type OldSpace = 0 | 1;

/**
 * Reads and writes the old-space bit of GC nodes.
 * @example
 * ```ts
 * const spaces = new OldSpaceFlags(heap, LAYOUT_64);
 * spaces.set(obj - 16, 1);
 * spaces.get(obj - 16); // 1
 * ```
 */
export class OldSpaceFlags {
  private readonly heap: Heap;
  private readonly wide: boolean;
  /** Compact layout only: one bit per 8 bytes of heap. */
  private bitmap: Uint8Array = new Uint8Array(0);

  constructor(heap: Heap, layout: ObjectLayout) {
    this.heap = heap;
    this.wide = layout.wordSize === 8;
  }

  /** Space of the node at `node`. */
  get(node: Address): OldSpace {
    if (this.wide) return (this.heap.u32[(node >>> 2) + 1]! & 1) as OldSpace;
    const i = node >>> 3;
    const byte = i >>> 3;
    return byte < this.bitmap.length ? (((this.bitmap[byte]! >>> (i & 7)) & 1) as OldSpace) : 0;
  }

  /** Puts the node at `node` in `space`. */
  set(node: Address, space: OldSpace): void {
    if (this.wide) {
      this.heap.u32[(node >>> 2) + 1] = space;
      return;
    }
    const i = node >>> 3;
    const byte = i >>> 3;
    if (byte >= this.bitmap.length) this.grow(byte);
    const bit = 1 << (i & 7);
    const b = this.bitmap[byte]!;
    this.bitmap[byte] = space === 1 ? b | bit : b & ~bit;
  }

  /**
   * Puts every node of the list at `head` in `space` (gc_list_set_space).
   * @returns the number of nodes on the list
   */
  setList(head: Address, space: OldSpace): number {
    let n = 0;
    if (this.wide) {
      const u32 = this.heap.u32;
      for (let node = u32[head >>> 2]!; node !== head; node = u32[node >>> 2]!) {
        u32[(node >>> 2) + 1] = space;
        n++;
      }
      return n;
    }
    const u32 = this.heap.u32;
    for (let node = u32[head >>> 2]!; node !== head; node = u32[node >>> 2]!) {
      this.set(node, space);
      n++;
    }
    return n;
  }

  /** Makes the bitmap cover byte index `byte` and the whole current heap. */
  private grow(byte: number): void {
    const need = Math.max(byte + 1, (this.heap.byteLength >>> 6) + 1);
    const next = new Uint8Array(Math.max(need, this.bitmap.length * 2));
    next.set(this.bitmap);
    this.bitmap = next;
  }
}
