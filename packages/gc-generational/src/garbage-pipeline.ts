/**
 * What happens to the unreachable set once it is known, in CPython 3.11's order
 * (gc_collect_main in Modules/gcmodule.c, after deduce_unreachable):
 *
 * ```
 *  unreachable (COLLECTING, maybe UNREACHABLE bits)
 *     |  move_legacy_finalizers + move_legacy_finalizer_reachable
 *     |------------------------------------------------------> finalizers (uncollectable)
 *     |  handle_weakrefs: clear weakrefs to the trash; callbacks of surviving weakrefs run
 *     |  finalize_garbage: PEP 442 finalizers, once per object (FINALIZED bit)
 *     |  handle_resurrected_objects: deduce_unreachable again on the set
 *     |------------------------------------------------------> old (resurrected + reachable from them)
 *     v
 *  still_unreachable: counted as collected, then delete_garbage:
 *       DEBUG_SAVEALL -> appended to `garbage` (a strong reference)
 *       else          -> type.clear(obj) so that reference counting frees the cycle
 *       survivors of clear -> old
 *  finalizers: counted as uncollectable; legacy-finalizer objects (all, under
 *       DEBUG_SAVEALL) appended to `garbage`; the list joins old
 * ```
 *
 * User code (finalizers, `clear`, weakref callbacks) may free, allocate, track, untrack or
 * resurrect objects at any point after move_legacy_finalizers: every loop re-reads list
 * links from the heap after each call, and lists are always well-formed then.
 *
 * Two shortcuts leave every outcome as CPython's: move_legacy_finalizers' walk notes whether
 * any object still needs its PEP 442 finalizer (when none does, finalize_garbage's
 * move-every-object loop is skipped); and when the set was found by reference-count
 * subtraction and neither a finalizer nor a weakref callback ran since, nothing can have been
 * resurrected, so the recomputation is skipped, the whole set is the still-unreachable set
 * and its size is known from that walk. (A set found by
 * tracing from roots is always rechecked: the recheck is what keeps objects the roots
 * missed but something still references.)
 *
 * @module
 */
import {
  type Address,
  COLLECTING_BIT,
  DEBUG_COLLECTABLE,
  DEBUG_SAVEALL,
  DEBUG_UNCOLLECTABLE,
  type Decref,
  FINALIZED_BIT,
  formatAddress,
  type GcList,
  type Heap,
  NEXT_POINTER_MASK,
  type ObjectLayout,
  type RefcountStrategy,
  type WeakrefSupport,
} from "@pymem/core";
import type { UnraisableHandler } from "./collector-options";
import { type CollectorVisitor, VISIT_MOVE } from "./collector-visitor";
import type { Reachability } from "./reachability";
import {
  T_CLEAR,
  T_CONTAINER,
  T_FINALIZE,
  T_LEGACY_FINALIZER,
  T_WEAKREFABLE,
  type TypeTable,
} from "./type-table";

/** Scratch list heads the pipeline uses (each a bare GC header in the heap). */
export interface PipelineHeads {
  /** Uncollectable objects: legacy finalizers and what they reach. */
  finalizers: Address;
  /** Weakrefs whose callbacks must run. */
  wrcb: Address;
  /** finalize_garbage's already-visited list. */
  seen: Address;
  /** The unreachable set after resurrection was accounted for. */
  still: Address;
}

/** Everything the pipeline needs from its collector. */
export interface PipelineContext {
  /** The heap. */
  heap: Heap;
  /** Object layout (GC header size, type id offset). */
  layout: ObjectLayout;
  /** List operations over the GC headers. */
  lists: GcList;
  /** Type flags and TypeInfo by type id. */
  table: TypeTable;
  /** Reachability phases, for the resurrection recheck. */
  reachability: Reachability;
  /** The collector's shared visit callback. */
  visitor: CollectorVisitor;
  /** Reference counting (incref/decref around user code, `clear`'s decref). */
  refcount: RefcountStrategy;
  /** Weak references, if any. */
  weakrefs: WeakrefSupport | undefined;
  /** Whether an object is a weak reference (to clear weakrefs that are garbage themselves). */
  isWeakref: ((obj: Address) => boolean) | undefined;
  /** `gc.garbage`: uncollectable objects are appended with a strong reference. */
  garbage: Address[];
  /** Scratch list heads. */
  heads: PipelineHeads;
  /** DEBUG_COLLECTABLE / DEBUG_UNCOLLECTABLE output. */
  log: (line: string) => void;
  /** Receives errors of finalizers and `clear`. */
  unraisable: UnraisableHandler;
}

