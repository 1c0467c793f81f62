/**
 * One bit per 8-byte granule of heap address space, in a `Uint32Array` beside the heap.
 * A general address set; the strategies keep their per-address "live" and "queued" bits
 * in `ObjectStates` instead, two bits side by side per granule.
 *
 * ```
 *  address a (a multiple of 8)
 *  granule g = a >>> 3         word = g >>> 5        bit = g & 31
 *
 *  words: | w0: 0x000..0x0ff | w1: 0x100..0x1ff | ...   (one 32-bit word per 256 B of heap)
 * ```
 *
 * Lookups and updates are O(1). The array grows (doubling) when an address beyond it is
 * set; an address beyond it reads as clear.
 *
 * @module
 */
import type { Address } from "@pymem/core";
import { BITMAP_GRANULE, BITMAP_GRANULE_SHIFT } from "./config";

/**
 * A set of 8-byte-aligned heap addresses.
 * @example
 * ```ts
 * const live = new AddressBitmap();
 * live.set(0x1010);
 * live.has(0x1010); // true
 * live.has(0x1014); // false (not a multiple of 8)
 * ```
 */
export class AddressBitmap {
  private words: Uint32Array;
  private members = 0;

  /** @param initialBytes - heap bytes covered before the first growth */
  constructor(initialBytes = 1 << 20) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(initialBytes / (BITMAP_GRANULE * 32))));
  }

  /** Number of addresses in the set. */
  get size(): number {
    return this.members;
  }

  /** Whether `address` is in the set (false for addresses that are not multiples of 8, negative or fractional). */
  has(address: Address): boolean {
    const g = address >>> BITMAP_GRANULE_SHIFT;
    if (g * BITMAP_GRANULE !== address) return false;
    const w = g >>> 5;
    return w < this.words.length && (this.words[w]! & (1 << (g & 31))) !== 0;
  }

  /** Adds `address` (a multiple of 8 in `[0, 2**32)`); returns false when it was already present. */
  set(address: Address): boolean {
    const g = address >>> BITMAP_GRANULE_SHIFT;
    const w = g >>> 5;
    if (w >= this.words.length) this.grow(w);
    const bit = 1 << (g & 31);
    const word = this.words[w]!;
    if ((word & bit) !== 0) return false;
    this.words[w] = word | bit;
    this.members++;
    return true;
  }

  /** Removes `address`; returns false when it was not present. */
  delete(address: Address): boolean {
    const g = address >>> BITMAP_GRANULE_SHIFT;
    const w = g >>> 5;
    if (w >= this.words.length) return false;
    const bit = 1 << (g & 31);
    const word = this.words[w]!;
    if ((word & bit) === 0) return false;
    this.words[w] = word & ~bit;
    this.members--;
    return true;
  }

  /** Removes every address. */
  clear(): void {
    this.words.fill(0);
    this.members = 0;
  }

  private grow(word: number): void {
    let n = this.words.length;
    while (n <= word) n *= 2;
    const grown = new Uint32Array(n);
    grown.set(this.words);
    this.words = grown;
  }
}
