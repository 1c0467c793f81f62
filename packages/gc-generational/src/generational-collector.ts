/**
 * CPython 3.11's generational cycle collector (Modules/gcmodule.c): three generations and
 * a permanent one, each a doubly-linked list through the objects' GC headers in the heap;
 * reachability by reference-count subtraction (no roots needed); PEP 442 finalizers,
 * legacy finalizers into `gc.garbage`, weakref clearing, resurrection detection.
 *
 * ```
 *  gen0 head <-> young objects ...      count[0] = container allocations - deallocations
 *  gen1 head <-> survived 1 collection  count[1] = gen-0 collections since gen 1 ran
 *  gen2 head <-> long-lived             count[2] = gen-1 collections since gen 2 ran
 *  permanent <-> frozen                 never collected
 *
 *  onAllocate: count[0] += 1; if count[0] > threshold[0] and enabled and not collecting:
 *     collect the oldest g with count[g] > threshold[g]
 *     (g = 2 also needs long_lived_pending >= long_lived_total / 4, else try g = 1 ...)
 *
 *  collect(g):
 *     count[g+1] += 1; count[0..g] = 0; merge gen 0..g-1 into gen g ("young")
 *     update_refs -> subtract_refs -> move_unreachable             (Reachability)
 *     untrack tuples ("every-collection" rules) among young survivors
 *     g < 2: survivors -> gen g+1 (g = 1: long_lived_pending += survivors)
 *     g = 2: untrack dicts ("full-collection" rules); long_lived_total = survivors
 *     legacy finalizers, weakrefs, finalizers, resurrection, clear   (GarbagePipeline)
 *     return collected + uncollectable
 * ```
 *
 * This follows CPython 3.11 (3.12 moved the automatic trigger to the eval loop and added
 * immortal objects; 3.13+ are incremental). Immortal objects are not untracked as in 3.12:
 * their huge refcount simply keeps them reachable.
 *
 * @module
 */
import type { Address } from "@pymem/core";
import { CollectorBase } from "./collector-base";
import type { BaseCollectorOptions } from "./collector-options";
import { DEFAULT_THRESHOLDS, LONG_LIVED_DIVISOR, NUM_GENERATIONS, OLDEST_GENERATION } from "./config";
import { T_CONTAINER, T_UNTRACK_EVERY, T_UNTRACK_FULL } from "./type-table";

/** Options of {@link GenerationalCollector}. */
export interface GenerationalCollectorOptions extends BaseCollectorOptions {
  /**
   * Collection thresholds of generations 0, 1 and 2.
   * @defaultValue [700, 10, 10]
   */
  thresholds?: readonly number[];
}

/**
 * CPython's three-generation cycle collector over objects in a pymem heap.
 * @example
 * ```ts
 * const gc = new GenerationalCollector({ heap, layout: LAYOUT_64, types, refcount, allocateListHead: raw });
 * const a = newList(); const b = newList();   // allocate: gc.onAllocate(); gc.track(obj)
 * append(a, b); append(b, a);                  // a <-> b
 * refcount.decref(a); refcount.decref(b);      // unreachable cycle, refcounts 1 and 1
 * gc.collect();                                // 2: both cleared and freed
 * ```
 */
export class GenerationalCollector extends CollectorBase {
  /** Collector name. */
  readonly name = "generational";
  private longLivedTotal = 0;
  private longLivedPending = 0;
  private readonly hasUntrackRules: boolean;
  private readonly mayBeTracked: (referent: Address) => boolean;

  constructor(options: GenerationalCollectorOptions) {
    super(options, NUM_GENERATIONS, options.thresholds ?? DEFAULT_THRESHOLDS);
    this.hasUntrackRules = Object.keys(options.maybeUntrack ?? {}).length > 0;
    const heap = this.heap;
    const table = this.table;
    const hdr = this.hdr;
    const tw = this.tw;
    // _PyObject_GC_MAY_BE_TRACKED
    this.mayBeTracked = (ref: Address): boolean => {
      const u32 = heap.u32;
      const f = table.flags[u32[(ref >>> 2) + tw]!]!;
      if ((f & T_CONTAINER) === 0) return false;
      if ((f & T_UNTRACK_EVERY) !== 0) return u32[(ref - hdr) >>> 2] !== 0;
      return true;
    };
  }

