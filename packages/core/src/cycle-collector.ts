/**
 * Cycle collection behind one interface: CPython's generational collector, a
 * non-generational mark-and-sweep, or none.
 *
 * ```
 *  allocate container -> onAllocate(): count[0]++ ; count[0] > threshold[0] -> collect
 *  collect(g): generations 0..g  -> unreachable cycles found -> finalizers -> clear -> freed by refcounting
 * ```
 *
 * The interface is the mechanism only; the `gc` module's state (enabled, debug flags,
 * garbage, callbacks, statistics) is a {@link GcState} the collector holds, and Python's `gc`
 * module is a facade over both.
 *
 * ## The GC-list contract
 *
 * ```
 *  tracked container:  gc_next != 0, on exactly one of the collector's lists (GcList, in the heap)
 *
 *  who links    the collector only: track() appends to its youngest generation; its
 *               collections move nodes between its lists (generations, permanent, scratch)
 *  who unlinks  the collector: untrack(), and its collections (untrack rules, freed garbage)
 *               the refcount strategy: when a tracked container's count reaches zero it
 *               takes the node off whatever list it is on (GcList.untrack) before calling
 *               type.dealloc — without asking the collector
 *  deallocation onDeallocate() is called once per container whose memory goes back to the
 *               object domain (PyObject_GC_Del): by the runtime's object space (a container
 *               kept in a free list counts neither way), or, in a composition without one,
 *               by the refcount strategy given the collector with attachCollector
 * ```
 *
 * So a collector must keep every tracked object on a GcList list threaded through its GC
 * header — a list whose node can vanish between two calls, removed by someone else — and may
 * not keep tracked objects anywhere else (a side table, a JS array), nor rely on a count of
 * list members that such a removal would leave stale. It may keep flags in gc_prev's low bits
 * (FINALIZED survives the removal) and use scratch lists only inside `collect`.
 *
 * @module
 */
import type { Address } from "./address";
import type { GcState } from "./gc-state";

/** `gc.DEBUG_STATS`: print statistics during collection. */
export const DEBUG_STATS = 1;
/** `gc.DEBUG_COLLECTABLE`: print collectable objects found. */
export const DEBUG_COLLECTABLE = 2;
/** `gc.DEBUG_UNCOLLECTABLE`: print uncollectable objects found. */
export const DEBUG_UNCOLLECTABLE = 4;
/** `gc.DEBUG_SAVEALL`: append unreachable objects to `gc.garbage` instead of freeing them. */
export const DEBUG_SAVEALL = 32;
/** `gc.DEBUG_LEAK`: DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL. */
export const DEBUG_LEAK = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/** One generation's entry of `gc.get_stats()`. */
export interface GenerationStats {
  /** Collections of this generation. */
  collections: number;
  /** Objects found unreachable and freed by those collections. */
  collected: number;
  /** Objects found unreachable that could not be freed (`gc.garbage`). */
  uncollectable: number;
}

/** What a `gc.callbacks` entry receives (Python's `info` dict). */
export interface CollectionInfo {
  /** Oldest generation collected. */
  generation: number;
  /** Objects collected (0 in the "start" phase). */
  collected: number;
  /** Objects found uncollectable (0 in the "start" phase). */
  uncollectable: number;
}

/** A `gc.callbacks` entry: called with "start" before and "stop" after each collection. */
export type CollectionCallback = (phase: "start" | "stop", info: CollectionInfo) => void;

/**
 * A cycle collector over objects in one heap: the mechanism (tracking, allocation and
 * deallocation notices, collecting a generation, thresholds, counts). It keeps tracked
 * objects on GC lists under the contract in this module's comment, and reads and fills the
 * `gc` module's {@link GcState}.
 */
export interface CycleCollector {
  /** Collector name ("generational", "mark-sweep", "none"). */
  readonly name: string;
  /** Number of generations (3 for CPython's collector, 1 for the others). */
  readonly generationCount: number;
  /** The `gc` module's state this collector reads (enabled, debug) and fills (garbage, stats, callbacks). */
  readonly state: GcState;
  /** Starts tracking a container object (puts it in the youngest generation). */
  track(obj: Address): void;
  /** Stops tracking `obj` (no-op when it is not tracked). */
  untrack(obj: Address): void;
  /** Whether `obj` is tracked. */
  isTracked(obj: Address): boolean;
  /** Whether the object's finalizer has run (FINALIZED in its GC header; false for non-containers). */
  isFinalized(obj: Address): boolean;
  /** Counts a container allocation; may run an automatic collection when `state.enabled`. */
  onAllocate(): void;
  /** Counts a container deallocation (see the contract for who calls it). */
  onDeallocate(): void;
  /**
   * Collects generation `generation` and all younger ones (default: the oldest).
   * @returns the number of unreachable objects found (collected + uncollectable)
   */
  collect(generation?: number): number;
  /** Thresholds per generation. */
  getThreshold(): number[];
  /** Sets thresholds; omitted ones are left unchanged. */
  setThreshold(...thresholds: number[]): void;
  /** Current counts per generation. */
  getCount(): number[];
  /** Tracked objects, of one generation or all. */
  getObjects(generation?: number): Address[];
  /** Capability of a collector with a permanent generation: moves every tracked object there (`gc.freeze`). */
  freeze?(): void;
  /** Moves the permanent generation back into the oldest one (`gc.unfreeze`). */
  unfreeze?(): void;
  /** Objects in the permanent generation (`gc.get_freeze_count`). */
  getFreezeCount?(): number;
}
