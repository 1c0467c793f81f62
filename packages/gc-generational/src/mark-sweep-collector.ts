/**
 * A non-generational mark-and-sweep cycle collector: everything reachable from the host's
 * roots (a {@link RootProvider}) and from frozen objects survives; every other tracked
 * container is garbage. The list of marked objects is its own work queue, so marking needs
 * no stack and no recursion:
 *
 * ```
 *  1. every node of `all` gets COLLECTING                          (candidate)
 *  2. visit(root): candidate? -> clear COLLECTING, move to `reachable` tail
 *  3. scan `reachable` from its head; traverse each node with the same visit
 *     (the list grows at its tail while the scan runs; it ends when the scan catches up)
 *  4. what is left in `all` is unreachable; `reachable` becomes `all` again
 *  5. the same pipeline as the generational collector: legacy finalizers -> garbage,
 *     weakrefs, PEP 442 finalizers, resurrection (by refcount subtraction within the set),
 *     clear -> reference counting frees the cycles
 *
 *  all head <-> o <-> o <-> o          permanent head <-> frozen (marking roots, never swept)
 * ```
 *
 * Automatic collection: after more than `threshold` container allocations, and more than
 * `growth` (25 %) times the objects that survived the last collection, so that collection
 * cost stays linear in allocation as the heap grows.
 *
 * The roots should name every object the host holds. The resurrection check (refcount
 * subtraction inside the unreachable set, run after finalizers) also keeps every object
 * still referenced from outside that set, so a root the host forgot to report can make a
 * finalizer run early or a weakref be cleared, but never gets a live object cleared.
 *
 * @module
 */
import {
  type Address,
  COLLECTING_BIT,
  ConfigurationError,
  InvalidPointerError,
  type RootProvider,
  type Visit,
} from "@pymem/core";
import { CollectorBase } from "./collector-base";
import type { BaseCollectorOptions } from "./collector-options";
import { VISIT_MOVE } from "./collector-visitor";
import { DEFAULT_MARK_SWEEP_GROWTH, DEFAULT_MARK_SWEEP_THRESHOLD, validateCollectorConfig } from "./config";

/** Options of {@link MarkSweepCollector}. */
export interface MarkSweepCollectorOptions extends BaseCollectorOptions {
  /** The host's roots: every object it holds directly. */
  roots: RootProvider;
  /**
   * Container allocations (minus deallocations) after which an automatic collection runs.
   * 0 disables automatic collection.
   * @defaultValue 700
   */
  threshold?: number;
  /**
   * An automatic collection also needs the allocation count to exceed this fraction of the
   * objects that survived the previous collection.
   * @defaultValue 0.25
   */
  growth?: number;
}

/**
 * Tracing mark-and-sweep from roots, behind the same interface as CPython's collector.
 * @example
 * ```ts
 * const roots: RootProvider = { forEachRoot: (visit) => globals.forEach(visit) };
 * const gc = new MarkSweepCollector({ heap, layout: LAYOUT_64, types, refcount, roots, allocateListHead: raw });
 * gc.collect(); // clears every tracked container not reachable from `globals`
 * ```
 */
export class MarkSweepCollector extends CollectorBase {
  /** Collector name. */
  readonly name = "mark-sweep";
  private readonly roots: RootProvider;
  private readonly growth: number;
  private survivors = 0;
  private badRoot = -1;
  private readonly visitRoot: Visit;

  constructor(options: MarkSweepCollectorOptions) {
    const threshold = options.threshold ?? DEFAULT_MARK_SWEEP_THRESHOLD;
    const growth = options.growth ?? DEFAULT_MARK_SWEEP_GROWTH;
    validateCollectorConfig({ thresholds: [threshold], growth }, 1);
    if (options.roots === undefined || typeof options.roots.forEachRoot !== "function") {
      throw new ConfigurationError("roots", "a RootProvider with forEachRoot(visit)", options.roots);
    }
    super(options, 1, [threshold]);
    this.recheckUnreachable = true;
    this.roots = options.roots;
    this.growth = growth;
    const heap = this.heap;
    const visit = this.visitor.visit;
    // Roots come from the host: check each address before the shared visitor reads headers.
    this.visitRoot = (ref: Address): void => {
      if (ref > 0 && ref < heap.byteLength && (ref & 3) === 0) visit(ref);
      else if (this.badRoot < 0) this.badRoot = ref;
    };
  }

  /** Objects that survived the last collection. */
  get survivedLastCollection(): number {
    return this.survivors;
  }

  /** Counts an allocation; collects when over the threshold and the growth rule allows it. */
  onAllocate(): void {
    const c = this.counts[0]! + 1;
    this.counts[0] = c;
    const t = this.thresholds[0]!;
    if (c > t && t !== 0 && this.enabled && !this.collecting && c > this.survivors * this.growth) {
      this.collecting = true;
      try {
        this.collectWithCallbacks(0);
      } finally {
        this.collecting = false;
      }
    }
  }

  protected collectMain(generation: number, t1: number): void {
    const lists = this.lists;
    const heap = this.heap;
    const all = this.generationHeads[0]!;
    const reachable = this.reachableHead;
    const unreachable = this.unreachableHead;
    const pi = this.pi;
    const hdr = this.hdr;
    const tw = this.tw;
    this.counts[0] = 0;
    this.table.refresh();

    // 1. every tracked object is a candidate
    let u32 = heap.u32;
    let candidates = 0;
    for (let node = u32[all >>> 2]!; node !== all; node = u32[node >>> 2]!) {
      const i = (node >>> 2) + pi;
      u32[i] = u32[i]! | COLLECTING_BIT;
      candidates++;
    }
    this.noteExamined(candidates);
    lists.init(reachable);
    // 2. roots, and references held by frozen objects
    this.badRoot = -1;
    this.visitor.begin(VISIT_MOVE, reachable);
    this.roots.forEachRoot(this.visitRoot);
    if (this.badRoot >= 0) {
      const bad = this.badRoot;
      throw new InvalidPointerError(bad, "a root: a non-NULL, word-aligned object address inside the heap");
    }
    const infos = this.table.infos;
    const visit = this.visitor.visit;
    this.visitor.begin(VISIT_MOVE, reachable);
    const perm = this.permanentHead;
    u32 = heap.u32;
    for (let node = u32[perm >>> 2]!; node !== perm; node = u32[node >>> 2]!) {
      const obj = node + hdr;
      infos[u32[(obj >>> 2) + tw]!]!.traverse(obj, visit);
    }
    // 3. transitive closure: the reachable list is the work queue
    for (let node = u32[reachable >>> 2]!; node !== reachable; node = u32[node >>> 2]!) {
      const obj = node + hdr;
      infos[u32[(obj >>> 2) + tw]!]!.traverse(obj, visit);
    }
    // 4. the unmarked rest is unreachable
    lists.init(unreachable);
    lists.merge(all, unreachable);
    lists.merge(reachable, all);
    this.survivors = lists.size(all);
    // 5. finalizers, weakrefs, resurrection, clear
    this.processUnreachable(unreachable, all, generation, t1);
  }
}
