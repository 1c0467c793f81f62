/**
 * CPython 3.14.0's incremental cycle collector (Python/gc.c, InternalDocs/garbage_collector.md
 * of 3.14): a young generation and an old generation split into two spaces, one "visited"
 * and one "pending"; each automatic collection is an increment that collects the young
 * generation together with a slice of the pending space, sized from the heap and the work
 * owed, so that no collection ever scans the whole heap unless `gc.collect()` asks for it.
 *
 * ```
 *  young        <-> new containers (space bit = not visited)        count[0] = allocs - deallocs
 *  old[v]       <-> visited this scavenge   (v = visitedSpace)      survivors of increments land here
 *  old[v ^ 1]   <-> pending: not yet examined this scavenge         increments take from its head
 *  permanent    <-> frozen (space bit = visited)                    never collected
 *
 *  one scavenge = a mark increment + collect increments until old[v ^ 1] is empty:
 *
 *   mark      roots (if a RootProvider is given) and all they reach -> old[v]   (alive, not scanned)
 *   collect   increment := young (+ roots' closure moved to old[v] first)
 *             while |increment| < work:  take the head of old[v ^ 1] and every not-yet-visited
 *                                        container it reaches (transitively) -> increment
 *             deduce_unreachable(increment) -> garbage pipeline -> survivors -> old[v]
 *   end       old[v ^ 1] empty: v := v ^ 1 (the full old[v] is the new pending space;
 *             with frozen objects, old[v] moves to old[v ^ 1] instead), work := 0
 *
 *  time ->   inc 1      inc 2      inc 3     ...   inc k       inc k+1 (mark)   inc k+2
 *  pending   [#######]  [#####  ]  [###    ]       [       ]   [######### ] <- was old[v]
 *  visited   [       ]  [##     ]  [####   ]       [#######]   [          ]
 * ```
 *
 * The automatic increment runs inside the allocation that crosses threshold 0 (3.14 sets the
 * eval breaker and runs it at the next bytecode boundary, which a heap without an interpreter
 * does not have). `gc.collect(0)` collects the young generation alone (survivors -> old[v], count of old[v]
 * + 1); `gc.collect(1)` runs one increment (the automatic collection); `gc.collect(2)`
 * merges everything into old[v], collects it whole and ends the scavenge. `gc.get_count()`
 * is `(young count, old[v] count, old[v ^ 1] count)`, `gc.get_threshold()` `(2000, 10, 0)`,
 * `gc.get_objects(1)` empty, `gc.get_stats()` has one entry per `gc.collect` generation
 * (a mark increment does not count as a collection). Increments are sized by
 * {@link IncrementBudget}; the space bit lives where {@link OldSpaceFlags} says.
 *
 * A set of objects collected together never needs to be a generation: reference-count
 * subtraction (the {@link Reachability} passes) frees an object only when nothing outside
 * the set references it, so an increment is safe whatever it holds, and a cycle is found
 * once an increment holds all of it — which the transitive closure of pending objects
 * guarantees for every cycle in the pending space.
 *
 * @module
 */
import { type Address, InvalidPointerError, type RootProvider, type Visit } from "@pymem/core";
import { CollectorBase } from "./collector-base";
import type { BaseCollectorOptions } from "./collector-options";
import { allocateListHead } from "./collector-options";
import { INCREMENTAL_THRESHOLDS, INITIAL_WORK_TO_DO, NUM_GENERATIONS } from "./config";
import { IncrementBudget } from "./increment-budget";
import { type OldSpace, OldSpaceFlags } from "./old-space";
import { T_CONTAINER, T_UNTRACK_EVERY } from "./type-table";

/** Options of {@link IncrementalCollector}. */
export interface IncrementalCollectorOptions extends BaseCollectorOptions {
  /**
   * Thresholds: container allocations that start an increment; the scale of the share of
   * the heap an increment examines (max(2, t1); 10 is 1 %); a third value, kept and unused.
   * @defaultValue [2000, 10, 0]
   */
  thresholds?: readonly number[];
  /**
   * Objects known to be alive (CPython: the interpreter's globals and the frames' stacks):
   * marked, with all they reach, into the visited space at the start of each scavenge and
   * of each increment, so that increments skip them.
   * @defaultValue none (nothing is marked; increments find everything by refcount subtraction)
   */
  roots?: RootProvider;
  /**
   * The work counter's starting value.
   * @defaultValue -5000
   */
  initialWorkToDo?: number;
}

