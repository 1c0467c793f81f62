/**
 * The strategies' per-address object states: two bits per 8-byte granule of heap address
 * space, side by side in one `Uint32Array` beside the heap, so that the liveness check of
 * every operation and the state changes of a deallocation touch a single word.
 *
 * ```
 *  address a (a multiple of 8)
 *  granule g = a >>> 3        word = g >>> 4        shift = (g & 15) * 2
 *
 *  word:  | ... | Q L | Q L |     16 granules per 32-bit word (one word per 128 B of heap)
 *                  ^ ^
 *                  | L (bit shift)     live: an object was noted here and its type.dealloc
 *                  |                         has not been called
 *                  Q (bit shift + 1)   queued: its count reached 0 and its deallocation is
 *                                      queued, parked or running up to type.dealloc
 * ```
 *
 * Invariant: Q is set only while L is set. Lookups and updates are O(1). The array grows
 * (doubling) when an address beyond it is made live; an address beyond it reads as neither.
 *
 * @module
 */
import type { Address } from "@pymem/core";

/**
 * Live and queued bits of 8-byte-aligned heap addresses.
 * @example
 * ```ts
 * const states = new ObjectStates();
 * states.setLive(0x1010);     // true
 * states.isLive(0x1010);      // true
 * states.markQueued(0x1010);  // true (false the second time)
 * states.release(0x1010);     // neither bit set any more
 * ```
 */
export class ObjectStates {
  private declare words: Uint32Array;

  /** @param initialBytes - heap bytes covered before the first growth */
  constructor(initialBytes = 1 << 20) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(initialBytes / 128)));
  }

  /** Whether `address` holds a live object (false for addresses that are not multiples of 8, negative or fractional). */
  isLive(address: Address): boolean {
    const g = address >>> 3;
    if (g * 8 !== address) return false;
    const words = this.words;
    const w = g >>> 4;
    return w < words.length && ((words[w]! >>> ((g & 15) << 1)) & 1) !== 0;
  }

  /** Whether the queued bit of `address` is set. */
  isQueued(address: Address): boolean {
    const g = address >>> 3;
    const words = this.words;
    const w = g >>> 4;
    return w < words.length && ((words[w]! >>> ((g & 15) << 1)) & 2) !== 0;
  }

  /** Sets the live bit of `address` (a multiple of 8 in `[0, 2**32)`); returns false when it was already set. */
  setLive(address: Address): boolean {
    const g = address >>> 3;
    const w = g >>> 4;
    if (w >= this.words.length) this.grow(w);
    const words = this.words;
    const bit = 1 << ((g & 15) << 1);
    const word = words[w]!;
    if ((word & bit) !== 0) return false;
    words[w] = word | bit;
    return true;
  }

  /** Sets the queued bit of a live `address`; returns false when it was already set. */
  markQueued(address: Address): boolean {
    const g = address >>> 3;
    const words = this.words;
    const w = g >>> 4;
    const bit = 2 << ((g & 15) << 1);
    const word = words[w]!;
    if ((word & bit) !== 0) return false;
    words[w] = word | bit;
    return true;
  }

  /** Clears the queued bit of a live `address`. */
  clearQueued(address: Address): void {
    const g = address >>> 3;
    const w = g >>> 4;
    this.words[w] = this.words[w]! & ~(2 << ((g & 15) << 1));
  }

  /** Clears both bits of a live `address` (its object is being handed to `type.dealloc`). */
  release(address: Address): void {
    const g = address >>> 3;
    const w = g >>> 4;
    this.words[w] = this.words[w]! & ~(3 << ((g & 15) << 1));
  }

  private grow(word: number): void {
    let n = this.words.length;
    while (n <= word) n *= 2;
    const grown = new Uint32Array(n);
    grown.set(this.words);
    this.words = grown;
  }
}
