/**
 * One allocation domain, as CPython's PyMem_RawMalloc / PyMem_Malloc / PyObject_Malloc.
 *
 * ```
 *  malloc(n) -> address of n usable bytes, aligned to `alignment`
 *  free(address) -> bytes back to the domain (free(0) does nothing)
 * ```
 *
 * Decorators (debug hooks, tracing, statistics) implement the same interface and wrap
 * another allocator.
 *
 * @module
 */
import type { Address } from "./address";
import type { Heap } from "./heap";

/** Figures every allocator reports. Implementations may add their own fields. */
export interface AllocatorStats {
  /** Domain name ("tlsf", "first-fit", "pymalloc", ...). */
  name: string;
  /** Live blocks. */
  blocksInUse: number;
  /** Usable bytes of live blocks. */
  bytesInUse: number;
  /** Highest value {@link AllocatorStats.bytesInUse} has reached. */
  peakBytesInUse: number;
  /** Bytes the domain holds but has not handed out (free blocks, unused tails of its regions). */
  bytesFree: number;
  /** Bytes the domain has obtained from below (pages mapped or blocks from a lower domain). */
  bytesReserved: number;
  /**
   * External fragmentation in [0, 1]: 1 - largestFreeBlock / bytesFree (0 when nothing is free).
   */
  fragmentation: number;
  /** Successful calls of each kind. */
  calls: { malloc: number; calloc: number; realloc: number; free: number };
}

/** A general-purpose allocator over one heap. */
export interface Allocator {
  /** Domain name, used in stats and events. */
  readonly name: string;
  /** The heap the addresses refer to. */
  readonly heap: Heap;
  /** Every returned address is a multiple of this (a power of two). */
  readonly alignment: number;
  /**
   * Allocates `size` bytes. `malloc(0)` returns a unique, non-NULL address.
   * @throws MemoryError when memory is exhausted; the heap is unchanged
   * @throws SizeError for a negative, NaN, fractional or too large size
   */
  malloc(size: number): Address;
  /**
   * Allocates `count * size` zeroed bytes.
   * @throws SizeError when either argument is invalid or their product overflows the heap's range
   * @throws MemoryError when memory is exhausted
   */
  calloc(count: number, size: number): Address;
  /**
   * Resizes the block at `address` to `size` bytes, in place when it can, else by
   * allocating, copying `min(old, size)` bytes and freeing. `realloc(0, n)` is `malloc(n)`.
   * @returns the block's (possibly new) address
   * @throws InvalidPointerError / DoubleFreeError for an address that is not a live block
   * @throws MemoryError when no room; the original block is left intact
   */
  realloc(address: Address, size: number): Address;
  /**
   * Returns the block at `address` to the domain. `free(0)` does nothing.
   * @throws InvalidPointerError for foreign, interior or misaligned addresses
   * @throws DoubleFreeError when the block is already free
   */
  free(address: Address): void;
  /** Usable bytes of the live block at `address` (at least what was asked for). */
  usableSize(address: Address): number;
  /**
   * Whether `address` lies in memory this domain manages: the O(1) routing test
   * (CPython's address_in_range), not a proof that a block is live there.
   */
  owns(address: Address): boolean;
  /** Current figures. */
  stats(): AllocatorStats;
}

/** Helper for implementations: a zeroed call counter. */
export function emptyCallCounts(): AllocatorStats["calls"] {
  return { malloc: 0, calloc: 0, realloc: 0, free: 0 };
}