/**
 * Finalization, weakref handling, resurrection and clearing of an unreachable set.
 * @example
 * ```ts
 * const pipeline = new GarbagePipeline(context);
 * pipeline.process(unreachable, old, debug);
 * pipeline.collected; pipeline.uncollectable;
 * pipeline.keepUncollectable(old, debug);
 * ```
 */
export class GarbagePipeline {
  /** Objects collected by the last {@link GarbagePipeline.process} (m in gcmodule.c). */
  collected = 0;
  /** Objects found uncollectable by the last {@link GarbagePipeline.process} (n in gcmodule.c). */
  uncollectable = 0;
  private readonly ctx: PipelineContext;
  private readonly hdr: number;
  private readonly pi: number;
  private readonly tw: number;
  private readonly decref: Decref;
  private readonly untrackedCallbacks: Address[] = [];
  /** User code (finalizers, weakref callbacks) run by the current process() call. */
  private userCalls = 0;
  /** Whether the last moveLegacyFinalizers walk met an object whose finalizer has not run. */
  private sawFinalizer = true;

  constructor(ctx: PipelineContext) {
    this.ctx = ctx;
    const hdr = ctx.layout.gcHeaderSize;
    const pi = ctx.layout.wordSize >>> 2;
    const tw = ctx.layout.typeOffset >>> 2;
    this.hdr = hdr;
    this.pi = pi;
    this.tw = tw;
    const refcount = ctx.refcount;
    this.decref = (ref: Address): void => refcount.decref(ref);
  }

  private typeFlags(obj: Address): number {
    return this.ctx.table.flags[this.ctx.heap.u32[(obj >>> 2) + this.tw]!]!;
  }

  /**
   * Runs everything from move_legacy_finalizers to delete_garbage on `unreachable`, moving
   * survivors to `old`, and sets {@link GarbagePipeline.collected} and
   * {@link GarbagePipeline.uncollectable}. The uncollectable objects stay on the
   * `finalizers` list until {@link GarbagePipeline.keepUncollectable}. With `alwaysRecheck`,
   * reachability inside the set is recomputed after finalizers even when no user code ran.
   */
  process(unreachable: Address, old: Address, debug: number, alwaysRecheck = false): void {
    const { lists, heads, table } = this.ctx;
    table.refresh();
    lists.init(heads.finalizers);
    const found = this.moveLegacyFinalizers(unreachable, heads.finalizers);
    const mayFinalize = this.sawFinalizer;
    this.moveLegacyFinalizerReachable(heads.finalizers);
    const uncollectableFound = lists.size(heads.finalizers);
    if ((debug & DEBUG_COLLECTABLE) !== 0) this.debugCycles("collectable", unreachable);
    this.userCalls = 0;
    let m = this.handleWeakrefs(unreachable, old);
    this.finalizeGarbage(unreachable, mayFinalize);
    if (alwaysRecheck || this.userCalls > 0) {
      this.handleResurrectedObjects(unreachable, heads.still, old);
      m += lists.size(heads.still);
    } else {
      // No user code ran since the set was computed: it is still exactly unreachable, and
      // it holds what move_legacy_finalizers walked less what went to `finalizers`.
      lists.init(heads.still);
      lists.merge(unreachable, heads.still);
      m += found - uncollectableFound;
    }
    this.deleteGarbage(heads.still, old, (debug & DEBUG_SAVEALL) !== 0);
    // Counted after delete_garbage, as CPython does: clearing may free some of them.
    const n = lists.size(heads.finalizers);
    if ((debug & DEBUG_UNCOLLECTABLE) !== 0) this.debugCycles("uncollectable", heads.finalizers);
    this.collected = m;
    this.uncollectable = n;
  }

  /**
   * handle_legacy_finalizers: appends the uncollectable objects with a legacy finalizer (all
   * of them under DEBUG_SAVEALL) to `garbage`, each with a new strong reference, and merges
   * the `finalizers` list into `old`.
   */
  keepUncollectable(old: Address, debug: number): void {
    const { lists, heads, refcount, garbage } = this.ctx;
    const saveAll = (debug & DEBUG_SAVEALL) !== 0;
    const f = heads.finalizers;
    for (let node = lists.first(f); node !== f; node = lists.next(node)) {
      const obj = node + this.hdr;
      if (saveAll || (this.typeFlags(obj) & T_LEGACY_FINALIZER) !== 0) {
        refcount.incref(obj);
        garbage.push(obj);
      }
    }
    lists.merge(f, old);
  }

