/**
 * A growable stack of heap addresses in a `Uint32Array`: the pending-deallocation stack
 * and the deferred strategy's zero-count table use it instead of a JS array, so queueing
 * an object allocates nothing once the capacity has been reached.
 *
 * ```
 *  items: Uint32Array
 *  +------+------+------+------+-----------------+
 *  | a0   | a1   | ...  | an-1 |  free capacity  |
 *  +------+------+------+------+-----------------+
 *  0                           ^ length   (top = items[length - 1])
 * ```
 *
 * Invariant: the stack holds exactly `items[0 .. length)`; `length <= items.length`.
 *
 * @module
 */
import type { Address } from "@pymem/core";
import { MemoryError } from "@pymem/core";
import { MAX_STACK_ENTRIES } from "./config";

/**
 * A LIFO of addresses backed by a doubling `Uint32Array`.
 * @example
 * ```ts
 * const s = new AddressStack(4);
 * s.push(16); s.push(32); s.push(48);
 * s.reverseFrom(1); // [16, 48, 32]
 * s.pop(); // 32
 * ```
 */
export class AddressStack {
  private items: Uint32Array;
  /** Number of addresses on the stack. */
  length = 0;

  /** @param capacity - initial capacity in entries (at least 1) */
  constructor(capacity: number) {
    this.items = new Uint32Array(Math.max(1, capacity | 0));
  }

  /** Current capacity in entries. */
  get capacity(): number {
    return this.items.length;
  }

  /**
   * Pushes an address, doubling the capacity when full.
   * @throws MemoryError when the stack would exceed {@link MAX_STACK_ENTRIES} entries
   */
  push(address: Address): void {
    if (this.length === this.items.length) this.grow();
    this.items[this.length++] = address;
  }

  /** Removes and returns the top address; the stack must not be empty. */
  pop(): Address {
    return this.items[--this.length]!;
  }

  /** The address at position `index` (0 = bottom). */
  at(index: number): Address {
    return this.items[index]!;
  }

  /** Overwrites the address at position `index` (below {@link AddressStack.length}). */
  set(index: number, address: Address): void {
    this.items[index] = address;
  }

  /**
   * Inserts `address` at position `index`, moving the entries above it up by one.
   * @throws MemoryError when the stack would exceed {@link MAX_STACK_ENTRIES} entries
   */
  insertAt(index: number, address: Address): void {
    if (this.length === this.items.length) this.grow();
    const items = this.items;
    items.copyWithin(index + 1, index, this.length);
    items[index] = address;
    this.length++;
  }

  /** Reverses the entries from position `start` to the top, so the first pushed of them is on top. */
  reverseFrom(start: number): void {
    const items = this.items;
    let lo = start;
    let hi = this.length - 1;
    while (lo < hi) {
      const t = items[lo]!;
      items[lo++] = items[hi]!;
      items[hi--] = t;
    }
  }

  /** Empties the stack (keeps the capacity). */
  clear(): void {
    this.length = 0;
  }

  private grow(): void {
    const next = this.items.length * 2;
    if (next > MAX_STACK_ENTRIES) {
      throw new MemoryError(next * 4, `an address stack is limited to ${MAX_STACK_ENTRIES} entries`);
    }
    const grown = new Uint32Array(next);
    grown.set(this.items);
    this.items = grown;
  }
}
