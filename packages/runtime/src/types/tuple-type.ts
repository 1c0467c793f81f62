/**
 * `tuple`: an immutable array of references inside the object — CPython 3.11's
 * PyTupleObject (Include/cpython/tupleobject.h, Objects/tupleobject.c).
 *
 * ```
 *  64-bit layout, (a, b, c)
 *  obj-16  gc_next     8   GC header
 *  obj-8   gc_prev     8
 *  obj+0   ob_refcnt   8
 *  obj+8   ob_type     8
 *  obj+16  ob_size     8   3
 *  obj+24  ob_item[0]  8   a
 *  obj+32  ob_item[1]  8   b
 *  obj+40  ob_item[2]  8   c
 *  obj+48
 *
 *  sys.getsizeof: 16 + 24 + 8 * n      () -> 40, (1, 2, 3) -> 64
 * ```
 *
 * Every non-empty tuple is tracked when it is created; the cycle collector may untrack
 * tuples whose items are all untracked. The empty tuple is an immortal, untracked
 * singleton. With free lists on, tuples of 1..20 items go to per-length free lists of 2000.
 * Tuples have no `tp_clear`: they are immutable, so cycles through them are broken by
 * clearing the other members.
 *
 * @module
 */
import { type Address, type Decref, NULL, type Visit } from "@pymem/core";
import { tupleHashFinish, tupleHashStart, tupleHashStep } from "../hash";
import type { ObjectSpace } from "../object-space";
import { PythonError } from "../python-error";
import { BaseType, type JsValue, type TypeContext } from "../runtime-type";
import { CONVERSION_DEPTH_LIMIT } from "../value-check";

/**
 * The tuple type.
 * @example
 * ```ts
 * const t = tuples.create([a, b]); // steals the references to a and b
 * tuples.length(t); // 2
 * ```
 */
export class TupleType extends BaseType {
  readonly kind = "tuple" as const;
  readonly name = "tuple";
  readonly basicSize: number;
  readonly itemSize: number;
  readonly isContainer = true;
  /** Offset of ob_item[0]. */
  readonly itemsOffset: number;
  /** The empty tuple (NULL until created). */
  empty: Address = NULL;
  private readonly space: ObjectSpace;
  /** Levels of nested hashing or comparing under way (the recursion limit applies to them). */
  private nesting = 0;

  constructor(space: ObjectSpace) {
    super();
    this.space = space;
    this.basicSize = space.layout.varHeaderSize;
    this.itemSize = space.w;
    this.itemsOffset = space.layout.varHeaderSize;
    this.gcBytes = space.layout.gcHeaderSize;
  }

  /**
   * Sets up the immortal, untracked empty tuple: the allocator's own singleton when it has
   * one (`TupleFreeLists.emptyTuple`), else a 0-item tuple made here.
   */
  createEmpty(): void {
    const space = this.space;
    const allocator = space.allocators[this.typeId]!;
    const provided = (allocator as { emptyTuple?: Address }).emptyTuple;
    if (provided !== undefined && provided !== NULL) {
      space.serials.born(provided);
      this.empty = provided;
      return;
    }
    const empty = allocator.allocate(0);
    space.serials.born(empty);
    if (space.noteAllocated !== null) space.noteAllocated(empty);
    space.makeStatic(empty);
    this.empty = empty;
  }

  /**
   * A tuple of `items`, whose references it steals; tracked unless empty.
   * @throws MemoryError when memory is exhausted (the references are not taken then)
   */
  create(items: ArrayLike<Address>): Address {
    const n = items.length;
    if (n === 0) {
      this.space.incref(this.empty);
      return this.empty;
    }
    const obj = this.space.newObject(this.typeId, n);
    const space = this.space;
    const w = space.w;
    const base = obj + this.itemsOffset;
    for (let i = 0; i < n; i++) space.setWord(base + i * w, items[i]!);
    space.track(obj);
    return obj;
  }

  /** ob_size. */
  length(obj: Address): number {
    return this.space.headers.size(obj);
  }

  /** Item `i` (a borrowed reference; no bounds check). */
  item(obj: Address, i: number): Address {
    return this.space.word(obj + this.itemsOffset + i * this.space.w);
  }

  override traverse(obj: Address, visit: Visit): void {
    const n = this.length(obj);
    const u32 = this.space.heap.u32;
    const base = (obj + this.itemsOffset) >>> 2;
    const ww = this.space.ww;
    for (let i = 0; i < n; i++) {
      const item = u32[base + i * ww]!;
      if (item !== NULL) visit(item);
    }
  }

  dealloc(obj: Address, decref: Decref): void {
    const n = this.length(obj);
    const space = this.space;
    for (let i = n - 1; i >= 0; i--) {
      const slot = obj + this.itemsOffset + i * space.w;
      const item = space.word(slot);
      if (item !== NULL) {
        space.setWord(slot, NULL);
        decref(item);
      }
    }
    space.releaseObject(obj, this.typeId);
  }

  sizeOf(obj: Address): number {
    return this.gcBytes + this.basicSize + this.itemSize * this.length(obj);
  }

  /**
   * CPython's tuplehash over the items' hashes.
   * @throws PythonError TypeError when an item is unhashable, RecursionError for tuples nested
   *   deeper than the recursion limit
   */
  override hash(obj: Address): number {
    this.enter("hashing a tuple");
    try {
      const n = this.length(obj);
      let acc = tupleHashStart();
      for (let i = 0; i < n; i++) acc = tupleHashStep(acc, this.space.hashOf(this.item(obj, i)));
      return tupleHashFinish(acc, n);
    } finally {
      this.nesting--;
    }
  }

  /** Item-wise `==`. @throws PythonError RecursionError for tuples nested deeper than the recursion limit */
  override equals(a: Address, b: Address): boolean {
    const n = this.length(a);
    if (n !== this.length(b)) return false;
    this.enter("comparing tuples");
    try {
      for (let i = 0; i < n; i++) if (!this.space.richEquals(this.item(a, i), this.item(b, i))) return false;
      return true;
    } finally {
      this.nesting--;
    }
  }

  /** Counts one more level of nested hashing or comparing; past the limit, RecursionError. */
  private enter(what: string): void {
    if (this.nesting >= CONVERSION_DEPTH_LIMIT) {
      throw new PythonError("RecursionError", `maximum recursion depth exceeded while ${what}`);
    }
    this.nesting++;
  }

  override repr(obj: Address, seen: Set<Address>, ctx: TypeContext): string {
    const n = this.length(obj);
    if (n === 0) return "()";
    if (seen.has(obj)) return "(...)";
    seen.add(obj);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(ctx.repr(this.item(obj, i), seen));
    seen.delete(obj);
    return n === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
  }

  override toJS(obj: Address, seen: Map<Address, JsValue>, ctx: TypeContext): JsValue {
    const prior = seen.get(obj);
    if (prior !== undefined) return prior;
    const out: JsValue[] = [];
    seen.set(obj, out);
    const n = this.length(obj);
    for (let i = 0; i < n; i++) out.push(ctx.toJS(this.item(obj, i), seen));
    return out;
  }
}
