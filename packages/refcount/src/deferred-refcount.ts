/**
 * Deferred deallocation: a decrement that reaches zero only records the object in a
 * zero-count table (ZCT, after Deutsch & Bobrow's deferred reference counting); the table
 * is drained at safe points — {@link DeferredRefcount.flush}, or automatically when it
 * would hold more than `config.queueLimit` objects. An object incref'd again before the
 * flush is not freed. The mutator never runs a finalizer, a weakref callback or a
 * deallocation in the middle of a decref unless the table overflows.
 *
 * ```
 *  decref(o): count 1 -> 0 ──> queued bit set, o appended to the ZCT
 *
 *  ZCT (Uint32Array, in the order counts reached zero)
 *  +----+----+----+----+-----------+
 *  | o1 | o2 | o3 | o4 |   free    |        o2 incref'd since: count 1, skipped
 *  +----+----+----+----+-----------+
 *
 *  flush(): for each entry, oldest first (entries added meanwhile are taken too):
 *     count still 0 ─> deallocate it and everything it releases, depth first
 *     count > 0     ─> rescued: just drop the entry
 * ```
 *
 * Counts themselves are exact at all times (`refcount()` of a queued object is 0), so
 * `sys.getrefcount`-style observations are the same as with {@link ImmediateRefcount};
 * only the moment of deallocation moves. A flushed object is deallocated by the shared
 * sequence of {@link BaseRefcount}: what it releases — through its type's dealloc, its
 * finalizer or weakref callbacks — is deallocated within the same flush in the same order
 * as with the immediate strategy (inside a flush, a decrement reaching zero is handled at
 * once, as there).
 *
 * Invariant: an object is in the ZCT iff its count reached 0 through a decref made outside
 * a flush and no flush has taken it since; it is deallocated at a flush iff its count is
 * still 0 then.
 *
 * @module
 */
import type { Address } from "@pymem/core";
import { AddressStack } from "./address-stack";
import { AT_ZERO, BaseRefcount } from "./base-refcount";
import type { RefcountOptions } from "./refcount-options";

/**
 * Reference counting with deallocation deferred to safe points.
 * @example
 * ```ts
 * const rc = new DeferredRefcount({ heap, layout: LAYOUT_64, types, config: { queueLimit: 10_000 } });
 * rc.noteAllocated(obj);
 * rc.decref(obj);     // count 0, queued: not freed yet
 * rc.queuedCount;     // 1
 * rc.flush();         // deallocated here
 * rc.deallocations;   // 1
 * ```
 */
export class DeferredRefcount extends BaseRefcount {
  /** "deferred". */
  readonly name = "deferred";
  private readonly zct: AddressStack;
  private flushing = false;
  private flushCount = 0;

  constructor(options: RefcountOptions) {
    super(options);
    this.zct = new AddressStack(Math.min(this.config.queueLimit + 1, 1 << 16));
  }

  /** Objects in the zero-count table (some may have been rescued by an incref since). */
  get queuedCount(): number {
    return this.zct.length;
  }

  /** Flushes run so far (explicit and automatic). */
  get flushes(): number {
    return this.flushCount;
  }

  /**
   * Drops a strong reference; at zero the object is queued, and deallocated at the next
   * flush unless it is incref'd before. Triggers a flush when the table would exceed
   * `config.queueLimit` entries (not while a flush or deallocation is running).
   * @throws InvalidPointerError for NULL, or an address with no live object
   * @throws HeapCorruptionError ("refcount") when the count is already 0
   */
  decref(obj: Address): void {
    if (this.decrement(obj) === null) return;
    if (this.draining) {
      // Inside a flush (a finalizer or callback): deallocate as the immediate strategy does.
      this.pending.push(obj + AT_ZERO);
      return;
    }
    const zct = this.zct;
    zct.push(obj);
    if (zct.length > this.config.queueLimit && !this.flushing && !this.draining) this.flush();
  }

  /**
   * The safe point: deallocates every queued object whose count is still 0, oldest first,
   * each with everything it releases, including objects queued by finalizers and callbacks
   * meanwhile. Does nothing when called from inside a flush or a deallocation (the running
   * one finishes the work).
   */
  flush(): void {
    if (this.flushing || this.draining) return;
    this.flushing = true;
    this.flushCount++;
    const zct = this.zct;
    let handled = 0;
    try {
      if (this.pending.length > 0) this.drain(); // left over by a dealloc that threw
      while (handled < zct.length) {
        const obj = zct.at(handled++);
        if (this.heap.u32[obj >>> 2] !== 0) {
          this.states.clearQueued(obj); // rescued by an incref since it reached zero
          continue;
        }
        this.deallocate(obj, this.typeAt(obj)); // keeps its queued bit until its deallocation
      }
      zct.clear();
    } finally {
      // A deallocation threw: keep the entries not handled yet for the next flush.
      if (zct.length > 0) this.compact(handled);
      this.flushing = false;
    }
  }

  /** Drops the first `handled` entries of the table, keeping the rest in order. */
  private compact(handled: number): void {
    const zct = this.zct;
    const rest: number[] = [];
    for (let k = handled; k < zct.length; k++) rest.push(zct.at(k));
    zct.clear();
    for (const obj of rest) zct.push(obj);
  }
}
