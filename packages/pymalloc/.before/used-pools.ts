/**
 * The `usedpools` table: for each size class, the head of a circular doubly-linked list of
 * its partially used pools, kept in the heap's bytes with CPython's doubled-pointer trick.
 *
 * Reference: CPython 3.11, Objects/obmalloc.c, `usedpools`, `PTA(x)` and "Major obscurity".
 *
 * Only the `nextpool` / `prevpool` fields of a list head are ever read or written, so the
 * table stores just those two 8-byte words per class and treats `base + 16 * i` as the address
 * of a (mostly imaginary) pool header whose +16 and +24 fields are the class's two words. The
 * list operations then need no special case for the head: it is a pool like any other.
 *
 * ```
 *  table base (the first bytes of a page mapped when the allocator is created)
 *  +0          +16              +24             +32              +40             +16(n+1)
 *  | (unused) | usedpools[0]   | usedpools[1]  | usedpools[2]   | usedpools[3]  | ...  |
 *             | class 0 next   | class 0 prev  | class 1 next   | class 1 prev  |
 *  ^ head(0) = base             ^ head(1) = base + 16: its +16/+24 are class 1's words
 *
 *  head(i) = base + 16 * i      list of class i is empty  iff  head(i).nextpool == head(i)
 *  used pool p of class i:      head(i) <-> p1 <-> p2 <-> ... <-> head(i)   (circular)
 * ```
 *
 * CPython keeps this table in static data; here it lives in one page mapped from the page
 * provider when the allocator is created, so the hot path reads and links pools with the same
 * `u32` stores whether the neighbour is a pool or the head.
 *
 * @module
 */
import type { Address, Heap } from "@pymem/core";
import { POOL_NEXTPOOL, POOL_PREVPOOL } from "./pool-header";

/** Bytes of one class's entry: the nextpool and prevpool words. */
export const USED_POOLS_ENTRY_BYTES = 16;

/** Bytes the table occupies from its base for `classCount` size classes (the first 16 are unused padding). */
export function usedPoolsBytes(classCount: number): number {
  return USED_POOLS_ENTRY_BYTES * (classCount + 1);
}

/** Address of the imaginary pool header heading the list of size class `szidx`. */
export function usedPoolsHead(base: Address, szidx: number): Address {
  return base + szidx * USED_POOLS_ENTRY_BYTES;
}

/** Makes every class's list empty: each head's nextpool and prevpool point at the head itself. */
export function initUsedPools(heap: Heap, base: Address, classCount: number): void {
  const u32 = heap.u32;
  for (let i = 0; i < classCount; i++) {
    const head = usedPoolsHead(base, i);
    u32[(head + POOL_NEXTPOOL) >>> 2] = head;
    u32[((head + POOL_NEXTPOOL) >>> 2) + 1] = 0;
    u32[(head + POOL_PREVPOOL) >>> 2] = head;
    u32[((head + POOL_PREVPOOL) >>> 2) + 1] = 0;
  }
}
