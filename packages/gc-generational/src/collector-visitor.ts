/**
 * The one visit callback a collector hands to every `traverse` call, whatever the phase.
 *
 * Types' traverse functions call `visit(referent)` from a single call site each. When every
 * phase passes the same function, that call site stays monomorphic and the JIT can inline
 * the visit into the traversal; a different callback per phase (as CPython's C code uses),
 * or even a different closure of the same code per collector, makes it polymorphic and
 * costs 1.5-2x per reference. So there is one visit function for the whole process, its
 * state in module variables that {@link CollectorVisitor.begin} sets before each phase
 * (collections of different collectors never interleave inside a phase: the only code a
 * phase runs is `traverse`, which must not start a collection), and the phases select
 * their behaviour with a mode:
 *
 * ```
 *  DECREF, REACHABLE, MOVE: referent not a container, or COLLECTING clear  -> ignore
 *
 *  DECREF     (subtract_refs)        gc_refs -= 1   (0 already: remember the referent, refcount too small)
 *  REACHABLE  (move_unreachable)     UNREACHABLE set -> unlink, append to `target`, gc_refs = 1
 *                                    gc_refs == 0    -> gc_refs = 1   (written branch-free: gc_prev
 *                                    |= COLLECTING && gc_refs == 0 ? 1 << 2 : 0, for any container)
 *  MOVE       (legacy finalizers,    unlink, append to `target`, clear COLLECTING
 *              mark-and-sweep marking)
 *  GATHER     (get_referrers,        append the referent to a buffer, whatever it is; the
 *              get_referents)        caller then works through the buffer
 *  TABLE_DECREF, TABLE_REACHABLE     DECREF and REACHABLE on a gc_refs table (Reachability's
 *             (table mode)           table mode): one byte per referent, no header read
 *
 *  gc_prev:  | gc_refs or prev pointer (bits 31..2) | COLLECTING (1) | FINALIZED (0) |
 *  gc_next:  | next pointer (bits 31..1)            | UNREACHABLE (0)                |
 * ```
 *
 * The function must stay small enough for V8 to inline it into traversals (at most 460 bytes
 * of bytecode; with every mode it has 447): new modes belong in a function of their own
 * called from here, as GATHER's append is.
 *
 * @module
 */
import {
  type Address,
  COLLECTING_BIT,
  FINALIZED_BIT,
  type Heap,
  NEXT_POINTER_MASK,
  type ObjectLayout,
  PREV_POINTER_MASK,
  type TypeInfo,
  UNREACHABLE_BIT,
  type Visit,
} from "@pymem/core";
import { GC_REFS_ONE, GC_REFS_SHIFT } from "./config";
import { T_CONTAINER, type TypeTable } from "./type-table";

// Module-local aliases of imported constants: the JIT folds these into the code, while
// every use of an imported binding is a load through the module's import cell.
const CONTAINER = T_CONTAINER;
const COLLECTING = COLLECTING_BIT;
const FINALIZED = FINALIZED_BIT;
const UNREACHABLE = UNREACHABLE_BIT;
const REFS_ONE = GC_REFS_ONE;
const REFS_SHIFT = GC_REFS_SHIFT;
const PREV_MASK = PREV_POINTER_MASK;
const NEXT_MASK = NEXT_POINTER_MASK;

/** subtract_refs: one reference less from outside. */
export const VISIT_DECREF = 0;
/** move_unreachable: the referent of a reachable object is reachable. */
export const VISIT_REACHABLE = 1;
/** Move the referent to the target list and clear COLLECTING (legacy finalizers, marking). */
export const VISIT_MOVE = 2;

/** Append the referent to the buffer ({@link CollectorVisitor.gather}). */
export const VISIT_GATHER = 3;

/** subtract_refs on a gc_refs table (Reachability's table mode). */
export const VISIT_TABLE_DECREF = 4;
/** move_unreachable on a gc_refs table. */
export const VISIT_TABLE_REACHABLE = 5;

/** Which behaviour {@link CollectorVisitor.visit} has. */
export type VisitMode =
  | typeof VISIT_DECREF
  | typeof VISIT_REACHABLE
  | typeof VISIT_MOVE
  | typeof VISIT_GATHER
  | typeof VISIT_TABLE_DECREF
  | typeof VISIT_TABLE_REACHABLE;

