/**
 * What every collector of this package shares: tracking lists in the heap (core's GcList,
 * under the contract written on `CycleCollector`), the permanent generation (freeze),
 * argument checks, and the frame around one collection (CPython's gc_collect_with_callback:
 * callbacks, hooks, DEBUG_STATS lines, stats). The `gc` module's state — enabled, debug flags,
 * garbage, callbacks, per-generation stats — is the {@link GcState} in `state` (given in the
 * options, or the collector's own); the methods of that name here read and write it.
 *
 * ```
 *  heads in the heap (one 2-word GC header each):
 *
 *   generations[0] <-> o <-> o <-> o        track() appends to trackHead (generation 0)
 *   generations[1] <-> o <-> o
 *   generations[g] ...
 *   permanent      <-> o <-> o              freeze() moves every generation here
 *   unreachable, finalizers, wrcb, seen, still, reachable: scratch lists of a collection
 *
 *  collect(g):  "start" callbacks -> collectionStart hook -> refcount.flush()
 *               -> [DEBUG_STATS lines] -> collectMain(g) (subclass)
 *               -> stats[g] += (1, collected, uncollectable)
 *               -> "stop" callbacks -> collectionStop hook          returns collected + uncollectable
 * ```
 *
 * State invariants: `collecting` is true iff a collection is running (collections never
 * nest: a nested request returns 0); between collections every scratch list is empty and
 * no node carries COLLECTING or UNREACHABLE. If a collection is interrupted by an error
 * (heap corruption detected, or a refcount strategy that throws), every list is rebuilt
 * from its gc_next chain and scratch lists join the oldest generation before the error
 * propagates, so the invariants hold again.
 *
 * @module
 */
import {
  type Address,
  type CollectionCallback,
  ConfigurationError,
  type CycleCollector,
  DEBUG_STATS,
  FINALIZED_BIT,
  GcList,
  GcState,
  type GenerationStats,
  type Heap,
  InvalidPointerError,
  type MemoryHooks,
  type ObjectLayout,
  type RefcountStrategy,
  SizeError,
  type TypeRegistry,
  type WeakrefSupport,
} from "@pymem/core";
import {
  allocateListHead,
  type BaseCollectorOptions,
  defaultLog,
  type UnraisableHandler,
  validateBaseOptions,
  validateUntrackRules,
} from "./collector-options";
import { CollectorVisitor } from "./collector-visitor";
import { DEFAULT_TABLE_THRESHOLD, NUM_GENERATIONS, validateThreshold } from "./config";
import { GarbagePipeline, type PipelineHeads } from "./garbage-pipeline";
import { Reachability } from "./reachability";
import { T_CONTAINER, T_REGISTERED, TypeTable } from "./type-table";

/** A monotonic clock in seconds. */
function nowSeconds(): number {
  return performance.now() / 1000;
}

/**
 * Base class of the collectors: everything except how unreachable objects are found and
 * when collections start.
 * @example
 * A one-generation collector using CPython's reference-count subtraction (the full version
 * is in docs/write-your-own-strategy.md):
 * ```ts
 * class OneGenerationCollector extends CollectorBase {
 *   readonly name = "one-generation";
 *   constructor(options: BaseCollectorOptions) {
 *     super(options, 1, [700]);
 *   }
 *   onAllocate(): void {
 *     if (++this.counts[0]! > this.thresholds[0]! && this.enabled && !this.collecting) {
 *       this.collecting = true;
 *       try {
 *         this.collectWithCallbacks(0);
 *       } finally {
 *         this.collecting = false;
 *       }
 *     }
 *   }
 *   protected collectMain(generation: number, t1: number): void {
 *     this.counts[0] = 0;
 *     this.lists.init(this.unreachableHead);
 *     this.reachability.deduceUnreachable(this.generationHeads[0]!, this.unreachableHead);
 *     this.processUnreachable(this.unreachableHead, this.generationHeads[0]!, generation, t1);
 *   }
 * }
 * ```
 */
