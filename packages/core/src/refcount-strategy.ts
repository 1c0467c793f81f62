/**
 * Reference counting behind one interface, so that the immediate CPython scheme and
 * alternatives (deferred decrements drained at safe points, ...) can be swapped.
 *
 * ```
 *  incref(o): refcnt += 1            (immortal: unchanged)
 *  decref(o): refcnt -= 1; at 0 -> deallocate o:
 *      finalizer (once, PEP 442) -> resurrected? stop
 *      weakrefs cleared, callbacks called
 *      untracked from the cycle collector
 *      type.dealloc(o, decref)  -- referents that reach 0 are queued, never recursed into
 * ```
 *
 * @module
 */
import type { Address } from "./address";
import type { CycleCollector } from "./cycle-collector";
import type { Decref } from "./type-info";
import type { WeakrefSupport } from "./weakref-support";

/** Reference counting of objects in one heap. */
export interface RefcountStrategy {
  /** Strategy name ("immediate", "deferred", ...). */
  readonly name: string;
  /**
   * Whether the strategy runs its full misuse checks (counts below zero, type ids of new
   * objects) and raises them as typed errors. A strategy's fast mode may check less, but it
   * must never write into memory its allocator has taken back.
   */
  readonly checked: boolean;
  /**
   * True when an object's reference count is the first word of its header, exactly as
   * {@link RefcountStrategy.refcount} reports it for a live, mortal object (0 while the object is
   * queued for deallocation, `IMMORTAL_REFCOUNT` or more for immortals). A collector may then
   * read the counts of the objects it tracks straight from the heap in fast mode, instead of
   * calling `refcount` per object. Strategies that keep counts elsewhere leave it out.
   */
  readonly countsInHeader?: boolean;
  /** Adds a strong reference to `obj`. */
  incref(obj: Address): void;
  /**
   * Drops a strong reference to `obj`; deallocates it when none remain (now, or at the next
   * {@link RefcountStrategy.flush}). Implementations bind it, so it can be passed as a {@link Decref}.
   */
  decref(obj: Address): void;
  /** Current reference count of `obj` (immortals report their fixed count). */
  refcount(obj: Address): number;
  /** Makes `obj` immortal: its count never changes again and it is never freed. */
  makeImmortal(obj: Address): void;
  /** Whether `obj` is immortal. */
  isImmortal(obj: Address): boolean;
  /** Runs pending deallocations (a safe point). Strategies that free immediately do nothing. */
  flush(): void;
  /** Deallocations done so far. */
  readonly deallocations: number;
  /**
   * Tells the strategy that `obj` was just allocated and is live, so misuse of freed objects
   * can be detected. The object allocation path calls it whenever the strategy has it, in every
   * mode: strategies that track liveness need it in fast mode too.
   */
  noteAllocated?(obj: Address): void;
  /** Connects the cycle collector told about container deallocations (wired after construction). */
  attachCollector?(collector: Pick<CycleCollector, "onDeallocate"> | null): void;
  /** Connects the weak-reference support used when objects die (wired after construction). */
  attachWeakrefs?(weakrefs: WeakrefSupport | null): void;
}
