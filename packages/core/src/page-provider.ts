/**
 * The operating system's part: page-granular mappings of heap address space.
 *
 * ```
 *  heap:  | NULL page | mapped A | unmapped | mapped B (aligned 1 MiB) | ... | top ->
 *                                   ^ reused and coalesced by later maps
 * ```
 *
 * pymalloc maps its arenas here; raw allocators map their regions and very large
 * blocks here. "Mapped bytes" is the resident-set analogue a user watches.
 *
 * @module
 */
import type { Address } from "./address";
import type { Heap } from "./heap";

/** What a page provider has mapped, the RSS analogue. */
export interface PageProviderStats {
  /** Bytes currently mapped. */
  mappedBytes: number;
  /** Highest value {@link PageProviderStats.mappedBytes} has reached. */
  peakMappedBytes: number;
  /** Number of live mappings. */
  mappings: number;
  /** Calls to `map` that succeeded. */
  mapCalls: number;
  /** Calls to `unmap` that succeeded. */
  unmapCalls: number;
  /** Current heap size in bytes (address space reserved so far). */
  heapBytes: number;
}

/** mmap/munmap on a {@link Heap}. */
export interface PageProvider {
  /** The heap whose address space is handed out. */
  readonly heap: Heap;
  /** Granularity of every mapping in bytes (a power of two, 4 KiB by default). */
  readonly pageSize: number;
  /**
   * Maps a fresh region of `bytes` (rounded up to whole pages) whose address is a
   * multiple of `alignment` (a power of two, at least the page size). The region's
   * bytes are zero. Grows the heap when no unmapped range fits.
   * @returns the region's address, never 0
   * @throws MemoryError when the heap cannot grow enough; nothing changes
   * @throws SizeError for a negative, fractional or too large `bytes`
   */
  map(bytes: number, alignment?: number): Address;
  /**
   * Unmaps exactly a region returned by {@link PageProvider.map} (same address, same size).
   * @throws InvalidPointerError when no mapping starts at `address` with that size; nothing changes
   */
  unmap(address: Address, bytes: number): void;
  /** Size in bytes of the mapping that starts at `address`, or 0 when none does. */
  mappingSize(address: Address): number;
  /** Current figures. */
  stats(): PageProviderStats;
}
