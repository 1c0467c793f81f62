/**
 * Tunables of the raw domain, their defaults and the constraints between them.
 *
 * ```
 *  page provider     pageSize           4 KiB   power of two, 16 B .. 1 GiB
 *  raw allocators    regionSize         1 MiB   multiple of pageSize, 4 KiB-granular heaps welcome
 *                    largeThreshold   256 KiB   largeThreshold + REGION_OVERHEAD_BYTES + 16 <= regionSize
 *                    retainEmptyRegions     0   entirely free regions kept mapped (anti-thrash)
 * ```
 *
 * Every constraint is checked by {@link checkPageProviderConfig} and
 * {@link checkAllocatorConfig}; a violation raises `ConfigurationError` naming the option.
 *
 * @module
 */
import {
  ConfigurationError,
  type Heap,
  isPowerOfTwo,
  type MemoryHooks,
  type PageProvider,
} from "@pymem/core";

/** Default page size of the page providers: 4 KiB, as on x86-64 Linux. */
export const DEFAULT_PAGE_SIZE = 4096;
/** Smallest page size accepted: 16 B (one allocation granule). */
export const MIN_PAGE_SIZE = 16;
/** Largest page size accepted: 1 GiB. */
export const MAX_PAGE_SIZE = 2 ** 30;

/** Default bytes an allocator maps at a time for small and medium blocks: 1 MiB. */
export const DEFAULT_REGION_SIZE = 2 ** 20;
/** Largest region an allocator maps at once: 1 GiB (its free blocks then fit the TLSF index). */
export const MAX_REGION_SIZE = 2 ** 30;
/** Default size from which a request gets a mapping of its own: 256 KiB (glibc's mmap threshold is 128 KiB). */
export const DEFAULT_LARGE_THRESHOLD = 2 ** 18;
/** Default number of entirely free regions an allocator keeps mapped instead of unmapping: 0. */
export const DEFAULT_RETAIN_EMPTY_REGIONS = 0;
/**
 * Bytes of a region that no block can use: the 16-byte region header (whose last word is the
 * first block's header) and the 4-byte end sentinel, rounded to the 16-byte granule.
 */
export const REGION_OVERHEAD_BYTES = 16;

/** Options of {@link HeapPageProvider} and {@link BumpPageProvider}. */
export interface PageProviderOptions {
  /** The heap whose address space is handed out. */
  heap: Heap;
  /**
   * Granularity of mappings in bytes: a power of two from 16 B to 1 GiB.
   * @defaultValue 4096
   */
  pageSize?: number;
  /** Receives `map` and `unmap` events; nothing is emitted while nobody listens. */
  hooks?: MemoryHooks;
}

/** Options of {@link TlsfAllocator} and {@link FirstFitAllocator}. */
export interface RawAllocatorOptions {
  /** Where regions and large blocks are mapped from ("the operating system"). */
  pages: PageProvider;
  /** Receives `allocate` and `free` events; nothing is emitted while nobody listens. */
  hooks?: MemoryHooks;
  /**
   * Bytes mapped at a time to carve small and medium blocks from: a multiple of the page
   * size, at most 1 GiB, and larger than `largeThreshold` by at least 32 bytes.
   * @defaultValue 1048576 (1 MiB)
   */
  regionSize?: number;
  /**
   * Requests of at least this many bytes get a mapping of their own, unmapped when freed.
   * @defaultValue 262144 (256 KiB)
   */
  largeThreshold?: number;
  /**
   * Entirely free regions kept mapped for reuse instead of being unmapped at once. 0 returns
   * every empty region to the page provider (freeing everything brings mapped bytes back to
   * where they were); 1 keeps one, as CPython 3.9+ keeps its last empty arena (bpo-37257),
   * which avoids mapping and zero-filling a region again when a program's live set repeatedly
   * drops to nothing.
   * `trim()` releases retained regions.
   * @defaultValue 0
   */
  retainEmptyRegions?: number;
}

/** Page provider options with every default filled in. */
export interface ResolvedPageProviderConfig {
  /** The heap. */
  heap: Heap;
  /** Page size in bytes. */
  pageSize: number;
  /** log2(pageSize). */
  pageShift: number;
  /** The hooks, or null. */
  hooks: MemoryHooks | null;
}

/** Allocator options with every default filled in. */
export interface ResolvedAllocatorConfig {
  /** The page provider. */
  pages: PageProvider;
  /** The hooks, or null. */
  hooks: MemoryHooks | null;
  /** Bytes per region. */
  regionSize: number;
  /** Size from which requests get their own mapping. */
  largeThreshold: number;
  /** Empty regions kept mapped. */
  retainEmptyRegions: number;
}

/**
 * Fills in and checks page provider options.
 * @throws ConfigurationError when `pageSize` is not a power of two from 16 B to 1 GiB, or `heap` is missing
 */
export function checkPageProviderConfig(options: PageProviderOptions): ResolvedPageProviderConfig {
  if (
    options === null ||
    typeof options !== "object" ||
    options.heap === undefined ||
    options.heap === null
  ) {
    throw new ConfigurationError("heap", "a Heap", options?.heap);
  }
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!isPowerOfTwo(pageSize) || pageSize < MIN_PAGE_SIZE || pageSize > MAX_PAGE_SIZE) {
    throw new ConfigurationError(
      "pageSize",
      `a power of two from ${MIN_PAGE_SIZE} to ${MAX_PAGE_SIZE}`,
      pageSize,
    );
  }
  return { heap: options.heap, pageSize, pageShift: 31 - Math.clz32(pageSize), hooks: options.hooks ?? null };
}

/**
 * Fills in and checks allocator options.
 * @throws ConfigurationError when `pages` is missing, `regionSize` is not a multiple of the page size
 *   up to 1 GiB, `largeThreshold` is not a positive integer leaving room for a block of that size in a
 *   region, or `retainEmptyRegions` is not a non-negative integer
 */
export function checkAllocatorConfig(options: RawAllocatorOptions): ResolvedAllocatorConfig {
  if (
    options === null ||
    typeof options !== "object" ||
    options.pages === undefined ||
    options.pages === null
  ) {
    throw new ConfigurationError("pages", "a PageProvider", options?.pages);
  }
  const pageSize = options.pages.pageSize;
  const regionSize = options.regionSize ?? Math.max(DEFAULT_REGION_SIZE, pageSize);
  if (
    !Number.isInteger(regionSize) ||
    regionSize <= 0 ||
    regionSize % pageSize !== 0 ||
    regionSize > MAX_REGION_SIZE
  ) {
    throw new ConfigurationError(
      "regionSize",
      `a positive multiple of the page size ${pageSize} up to ${MAX_REGION_SIZE}`,
      regionSize,
    );
  }
  const largeThreshold = options.largeThreshold ?? Math.min(DEFAULT_LARGE_THRESHOLD, regionSize - 32);
  if (!Number.isInteger(largeThreshold) || largeThreshold < 1 || largeThreshold + 32 > regionSize) {
    throw new ConfigurationError(
      "largeThreshold",
      `an integer from 1 to regionSize - 32 = ${regionSize - 32}`,
      largeThreshold,
    );
  }
  const retainEmptyRegions = options.retainEmptyRegions ?? DEFAULT_RETAIN_EMPTY_REGIONS;
  if (!Number.isInteger(retainEmptyRegions) || retainEmptyRegions < 0) {
    throw new ConfigurationError("retainEmptyRegions", "a non-negative integer", retainEmptyRegions);
  }
  return {
    pages: options.pages,
    hooks: options.hooks ?? null,
    regionSize,
    largeThreshold,
    retainEmptyRegions,
  };
}
