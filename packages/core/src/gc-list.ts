/**
 * The GC lists: doubly-linked lists of container objects threaded through their GC headers
 * in the heap (CPython's gc_list_* helpers and _PyObject_GC_TRACK / _UNTRACK), the header
 * accessors around them, and the repairs an interrupted collection needs. This is the one
 * implementation every collector and every refcount strategy uses; who links and who
 * unlinks is the contract written on `CycleCollector`.
 *
 * ```
 *  node = object address - gcHeaderSize          (64-bit layout: 16, compact: 8)
 *
 *  node+0  gc_next  | next node            | UNREACHABLE (bit 0, only inside move_unreachable's output)
 *  node+w  gc_prev  | prev node | COLLECTING (bit 1) | FINALIZED (bit 0)
 *                   | gc_refs << 2 | COLLECTING | FINALIZED      (during update_refs .. move_unreachable)
 *
 *  head <-> n1 <-> n2 <-> ... <-> nk <-> head       a head is a bare node (no flags, no object)
 * ```
 *
 * Invariants between collections: a container is tracked iff its gc_next is non-zero; a
 * tracked container is on exactly one list; no node has COLLECTING or UNREACHABLE set; a
 * list is empty iff its head's gc_next is the head itself.
 *
 * Every method reads the heap's current `u32` view, so lists survive heap growth.
 *
 * @module
 */
import type { Address } from "./address";
import { COLLECTING_BIT, FINALIZED_BIT, UNREACHABLE_BIT } from "./gc-header";
import type { Heap } from "./heap";
import type { ObjectLayout } from "./object-layout";

/** Mask that strips the flag bits from a gc_prev word. */
export const PREV_POINTER_MASK = ~3 >>> 0;
/** Mask that strips the UNREACHABLE bit from a gc_next word. */
export const NEXT_POINTER_MASK = ~UNREACHABLE_BIT >>> 0;

// Module-local aliases of imported constants (folded by the JIT, unlike import bindings).
const COLLECTING = COLLECTING_BIT;
const FINALIZED = FINALIZED_BIT;
const NEXT_MASK = NEXT_POINTER_MASK;
const PREV_MASK = PREV_POINTER_MASK;

/**
 * GC header access and list operations over the GC headers of one heap.
 * @example
 * ```ts
 * const lists = new GcList(heap, LAYOUT_64);
 * lists.init(head);
 * lists.append(head, lists.node(obj));
 * lists.size(head);       // 1
 * lists.isTracked(obj);   // true
 * lists.untrack(obj);     // off its list: gc_next = 0
 * ```
 */
export class GcList {
  /** The heap the nodes live in. */
  readonly heap: Heap;
  /** The object layout (gives the header size and word size). */
  readonly layout: ObjectLayout;
  /** Bytes from a node to its object (the GC header size). */
  readonly headerSize: number;
  /** Distance in 32-bit words from gc_next to gc_prev. */
  readonly prevIndex: number;
  /** Whether words are 8 bytes (their high halves are kept 0). */
  protected readonly wide: boolean;

  constructor(heap: Heap, layout: ObjectLayout) {
    this.heap = heap;
    this.layout = layout;
    this.headerSize = layout.gcHeaderSize;
    this.prevIndex = layout.wordSize >>> 2;
    this.wide = layout.wordSize === 8;
  }

  // ---- one header -------------------------------------------------------------------------

  /** The node (GC header address) of a container object. */
  node(obj: Address): Address {
    return obj - this.headerSize;
  }

  /** The object of a node. */
  object(node: Address): Address {
    return node + this.headerSize;
  }

  /** Zeroes both words of a fresh object's GC header (untracked, not finalized). */
  clearHeader(obj: Address): void {
    const u32 = this.heap.u32;
    const i = (obj - this.headerSize) >>> 2;
    u32[i] = 0;
    u32[i + this.prevIndex] = 0;
    if (this.wide) {
      u32[i + 1] = 0;
      u32[i + 3] = 0;
    }
  }

  /** Whether a container object is on a GC list (gc_next non-zero). */
  isTracked(obj: Address): boolean {
    return this.heap.u32[(obj - this.headerSize) >>> 2]! !== 0;
  }

  /** Whether the object's finalizer has run (FINALIZED in gc_prev). */
  isFinalized(obj: Address): boolean {
    return (this.heap.u32[((obj - this.headerSize) >>> 2) + this.prevIndex]! & FINALIZED) !== 0;
  }

  /** Marks the object's finalizer as run (or not). */
  setFinalized(obj: Address, finalized: boolean): void {
    const i = ((obj - this.headerSize) >>> 2) + this.prevIndex;
    const u32 = this.heap.u32;
    u32[i] = finalized ? u32[i]! | FINALIZED : u32[i]! & ~FINALIZED;
  }

  /**
   * Takes a container off whatever list it is on, if any (what a refcount strategy does
   * before a tracked container's `type.dealloc`); keeps FINALIZED.
   */
  untrack(obj: Address): void {
    const node = obj - this.headerSize;
    if (this.heap.u32[node >>> 2] !== 0) this.remove(node);
  }

  // ---- lists ------------------------------------------------------------------------------

  /** Makes `head` an empty list (and zeroes the high halves of its words in the 64-bit layout). */
  init(head: Address): void {
    const u32 = this.heap.u32;
    const i = head >>> 2;
    u32[i] = head;
    u32[i + this.prevIndex] = head;
    if (this.wide) {
      u32[i + 1] = 0;
      u32[i + 3] = 0;
    }
  }