export abstract class CollectorBase implements CycleCollector {
  /** Collector name. */
  abstract readonly name: string;
  /** Number of generations (the permanent generation is not counted). */
  readonly generationCount: number;
  /** The `gc` module's state: enabled, debug flags, garbage, callbacks, stats. */
  readonly state: GcState;
  /** The heap. */
  readonly heap: Heap;
  /** The object layout. */
  readonly layout: ObjectLayout;
  /** The type registry. */
  readonly types: TypeRegistry;
  /** The reference counting strategy. */
  readonly refcount: RefcountStrategy;
  /** Weak reference support, when given. */
  readonly weakrefs: WeakrefSupport | undefined;

  /** Memory event hooks (collectionStart / collectionStop), when given. */
  protected readonly hooks: MemoryHooks | undefined;
  /** Where DEBUG_* lines go. */
  protected readonly log: (line: string) => void;
  /** Where errors of user code run by a collection go. */
  protected readonly unraisable: UnraisableHandler;
  /** List operations over the GC headers. */
  protected readonly lists: GcList;
  /** Type flags and TypeInfo by type id. */
  protected readonly table: TypeTable;
  /** The shared visit callback handed to every traverse. */
  protected readonly visitor: CollectorVisitor;
  /** update_refs / subtract_refs / move_unreachable. */
  protected readonly reachability: Reachability;
  /** Finalizers, weakrefs, resurrection and clearing of the unreachable set. */
  protected readonly pipeline: GarbagePipeline;
  /** List heads of the generations, youngest first. */
  protected readonly generationHeads: Address[];
  /** Head of the permanent generation (frozen objects). */
  protected readonly permanentHead: Address;
  /** Scratch head for the unreachable set. */
  protected readonly unreachableHead: Address;
  /** Scratch head for the marked set (mark-and-sweep). */
  protected readonly reachableHead: Address;
  /** Where track() puts objects (generation 0). */
  protected readonly trackHead: Address;
  /** Counts per generation (CPython's generations[i].count). */
  protected readonly counts: Int32Array;
  /** Thresholds per generation. */
  protected readonly thresholds: Int32Array;
  /**
   * Whether the unreachable set is rechecked by refcount subtraction after finalizers even
   * when no user code ran (needed when it was not found by refcount subtraction).
   */
  protected recheckUnreachable = false;
  /** Whether a collection is running (the reentrancy guard). */
  protected collecting = false;
  /** Objects collected by the collection that just ran. */
  protected lastCollected = 0;
  /** Objects found uncollectable by the collection that just ran. */
  protected lastUncollectable = 0;
  private lastSize = 0;
  private largestSize = 0;
  private examinedTotal = 0;
  /** Bytes between a node and its object. */
  protected readonly hdr: number;
  /** Word index distance from gc_next to gc_prev. */
  protected readonly pi: number;
  /** Word index of ob_type inside an object. */
  protected readonly tw: number;
  private readonly clearFreeLists: (() => void) | undefined;
  private readonly scratchHeads: Address[];

