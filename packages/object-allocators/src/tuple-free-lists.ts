/**
 * CPython 3.11's tuple allocator: per-length free lists for lengths 1..20 with up to 2,000
 * tuples each (PyTuple_MAXSAVESIZE, PyTuple_MAXFREELIST in Include/internal/pycore_tuple.h),
 * and one empty tuple shared by every `()`.
 *
 * ```
 *  allocate(0)  -> emptyTuple (the singleton; incref, which leaves an immortal alone)
 *  allocate(n)  -> 1 <= n <= 19: pop free list n, else domain     (SizedFreeListAllocator)
 *  release(t)   -> 1 <= n <= 20: push onto free list n (room permitting), else domain
 *                  (20-tuples are filed but never popped, as in CPython 3.11: gh-121439;
 *                   `reuseLongest: true` pops them too, as 3.12 and 3.13 do)
 *  release(())  -> InvalidPointerError: the singleton is never deallocated
 *
 *  the empty tuple (64-bit layout), made at construction and immortal:
 *   -16 gc_next 0 | gc_prev 0      untracked, as CPython's static `tuple_empty`
 *    +0 ob_refcnt  immortal
 *    +8 ob_type    tuple type id
 *   +16 ob_size    0                         (24-byte object, 40-byte block)
 * ```
 *
 * CPython 3.11 allocates the empty tuple statically (`_Py_SINGLETON(tuple_empty)`); here it
 * is one block of the domain, taken when the allocator is built and made immortal through
 * the refcount strategy, so it is counted in the domain's baseline.
 *
 * @module
 */
import { type Address, InvalidPointerError, type RefcountStrategy } from "@pymem/core";
import { SizedFreeListAllocator, type SizedFreeListAllocatorOptions } from "./sized-free-list-allocator";

/** Options of {@link TupleFreeLists}. */
export interface TupleFreeListsOptions
  extends Omit<SizedFreeListAllocatorOptions, "statsLabel" | "reuseLongest"> {
  /**
   * Whether dead tuples of the longest cached length (20) are handed out again. CPython 3.11
   * files them on their free list but never reuses them (gh-121439); 3.12 and 3.13 do.
   * @defaultValue false (CPython 3.11)
   */
  reuseLongest?: boolean;
  /** Makes the empty tuple immortal and counts the references `allocate(0)` hands out. */
  refcount: RefcountStrategy;
}

/**
 * Tuples: free lists keyed by length and the empty-tuple singleton.
 * @example
 * ```ts
 * const tuples = new TupleFreeLists({ domain: pymalloc, types, typeId: tupleId, refcount });
 * tuples.allocate(0) === tuples.emptyTuple; // true, every time
 * const pair = tuples.allocate(2);
 * tuples.release(pair);
 * tuples.allocate(2) === pair;              // true: the 2-tuple list handed it back
 * ```
 */
export class TupleFreeLists extends SizedFreeListAllocator {
  /** The empty tuple, `()`: immortal, untracked, never released. */
  readonly emptyTuple: Address;
  private readonly refcount: RefcountStrategy;

  constructor(options: TupleFreeListsOptions) {
    super({
      ...options,
      reuseLongest: options.reuseLongest ?? false,
      statsLabel: (n) => `free ${n}-sized PyTupleObject`,
    });
    this.refcount = options.refcount;
    const empty = this.memory.fresh(0);
    // A new object like any other: the strategy records it before it is made immortal.
    this.refcount.noteAllocated?.(empty);
    this.refcount.makeImmortal(empty);
    this.emptyTuple = empty;
  }

  /**
   * A tuple of `itemCount` items: the empty-tuple singleton for 0 (a new reference to it,
   * not counted as live), else as {@link SizedFreeListAllocator.allocate}.
   */
  override allocate(itemCount = 0): Address {
    if (itemCount === 0) {
      this.refcount.incref(this.emptyTuple);
      return this.emptyTuple;
    }
    return super.allocate(itemCount);
  }

  /**
   * Takes back a dead tuple.
   * @throws InvalidPointerError for the empty tuple, which is never deallocated (CPython
   * raises a fatal refcount error), and as {@link SizedFreeListAllocator.release}
   */
  override release(obj: Address): void {
    if (obj === this.emptyTuple) {
      throw new InvalidPointerError(
        obj,
        "a tuple other than the empty-tuple singleton, which is never deallocated",
      );
    }
    super.release(obj);
  }
}
