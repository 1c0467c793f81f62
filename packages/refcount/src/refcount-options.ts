/**
 * Constructor options shared by the reference-counting strategies, and the hook that
 * reports errors nobody can catch (Python's `sys.unraisablehook`).
 *
 * @module
 */
import type { CycleCollector, Heap, ObjectLayout, TypeRegistry, WeakrefSupport } from "@pymem/core";
import type { RefcountConfig } from "./config";

/**
 * Receives an error raised where it cannot propagate (a finalizer run by a deallocation),
 * with a Python-like description of where it happened, e.g. `<finalizer of Node object at 0x00011010>`.
 */
export type UnraisableHandler = (error: unknown, where: string) => void;

/** Prints `Exception ignored in: <where>` and the error to `console.error`, as CPython does on stderr. */
export const printUnraisable: UnraisableHandler = (error, where) => {
  console.error(`Exception ignored in: ${where}`);
  console.error(error);
};

/** What the collector is told by the strategy: one container was deallocated. */
export type DeallocationListener = Pick<CycleCollector, "onDeallocate">;

/** Options of {@link ImmediateRefcount} and {@link DeferredRefcount}. */
export interface RefcountOptions {
  /** The heap the objects live in. */
  heap: Heap;
  /** The object header layout. */
  layout: ObjectLayout;
  /** Maps the type ids in object headers to their `TypeInfo`. */
  types: TypeRegistry;
  /**
   * Weak references to clear (and whose callbacks to call) when a referent dies.
   * Can be attached later with `attachWeakrefs`.
   * @defaultValue null (objects are assumed to have no weak references)
   */
  weakrefs?: WeakrefSupport | null;
  /**
   * The cycle collector, told of every container deallocation (it lowers generation 0's count).
   * Can be attached later with `attachCollector`.
   * @defaultValue null
   */
  collector?: DeallocationListener | null;
  /**
   * Validate the header of every object passed to `noteAllocated` (its type id must be
   * registered). Both modes detect the rest of the misuse — incref/decref/refcount of an
   * address where no live object is (freed, never noted, interior), counts going below
   * zero — because both keep the liveness bitmap, and both need `noteAllocated` to be called
   * for every new object.
   * @defaultValue true
   */
  checked?: boolean;
  /**
   * Tunables (stack capacities, the deferred flush threshold).
   * @defaultValue {@link DEFAULT_REFCOUNT_CONFIG}
   */
  config?: Partial<RefcountConfig>;
  /**
   * Called with errors thrown by finalizers and by weak reference support during a
   * deallocation: they are reported, never thrown, as in CPython.
   * @defaultValue {@link printUnraisable}
   */
  onUnraisable?: UnraisableHandler;
}
