/**
 * The table of owned handles: one slot per strong reference held by JS code. It is what
 * makes handles roots for tracing collectors, and what `rt.stats().handles` counts.
 *
 * ```
 *  addresses: Uint32Array   [ obj | obj | 0 (free) | obj | ... ]   slot = index
 *  free:      Int32Array    stack of free slot indices
 *  live = slots in use = handles acquired and not yet released
 * ```
 *
 * Invariants: a slot holds a non-zero address iff it is in use; a slot is on the free
 * stack iff it is below `next` and not in use; `live` = `next` - free stack size.
 *
 * @module
 */
import type { Address, Visit } from "@pymem/core";

const INITIAL_SLOTS = 64;

/**
 * Slots of owned references, without per-handle Maps or Sets.
 * @example
 * ```ts
 * const table = new HandleTable();
 * const slot = table.acquire(obj);
 * table.live;          // 1
 * table.release(slot); // obj
 * ```
 */
export class HandleTable {
  private addresses = new Uint32Array(INITIAL_SLOTS);
  private freeSlots = new Int32Array(INITIAL_SLOTS);
  private freeCount = 0;
  private next = 0;

  /** Number of slots in use (live owned handles). */
  get live(): number {
    return this.next - this.freeCount;
  }

  /** Takes a slot for `address` (non-zero); returns its index. */
  acquire(address: Address): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount]!;
    else {
      slot = this.next++;
      if (slot === this.addresses.length) {
        const grown = new Uint32Array(slot * 2);
        grown.set(this.addresses);
        this.addresses = grown;
        const free = new Int32Array(slot * 2);
        free.set(this.freeSlots);
        this.freeSlots = free;
      }
    }
    this.addresses[slot] = address;
    return slot;
  }

  /** Frees `slot`; returns the address it held. */
  release(slot: number): Address {
    const address = this.addresses[slot]!;
    this.addresses[slot] = 0;
    this.freeSlots[this.freeCount++] = slot;
    return address;
  }

  /** Address held in `slot` (0 when free). */
  address(slot: number): Address {
    return this.addresses[slot]!;
  }

  /** Frees every slot (without touching the objects they held). */
  clear(): void {
    this.addresses.fill(0);
    this.freeCount = 0;
    this.next = 0;
  }

  /** Calls `visit` with the address of every slot in use. */
  forEach(visit: Visit): void {
    const addresses = this.addresses;
    for (let i = 0; i < this.next; i++) {
      const a = addresses[i]!;
      if (a !== 0) visit(a);
    }
  }
}
