/**
 * Cycle collection behind one interface: CPython's generational collector, a
 * non-generational mark-and-sweep, or none.
 *
 * ```
 *  allocate container -> onAllocate(): count[0]++ ; count[0] > threshold[0] -> collect
 *  collect(g): generations 0..g  -> unreachable cycles found -> finalizers -> clear -> freed by refcounting
 * ```
 *
 * Python's `gc` module is a facade over this interface.
 *
 * @module
 */
import type { Address } from "./address";

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

/** A cycle collector over objects in one heap. */
export interface CycleCollector {
  /** Collector name ("generational", "mark-sweep", "none"). */
  readonly name: string;
  /** Number of generations (3 for CPython's collector, 1 for the others). */
  readonly generationCount: number;
  /** Starts tracking a container object (puts it in the youngest generation). */
  track(obj: Address): void;
  /** Stops tracking `obj` (no-op when it is not tracked). */
  untrack(obj: Address): void;
  /** Whether `obj` is tracked. */
  isTracked(obj: Address): boolean;
  /** Counts a container allocation; may run an automatic collection when enabled. */
  onAllocate(): void;
  /** Counts a container deallocation. */
  onDeallocate(): void;
  /**
   * Collects generation `generation` and all younger ones (default: the oldest).
   * @returns the number of unreachable objects found (collected + uncollectable)
   */
  collect(generation?: number): number;
  /** Enables automatic collection. */
  enable(): void;
  /** Disables automatic collection. */
  disable(): void;
  /** Whether automatic collection is enabled. */
  isEnabled(): boolean;
  /** Thresholds per generation. */
  getThreshold(): number[];
  /** Sets thresholds; omitted ones are left unchanged. */
  setThreshold(...thresholds: number[]): void;
  /** Current counts per generation. */
  getCount(): number[];
  /** Per-generation statistics. */
  getStats(): GenerationStats[];
  /** Tracked objects, of one generation or all. */
  getObjects(generation?: number): Address[];
  /** Moves every tracked object to the permanent generation, ignored by collections. */
  freeze(): void;
  /** Moves the permanent generation back into the oldest one. */
  unfreeze(): void;
  /** Objects in the permanent generation. */
  getFreezeCount(): number;
  /** Whether the collector ran `obj`'s finalizer. */
  isFinalized(obj: Address): boolean;
  /** Objects kept by the collector: uncollectable ones, or all unreachable ones under DEBUG_SAVEALL. Holds strong references. */
  readonly garbage: Address[];
  /** Callbacks run around every collection. */
  readonly callbacks: CollectionCallback[];
  /** Current debug flags. */
  getDebug(): number;
  /** Sets debug flags (DEBUG_*). */
  setDebug(flags: number): void;
}
