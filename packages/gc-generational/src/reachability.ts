/**
 * Which objects of a list are unreachable from outside it: CPython 3.11's
 * deduce_unreachable (update_refs, subtract_refs, move_unreachable in Modules/gcmodule.c),
 * working on the GC headers in the heap.
 *
 * gc_refs lives in one of two places, chosen per call by the size of the set:
 *
 * ```
 *  header mode (small sets, CPython's way): gc_refs in the gc_prev word of each node
 *
 *  phase          gc_prev of each node in `base`                 gc_next
 *  ------------   ---------------------------------------------  --------------------------
 *  before         prev | FINALIZED                               next
 *  update_refs    refcount << 2 | COLLECTING | FINALIZED         next       (list singly linked)
 *  subtract_refs  (refcount - internal refs) << 2 | ...          next
 *  move_unreach.  reachable:   prev | FINALIZED                  next                 -> stays in base
 *                 unreachable: prev | COLLECTING | FINALIZED     next | UNREACHABLE   -> `unreachable`
 *
 *  table mode (sets of at least `tableThreshold` objects whose address range needs at most
 *  TABLE_MAX_SPREAD entries per object, or at most TABLE_ALWAYS_ENTRIES): gc_refs in a
 *  byte array indexed by address
 *
 *  entry[(obj - lo) >> log2(headerSize)], one byte:   0          not in the set
 *                                                     1 + k      in the set, gc_refs k (k < 252)
 *                                                     253        on the tentatively-unreachable list
 *                                                     255        gc_refs in a side map (refcounts >= 252)
 *       (two objects never share an entry: any two are at least headerSize bytes apart)
 *
 *  the lists stay doubly linked throughout; nodes moved to `unreachable` get COLLECTING,
 *  so the output is the header mode's, less the UNREACHABLE bits
 * ```
 *
 * The table mode is the same algorithm with the per-reference work on a table 16 times
 * smaller than the address range (4 bytes per 64-byte object): subtract_refs and move_unreachable
 * touch every referent once each, in random order, and on large heaps that is cache misses;
 * a referent's entry costs one access where its header costs two (the type word, to know it
 * is a container, and gc_prev), and the table mostly stays in cache.
 *
 * move_unreachable scans `base` left to right. A node with gc_refs > 0 is reachable from
 * outside: it is traversed, and every referent still in the set gets gc_refs = 1 (if not
 * scanned yet) or is moved back from the tentatively-unreachable list to the tail of `base`
 * (if scanned already). A node with gc_refs == 0 moves, tentatively, to `unreachable`. When
 * the scan ends, what is left in `unreachable` is unreachable. gc_refs of a node is > 0 iff
 * something outside `base` holds a reference to it; a node ends in `base` iff it is
 * reachable from such a node.
 *
 * The visit callback handed to `traverse` is the collector's single {@link CollectorVisitor}
 * in DECREF then REACHABLE mode (header mode) or TABLE_DECREF then TABLE_REACHABLE mode
 * (table mode): the per-reference work is done inside the visit, which the JIT inlines into
 * each type's traversal; the rare table cases (an underflow, a parked node, a large count)
 * call back into this class. The loops only read and write integers of typed arrays.
 *
 * @module
 */
import {
  type Address,
  COLLECTING_BIT,
  FINALIZED_BIT,
  type Heap,
  HeapCorruptionError,
  NEXT_POINTER_MASK,
  type ObjectLayout,
  PREV_POINTER_MASK,
  type RefcountStrategy,
  UNREACHABLE_BIT,
} from "@pymem/core";
import {
  type CollectorVisitor,
  type TableRareHandler,
  VISIT_DECREF,
  VISIT_REACHABLE,
} from "./collector-visitor";
import {
  DEFAULT_TABLE_THRESHOLD,
  GC_REFS_ONE,
  GC_REFS_SHIFT,
  MAX_GC_REFS,
  TABLE_ALWAYS_ENTRIES,
  TABLE_MAX_ENTRIES,
  TABLE_MAX_SPREAD,
} from "./config";
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
 * The gc_refs a collection starts an object from, given its reference count: the count capped
 * at MAX_GC_REFS (immortal counts included). 0 means the strategy has queued the object for
 * deallocation (a collection started by a finalizer while reference counting drains its
 * queue): nothing else references it; keep it and what it reaches for this collection (count
 * 1), the strategy frees it afterwards.
 */