/** Where an object is, as {@link IncrementalCollector.whereIs} reports it. */
export type IncrementalPlace = "young" | "visited" | "pending" | "permanent" | "untracked";

/** The phase of a scavenge: the next increment marks from the roots, or collects. */
export type ScavengePhase = "mark" | "collect";

/**
 * The incremental collector of CPython 3.14.0 over objects in a pymem heap.
 * @example
 * ```ts
 * const gc = new IncrementalCollector({ heap, layout: LAYOUT_64, types, refcount, allocateListHead: raw });
 * gc.getThreshold();   // [2000, 10, 0]
 * gc.collect(1);       // one increment: the young generation and a slice of the old one
 * gc.collect();        // everything
 * ```
 */
export class IncrementalCollector extends CollectorBase {
  /** Collector name. */
  readonly name = "incremental";
  private readonly spaces: OldSpaceFlags;
  private readonly budget: IncrementBudget;
  private readonly roots: RootProvider | undefined;
  private readonly hasUntrackRules: boolean;
  private readonly survivorsHead: Address;
  private readonly markHead: Address;
  private visited: OldSpace = 0;
  private scavengePhase: ScavengePhase = "mark";
  private heapObjects = 0;
  private markOnly = false;
  private completedScavenges = 0;
  private badRoot = -1;
  private readonly visitRoot: Visit;

  constructor(options: IncrementalCollectorOptions) {
    super(options, NUM_GENERATIONS, options.thresholds ?? INCREMENTAL_THRESHOLDS);
    this.spaces = new OldSpaceFlags(this.heap, this.layout);
    this.budget = new IncrementBudget(options.initialWorkToDo ?? INITIAL_WORK_TO_DO);
    this.roots = options.roots;
    this.hasUntrackRules = Object.keys(options.maybeUntrack ?? {}).length > 0;
    const head = (): Address => {
      const h = allocateListHead(options.allocateListHead, this.heap, this.layout);
      this.lists.init(h);
      return h;
    };
    this.survivorsHead = head();
    this.markHead = head();
    this.visitRoot = (obj: Address): void => {
      if (
        !(
          Number.isInteger(obj) &&
          obj > 0 &&
          obj % 4 === 0 &&
          obj + this.layout.headerSize <= this.heap.byteLength
        )
      ) {
        if (this.badRoot < 0) this.badRoot = obj;
        return;
      }
      this.pull(obj, this.markHead);
    };
  }

  // ---- what Python sees -----------------------------------------------------------------

  /** Which old space is the visited one this scavenge (CPython's `visited_space`). */
  get visitedSpace(): OldSpace {
    return this.visited;
  }

  /** Whether the next increment marks from the roots or collects. */
  get phase(): ScavengePhase {
    return this.scavengePhase;
  }

  /** GC objects allocated and not yet freed, tracked or not (CPython's `heap_size`). */
  get heapSize(): number {
    return this.heapObjects;
  }

  /** The work the collector owes, in objects (CPython's `work_to_do`). */
  get workToDo(): number {
    return this.budget.work;
  }

  /** Scavenges completed (each examined the whole old generation once). */
  get scavenges(): number {
    return this.completedScavenges;
  }

  /** `(2000, 10, 0)`: threshold[2] is reported as 0, as 3.14 does. */
  override getThreshold(): number[] {
    return [this.thresholds[0]!, this.thresholds[1]!, 0];
  }

  /** `(young count, visited space's count, pending space's count)`. */
  override getCount(): number[] {
    const v = this.visited;
    return [this.counts[0]!, this.counts[1 + v]!, this.counts[2 - v]!];
  }

