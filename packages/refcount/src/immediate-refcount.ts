/**
 * CPython's reference counting: an object is deallocated the moment its count reaches
 * zero (Py_DECREF -> _Py_Dealloc), with the trashcan's job — no recursion on the C/JS
 * stack however deep the chain of objects being freed — done by one drain loop.
 *
 * ```
 *  decref(o)            count -= 1        (immortal: nothing)
 *    count > 0 ──────── return
 *    count == 0 ─────── no deallocation running? ── deallocate o now, then what o
 *                       │                            released, depth first (drain loop)
 *                       └── else: push o on pending, for the running drain loop
 *  incref(o)            count += 1        (immortal: nothing)
 * ```
 *
 * See {@link BaseRefcount} for the deallocation sequence, its order and what checked and
 * fast modes detect.
 *
 * @module
 */
import type { Address } from "@pymem/core";
import { BaseRefcount } from "./base-refcount";

/**
 * Immediate reference counting, as in CPython.
 * @example
 * ```ts
 * const rc = new ImmediateRefcount({ heap, layout: LAYOUT_64, types });
 * const obj = allocateObject(floatTypeId); // header: refcount 1
 * rc.noteAllocated(obj);
 * rc.incref(obj);
 * rc.refcount(obj); // 2
 * rc.decref(obj);
 * rc.decref(obj); // count 0: floatType.dealloc(obj, ...) has run
 * rc.deallocations; // 1
 * ```
 */
export class ImmediateRefcount extends BaseRefcount {
  /** "immediate". */
  readonly name = "immediate";
  /** The count is the object's first header word (`RefcountStrategy.countsInHeader`). */
  readonly countsInHeader = true;

  /**
   * Drops a strong reference; at zero the object is deallocated before this returns
   * (or, when called during a deallocation, right after the current one finishes).
   * @throws InvalidPointerError for NULL, or an address with no live object
   * @throws HeapCorruptionError ("refcount") when the count is already 0
   */
  decref(obj: Address): void {
    this.decrefNow(obj);
  }

  /**
   * Nothing is pending between calls, so this does nothing — except after a type's
   * `dealloc` threw, when it finishes the deallocations that were left queued.
   */
  flush(): void {
    if (this.pending.length > 0) this.drain();
  }
}