  protected constructor(
    options: BaseCollectorOptions,
    generationCount: number,
    thresholds: readonly number[],
  ) {
    validateBaseOptions(options);
    const untrackRules = options.maybeUntrack ?? {};
    validateUntrackRules(untrackRules);
    this.generationCount = generationCount;
    this.state = options.state ?? new GcState(generationCount);
    if (this.state.stats.length !== generationCount) {
      throw new ConfigurationError(
        "state",
        `a GcState of ${generationCount} generation(s)`,
        `${this.state.stats.length} generation(s)`,
      );
    }
    this.heap = options.heap;
    this.layout = options.layout;
    this.types = options.types;
    this.refcount = options.refcount;
    this.weakrefs = options.weakrefs;
    this.hooks = options.hooks;
    this.log = options.log ?? defaultLog;
    this.unraisable =
      options.onUnraisable ??
      ((error: unknown, where: string) => {
        this.log(`Exception ignored in: ${where}`);
        this.log(error instanceof Error ? (error.stack ?? String(error)) : String(error));
      });
    this.clearFreeLists = options.clearFreeLists;
    this.hdr = options.layout.gcHeaderSize;
    this.pi = options.layout.wordSize >>> 2;
    this.tw = options.layout.typeOffset >>> 2;
    this.lists = new GcList(this.heap, this.layout);
    this.table = new TypeTable(this.types, untrackRules);
    this.visitor = new CollectorVisitor(this.heap, this.layout, this.table);
    this.reachability = new Reachability(
      this.heap,
      this.layout,
      this.table,
      this.refcount,
      this.visitor,
      options.gcRefsTableThreshold ?? DEFAULT_TABLE_THRESHOLD,
    );

    const head = (): Address => {
      const h = allocateListHead(options.allocateListHead, this.heap, this.layout);
      this.lists.init(h);
      return h;
    };
    this.generationHeads = [];
    for (let i = 0; i < generationCount; i++) this.generationHeads.push(head());
    this.permanentHead = head();
    this.unreachableHead = head();
    this.reachableHead = head();
    const pipelineHeads: PipelineHeads = { finalizers: head(), wrcb: head(), seen: head(), still: head() };
    this.scratchHeads = [
      this.unreachableHead,
      this.reachableHead,
      pipelineHeads.finalizers,
      pipelineHeads.wrcb,
      pipelineHeads.seen,
      pipelineHeads.still,
    ];
    this.trackHead = this.generationHeads[0]!;

    const weakrefs = options.weakrefs;
    const isWeakref =
      options.isWeakref ??
      (weakrefs !== undefined && typeof (weakrefs as { isWeakref?: unknown }).isWeakref === "function"
        ? (obj: Address) => (weakrefs as unknown as { isWeakref(o: Address): boolean }).isWeakref(obj)
        : undefined);
    this.pipeline = new GarbagePipeline({
      heap: this.heap,
      layout: this.layout,
      lists: this.lists,
      table: this.table,
      reachability: this.reachability,
      visitor: this.visitor,
      refcount: this.refcount,
      weakrefs,
      isWeakref,
      garbage: this.state.garbage,
      heads: pipelineHeads,
      log: this.log,
      unraisable: this.unraisable,
    });

    this.counts = new Int32Array(generationCount);
    this.thresholds = new Int32Array(generationCount);
    if (thresholds.length !== generationCount) {
      throw new ConfigurationError(
        "thresholds",
        `${generationCount} integer(s)`,
        `[${thresholds.join(", ")}]`,
      );
    }
    for (let i = 0; i < generationCount; i++) {
      validateThreshold(thresholds[i]!, `thresholds[${i}]`);
      this.thresholds[i] = thresholds[i]!;
    }
  }

  // ---- argument checks -------------------------------------------------------------------

  /**
   * Type flags of the object at `obj`, after checking that it is a plausible object address
   * whose header names a registered type.
   * @throws InvalidPointerError otherwise
   */
  protected objectFlags(obj: Address, operation: string): number {
    if (
      !(
        Number.isInteger(obj) &&
        obj > 0 &&
        obj % 4 === 0 &&
        obj + this.layout.headerSize <= this.heap.byteLength
      )
    ) {
      throw new InvalidPointerError(
        obj,
        `${operation}: a non-NULL, word-aligned object address inside the heap`,
      );
    }
    const typeId = this.heap.u32[(obj >>> 2) + this.tw]!;
    let flags = this.table.flags[typeId] ?? 0;
    if ((flags & T_REGISTERED) === 0) {
      this.table.refresh();
      flags = this.table.flags[typeId] ?? 0;
      if ((flags & T_REGISTERED) === 0) {
        throw new InvalidPointerError(
          obj,
          `${operation}: an object (its type id ${typeId} is not registered)`,
        );
      }
    }
    if ((flags & T_CONTAINER) !== 0 && obj < this.hdr + 4) {
      throw new InvalidPointerError(obj, `${operation}: a container object with room for its GC header`);
    }
    return flags;
  }