function startingRefs(rc: number): number {
  return rc === 0 ? 1 : rc > REFS_MAX ? REFS_MAX : rc;
}
const PREV_MASK = PREV_POINTER_MASK;
// Table entries (one byte): 0 = not in the set; E_ZERO + k = in the set with gc_refs k
// (k < E_LARGEST); E_TENTATIVE = on the tentatively-unreachable list (gc_refs 0); E_LARGE =
// gc_refs kept in `large` (a refcount of E_LARGEST or more), LARGE_TENTATIVE there for
// parked on the tentatively-unreachable list.
const E_ZERO = 1;
const E_LARGEST = 252;
const E_TENTATIVE = E_ZERO + E_LARGEST; // 253
const E_LARGE = 255;
const LARGE_TENTATIVE = -1;

const REFCOUNT_TOO_SMALL =
  "refcount is too small: objects being collected hold more references to it than its refcount counts";

/**
 * The three phases that split a list into reachable and unreachable objects.
 * @example
 * ```ts
 * const reach = new Reachability(heap, LAYOUT_64, table, refcount, new CollectorVisitor(heap, LAYOUT_64, table));
 * reach.deduceUnreachable(young, unreachable); // unreachable now holds the cyclic trash
 * ```
 */
export class Reachability {
  /** Smallest set deduceUnreachable keeps gc_refs in a table for (0: always; Infinity: never). */
  readonly tableThreshold: number;
  private readonly heap: Heap;
  private readonly table: TypeTable;
  private readonly refcount: RefcountStrategy;
  /**
   * Whether update_refs reads the counts straight from the objects' refcount words: a
   * strategy in fast mode that declares `countsInHeader` (its `refcount()` is that word, a
   * check of the object state aside, which fast mode may skip). Any other is asked per count.
   */
  private readonly countsInHeader: boolean;
  private readonly visitor: CollectorVisitor;
  private readonly headerSize: number;
  private readonly prevIndex: number;
  private readonly typeWord: number;
  /** log2 of the bytes one table entry covers (the largest power of two <= the object header size). */
  private readonly granuleShift: number;
  /** The table (all zero between calls), kept for the next collection. */
  private refs: Uint8Array = new Uint8Array(0);
  /** gc_refs of members whose count does not fit an entry, by entry index (rare). */
  private readonly large = new Map<number, number>();
  /** The referent whose gc_refs went below zero in the table's subtract_refs, or 0. */
  private bad: Address = 0;
  /** The list move_unreachable on the table scans. */
  private young: Address = 0;
  private readonly rareDecref: TableRareHandler = (j, e, ref) => this.onRareDecref(j, e, ref);
  private readonly rareReachable: TableRareHandler = (j, e, ref) => this.reachedRare(j, e, ref);

  /** Calls of deduceUnreachable that used the table. */
  private tableRuns = 0;

  /**
   * @param tableThreshold - smallest set for the table mode (default {@link DEFAULT_TABLE_THRESHOLD})
   */
  constructor(
    heap: Heap,
    layout: ObjectLayout,
    table: TypeTable,
    refcount: RefcountStrategy,
    visitor: CollectorVisitor,
    tableThreshold: number = DEFAULT_TABLE_THRESHOLD,
  ) {
    this.heap = heap;
    this.table = table;
    this.refcount = refcount;
    this.countsInHeader = refcount.countsInHeader === true && !refcount.checked;
    this.visitor = visitor;
    this.headerSize = layout.gcHeaderSize;
    this.prevIndex = layout.wordSize >>> 2;
    this.typeWord = layout.typeOffset >>> 2;
    this.granuleShift = 31 - Math.clz32(layout.headerSize);
    this.tableThreshold = tableThreshold;
  }

  /** How many {@link Reachability.deduceUnreachable} calls kept gc_refs in the table. */
  get tableUses(): number {
    return this.tableRuns;
  }

