/**
 * Memory for objects of one type (CPython's per-type allocation paths: PyObject_New,
 * PyObject_GC_New, and the free lists of floatobject.c, tupleobject.c, listobject.c ...).
 *
 * ```
 *  allocate(n) --free list non-empty?--> pop a cached object          (hit)
 *              --else--> domain.malloc(gcHeader + basicSize + n*itemSize)  (miss)
 *  release(obj) --list below its limit?--> push onto the free list
 *               --else--> domain.free(obj - gcHeader)
 * ```
 *
 * @module
 */
import type { Address } from "./address";

/** Free-list figures of an object allocator. */
export interface ObjectAllocatorStats {
  /** Allocator name, e.g. "float" or "tuple[3]". */
  name: string;
  /** Objects on the free list now (summed over lists for per-length allocators). */
  freeListLength: number;
  /** Most objects the free list keeps (0 = no free list). */
  freeListLimit: number;
  /** Allocations served from the free list. */
  hits: number;
  /** Allocations that went to the underlying domain. */
  misses: number;
  /** Objects currently handed out and not released. */
  live: number;
}

/** Allocates and releases the memory of objects of one type. */
export interface ObjectAllocator {
  /** Name for stats. */
  readonly name: string;
  /**
   * Returns memory for an object with `itemCount` items (0 for fixed-size types): the
   * object address, after the GC header for containers. The header is initialised
   * (refcount 1, type id, ob_size = itemCount for variable-size types) and the GC header zeroed
   * (untracked); the rest of the object is zeroed.
   * @throws MemoryError when memory is exhausted
   */
  allocate(itemCount?: number): Address;
  /** Takes back the memory of a dead object (which must not be tracked). */
  release(obj: Address): void;
  /** Current figures. */
  stats(): ObjectAllocatorStats;
  /** Returns every cached object to the underlying domain (CPython's `_PyXxx_ClearFreeList`). */
  clearFreeList(): void;
}
