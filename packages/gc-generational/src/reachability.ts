/**
 * Which objects of a list are unreachable from outside it: CPython 3.11's
 * deduce_unreachable (update_refs, subtract_refs, move_unreachable in Modules/gcmodule.c),
 * working directly on the GC headers in the heap.
 *
 * ```
 *  phase          gc_prev of each node in `base`                 gc_next
 *  ------------   ---------------------------------------------  --------------------------
 *  before         prev | FINALIZED                               next
 *  update_refs    refcount << 2 | COLLECTING | FINALIZED         next       (list singly linked)
 *  subtract_refs  (refcount - internal refs) << 2 | ...          next
 *  move_unreach.  reachable:   prev | FINALIZED                  next                 -> stays in base
 *                 unreachable: prev | COLLECTING | FINALIZED     next | UNREACHABLE   -> `unreachable`
 * ```
 *
 * move_unreachable scans `base` left to right. A node with gc_refs > 0 is reachable from
 * outside: it is traversed, and every referent still COLLECTING gets gc_refs = 1 (if not
 * scanned yet) or is moved back from the tentatively-unreachable list to the tail of `base`
 * (if scanned already, recognised by the UNREACHABLE bit). A node with gc_refs == 0 moves,
 * tentatively, to `unreachable`. When the scan ends, what is left in `unreachable` is
 * unreachable. gc_refs of a node is > 0 iff something outside `base` holds a reference to
 * it; a node ends in `base` iff it is reachable from such a node.
 *
 * The visit callback handed to `traverse` is the collector's single {@link CollectorVisitor}
 * (in DECREF, then REACHABLE mode); the loops only read and write integers of the heap's
 * `u32` view.
 *
 * @module
 */
import {
  type Address,
  COLLECTING_BIT,
  FINALIZED_BIT,
  type Heap,
  HeapCorruptionError,
  type ObjectLayout,
  type RefcountStrategy,
  UNREACHABLE_BIT,
} from "@pymem/core";
import { type CollectorVisitor, VISIT_DECREF, VISIT_REACHABLE } from "./collector-visitor";
import { GC_REFS_ONE, GC_REFS_SHIFT, MAX_GC_REFS } from "./config";
import { NEXT_POINTER_MASK } from "./gc-list";
import type { TypeTable } from "./type-table";

// Module-local aliases of imported constants (folded by the JIT, unlike import bindings).
const COLLECTING = COLLECTING_BIT;
const FINALIZED = FINALIZED_BIT;
const UNREACHABLE = UNREACHABLE_BIT;
const REFS_ONE = GC_REFS_ONE;
const REFS_SHIFT = GC_REFS_SHIFT;
const REFS_MAX = MAX_GC_REFS;
const NEXT_MASK = NEXT_POINTER_MASK;

/**
 * The three phases that split a list into reachable and unreachable objects.
 * @example
 * ```ts
 * const reach = new Reachability(heap, LAYOUT_64, table, refcount, new CollectorVisitor(heap, LAYOUT_64, table));
 * reach.deduceUnreachable(young, unreachable); // unreachable now holds the cyclic trash
 * ```
 */
export class Reachability {
  private readonly heap: Heap;
  private readonly table: TypeTable;
  private readonly refcount: RefcountStrategy;
  private readonly visitor: CollectorVisitor;
  private readonly headerSize: number;
  private readonly prevIndex: number;
  private readonly typeWord: number;

  constructor(
    heap: Heap,
    layout: ObjectLayout,
    table: TypeTable,
    refcount: RefcountStrategy,
    visitor: CollectorVisitor,
  ) {
    this.heap = heap;
    this.table = table;
    this.refcount = refcount;
    this.visitor = visitor;
    this.headerSize = layout.gcHeaderSize;
    this.prevIndex = layout.wordSize >>> 2;
    this.typeWord = layout.typeOffset >>> 2;
  }