  /** update_refs: gc_refs = refcount for every node of `base`, and COLLECTING set. */
  updateRefs(base: Address): void {
    const u32 = this.heap.u32;
    const pi = this.prevIndex;
    const hdr = this.headerSize;
    if (this.countsInHeader) {
      // The refcount word is the object's first.
      const ri = hdr >>> 2;
      for (let node = u32[base >>> 2]!; node !== base; node = u32[node >>> 2]!) {
        const gi = node >>> 2;
        const i = gi + pi;
        u32[i] = (u32[i]! & FINALIZED) | COLLECTING | (startingRefs(u32[gi + ri]!) << REFS_SHIFT);
      }
      return;
    }
    const refcount = this.refcount;
    for (let node = u32[base >>> 2]!; node !== base; node = u32[node >>> 2]!) {
      const i = (node >>> 2) + pi;
      u32[i] =
        (u32[i]! & FINALIZED) | COLLECTING | (startingRefs(refcount.refcount(node + hdr)) << REFS_SHIFT);
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
      throw new HeapCorruptionError(bad, "refcount", REFCOUNT_TOO_SMALL);
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
   * nodes carry COLLECTING and maybe UNREACHABLE (strip the latter before using list
   * operations), the nodes left in `base` neither.
   * @returns the number of nodes left in `base` (the reachable ones)
   * @throws HeapCorruptionError when a refcount is smaller than the references found to it
   */
  deduceUnreachable(base: Address, unreachable: Address): number {
    if (this.tableThreshold !== Number.POSITIVE_INFINITY) {
      const kept = this.deduceWithTable(base, unreachable);
      if (kept >= 0) return kept;
    }
    this.updateRefs(base);
    this.subtractRefs(base);
    return this.moveUnreachable(base, unreachable);
  }

  /**
   * The table mode, when the set is large and dense enough (see the module comment).
   * @returns the nodes left in `base`, or -1 (nothing done) when the set does not qualify
   */
  private deduceWithTable(base: Address, unreachable: Address): number {
    const u32 = this.heap.u32;
    const hdr = this.headerSize;
    let count = 0;
    let lo = 0xffffffff;
    let hi = 0;
    for (let node = u32[base >>> 2]!; node !== base; node = u32[node >>> 2]!) {
      if (node < lo) lo = node;
      if (node > hi) hi = node;
      count++;
    }
    if (count === 0 || count < this.tableThreshold) return -1;
    lo += hdr;
    hi += hdr;
    const shift = this.granuleShift;
    const entries = ((hi - lo) >>> shift) + 1;
    if (entries > TABLE_MAX_ENTRIES || (entries > TABLE_ALWAYS_ENTRIES && entries > count * TABLE_MAX_SPREAD))
      return -1;
    if (this.refs.length < entries) this.refs = new Uint8Array(Math.max(entries, this.refs.length * 2));
    // Addresses lo .. lo + span - 1 have entries; any other referent is outside the set.
    const span = hi - lo + (1 << shift);
    this.tableRuns++;
    try {
      this.updateTable(base, lo);
      this.subtractTable(base, lo, span);
      return this.moveUnreachableTable(base, unreachable, lo, span);
    } finally {
      // All zero again for the next call; a table far larger than this set needs is let go.
      if (this.refs.length > 4 * entries && this.refs.length > TABLE_ALWAYS_ENTRIES)
        this.refs = new Uint8Array(entries);
      else this.refs.fill(0, 0, entries);
      this.large.clear();
      this.visitor.release();
    }
  }

  /** update_refs into the table. */
  private updateTable(base: Address, lo: Address): void {
    const u32 = this.heap.u32;
    const refs = this.refs;
    const hdr = this.headerSize;
    const shift = this.granuleShift;
    const refcount = this.refcount;
    const inHeader = this.countsInHeader;
    for (let node = u32[base >>> 2]!; node !== base; node = u32[node >>> 2]!) {
      const obj = node + hdr;
      const j = (obj - lo) >>> shift;
      const rc = startingRefs(inHeader ? u32[obj >>> 2]! : refcount.refcount(obj));
      if (rc < E_LARGEST) refs[j] = rc + E_ZERO;
      else {
        refs[j] = E_LARGE;
        this.large.set(j, rc);
      }
    }
  }

  /** subtract_refs on the table. */
  private subtractTable(base: Address, lo: Address, span: number): void {
    this.table.refresh();
    const infos = this.table.infos;
    const hdr = this.headerSize;
    const tw = this.typeWord;
    this.bad = 0;
    this.visitor.beginTable(false, this.refs, lo, span, this.granuleShift, this.rareDecref);
    const visit = this.visitor.visit;
    const u32 = this.heap.u32;
    for (let node = u32[base >>> 2]!; node !== base; node = u32[node >>> 2]!) {
      const obj = node + hdr;
      infos[u32[(obj >>> 2) + tw]!]!.traverse(obj, visit);
    }
    if (this.bad !== 0) throw new HeapCorruptionError(this.bad, "refcount", REFCOUNT_TOO_SMALL);
  }

  /** The rare cases of subtract_refs on the table: gc_refs 0 already (too small), or a large count. */
  private onRareDecref(j: number, e: number, ref: Address): void {
    if (e === E_ZERO) {
      this.bad = ref;
    } else if (e === E_LARGE) {
      const m = this.large.get(j)!;
      if (m === 0) this.bad = ref;
      else this.large.set(j, m - 1);
    }
  }

  /** move_unreachable on the table; both lists stay doubly linked. */
  private moveUnreachableTable(young: Address, unreachable: Address, lo: Address, span: number): number {
    const u32 = this.heap.u32;
    const infos = this.table.infos;
    const refs = this.refs;
    const hdr = this.headerSize;
    const pi = this.prevIndex;
    const tw = this.typeWord;
    const shift = this.granuleShift;
    const ui = (unreachable >>> 2) + pi;
    this.young = young;
    this.visitor.beginTable(true, refs, lo, span, shift, this.rareReachable);
    const visit = this.visitor.visit;
    let kept = 0;
    let gc = u32[young >>> 2]!;
    while (gc !== young) {
      const obj = gc + hdr;
      const jg = (obj - lo) >>> shift;
      const e = refs[jg]!;
      const gi = gc >>> 2;
      if (e > E_ZERO && e < E_TENTATIVE ? true : e === E_LARGE && this.large.get(jg)! > 0) {
        infos[u32[(obj >>> 2) + tw]!]!.traverse(obj, visit);
        kept++;
        gc = u32[gi]!; // read after traversing: bringing nodes back may have appended to young
      } else {
        if (e === E_LARGE) this.large.set(jg, LARGE_TENTATIVE);
        else refs[jg] = E_TENTATIVE;
        const next = u32[gi]!;
        const pw = u32[gi + pi]!;
        const prev = pw & PREV_MASK;
        u32[prev >>> 2] = next;
        const nxi = (next >>> 2) + pi;
        u32[nxi] = prev | (u32[nxi]! & 3);
        const last = u32[ui]!;
        u32[last >>> 2] = gc;
        u32[gi] = unreachable;
        u32[ui] = gc;
        u32[gi + pi] = last | (pw & FINALIZED) | COLLECTING;
        gc = next;
      }
    }
    return kept;
  }

  /**
   * A reachable object refers to the member with entry `j` = `f` (E_TENTATIVE or E_LARGE):
   * a member parked on the tentatively-unreachable list goes back to the tail of `young`
   * (COLLECTING cleared) with gc_refs 1; a large count of 0 becomes 1.
   */
  private reachedRare(j: number, f: number, ref: Address): void {
    const node = ref - this.headerSize;
    const young = this.young;
    if (f === E_LARGE) {
      const m = this.large.get(j)!;
      if (m > 0) return;
      this.large.set(j, 1);
      if (m === 0) return;
    } else {
      this.refs[j] = E_ZERO + 1;
    }
    const u32 = this.heap.u32;
    const pi = this.prevIndex;
    const ni = node >>> 2;
    const pw = u32[ni + pi]!;
    const prev = pw & PREV_MASK;
    const next = u32[ni]!;
    u32[prev >>> 2] = next;
    const nxi = (next >>> 2) + pi;
    u32[nxi] = prev | (u32[nxi]! & 3);
    const yi = (young >>> 2) + pi;
    const last = u32[yi]!;
    u32[last >>> 2] = node;
    u32[ni] = young;
    u32[yi] = node;
    u32[ni + pi] = last | (pw & FINALIZED);
  }
}