/** Initial capacity of the GATHER buffer (it doubles for objects with more referents). */
export const REFERENT_BUFFER_INITIAL = 1024;
/** Capacity the buffer shrinks back to after a phase that made it larger than this. */
const REFERENT_BUFFER_KEEP = 1 << 16;

/** State of the shared visit function, set by {@link CollectorVisitor.begin}. An object (one
 * stable shape) is cheaper to read from than module-level `let`s, which need hole checks. */
interface VisitState {
  u32: Uint32Array;
  flags: Uint8Array;
  hdr: number;
  pi: number;
  tw: number;
  mode: VisitMode;
  target: Address;
  underflow: Address;
  buf: Uint32Array;
  n: number;
  refs: Uint8Array;
  lo: number;
  span: number;
  shift: number;
  rare: TableRareHandler;
}

const V: VisitState = {
  u32: new Uint32Array(0),
  flags: new Uint8Array(0),
  hdr: 16,
  pi: 2,
  tw: 2,
  mode: VISIT_DECREF,
  target: 0,
  underflow: 0,
  buf: new Uint32Array(REFERENT_BUFFER_INITIAL),
  n: 0,
  refs: new Uint8Array(0),
  lo: 0,
  span: 0,
  shift: 4,
  rare: () => {},
};

/** GATHER: appends `ref` to the buffer (out of line: only get_referrers / get_referents use it). */
function gatherPush(ref: Address): void {
  const n = V.n;
  if (n === V.buf.length) growBuffer();
  V.buf[n] = ref;
  V.n = n + 1;
}

/** Doubles the GATHER buffer, keeping its contents (rare: an object with many referents). */
function growBuffer(): void {
  const next = new Uint32Array(V.buf.length * 2);
  next.set(V.buf);
  V.buf = next;
}

/**
 * The visit callback shared by every collector (see the module comment). Only the frequent
 * cases are here, so that the function stays small enough to be inlined into `traverse`;
 * moving a node between lists is left to {@link relink}.
 */
function sharedVisit(ref: Address): void {
  const st = V;
  const mode = st.mode;
  if (mode >= VISIT_GATHER) {
    if (mode === VISIT_GATHER) {
      gatherPush(ref);
      return;
    }
    // Table modes. Entries: 0 not in the set, 1 + gc_refs (gc_refs < 252), 253 parked on
    // the tentatively-unreachable list, 255 a large count kept elsewhere.
    const d = (ref - st.lo) >>> 0;
    if (d >= st.span) return; // outside the set's address range
    const j = d >>> st.shift;
    const e = st.refs[j]!;
    const decref = mode === VISIT_TABLE_DECREF;
    if (decref ? e > 1 && e < 253 : e === 1) st.refs[j] = decref ? e - 1 : 2;
    else if (decref ? e !== 0 : e >= 253) st.rare(j, e, ref);
    return;
  }
  const u32 = st.u32;
  if ((st.flags[u32[(ref >>> 2) + st.tw]!]! & CONTAINER) === 0) return;
  const i = ((ref - st.hdr) >>> 2) + st.pi;
  const pw = u32[i]!;
  if (st.mode === VISIT_REACHABLE) {
    // Only nodes parked on the tentatively-unreachable list carry UNREACHABLE (rare).
    if ((u32[i - st.pi]! & UNREACHABLE) !== 0) {
      relink(ref - st.hdr, pw);
      return;
    }
    // gc_refs = max(gc_refs, 1) for COLLECTING nodes, without a branch: whether a referent
    // was scanned already is close to random, and a mispredicted branch costs more than the
    // store (which leaves gc_prev unchanged for every other node).
    u32[i] = pw | ((((pw & COLLECTING) >>> 1) & (pw < REFS_ONE ? 1 : 0)) << REFS_SHIFT);
    return;
  }
  if ((pw & COLLECTING) === 0) return; // not in the set, or already dealt with
  if (st.mode === VISIT_DECREF) {
    if (pw < REFS_ONE) st.underflow = ref;
    else u32[i] = pw - REFS_ONE;
    return;
  }
  relink(ref - st.hdr, pw);
}

/**
 * Moves `node` (whose gc_prev word is `pw`) to the tail of the target list. REACHABLE: it is
 * on move_unreachable's tentatively-unreachable list, whose gc_next words carry UNREACHABLE
 * (kept on its neighbours); it gets gc_refs = 1 and stays COLLECTING. MOVE: it is on a
 * well-formed list; COLLECTING is cleared and gc_prev becomes a pointer again.
 */