  /** Objects that survived the last full collection (CPython's long_lived_total). */
  get longLived(): number {
    return this.longLivedTotal;
  }

  /** Objects that survived generation-1 collections since the last full one (long_lived_pending). */
  get longLivedWaiting(): number {
    return this.longLivedPending;
  }

  /**
   * Counts a container allocation (CPython 3.11's _PyObject_GC_Link) and runs
   * collect_generations when count[0] exceeds threshold[0], collection is enabled,
   * threshold[0] is not 0 and no collection is running.
   */
  onAllocate(): void {
    const counts = this.counts;
    const c = counts[0]! + 1;
    counts[0] = c;
    const t = this.thresholds[0]!;
    if (c > t && this.enabled && t !== 0 && !this.collecting) {
      this.collecting = true;
      try {
        this.collectGenerations();
      } finally {
        this.collecting = false;
      }
    }
  }

  /** collect_generations: the oldest generation over its threshold, with the long-lived rule. */
  private collectGenerations(): number {
    for (let i = OLDEST_GENERATION; i >= 0; i--) {
      if (this.counts[i]! > this.thresholds[i]!) {
        if (
          i === OLDEST_GENERATION &&
          this.longLivedPending < Math.trunc(this.longLivedTotal / LONG_LIVED_DIVISOR)
        ) {
          continue;
        }
        return this.collectWithCallbacks(i);
      }
    }
    return 0;
  }

  protected collectMain(generation: number, t1: number): void {
    const lists = this.lists;
    const heads = this.generationHeads;
    const counts = this.counts;
    if (generation + 1 < NUM_GENERATIONS) counts[generation + 1]!++;
    for (let i = 0; i <= generation; i++) counts[i] = 0;
    for (let i = 0; i < generation; i++) lists.merge(heads[i]!, heads[generation]!);
    const young = heads[generation]!;
    const old = generation < OLDEST_GENERATION ? heads[generation + 1]! : young;

    const unreachable = this.unreachableHead;
    lists.init(unreachable);
    // The set searched (the unreachable list's links carry flag bits until it is processed).
    this.noteExamined(lists.size(young));
    let survivors = this.reachability.deduceUnreachable(young, unreachable);

    if (this.hasUntrackRules) survivors -= this.untrackSurvivors(young, T_UNTRACK_EVERY);
    if (young !== old) {
      if (generation === NUM_GENERATIONS - 2) this.longLivedPending += survivors;
      lists.merge(young, old);
    } else {
      // Dicts are only untracked in full collections, to avoid quadratic build-up (issue #14775).
      if (this.hasUntrackRules) survivors -= this.untrackSurvivors(young, T_UNTRACK_FULL);
      this.longLivedPending = 0;
      this.longLivedTotal = survivors;
    }
    this.processUnreachable(unreachable, old, generation, t1);
  }

  /**
   * untrack_tuples / untrack_dicts: asks the rule of every survivor whose type has `which`.
   * @returns the number of objects untracked
   */
  private untrackSurvivors(head: Address, which: number): number {
    const lists = this.lists;
    const table = this.table;
    const hdr = this.hdr;
    const tw = this.tw;
    let untracked = 0;
    let next: Address;
    for (let node = lists.first(head); node !== head; node = next) {
      next = lists.next(node);
      const obj = node + hdr;
      const typeId = this.heap.u32[(obj >>> 2) + tw]!;
      if ((table.flags[typeId]! & which) !== 0 && table.rules[typeId]!.canUntrack(obj, this.mayBeTracked)) {
        lists.remove(node);
        untracked++;
      }
    }
    return untracked;
  }
}