  /**
   * Tracked objects: generation 0 the young ones, 1 none, 2 both old spaces, none given all.
   * @throws SizeError for a generation outside 0..2
   */
  override getObjects(generation?: number): Address[] {
    const heads = this.generationHeads;
    const out: Address[] = [];
    if (generation !== undefined) {
      this.checkGeneration(generation);
      if (generation === 1) return out;
    }
    if (generation === undefined || generation === 0) this.lists.objects(heads[0]!, out);
    if (generation !== 0) {
      this.lists.objects(heads[1]!, out);
      this.lists.objects(heads[2]!, out);
    }
    return out;
  }

  /**
   * Where `obj` is: the young generation, the visited or pending old space, the permanent
   * generation, or untracked. Walks the lists (for tests and tools, not hot paths).
   * @throws InvalidPointerError for an address that holds no object
   */
  whereIs(obj: Address): IncrementalPlace {
    if (!this.isTracked(obj)) return "untracked";
    const node = obj - this.hdr;
    const on = (head: Address): boolean => {
      for (let n = this.lists.first(head); n !== head; n = this.lists.next(n)) if (n === node) return true;
      return false;
    };
    if (on(this.generationHeads[0]!)) return "young";
    if (on(this.oldHead(this.visited))) return "visited";
    if (on(this.oldHead(this.pendingSpace()))) return "pending";
    return "permanent";
  }

  /** Starts tracking a container: into the young generation, in the space not visited. */
  override track(obj: Address): void {
    super.track(obj);
    this.spaces.set(obj - this.hdr, this.pendingSpace());
  }

  /** Moves every tracked object to the permanent generation, in the visited space (`gc.freeze`). */
  override freeze(): void {
    const v = this.visited;
    const heads = this.generationHeads;
    const lists = this.lists;
    this.spaces.setList(heads[0]!, v);
    lists.merge(heads[0]!, this.permanentHead);
    this.spaces.setList(this.oldHead(this.pendingSpace()), v);
    lists.merge(heads[1]!, this.permanentHead);
    lists.merge(heads[2]!, this.permanentHead);
    this.counts.fill(0);
  }

  /** Moves the permanent generation into the visited space (`gc.unfreeze`). */
  override unfreeze(): void {
    this.lists.merge(this.permanentHead, this.oldHead(this.visited));
  }

  // ---- allocation counting ----------------------------------------------------------------

  /**
   * Counts a container allocation (3.14's _PyObject_GC_Link): young count and heap size + 1;
   * runs an increment when the count exceeds threshold[0], collection is enabled,
   * threshold[0] is not 0 and no collection is running.
   */
  onAllocate(): void {
    this.heapObjects++;
    const counts = this.counts;
    const c = counts[0]! + 1;
    counts[0] = c;
    const t = this.thresholds[0]!;
    if (c > t && this.enabled && t !== 0 && !this.collecting) {
      this.collecting = true;
      try {
        this.collectWithCallbacks(1);
      } finally {
        this.collecting = false;
      }
    }
  }

  /** Counts a container deallocation (PyObject_GC_Del): young count - 1 if positive, heap size - 1. */
  override onDeallocate(): void {
    if (this.counts[0]! > 0) this.counts[0]!--;
    if (this.heapObjects > 0) this.heapObjects--;
  }

  // ---- collections --------------------------------------------------------------------------

  protected override collectWithCallbacks(generation: number): number {
    this.markOnly = false;
    const found = super.collectWithCallbacks(generation);
    // A mark increment is not a collection in gc.get_stats() (3.14 returns before add_stats).
    if (this.markOnly) this.state.stats[1]!.collections--;
    return found;
  }

  protected collectMain(generation: number, t1: number): void {
    this.table.refresh();
    try {
      if (generation === 0) this.collectYoung(t1);
      else if (generation === 1) this.collectIncrement(t1);
      else this.collectFull(t1);
    } catch (error) {
      // The base class repairs the generation and scratch lists; these two are ours.
      const lists = this.lists;
      for (const h of [this.survivorsHead, this.markHead]) {
        lists.repair(h);
        lists.merge(h, this.oldHead(this.visited));
      }
      throw error;
    }
  }

  /** gc_collect_young: the young generation alone; survivors join the visited space. */
  private collectYoung(t1: number): void {
    const young = this.generationHeads[0]!;
    const v = this.visited;
    this.untrackYoungTuples();
    const size = this.spaces.setList(young, v);
    this.noteExamined(size);
    this.collectRegion(young, this.survivorsHead, 0, t1);
    this.lists.merge(this.survivorsHead, this.oldHead(v));
    this.counts[0] = 0;
    this.counts[1 + v]!++;
  }

