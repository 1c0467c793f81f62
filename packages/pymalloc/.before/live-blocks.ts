/**
 * Checked mode's record of live blocks: one bit per alignment granule of the heap, set at the
 * first granule of every pool block handed out and cleared when it is freed.
 *
 * ```
 *  heap:  | granule 0 | granule 1 | ... | g = address >>> ALIGNMENT_SHIFT | ...
 *  bits:  Int32Array, word g >>> 5, bit g & 31        (heap bytes / 64 at 8-byte alignment,
 *                                                      / 128 at 16; grown with the heap)
 * ```
 *
 * Invariant: the bit of granule g is set iff a pool block that pymalloc handed out starts at
 * that granule and has not been freed. So `free`, `realloc` and `usableSize` accept an aligned
 * address in an arena in O(1) iff its bit is set; interior pointers, pool headers, double
 * frees and never-carved blocks all find it clear. Bits outside the arenas are always clear
 * (an arena is unmapped only once all its blocks are free).
 *
 * @module
 */
import type { Address } from "@pymem/core";

/** Live-block bitmap over the heap's address space. */
export class LiveBlocks {
  /** The bits; replaced (grown) by {@link LiveBlocks.cover}. */
  bits = new Int32Array(0);
  /** ALIGNMENT_SHIFT: bytes per granule as a shift. */
  readonly granuleShift: number;

  constructor(alignment: number) {
    this.granuleShift = Math.log2(alignment);
  }

  /** Makes the bitmap cover addresses below `byteLength` (growing at least by doubling). */
  cover(byteLength: number): void {
    const words = Math.ceil(byteLength / 2 ** this.granuleShift / 32);
    if (words <= this.bits.length) return;
    const grown = new Int32Array(Math.max(words, this.bits.length * 2));
    grown.set(this.bits);
    this.bits = grown;
  }

  /** Whether a live block starts at `address`. */
  isLive(address: Address): boolean {
    const g = address >>> this.granuleShift;
    return (this.bits[g >>> 5] & (1 << (g & 31))) !== 0;
  }

  /** Bytes of the bitmap. */
  get byteLength(): number {
    return this.bits.byteLength;
  }
}
