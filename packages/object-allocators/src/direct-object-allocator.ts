/**
 * The `direct` object allocator: no caching at all. Every allocation is a call to the
 * domain, every release a free — what CPython does for types without a free list
 * (`PyObject_New` / `PyObject_GC_New` and `tp_free`), and what a build without free lists
 * does for every type.
 *
 * ```
 *  allocate(n) -> domain.malloc(gcHeader + objectBytes(n)) -> format -> obj   (a miss, always)
 *  release(obj) -> checks -> domain.free(obj - gcHeader)
 * ```
 *
 * The layout of each object is the one {@link ObjectMemory} describes. Comparing a
 * workload under this allocator and under {@link FreeListAllocator} shows what free lists
 * buy.
 *
 * @module
 */
import type { Address, ObjectAllocator, ObjectAllocatorStats } from "@pymem/core";
import type { FreeListStatsLine, FreeListStatsSource } from "./free-list-stats";
import { type ObjectAllocatorOptions, ObjectMemory } from "./object-memory";

/**
 * Allocates every object of one type straight from its domain.
 * @example
 * ```ts
 * const floats = new DirectObjectAllocator({ domain: pymalloc, types, typeId: floatId });
 * const x = floats.allocate(); // a fresh float: refcount 1, type id set, payload zeroed
 * floats.release(x);           // straight back to pymalloc
 * ```
 */
export class DirectObjectAllocator implements ObjectAllocator, FreeListStatsSource {
  /** Name for stats. */
  readonly name: string;
  /** Object layout and checks. */
  readonly memory: ObjectMemory;
  private allocations = 0;
  private live = 0;

  constructor(options: ObjectAllocatorOptions) {
    this.memory = new ObjectMemory(options);
    this.name = this.memory.name;
  }

  /**
   * Memory for a fresh object with `itemCount` items, straight from the domain.
   * @throws SizeError for a bad item count (non-zero for fixed-size types)
   * @throws MemoryError when the domain is exhausted; nothing changes
   */
  allocate(itemCount = 0): Address {
    const memory = this.memory;
    memory.checkItemCount(itemCount);
    const obj = memory.fresh(itemCount);
    this.allocations++;
    this.live++;
    return obj;
  }

  /**
   * Frees the memory of a dead object.
   * @throws InvalidPointerError for NULL, foreign, interior or wrongly typed addresses, or a tracked object
   * @throws DoubleFreeError when the domain detects the block is already free
   */
  release(obj: Address): void {
    const memory = this.memory;
    memory.checkHeader(obj, memory.checkAddress(obj));
    memory.freeBlock(obj);
    this.live--;
  }

  /** Figures: never any hit, every allocation a miss. */
  stats(): ObjectAllocatorStats {
    return {
      name: this.name,
      freeListLength: 0,
      freeListLimit: 0,
      hits: 0,
      misses: this.allocations,
      live: this.live,
    };
  }

  /** Nothing is cached: does nothing. */
  clearFreeList(): void {}

  /** No free list, so no lines in `sys._debugmallocstats()`. */
  freeListStats(): FreeListStatsLine[] {
    return [];
  }
}