  /**
   * move_legacy_finalizers: strips UNREACHABLE everywhere and moves legacy-finalizer objects
   * to `finalizers`. On the way, notes whether any object has a PEP 442 finalizer that has not
   * run (read by {@link GarbagePipeline.process}, saving finalize_garbage a walk).
   * @returns the number of objects walked (those moved included)
   */
  moveLegacyFinalizers(unreachable: Address, finalizers: Address): number {
    const { heap, lists, table } = this.ctx;
    const u32 = heap.u32;
    const flags = table.flags;
    const pi = this.pi;
    const hdr = this.hdr;
    const tw = this.tw;
    u32[unreachable >>> 2] = u32[unreachable >>> 2]! & NEXT_POINTER_MASK;
    let count = 0;
    let finalize = 0;
    let next: Address;
    for (let node = u32[unreachable >>> 2]!; node !== unreachable; node = next) {
      next = u32[node >>> 2]! & NEXT_POINTER_MASK;
      u32[node >>> 2] = next;
      count++;
      const f = flags[u32[((node + hdr) >>> 2) + tw]!]!;
      if ((f & T_FINALIZE) !== 0 && (u32[(node >>> 2) + pi]! & FINALIZED_BIT) === 0) finalize = 1;
      if ((f & T_LEGACY_FINALIZER) !== 0) {
        const i = (node >>> 2) + pi;
        u32[i] = u32[i]! & ~COLLECTING_BIT;
        lists.move(node, finalizers);
      }
    }
    this.sawFinalizer = finalize !== 0;
    return count;
  }

  /** move_legacy_finalizer_reachable: whatever an uncollectable object reaches is uncollectable. */
  moveLegacyFinalizerReachable(finalizers: Address): void {
    const { heap, lists, table, visitor } = this.ctx;
    const infos = table.infos;
    visitor.begin(VISIT_MOVE, finalizers);
    const visit = visitor.visit;
    for (let node = lists.first(finalizers); node !== finalizers; node = lists.next(node)) {
      const obj = node + this.hdr;
      infos[heap.u32[(obj >>> 2) + this.tw]!]!.traverse(obj, visit);
    }
  }

  /**
   * handle_weakrefs: clears every weakref to an unreachable object (and weakrefs that are
   * garbage themselves); runs the callbacks of the cleared weakrefs that are not garbage.
   * @returns weakrefs freed by dropping the reference held while their callback ran
   */
  handleWeakrefs(unreachable: Address, old: Address): number {
    const { weakrefs, isWeakref, lists, heap, refcount, heads } = this.ctx;
    if (weakrefs === undefined) return 0;
    const hdr = this.hdr;
    const wrcb = heads.wrcb;
    lists.init(wrcb);
    const pending = this.untrackedCallbacks;
    pending.length = 0;
    let next: Address;
    for (let node = lists.first(unreachable); node !== unreachable; node = next) {
      next = lists.next(node);
      const op = node + hdr;
      if (isWeakref?.(op) === true) weakrefs.clearWeakref(op);
      if ((this.typeFlags(op) & T_WEAKREFABLE) === 0 || !weakrefs.hasWeakrefs(op)) continue;
      for (const wr of weakrefs.weakrefsTo(op)) {
        weakrefs.clearWeakref(wr);
        if (!weakrefs.hasCallback(wr)) continue;
        const wrIsGc = (this.typeFlags(wr) & T_CONTAINER) !== 0;
        const u32 = heap.u32;
        const tracked = wrIsGc && u32[(wr - hdr) >>> 2] !== 0;
        // A weakref that is garbage itself: its callback never runs.
        if (tracked && (u32[((wr - hdr) >>> 2) + this.pi]! & COLLECTING_BIT) !== 0) continue;
        refcount.incref(wr);
        if (tracked) lists.move(wr - hdr, wrcb);
        else pending.push(wr);
      }
    }
    let freed = 0;
    while (!lists.isEmpty(wrcb)) {
      const node = lists.first(wrcb);
      const wr = node + hdr;
      this.userCalls++;
      weakrefs.invokeCallback(wr);
      refcount.decref(wr);
      if (lists.first(wrcb) === node) lists.move(node, old);
      else freed++;
    }
    for (let i = 0; i < pending.length; i++) {
      const wr = pending[i]!;
      this.userCalls++;
      weakrefs.invokeCallback(wr);
      refcount.decref(wr);
    }
    pending.length = 0;
    return freed;
  }