  /** gc_collect_increment: a mark increment, or the young generation plus a slice of pending. */
  private collectIncrement(t1: number): void {
    const lists = this.lists;
    const budget = this.budget;
    const threshold1 = this.thresholds[1]!;
    budget.beginIncrement(this.counts[0]!, this.heapObjects, threshold1);
    this.counts[0] = 0;
    this.untrackYoungTuples();
    const v = this.visited;
    const visited = this.oldHead(v);
    if (this.scavengePhase === "mark") {
      const marked = this.markFromRoots(visited);
      budget.marked(marked);
      budget.marked(marked);
      this.scavengePhase = "collect";
      this.markOnly = true;
      this.noteExamined(marked);
      return;
    }
    const marked = this.markFromRoots(visited);
    budget.marked(marked);
    const increment = this.reachableHead;
    const pending = this.oldHead(this.pendingSpace());
    lists.init(increment);
    let size = this.spaces.setList(this.generationHeads[0]!, v);
    lists.merge(this.generationHeads[0]!, increment);
    while (budget.wantsMore(size) && !lists.isEmpty(pending)) {
      const node = lists.first(pending);
      lists.move(node, increment);
      this.spaces.set(node, v);
      size += 1 + this.expandFrom(node, increment);
    }
    this.noteExamined(size + marked);
    this.collectRegion(increment, this.survivorsHead, 1, t1);
    lists.merge(this.survivorsHead, visited);
    budget.endIncrement(size, this.heapObjects, threshold1);
    if (lists.isEmpty(pending)) this.completeScavenge();
  }

  /** gc_collect_full: everything tracked (not frozen) in one set; ends the scavenge. */
  private collectFull(t1: number): void {
    const lists = this.lists;
    const v = this.visited;
    const young = this.generationHeads[0]!;
    const pending = this.oldHead(this.pendingSpace());
    const visited = this.oldHead(v);
    this.untrackYoungTuples();
    lists.merge(young, pending);
    this.spaces.setList(pending, v);
    lists.merge(pending, visited);
    this.noteExamined(lists.size(visited));
    this.collectRegion(visited, visited, 2, t1);
    this.counts.fill(0);
    this.completeScavenge();
  }

  /**
   * gc_collect_region: splits `from` into reachable and unreachable; the reachable ones (and
   * whatever the pipeline keeps: resurrected objects, surviving weakrefs, uncollectable
   * cycles) go to `to`, in the visited space.
   */
  private collectRegion(from: Address, to: Address, generation: number, t1: number): void {
    const lists = this.lists;
    if (from !== to) lists.init(to);
    lists.init(this.unreachableHead);
    this.reachability.deduceUnreachable(from, this.unreachableHead);
    if (this.hasUntrackRules) this.untrackSurvivors(from);
    if (from !== to) lists.merge(from, to);
    this.processUnreachable(this.unreachableHead, to, generation, t1);
    // Weakrefs whose callbacks ran were moved to `to` from wherever they were.
    if (from !== to && this.weakrefs !== undefined) this.spaces.setList(to, this.visited);
  }

  /** completed_scavenge: swap the spaces (or, with frozen objects, refill pending), work := 0. */
  private completeScavenge(): void {
    const lists = this.lists;
    if (lists.isEmpty(this.permanentHead)) {
      const notVisited = this.visited;
      this.visited = (notVisited ^ 1) as OldSpace;
      this.spaces.setList(this.generationHeads[0]!, notVisited);
    } else {
      const v = this.visited;
      const notVisited = (v ^ 1) as OldSpace;
      lists.merge(this.oldHead(v), this.oldHead(notVisited));
      this.spaces.setList(this.oldHead(notVisited), notVisited);
    }
    this.budget.completed();
    this.scavengePhase = "mark";
    this.completedScavenges++;
  }

