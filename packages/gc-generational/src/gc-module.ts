/**
 * Python's `gc` module over any {@link CycleCollector}, with Python's names, argument rules
 * and return shapes (tuples as arrays, dicts as plain objects, objects as addresses).
 *
 * ```
 *  gc.collect(generation=2)  -> collector.collect(generation)         n + m  (collectors with one
 *                               generation treat 0, 1 and 2 as it, and report the number asked)
 *  gc.get_referrers(*objs)   -> traverse every tracked object, keep those visiting any of objs
 *  gc.get_referents(*objs)   -> traverse each container among objs, collect what it visits
 *                               (both with the collectors' shared visit callback)
 *  gc.garbage / gc.callbacks -> collector.state's arrays (mutations are seen by the collector)
 *  enable, set_debug, get_stats ...  -> collector.state (the gc module's state)
 *  freeze / unfreeze           -> the collector's permanent generation, when it has one
 * ```
 *
 * @module
 */
import {
  type Address,
  type CollectionCallback,
  type CycleCollector,
  DEBUG_COLLECTABLE,
  DEBUG_LEAK,
  DEBUG_SAVEALL,
  DEBUG_STATS,
  DEBUG_UNCOLLECTABLE,
  type GenerationStats,
  type Heap,
  InvalidPointerError,
  type ObjectLayout,
  SizeError,
  type TypeRegistry,
} from "@pymem/core";
import { CollectorVisitor } from "./collector-visitor";
import { NUM_GENERATIONS } from "./config";
import { TypeTable } from "./type-table";

/** What {@link GcModule} needs besides the collector, for get_referrers / get_referents. */
export interface GcModuleOptions {
  /** The collector to expose. */
  collector: CycleCollector;
  /** The heap the objects live in. */
  heap: Heap;
  /** Object header layout (where the type id is). */
  layout: ObjectLayout;
  /** Types of the objects (their traverse functions). */
  types: TypeRegistry;
}

/**
 * The `gc` module: a thin facade with Python's names over a cycle collector.
 * @example
 * ```ts
 * const gc = new GcModule({ collector, heap, layout: LAYOUT_64, types });
 * gc.collect();            // number of unreachable objects found
 * gc.get_threshold();      // [700, 10, 10]
 * gc.set_debug(gc.DEBUG_STATS);
 * ```
 */
export class GcModule {
  /** `gc.DEBUG_STATS`. */
  readonly DEBUG_STATS = DEBUG_STATS;
  /** `gc.DEBUG_COLLECTABLE`. */
  readonly DEBUG_COLLECTABLE = DEBUG_COLLECTABLE;
  /** `gc.DEBUG_UNCOLLECTABLE`. */
  readonly DEBUG_UNCOLLECTABLE = DEBUG_UNCOLLECTABLE;
  /** `gc.DEBUG_SAVEALL`. */
  readonly DEBUG_SAVEALL = DEBUG_SAVEALL;
  /** `gc.DEBUG_LEAK`. */
  readonly DEBUG_LEAK = DEBUG_LEAK;
  /** The collector behind the module. */
  readonly collector: CycleCollector;
  private readonly heap: Heap;
  private readonly types: TypeRegistry;
  private readonly typeWord: number;
  private readonly headerSize: number;
  /** The collectors' shared visit callback (so that types' traverse call sites see one function). */
  private readonly visitor: CollectorVisitor;

  constructor(options: GcModuleOptions) {
    this.collector = options.collector;
    this.heap = options.heap;
    this.types = options.types;
    this.typeWord = options.layout.typeOffset >>> 2;
    this.headerSize = options.layout.headerSize;
    this.visitor = new CollectorVisitor(options.heap, options.layout, new TypeTable(options.types, {}));
  }

  /** `gc.garbage`: uncollectable objects (or all unreachable ones under DEBUG_SAVEALL). */
  get garbage(): Address[] {
    return this.collector.state.garbage;
  }

  /** `gc.callbacks`: functions called with ("start" | "stop", info) around collections. */
  get callbacks(): CollectionCallback[] {
    return this.collector.state.callbacks;
  }

  /** Enables automatic collection. */
  enable(): void {
    this.collector.state.enabled = true;
  }

  /** Disables automatic collection. */
  disable(): void {
    this.collector.state.enabled = false;
  }