  /** update_refs: gc_refs = refcount for every node of `base`, and COLLECTING set. */
  updateRefs(base: Address): void {
    const u32 = this.heap.u32;
    const pi = this.prevIndex;
    const hdr = this.headerSize;
    const refcount = this.refcount;
    for (let node = u32[base >>> 2]!; node !== base; node = u32[node >>> 2]!) {
      const obj = node + hdr;
      let rc = refcount.refcount(obj);
      // 0: the strategy has queued the object for deallocation (a collection started by a
      // finalizer while reference counting drains its queue). Nothing else references it;
      // keep it and what it reaches for this collection, the strategy frees it afterwards.
      if (rc === 0) rc = 1;
      else if (rc > REFS_MAX) rc = REFS_MAX;
      const i = (node >>> 2) + pi;
      u32[i] = (u32[i]! & FINALIZED) | COLLECTING | (rc << REFS_SHIFT);
    }
  }

  /**
   * subtract_refs: removes from gc_refs every reference coming from inside `base`.
   * @throws HeapCorruptionError when gc_refs would go below zero (refcount too small)
   */
  subtractRefs(base: Address): void {
    this.table.refresh();
    const visitor = this.visitor;
    visitor.begin(VISIT_DECREF, base);
    visitor.takeUnderflow();
    const u32 = this.heap.u32;
    const infos = this.table.infos;
    const hdr = this.headerSize;
    const tw = this.typeWord;
    const visit = visitor.visit;
    for (let node = u32[base >>> 2]!; node !== base; node = u32[node >>> 2]!) {
      const obj = node + hdr;
      infos[u32[(obj >>> 2) + tw]!]!.traverse(obj, visit);
    }
    const bad = visitor.takeUnderflow();
    if (bad !== 0) {
      throw new HeapCorruptionError(
        bad,
        "refcount",
        "refcount is too small: objects being collected hold more references to it than its refcount counts",
      );
    }
  }

  /**
   * move_unreachable: moves the nodes of `young` not reachable from outside to `unreachable`
   * (initialised empty).
   * @returns the number of nodes left in `young` (counted on the way, saving a list walk)
   */
  moveUnreachable(young: Address, unreachable: Address): number {
    this.visitor.begin(VISIT_REACHABLE, young);
    const u32 = this.heap.u32;
    const infos = this.table.infos;
    const hdr = this.headerSize;
    const pi = this.prevIndex;
    const tw = this.typeWord;
    const visit = this.visitor.visit;
    const ui = (unreachable >>> 2) + pi;
    let prev = young;
    let kept = 0;
    let gc = u32[young >>> 2]!;
    while (gc !== young) {
      const gi = gc >>> 2;
      const pw = u32[gi + pi]!;
      if (pw >= REFS_ONE) {
        const obj = gc + hdr;
        // Traversal may append to `young`, changing gc's gc_next: read it afterwards.
        infos[u32[(obj >>> 2) + tw]!]!.traverse(obj, visit);
        u32[gi + pi] = prev | (pw & FINALIZED);
        prev = gc;
        kept++;
      } else {
        u32[prev >>> 2] = u32[gi]!;
        const last = u32[ui]!;
        u32[last >>> 2] = gc | UNREACHABLE;
        u32[gi + pi] = last | (pw & 3);
        u32[gi] = unreachable | UNREACHABLE;
        u32[ui] = gc;
      }
      gc = u32[prev >>> 2]!;
    }
    u32[(young >>> 2) + pi] = prev;
    u32[unreachable >>> 2] = u32[unreachable >>> 2]! & NEXT_MASK;
    return kept;
  }

  /**
   * deduce_unreachable: the three phases. `unreachable` must be an empty list; afterwards its
   * nodes carry COLLECTING and UNREACHABLE (strip the latter before using list operations).
   * @returns the number of nodes left in `base` (the reachable ones)
   */
  deduceUnreachable(base: Address, unreachable: Address): number {
    this.updateRefs(base);
    this.subtractRefs(base);
    return this.moveUnreachable(base, unreachable);
  }
}
