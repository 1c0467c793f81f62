/**
 * Checked mode's record of live blocks: one bit per alignment granule of each arena, set at
 * the first granule of every block handed out and cleared when it is freed.
 *
 * ```
 *  bits: one Int32Array, ARENA_SIZE / ALIGNMENT bits per arena slot (1/64 of an arena at
 *        8-byte alignment, 1/128 at 16), slot after slot:
 *
 *  | slot 0: 2^wordsShift words | slot 1 | slot 2 | ...        grown by doubling as slots are used
 *
 *  address a in arena slot s:  granule g = (a & ARENA_SIZE_MASK) >>> ALIGNMENT_SHIFT
 *                              word (s << wordsShift) + (g >>> 5),  bit g & 31
 * ```
 *
 * Invariant: the bit of granule g is set iff a block that pymalloc handed out starts at that
 * granule and has not been freed. So `free`, `realloc` and `usableSize` accept an aligned
 * address in O(1) iff its bit is set; interior pointers, pool headers, double frees and
 * never-carved blocks all find it clear. A slot's bits are all clear whenever it has no
 * arena (its arena was released only after every block in it was freed).
 *
 * @module
 */
import type { Address } from "@pymem/core";

/** Live-block bitmap over every arena slot in use. */
export class LiveBlocks {
  /** The bits; replaced (grown) by {@link LiveBlocks.ensure}. */
  bits = new Int32Array(0);
  /** ALIGNMENT_SHIFT: bytes per granule as a shift. */
  readonly granuleShift: number;
  /** ARENA_SIZE_MASK. */
  readonly arenaMask: number;
  /** log2 of the 32-bit words per arena slot. */
  readonly wordsShift: number;

  constructor(arenaSize: number, alignment: number) {
    this.granuleShift = Math.log2(alignment);
    this.arenaMask = arenaSize - 1;
    this.wordsShift = Math.max(0, Math.log2(arenaSize / alignment) - 5);
  }

  /** Makes room for slot `slot` (doubling the slots covered). */
  ensure(slot: number): void {
    const slots = this.bits.length >>> this.wordsShift;
    if (slot < slots) return;
    let n = Math.max(1, slots);
    while (n <= slot) n *= 2;
    const grown = new Int32Array(n << this.wordsShift);
    grown.set(this.bits);
    this.bits = grown;
  }

  /** Whether a live block starts at `address` in arena slot `slot`. */
  isLive(slot: number, address: Address): boolean {
    const g = (address & this.arenaMask) >>> this.granuleShift;
    return (this.bits[(slot << this.wordsShift) + (g >>> 5)] & (1 << (g & 31))) !== 0;
  }

  /** Bytes of the bitmap. */
  get byteLength(): number {
    return this.bits.byteLength;
  }
}