  /**
   * finalize_garbage: each object's PEP 442 finalizer runs at most once (FINALIZED bit).
   * With `mayNeed` false (no object of the list can need its finalizer), does nothing.
   */
  finalizeGarbage(collectable: Address, mayNeed = true): void {
    const { lists, heap, refcount, heads, table } = this.ctx;
    if (!mayNeed || !this.needsFinalization(collectable)) return;
    const seen = heads.seen;
    lists.init(seen);
    while (!lists.isEmpty(collectable)) {
      const node = lists.first(collectable);
      lists.move(node, seen);
      const obj = node + this.hdr;
      const u32 = heap.u32;
      const i = (node >>> 2) + this.pi;
      if ((u32[i]! & FINALIZED_BIT) !== 0 || (this.typeFlags(obj) & T_FINALIZE) === 0) continue;
      u32[i] = u32[i]! | FINALIZED_BIT;
      const type = table.infos[u32[(obj >>> 2) + this.tw]!]!;
      this.userCalls++;
      refcount.incref(obj);
      try {
        type.finalize!(obj);
      } catch (error) {
        this.ctx.unraisable(error, `finalizer of ${type.name} object at ${formatAddress(obj)}`);
      }
      refcount.decref(obj);
    }
    lists.merge(seen, collectable);
  }

  /** Whether some object of the list has a finalizer that has not run yet (read-only walk). */
  private needsFinalization(head: Address): boolean {
    const { heap, table } = this.ctx;
    const u32 = heap.u32;
    const flags = table.flags;
    const hdr = this.hdr;
    const pi = this.pi;
    const tw = this.tw;
    for (let node = u32[head >>> 2]!; node !== head; node = u32[node >>> 2]!) {
      if (
        (flags[u32[((node + hdr) >>> 2) + tw]!]! & T_FINALIZE) !== 0 &&
        (u32[(node >>> 2) + pi]! & FINALIZED_BIT) === 0
      ) {
        return true;
      }
    }
    return false;
  }

  /**
   * handle_resurrected_objects: recomputes reachability inside the set; what a finalizer made
   * reachable again (and what that reaches) moves to `old`, the rest to `still`.
   */
  handleResurrectedObjects(unreachable: Address, still: Address, old: Address): void {
    const { lists, reachability } = this.ctx;
    lists.clearCollecting(unreachable);
    lists.init(still);
    reachability.deduceUnreachable(unreachable, still);
    lists.clearUnreachableMask(still);
    lists.merge(unreachable, old);
  }

  /** delete_garbage: breaks the cycles with `clear` (or saves them under DEBUG_SAVEALL). */
  deleteGarbage(collectable: Address, old: Address, saveAll: boolean): void {
    const { lists, heap, refcount, garbage, table } = this.ctx;
    const hdr = this.hdr;
    if (saveAll) {
      // No user code runs: every object is appended to `garbage` and the whole list joins
      // `old` in order, as moving each node to old's tail would leave it.
      const u32 = heap.u32;
      const pi = this.pi;
      for (let node = u32[collectable >>> 2]!; node !== collectable; node = u32[node >>> 2]!) {
        const obj = node + hdr;
        refcount.incref(obj);
        garbage.push(obj);
        const i = (node >>> 2) + pi;
        u32[i] = u32[i]! & ~COLLECTING_BIT;
      }
      lists.merge(collectable, old);
      return;
    }
    while (!lists.isEmpty(collectable)) {
      const node = lists.first(collectable);
      const obj = node + hdr;
      if ((this.typeFlags(obj) & T_CLEAR) !== 0) {
        const type = table.infos[heap.u32[(obj >>> 2) + this.tw]!]!;
        refcount.incref(obj);
        try {
          type.clear!(obj, this.decref);
        } catch (error) {
          this.ctx.unraisable(error, `tp_clear of ${type.name} object at ${formatAddress(obj)}`);
        }
        refcount.decref(obj);
      }
      if (lists.first(collectable) === node) {
        // Still alive (no clear, or held from elsewhere): it may die later.
        const u32 = heap.u32;
        const i = (node >>> 2) + this.pi;
        u32[i] = u32[i]! & ~COLLECTING_BIT;
        lists.move(node, old);
      }
    }
  }

  private debugCycles(what: string, head: Address): void {
    const { lists, table, heap, log } = this.ctx;
    for (let node = lists.first(head); node !== head; node = lists.next(node)) {
      const obj = node + this.hdr;
      const type = table.infos[heap.u32[(obj >>> 2) + this.tw]!];
      log(`gc: ${what} <${type?.name ?? "?"} ${formatAddress(obj)}>`);
    }
  }
}
