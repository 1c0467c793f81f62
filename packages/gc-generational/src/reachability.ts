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
 * The two visit callbacks handed to `traverse` are created once per instance; the loops
 * only read and write integers of the heap's `u32` view.
 *
 * @module
 */
import {
  type Address,
  COLLECTING_BIT,
  FINALIZED_BIT,
  HeapCorruptionError,
  type Heap,
  type ObjectLayout,
  type RefcountStrategy,
  UNREACHABLE_BIT,
  type Visit,
} from "@pymem/core";
import { GC_REFS_ONE, GC_REFS_SHIFT, MAX_GC_REFS } from "./config";
import { NEXT_POINTER_MASK, PREV_POINTER_MASK } from "./gc-list";
import { T_CONTAINER, type TypeTable } from "./type-table";

/**
 * The three phases that split a list into reachable and unreachable objects.
 * @example
 * ```ts
 * const reach = new Reachability(heap, LAYOUT_64, table, refcount);
 * reach.deduceUnreachable(young, unreachable); // unreachable now holds the cyclic trash
 * ```
 */
export class Reachability {
  private readonly heap: Heap;
  private readonly table: TypeTable;
  private readonly refcount: RefcountStrategy;
  private readonly headerSize: number;
  private readonly prevIndex: number;
  private readonly typeWord: number;
  /** View used by the visit callbacks; set at the start of each phase. */
  private u32: Uint32Array;
  /** Type flags used by the visit callbacks; set at the start of each phase. */
  private flags: Uint8Array;
  /** The list move_unreachable scans (where rescued nodes are appended). */
  private young: Address = 0;
  /** Referent whose gc_refs would have gone below zero (0 = none). */
  private underflow: Address = 0;
  private readonly visitDecref: Visit;
  private readonly visitReachable: Visit;

  constructor(heap: Heap, layout: ObjectLayout, table: TypeTable, refcount: RefcountStrategy) {
    this.heap = heap;
    this.table = table;
    this.refcount = refcount;
    this.u32 = heap.u32;
    this.flags = table.flags;
    const hdr = layout.gcHeaderSize;
    const pi = layout.wordSize >>> 2;
    const tw = layout.typeOffset >>> 2;
    this.headerSize = hdr;
    this.prevIndex = pi;
    this.typeWord = tw;

    // visit_decref: one fewer reference from outside for a referent in the collected set.
    this.visitDecref = (ref: Address): void => {
      const u32 = this.u32;
      if ((this.flags[u32[(ref >>> 2) + tw]!]! & T_CONTAINER) === 0) return;
      const i = ((ref - hdr) >>> 2) + pi;
      const p = u32[i]!;
      if ((p & COLLECTING_BIT) === 0) return;
      if (p < GC_REFS_ONE) {
        this.underflow = ref;
        return;
      }
      u32[i] = p - GC_REFS_ONE;
    };

    // visit_reachable: a referent of a reachable object is reachable.
    this.visitReachable = (ref: Address): void => {
      const u32 = this.u32;
      if ((this.flags[u32[(ref >>> 2) + tw]!]! & T_CONTAINER) === 0) return;
      const node = ref - hdr;
      const ni = node >>> 2;
      const pw = u32[ni + pi]!;
      if ((pw & COLLECTING_BIT) === 0) return; // other generation, or already scanned
      const nw = u32[ni]!;
      if ((nw & UNREACHABLE_BIT) !== 0) {
        // Tentatively unreachable: unlink it (keeping the neighbours' UNREACHABLE bits) ...
        const prev = pw & PREV_POINTER_MASK;
        const next = nw & NEXT_POINTER_MASK;
        u32[prev >>> 2] = nw;
        const nxi = (next >>> 2) + pi;
        u32[nxi] = prev | (u32[nxi]! & 3);
        // ... and append it to the scanned list with gc_refs = 1.
        const young = this.young;
        const yi = (young >>> 2) + pi;
        const last = u32[yi]!;
        u32[last >>> 2] = node;
        u32[ni] = young;
        u32[yi] = node;
        u32[ni + pi] = (pw & 3) | GC_REFS_ONE;
      } else if (pw < GC_REFS_ONE) {
        // Not scanned yet: tell move_unreachable it is reachable.
        u32[ni + pi] = pw | GC_REFS_ONE;
      }
    };
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
      else if (rc > MAX_GC_REFS) rc = MAX_GC_REFS;
      const i = (node >>> 2) + pi;
      u32[i] = (u32[i]! & FINALIZED_BIT) | COLLECTING_BIT | (rc << GC_REFS_SHIFT);
    }
  }

  /**
   * subtract_refs: removes from gc_refs every reference coming from inside `base`.
   * @throws HeapCorruptionError when gc_refs would go below zero (refcount too small)
   */
  subtractRefs(base: Address): void {
    const u32 = this.heap.u32;
    this.u32 = u32;
    this.table.refresh();
    this.flags = this.table.flags;
    const infos = this.table.infos;
    const hdr = this.headerSize;
    const tw = this.typeWord;
    const visit = this.visitDecref;
    this.underflow = 0;
    for (let node = u32[base >>> 2]!; node !== base; node = u32[node >>> 2]!) {
      const obj = node + hdr;
      infos[u32[(obj >>> 2) + tw]!]!.traverse(obj, visit);
    }
    if (this.underflow !== 0) {
      const bad = this.underflow;
      this.underflow = 0;
      throw new HeapCorruptionError(
        bad,
        "refcount",
        "refcount is too small: objects being collected hold more references to it than its refcount counts",
      );
    }
  }

  /** move_unreachable: moves the nodes of `young` not reachable from outside to `unreachable` (initialised empty). */
  moveUnreachable(young: Address, unreachable: Address): void {
    const u32 = this.heap.u32;
    this.u32 = u32;
    this.flags = this.table.flags;
    this.young = young;
    const infos = this.table.infos;
    const hdr = this.headerSize;
    const pi = this.prevIndex;
    const tw = this.typeWord;
    const visit = this.visitReachable;
    const ui = (unreachable >>> 2) + pi;
    let prev = young;
    let gc = u32[young >>> 2]!;
    while (gc !== young) {
      const gi = gc >>> 2;
      const pw = u32[gi + pi]!;
      if (pw >= GC_REFS_ONE) {
        const obj = gc + hdr;
        // Traversal may append to `young`, changing gc's gc_next: read it afterwards.
        infos[u32[(obj >>> 2) + tw]!]!.traverse(obj, visit);
        u32[gi + pi] = prev | (pw & FINALIZED_BIT);
        prev = gc;
      } else {
        u32[prev >>> 2] = u32[gi]!;
        const last = u32[ui]!;
        u32[last >>> 2] = gc | UNREACHABLE_BIT;
        u32[gi + pi] = last | (pw & 3);
        u32[gi] = unreachable | UNREACHABLE_BIT;
        u32[ui] = gc;
      }
      gc = u32[prev >>> 2]!;
    }
    u32[(young >>> 2) + pi] = prev;
    u32[unreachable >>> 2] = u32[unreachable >>> 2]! & NEXT_POINTER_MASK;
  }

  /**
   * deduce_unreachable: the three phases. `unreachable` must be an empty list; afterwards its
   * nodes carry COLLECTING and UNREACHABLE (strip the latter before using list operations).
   */
  deduceUnreachable(base: Address, unreachable: Address): void {
    this.updateRefs(base);
    this.subtractRefs(base);
    this.moveUnreachable(base, unreachable);
  }
}