  /**
   * Checks a generation argument: an integer from 0 to 2 (Python's generation numbers;
   * single-generation collectors map every one of them to their only generation).
   * @throws SizeError otherwise
   */
  protected checkGeneration(generation: number): void {
    if (!(Number.isInteger(generation) && generation >= 0 && generation < NUM_GENERATIONS)) {
      throw new SizeError(generation, "generation", `an integer from 0 to ${NUM_GENERATIONS - 1}`);
    }
  }

  /** Index into this collector's generations for a Python generation number. */
  protected generationIndex(generation: number): number {
    return generation < this.generationCount ? generation : this.generationCount - 1;
  }

  // ---- tracking --------------------------------------------------------------------------

  /**
   * Starts tracking a container: appends it to generation 0 (CPython's PyObject_GC_Track).
   * @throws InvalidPointerError for NULL, a non-object, a non-container or an already tracked object; nothing changes
   */
  track(obj: Address): void {
    const flags = this.objectFlags(obj, "track");
    if ((flags & T_CONTAINER) === 0) {
      const name = this.table.infos[this.heap.u32[(obj >>> 2) + this.tw]!]?.name ?? "?";
      throw new InvalidPointerError(obj, `track: a container object (type ${name} has no GC header)`);
    }
    const node = obj - this.hdr;
    if (this.heap.u32[node >>> 2] !== 0) {
      throw new InvalidPointerError(
        obj,
        "track: an untracked object (it is already tracked by the garbage collector)",
      );
    }
    this.lists.append(this.trackHead, node);
  }

  /**
   * Stops tracking `obj` (PyObject_GC_UnTrack); does nothing for untracked objects and
   * non-containers. Keeps the FINALIZED flag.
   * @throws InvalidPointerError for NULL or an address that holds no object
   */
  untrack(obj: Address): void {
    const flags = this.objectFlags(obj, "untrack");
    if ((flags & T_CONTAINER) === 0) return;
    const node = obj - this.hdr;
    if (this.heap.u32[node >>> 2] === 0) return;
    this.lists.remove(node);
  }

  /**
   * Whether `obj` is tracked (`gc.is_tracked`): false for non-containers ("atomic" objects).
   * @throws InvalidPointerError for NULL or an address that holds no object
   */
  isTracked(obj: Address): boolean {
    const flags = this.objectFlags(obj, "is_tracked");
    if ((flags & T_CONTAINER) === 0) return false;
    return this.heap.u32[(obj - this.hdr) >>> 2] !== 0;
  }

  /**
   * Whether the object's PEP 442 finalizer has run (`gc.is_finalized`); false for non-containers.
   * @throws InvalidPointerError for NULL or an address that holds no object
   */
  isFinalized(obj: Address): boolean {
    const flags = this.objectFlags(obj, "is_finalized");
    if ((flags & T_CONTAINER) === 0) return false;
    return (this.heap.u32[((obj - this.hdr) >>> 2) + this.pi]! & FINALIZED_BIT) !== 0;
  }

  /**
   * Tracked objects of one generation, or of all generations (not the permanent one).
   * @throws SizeError for a generation outside 0..2
   */
  getObjects(generation?: number): Address[] {
    const out: Address[] = [];
    if (generation === undefined) {
      for (const head of this.generationHeads) this.lists.objects(head, out);
      return out;
    }
    this.checkGeneration(generation);
    return this.lists.objects(this.generationHeads[this.generationIndex(generation)]!, out);
  }

  /** Moves every tracked object to the permanent generation and zeroes the counts (`gc.freeze`). */
  freeze(): void {
    for (let i = 0; i < this.generationCount; i++) {
      this.lists.merge(this.generationHeads[i]!, this.permanentHead);
      this.counts[i] = 0;
    }
  }

  /** Moves the permanent generation back into the oldest generation (`gc.unfreeze`). */
  unfreeze(): void {
    this.lists.merge(this.permanentHead, this.generationHeads[this.generationCount - 1]!);
  }

  /** Objects in the permanent generation (`gc.get_freeze_count`). */
  getFreezeCount(): number {
    return this.lists.size(this.permanentHead);
  }

  /** Objects currently on the list of each generation (walks the lists). */
  generationSizes(): number[] {
    return this.generationHeads.map((h) => this.lists.size(h));
  }