  /** Whether the list at `head` is empty. */
  isEmpty(head: Address): boolean {
    return this.heap.u32[head >>> 2] === head;
  }

  /** First node of the list (the head itself when empty). */
  first(head: Address): Address {
    return this.heap.u32[head >>> 2]! & NEXT_MASK;
  }

  /** Next node after `node` (flags stripped). */
  next(node: Address): Address {
    return this.heap.u32[node >>> 2]! & NEXT_MASK;
  }

  /** Appends `node` (not on any list) at the tail of `head`, keeping its gc_prev flags. */
  append(head: Address, node: Address): void {
    const u32 = this.heap.u32;
    const pi = this.prevIndex;
    const last = u32[(head >>> 2) + pi]!;
    const ni = (node >>> 2) + pi;
    u32[ni] = last | (u32[ni]! & 3);
    u32[last >>> 2] = node;
    u32[node >>> 2] = head;
    u32[(head >>> 2) + pi] = node;
  }

  /**
   * Unlinks `node` and marks it untracked (CPython's _PyObject_GC_UNTRACK): gc_next = 0,
   * gc_prev keeps only FINALIZED.
   */
  remove(node: Address): void {
    this.splice(node);
    const u32 = this.heap.u32;
    const ni = node >>> 2;
    u32[ni] = 0;
    u32[ni + this.prevIndex] = u32[ni + this.prevIndex]! & FINALIZED;
  }

  /** Moves `node` from its list to the tail of `head`, keeping its gc_prev flags. */
  move(node: Address, head: Address): void {
    this.splice(node);
    this.append(head, node);
  }

  /** Links `node`'s neighbours to each other (its own words are left as they are). */
  private splice(node: Address): void {
    const u32 = this.heap.u32;
    const pi = this.prevIndex;
    const ni = node >>> 2;
    const prev = u32[ni + pi]! & PREV_MASK;
    const next = u32[ni]! & NEXT_MASK;
    u32[prev >>> 2] = next;
    const nxi = (next >>> 2) + pi;
    u32[nxi] = prev | (u32[nxi]! & 3);
  }

  /** Appends every node of `from` to `to`; `from` becomes empty. */
  merge(from: Address, to: Address): void {
    const u32 = this.heap.u32;
    const pi = this.prevIndex;
    const fromFirst = u32[from >>> 2]!;
    if (fromFirst !== from) {
      const toTail = u32[(to >>> 2) + pi]!;
      const fromTail = u32[(from >>> 2) + pi]!;
      u32[toTail >>> 2] = fromFirst;
      const fi = (fromFirst >>> 2) + pi;
      u32[fi] = toTail | (u32[fi]! & 3);
      u32[fromTail >>> 2] = to;
      u32[(to >>> 2) + pi] = fromTail;
    }
    u32[from >>> 2] = from;
    u32[(from >>> 2) + pi] = from;
  }

  /** Number of nodes on the list (walks it). */
  size(head: Address): number {
    const u32 = this.heap.u32;
    let n = 0;
    for (let node = u32[head >>> 2]!; node !== head; node = u32[node >>> 2]!) n++;
    return n;
  }

  /** Clears COLLECTING on every node of the list (gc_list_clear_collecting). */
  clearCollecting(head: Address): void {
    const u32 = this.heap.u32;
    const pi = this.prevIndex;
    for (let node = u32[head >>> 2]!; node !== head; node = u32[node >>> 2]!) {
      const i = (node >>> 2) + pi;
      u32[i] = u32[i]! & ~COLLECTING;
    }
  }

  /** Strips UNREACHABLE from every gc_next of the list (clear_unreachable_mask). */
  clearUnreachableMask(head: Address): void {
    const u32 = this.heap.u32;
    u32[head >>> 2] = u32[head >>> 2]! & NEXT_MASK;
    for (let node = u32[head >>> 2]!; node !== head; ) {
      const next = u32[node >>> 2]! & NEXT_MASK;
      u32[node >>> 2] = next;
      node = next;
    }
  }

  /**
   * Rebuilds a list from its gc_next chain after an interrupted collection: strips
   * UNREACHABLE from every gc_next, rewrites every gc_prev as the previous node plus the
   * FINALIZED flag (dropping gc_refs and COLLECTING), and points the head back at the tail.
   * Needs only an intact gc_next chain, which every phase of a collection keeps.
   */
  repair(head: Address): void {
    const u32 = this.heap.u32;
    const pi = this.prevIndex;
    let prev = head;
    let node = u32[head >>> 2]! & NEXT_MASK;
    u32[head >>> 2] = node;
    while (node !== head) {
      const i = node >>> 2;
      u32[i + pi] = prev | (u32[i + pi]! & FINALIZED);
      const next = u32[i]! & NEXT_MASK;
      u32[i] = next;
      prev = node;
      node = next;
    }
    u32[(head >>> 2) + pi] = prev;
  }

  /** Appends the object address of every node on the list to `out` and returns it. */
  objects(head: Address, out: Address[] = []): Address[] {
    const u32 = this.heap.u32;
    const h = this.headerSize;
    for (let node = u32[head >>> 2]! & NEXT_MASK; node !== head; node = u32[node >>> 2]! & NEXT_MASK) {
      out.push(node + h);
    }
    return out;
  }
}
