/**
 * Allocation serials: a number per live object, so that a handle can tell its object from a
 * later one at the same address.
 *
 * ```
 *  heap      | obj A (16 B)  |   free   | obj B ...      address >>> shift = slot
 *  table     [ 17 ][  0  ][ 0 ][ 0 ][ 42 ][  0  ] ...    Uint32Array, one slot per granule
 *              ^ A's serial            ^ B's serial      0: no live object starts here
 *
 *  born(obj)  table[obj >>> shift] = next serial (never 0)
 *  died(obj)  table[obj >>> shift] = 0
 *  handle     records the serial when made; valid while table[address >>> shift] equals it
 * ```
 *
 * The granule is the smallest object (16 bytes in the 64-bit layout, 8 in the compact one):
 * two live objects never start in the same granule, so a slot belongs to at most one object.
 * The table lives beside the heap (a quarter of its size in the 64-bit layout) and grows with
 * it. Serials are 32-bit and wrap after 2**32 allocations, skipping 0.
 *
 * @module
 */
import type { Address } from "@pymem/core";

/**
 * The serial table of one object space.
 * @example
 * ```ts
 * const serials = new ObjectSerials(4, 1 << 20);
 * serials.born(0x1010);
 * const s = serials.of(0x1010); // 1
 * serials.died(0x1010);
 * serials.of(0x1010) === s;     // false: the handle that recorded s is stale
 * ```
 */
export class ObjectSerials {
  /** Serial of the object starting in each granule (0: none). Replaced when it grows. */
  table: Uint32Array;
  /** log2 of the granule size. */
  readonly shift: number;
  private next = 1;

  /**
   * @param shift - log2 of the smallest object size
   * @param heapBytes - current heap size (the table grows on demand beyond it)
   */
  constructor(shift: number, heapBytes: number) {
    this.shift = shift;
    this.table = new Uint32Array(Math.max(1, heapBytes >>> shift));
  }

  /** Gives the object just allocated at `obj` a fresh serial. */
  born(obj: Address): void {
    const i = obj >>> this.shift;
    if (i >= this.table.length) this.grow(i);
    this.table[i] = this.next;
    this.next = (this.next + 1) >>> 0 || 1;
  }

  /** Marks the object at `obj` dead: handles made for it stop validating. */
  died(obj: Address): void {
    const i = obj >>> this.shift;
    if (i < this.table.length) this.table[i] = 0;
  }

  /** The serial of the live object at `obj`, 0 when none starts there. */
  of(obj: Address): number {
    return this.table[obj >>> this.shift] ?? 0;
  }

  /** Forgets every serial (a closed runtime): no handle validates any more. */
  clear(): void {
    this.table = new Uint32Array(1);
  }

  private grow(index: number): void {
    let length = this.table.length;
    while (length <= index) length *= 2;
    const grown = new Uint32Array(length);
    grown.set(this.table);
    this.table = grown;
  }
}