  // ---- gc module state (kept in `state`) ------------------------------------------------

  /** Objects kept by the collector (`gc.garbage`, `state.garbage`): each entry holds a strong reference. */
  get garbage(): Address[] {
    return this.state.garbage;
  }

  /** `gc.callbacks` (`state.callbacks`): called with "start" and "stop" around every collection. */
  get callbacks(): CollectionCallback[] {
    return this.state.callbacks;
  }

  /** Whether automatic collection is enabled (`state.enabled`). */
  protected get enabled(): boolean {
    return this.state.enabled;
  }

  /** DEBUG_* flags (`state.debug`). */
  protected get debug(): number {
    return this.state.debug;
  }

  /** Enables automatic collection (`gc.enable`). */
  enable(): void {
    this.state.enabled = true;
  }

  /** Disables automatic collection (`gc.disable`). */
  disable(): void {
    this.state.enabled = false;
  }

  /** Whether automatic collection is enabled (`gc.isenabled`). */
  isEnabled(): boolean {
    return this.state.enabled;
  }

  /** Current DEBUG_* flags (`gc.get_debug`). */
  getDebug(): number {
    return this.state.debug;
  }

  /**
   * Sets the DEBUG_* flags (`gc.set_debug`).
   * @throws ConfigurationError unless `flags` is an integer in C int range
   */
  setDebug(flags: number): void {
    this.state.setDebug(flags);
  }

  /** Thresholds, one per generation (`gc.get_threshold`). */
  getThreshold(): number[] {
    return Array.from(this.thresholds);
  }

  /**
   * Sets thresholds from generation 0 on; omitted ones are unchanged (`gc.set_threshold`).
   * Values past this collector's generations (up to Python's three) are accepted and ignored.
   * @throws ConfigurationError for no value, more than three, or a value that is not a C int; nothing changes
   */
  setThreshold(...thresholds: number[]): void {
    if (thresholds.length < 1 || thresholds.length > NUM_GENERATIONS) {
      throw new ConfigurationError("set_threshold", `1 to ${NUM_GENERATIONS} thresholds`, thresholds.length);
    }
    for (let i = 0; i < thresholds.length; i++) validateThreshold(thresholds[i]!, `threshold${i}`);
    const n = Math.min(thresholds.length, this.generationCount);
    for (let i = 0; i < n; i++) this.thresholds[i] = thresholds[i]!;
  }

  /** Counts per generation (`gc.get_count`). */
  getCount(): number[] {
    return Array.from(this.counts);
  }

  /** Per-generation statistics (`gc.get_stats`), as copies. */
  getStats(): GenerationStats[] {
    return this.state.getStats();
  }

  // ---- the collector's work ---------------------------------------------------------------

  /**
   * Objects the last collection examined: the set it searched for garbage (a generation
   * and the younger ones, everything tracked, or an increment), plus any it marked alive
   * from roots without searching.
   */
  get lastExamined(): number {
    return this.lastSize;
  }

  /** The most objects one collection examined: the largest pause, in objects. */
  get largestExamined(): number {
    return this.largestSize;
  }

  /** Objects examined by all collections (the collector's work). */
  get examined(): number {
    return this.examinedTotal;
  }

  /** Records that the running collection examined `size` objects. */
  protected noteExamined(size: number): void {
    this.lastSize = size;
    this.examinedTotal += size;
    if (size > this.largestSize) this.largestSize = size;
  }

  // ---- collections -----------------------------------------------------------------------

  /** Counts a container allocation; may run an automatic collection. */
  abstract onAllocate(): void;

  /** Counts a container deallocation (PyObject_GC_Del): count[0] -= 1 when positive. */
  onDeallocate(): void {
    if (this.counts[0]! > 0) this.counts[0]!--;
  }

  /**
   * Collects `generation` and every younger one (`gc.collect`). Returns 0 without collecting
   * when a collection is already running.
   * @returns unreachable objects found: collected + uncollectable
   * @throws SizeError for a generation outside 0..2
   * @throws HeapCorruptionError when refcounts and references disagree; the lists are repaired first
   */
  collect(generation: number = NUM_GENERATIONS - 1): number {
    this.checkGeneration(generation);
    if (this.collecting) return 0;
    this.collecting = true;
    try {
      return this.collectWithCallbacks(generation);
    } finally {
      this.collecting = false;
    }
  }