  /**
   * mark_all_reachable from the roots: every not-yet-visited container a root reaches moves
   * to `visited`, in the visited space, without being collected.
   * @returns the number of objects marked
   * @throws InvalidPointerError for a root that is not an object address in the heap
   */
  private markFromRoots(visited: Address): number {
    const roots = this.roots;
    if (roots === undefined) return 0;
    const lists = this.lists;
    const mark = this.markHead;
    lists.init(mark);
    this.badRoot = -1;
    roots.forEachRoot(this.visitRoot);
    if (this.badRoot >= 0) {
      lists.merge(mark, visited);
      throw new InvalidPointerError(
        this.badRoot,
        "a root: a non-NULL, word-aligned object address inside the heap",
      );
    }
    let marked = lists.size(mark);
    while (!lists.isEmpty(mark)) {
      const node = lists.first(mark);
      lists.move(node, visited);
      marked += this.pullReferents(node, mark);
    }
    return marked;
  }

  /**
   * expand_region_transitively_reachable: traverses the increment from `node` to its end,
   * appending every not-yet-visited container reached.
   * @returns the number of objects appended
   */
  private expandFrom(node: Address, increment: Address): number {
    let added = 0;
    for (let n = node; n !== increment; n = this.lists.next(n)) added += this.pullReferents(n, increment);
    return added;
  }

  /** Moves the not-yet-visited tracked containers `node`'s object refers to onto `list`. */
  private pullReferents(node: Address, list: Address): number {
    const obj = node + this.hdr;
    const info = this.table.infos[this.heap.u32[(obj >>> 2) + this.tw]!]!;
    const count = this.visitor.gather(info, obj);
    const buf = this.visitor.buffer;
    let added = 0;
    for (let q = 0; q < count; q++) added += this.pull(buf[q]!, list);
    this.visitor.release();
    return added;
  }

  /** visit_add_to_container for one referent: 1 if it moved onto `list`. */
  private pull(ref: Address, list: Address): number {
    const u32 = this.heap.u32;
    if ((this.table.flags[u32[(ref >>> 2) + this.tw]!]! & T_CONTAINER) === 0) return 0;
    const node = ref - this.hdr;
    if (u32[node >>> 2] === 0) return 0;
    const v = this.visited;
    if (this.spaces.get(node) === v) return 0;
    this.spaces.set(node, v);
    this.lists.move(node, list);
    return 1;
  }

  /** untrack_tuples on the young generation. */
  private untrackYoungTuples(): void {
    if (this.hasUntrackRules) this.untrackSurvivors(this.generationHeads[0]!);
  }

  /** Asks the "every-collection" rule of each object of the list whether it may be untracked. */
  private untrackSurvivors(head: Address): void {
    const lists = this.lists;
    const table = this.table;
    const u32 = this.heap.u32;
    let next: Address;
    for (let node = lists.first(head); node !== head; node = next) {
      next = lists.next(node);
      const obj = node + this.hdr;
      const typeId = u32[(obj >>> 2) + this.tw]!;
      if (
        (table.flags[typeId]! & T_UNTRACK_EVERY) !== 0 &&
        table.rules[typeId]!.canUntrack(obj, this.mayBeTracked)
      ) {
        lists.remove(node);
      }
    }
  }

  /** _PyObject_GC_MAY_BE_TRACKED. */
  private readonly mayBeTracked = (ref: Address): boolean => {
    const u32 = this.heap.u32;
    const f = this.table.flags[u32[(ref >>> 2) + this.tw]!]!;
    if ((f & T_CONTAINER) === 0) return false;
    if ((f & T_UNTRACK_EVERY) !== 0) return u32[(ref - this.hdr) >>> 2] !== 0;
    return true;
  };

  private oldHead(space: OldSpace): Address {
    return this.generationHeads[1 + space]!;
  }

  private pendingSpace(): OldSpace {
    return (this.visited ^ 1) as OldSpace;
  }

  /** show_stats_each_generations: young, visited, pending. */
  protected override showStats(): void {
    const sizes = [this.generationHeads[0]!, this.oldHead(this.visited), this.oldHead(this.pendingSpace())]
      .map((h) => ` ${this.lists.size(h)}`)
      .join("");
    this.log(`gc: objects in each generation:${sizes}`);
    this.log(`gc: objects in permanent generation: ${this.lists.size(this.permanentHead)}`);
  }
}