function relink(node: Address, pw: number): void {
  const st = V;
  const u32 = st.u32;
  const pi = st.pi;
  const ni = node >>> 2;
  const nw = u32[ni]!;
  const prev = pw & PREV_MASK;
  const next = nw & NEXT_MASK;
  const reachable = st.mode === VISIT_REACHABLE;
  u32[prev >>> 2] = reachable ? nw : next;
  const nxi = (next >>> 2) + pi;
  u32[nxi] = prev | (u32[nxi]! & 3);
  const target = st.target;
  const ti = (target >>> 2) + pi;
  const last = u32[ti]!;
  u32[last >>> 2] = node;
  u32[ni] = target;
  u32[ti] = node;
  u32[ni + pi] = reachable ? (pw & 3) | REFS_ONE : last | (pw & FINALIZED);
}

/**
 * Receives the table cases the shared visit does not handle itself (an underflow, a parked
 * node, a large count), with the entry index, its value and the referent.
 */
export type TableRareHandler = (index: number, entry: number, ref: Address) => void;

/**
 * One collector's handle on the shared, mode-switched visit callback.
 * @example
 * ```ts
 * const v = new CollectorVisitor(heap, LAYOUT_64, table);
 * v.begin(VISIT_DECREF, 0);
 * type.traverse(obj, v.visit);
 * v.takeUnderflow(); // 0 unless a refcount was too small
 * ```
 */
export class CollectorVisitor {
  /** The callback to hand to `traverse`: the same function for every mode and every collector. */
  readonly visit: Visit = sharedVisit;
  private readonly heap: Heap;
  private readonly table: TypeTable;
  private readonly hdr: number;
  private readonly pi: number;
  private readonly tw: number;

  constructor(heap: Heap, layout: ObjectLayout, table: TypeTable) {
    this.heap = heap;
    this.table = table;
    this.hdr = layout.gcHeaderSize;
    this.pi = layout.wordSize >>> 2;
    this.tw = layout.typeOffset >>> 2;
  }

  /**
   * Points the shared callback at this collector's heap view, type flags and layout, and
   * selects the mode and the target list (where REACHABLE and MOVE append). Call before each
   * phase, and again after any user code ran.
   */
  begin(mode: VisitMode, target: Address): void {
    const st = V;
    st.u32 = this.heap.u32;
    st.flags = this.table.flags;
    st.hdr = this.hdr;
    st.pi = this.pi;
    st.tw = this.tw;
    st.mode = mode;
    st.target = target;
  }

  /**
   * Points the shared callback at a gc_refs table, in TABLE_REACHABLE mode when `reach` is
   * true, else TABLE_DECREF: entry `(ref - lo) >> shift` for referents in `lo .. lo + span - 1`;
   * `rare` for the cases listed at {@link TableRareHandler}.
   */
  beginTable(
    reach: boolean,
    refs: Uint8Array,
    lo: Address,
    span: number,
    shift: number,
    rare: TableRareHandler,
  ): void {
    const st = V;
    st.mode = reach ? VISIT_TABLE_REACHABLE : VISIT_TABLE_DECREF;
    st.refs = refs;
    st.lo = lo;
    st.span = span;
    st.shift = shift;
    st.rare = rare;
  }

  /** The GATHER buffer (read it again after each gather: it may have grown). */
  get buffer(): Uint32Array {
    return V.buf;
  }

  /**
   * Switches to GATHER mode, traverses `obj` and returns how many referents it visited; they
   * are in {@link CollectorVisitor.buffer} from index 0, in traversal order.
   */
  gather(info: TypeInfo, obj: Address): number {
    const st = V;
    st.mode = VISIT_GATHER;
    st.n = 0;
    info.traverse(obj, sharedVisit);
    return st.n;
  }

  /** Lets a GATHER buffer that grew past 64 Ki entries go (after a phase). */
  release(): void {
    V.n = 0;
    if (V.buf.length > REFERENT_BUFFER_KEEP) V.buf = new Uint32Array(REFERENT_BUFFER_INITIAL);
  }

  /** Returns the referent whose gc_refs would have gone below zero since the last call (0 if none), and forgets it. */
  takeUnderflow(): Address {
    const bad = V.underflow;
    V.underflow = 0;
    return bad;
  }
}