  /**
   * gc_collect_with_callback: one collection with callbacks, hooks, debug output and stats.
   * The caller has set `collecting`.
   */
  protected collectWithCallbacks(generation: number): number {
    this.invokeCallbacks("start", generation, 0, 0);
    this.hooks?.collectionStart?.(generation);
    this.refcount.flush();
    let t1 = 0;
    if ((this.debug & DEBUG_STATS) !== 0) {
      this.log(`gc: collecting generation ${generation}...`);
      this.showStats();
      t1 = nowSeconds();
    }
    this.lastCollected = 0;
    this.lastUncollectable = 0;
    try {
      this.collectMain(generation, t1);
    } catch (error) {
      this.recoverLists();
      throw error;
    }
    this.refcount.flush();
    const m = this.lastCollected;
    const n = this.lastUncollectable;
    this.state.recordCollection(this.generationIndex(generation), m, n);
    this.invokeCallbacks("stop", generation, m, n);
    this.hooks?.collectionStop?.(generation, m, n);
    return n + m;
  }

  /**
   * The collection proper: finds the unreachable objects of `generation` and younger ones and
   * hands them to {@link CollectorBase.processUnreachable}.
   */
  protected abstract collectMain(generation: number, t1: number): void;

  /**
   * Everything after the unreachable set is known: finalizers, weakrefs, resurrection,
   * clearing, the DEBUG_STATS "done" line, `garbage`, free lists after full collections.
   */
  protected processUnreachable(unreachable: Address, old: Address, generation: number, t1: number): void {
    const pipeline = this.pipeline;
    pipeline.process(unreachable, old, this.debug, this.recheckUnreachable);
    const m = pipeline.collected;
    const n = pipeline.uncollectable;
    this.logDone(t1, m, n);
    pipeline.keepUncollectable(old, this.debug);
    if (generation === NUM_GENERATIONS - 1 && this.clearFreeLists !== undefined) this.clearFreeLists();
    this.lastCollected = m;
    this.lastUncollectable = n;
  }

  /** The DEBUG_STATS line that ends a collection. */
  protected logDone(t1: number, collected: number, uncollectable: number): void {
    if ((this.debug & DEBUG_STATS) === 0) return;
    const elapsed = (nowSeconds() - t1).toFixed(4);
    this.log(
      `gc: done, ${collected + uncollectable} unreachable, ${uncollectable} uncollectable, ${elapsed}s elapsed`,
    );
  }

  /** show_stats_each_generations: the DEBUG_STATS object counts. */
  protected showStats(): void {
    const sizes = this.generationHeads.map((h) => ` ${this.lists.size(h)}`).join("");
    this.log(`gc: objects in each generation:${sizes}`);
    this.log(`gc: objects in permanent generation: ${this.lists.size(this.permanentHead)}`);
  }

  /** Calls every `callbacks` entry; errors are reported, never thrown. */
  protected invokeCallbacks(
    phase: "start" | "stop",
    generation: number,
    collected: number,
    uncollectable: number,
  ): void {
    const callbacks = this.state.callbacks;
    if (callbacks.length === 0) return;
    const info = { generation, collected, uncollectable };
    for (const cb of callbacks.slice()) {
      try {
        cb(phase, info);
      } catch (error) {
        this.unraisable(error, `gc callback ${cb.name || "<anonymous>"}`);
      }
    }
  }

  /** Rebuilds every list after an interrupted collection; scratch lists join the oldest generation. */
  private recoverLists(): void {
    const lists = this.lists;
    const oldest = this.generationHeads[this.generationCount - 1]!;
    for (const h of this.generationHeads) lists.repair(h);
    lists.repair(this.permanentHead);
    for (const h of this.scratchHeads) {
      lists.repair(h);
      lists.merge(h, oldest);
    }
  }
}