  /** Whether automatic collection is enabled. */
  isenabled(): boolean {
    return this.collector.state.enabled;
  }

  /**
   * Runs a collection of `generation` (0, 1 or 2) and the younger ones; the collectors of
   * this package with fewer generations run their only one.
   * @returns the number of unreachable objects found (collected + uncollectable)
   * @throws SizeError "invalid generation" outside 0..2
   */
  collect(generation = NUM_GENERATIONS - 1): number {
    if (!(Number.isInteger(generation) && generation >= 0 && generation < NUM_GENERATIONS)) {
      throw new SizeError(generation, "generation", `an integer from 0 to ${NUM_GENERATIONS - 1}`);
    }
    return this.collector.collect(generation);
  }

  /** Collection thresholds, one per generation. */
  get_threshold(): number[] {
    return this.collector.getThreshold();
  }

  /**
   * Sets thresholds (`set_threshold(threshold0, [threshold1, threshold2])`); threshold0 = 0
   * disables automatic collection.
   */
  set_threshold(threshold0: number, ...rest: number[]): void {
    this.collector.setThreshold(threshold0, ...rest);
  }

  /** Current collection counts, one per generation. */
  get_count(): number[] {
    return this.collector.getCount();
  }

  /**
   * Tracked objects, of one generation or of all (the permanent generation excluded).
   * @throws SizeError for a generation outside 0..2
   */
  get_objects(generation?: number | null): Address[] {
    return this.collector.getObjects(generation ?? undefined);
  }

  /** Per-generation statistics: `[{ collections, collected, uncollectable }, ...]`. */
  get_stats(): GenerationStats[] {
    return this.collector.state.getStats();
  }

  /**
   * Tracked objects that refer directly to any of `objs` (found by traversing every tracked
   * object of every generation; frozen objects are not searched, as in CPython).
   */
  get_referrers(...objs: Address[]): Address[] {
    const wanted = new Set(objs);
    const result: Address[] = [];
    const visitor = this.visitor;
    for (const obj of this.collector.getObjects()) {
      const n = visitor.gather(this.typeOf(obj), obj);
      const buf = visitor.buffer;
      for (let q = 0; q < n; q++) {
        if (wanted.has(buf[q]!)) {
          result.push(obj);
          break;
        }
      }
    }
    visitor.release();
    return result;
  }

  /**
   * Objects directly referred to by the containers among `objs` (in traversal order; atomic
   * objects contribute nothing).
   * @throws InvalidPointerError for an address that holds no object
   */
  get_referents(...objs: Address[]): Address[] {
    const result: Address[] = [];
    const visitor = this.visitor;
    for (const obj of objs) {
      const type = this.typeOf(obj);
      if (!type.isContainer) continue;
      const n = visitor.gather(type, obj);
      const buf = visitor.buffer;
      for (let q = 0; q < n; q++) result.push(buf[q]!);
    }
    visitor.release();
    return result;
  }

  /** Whether `obj` is tracked (false for atomic objects). */
  is_tracked(obj: Address): boolean {
    return this.collector.isTracked(obj);
  }

  /** Whether the collector already ran `obj`'s finalizer. */
  is_finalized(obj: Address): boolean {
    return this.collector.isFinalized(obj);
  }

  /** Moves every tracked object to the permanent generation. */
  freeze(): void {
    this.collector.freeze?.();
  }

  /** Moves the permanent generation back into the oldest generation. */
  unfreeze(): void {
    this.collector.unfreeze?.();
  }

  /** Number of objects in the permanent generation. */
  get_freeze_count(): number {
    return this.collector.getFreezeCount?.() ?? 0;
  }

  /** Sets the DEBUG_* flags. */
  set_debug(flags: number): void {
    this.collector.state.setDebug(flags);
  }

  /** Current DEBUG_* flags. */
  get_debug(): number {
    return this.collector.state.debug;
  }

  private typeOf(obj: Address) {
    if (
      !(Number.isInteger(obj) && obj > 0 && obj % 4 === 0 && obj + this.headerSize <= this.heap.byteLength)
    ) {
      throw new InvalidPointerError(obj, "an object address inside the heap");
    }
    const id = this.heap.u32[(obj >>> 2) + this.typeWord]!;
    const type = this.types.find(id);
    if (type === undefined) throw new InvalidPointerError(obj, `an object (type id ${id} is not registered)`);
    return type;
  }
}
