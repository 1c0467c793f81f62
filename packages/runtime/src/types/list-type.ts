/**
 * `list`: a fixed-size object pointing to a separately allocated, over-allocated array of
 * references — CPython 3.11's PyListObject (Include/cpython/listobject.h,
 * Objects/listobject.c).
 *
 * ```
 *  64-bit layout, the literal [1, 2, 3] (allocated rounded up to even: 4)
 *
 *  obj-16  gc_next     8   GC header            items block (object domain), allocated * 8 bytes
 *  obj-8   gc_prev     8                        +0   a
 *  obj+0   ob_refcnt   8                        +8   b
 *  obj+8   ob_type     8                        +16  c
 *  obj+16  ob_size     8   3                    +24  (spare)
 *  obj+24  ob_item     8   ──────────────────►  +32
 *  obj+32  allocated   8   4
 *  obj+40
 *
 *  sys.getsizeof = 16 + 40 + 8 * allocated     [] -> 56, [1, 2, 3] -> 88
 * ```
 *
 * Growth follows `list_resize`: when the array is too small, or less than half used, it is
 * reallocated to `(n + (n >> 3) + 6) & ~3` slots (0, 4, 8, 16, 24, 32, 40, 52, 64, 76, ...
 * for repeated appends), or to exactly `(n + 3) & ~3` when that over-allocation would be
 * closer to the new size than to the old one. A literal preallocates its length rounded
 * up to even (`list_preallocate_exact`); see {@link displayCapacity} for how the compiler's
 * way of building a display decides its capacity. Lists are tracked from creation.
 *
 * Invariants: `ob_item` is NULL iff `allocated` is 0; `0 <= ob_size <= allocated`; slots at
 * `[0, ob_size)` hold strong references, never NULL.
 *
 * @module
 */
import { type Address, type Decref, NULL, SizeError, type Visit } from "@pymem/core";
import type { ObjectSpace } from "../object-space";
import { PythonError } from "../python-error";
import { BaseType, type JsValue, type TypeContext, unhashable } from "../runtime-type";

/**
 * Most values the compiler puts on the stack to build a display (STACK_USE_GUIDELINE in
 * Python/compile.c); a longer display of non-constants is built empty, then appended to.
 */
export const STACK_USE_GUIDELINE = 30;

/**
 * The capacity CPython 3.11 gives a list display `[v0, v1, ...]` of `length` items, by the
 * way its compiler builds it (`starunpack_helper`): more than two items, all constants —
 * a constant tuple extended into an empty list (`list_preallocate_exact`: rounded up to
 * even); up to {@link STACK_USE_GUIDELINE} items otherwise — `BUILD_LIST n` (exactly `n`);
 * longer — one `LIST_APPEND` per item (`list_resize`'s growth).
 * @example
 * ```ts
 * displayCapacity(3, true);  // 4: [1, 2, 3], sys.getsizeof 88
 * displayCapacity(3, false); // 3: [a, b, c], sys.getsizeof 80
 * displayCapacity(31, false); // 32: 31 appends
 * ```
 */
export function displayCapacity(length: number, allConstant: boolean): number {
  if (length > 2 && allConstant) return (length + 1) & ~1;
  if (length <= STACK_USE_GUIDELINE) return length;
  let allocated = 0;
  for (let size = 1; size <= length; size++) {
    if (allocated >= size && size >= allocated >>> 1) continue;
    allocated = (size + (size >>> 3) + 6) & ~3;
    if (1 > allocated - size) allocated = (size + 3) & ~3;
  }
  return allocated;
}

/**
 * The list type: creation and the mutating operations, on addresses.
 * @example
 * ```ts
 * const l = lists.create([]);
 * lists.append(l, item); // steals the reference
 * lists.allocated(l);    // 4
 * ```
 */
export class ListType extends BaseType {
  readonly kind = "list" as const;
  readonly name = "list";
  readonly basicSize: number;
  readonly itemSize = 0;
  readonly isContainer = true;
  /** Offset of ob_item. */
  readonly itemsOffset: number;
  /** Offset of allocated. */
  readonly allocatedOffset: number;
  private readonly space: ObjectSpace;

  constructor(space: ObjectSpace) {
    super();
    this.space = space;
    this.itemsOffset = space.layout.varHeaderSize;
    this.allocatedOffset = space.layout.varHeaderSize + space.w;
    this.basicSize = space.layout.varHeaderSize + 2 * space.w;
    this.gcBytes = space.layout.gcHeaderSize;
  }

  /**
   * A list holding `items` (references stolen) in an items array of `allocated` slots
   * (default: the length rounded up to even, as a literal of constants). Tracked.
   * @throws SizeError when `allocated` is below the length (or not 0 for no items)
   * @throws MemoryError when memory is exhausted (the references are not taken then)
   */
  create(items: ArrayLike<Address>, allocated = (items.length + 1) & ~1): Address {
    const n = items.length;
    if (!Number.isInteger(allocated) || allocated < n || (n === 0 && allocated !== 0)) {
      throw new SizeError(allocated, `capacity for ${n} list items`, n === 0 ? "0" : `an integer >= ${n}`);
    }
    const space = this.space;
    let block = NULL;
    if (n > 0) block = space.malloc(this.typeId, allocated * space.w);
    let obj: Address;
    try {
      obj = space.newObject(this.typeId);
    } catch (e) {
      space.free(block);
      throw e;
    }
    if (n > 0) {
      const w = space.w;
      for (let i = 0; i < n; i++) space.setWord(block + i * w, items[i]!);
      for (let i = n; i < allocated; i++) space.setWord(block + i * w, NULL);
      space.setWord(obj + this.itemsOffset, block);
      space.setWord(obj + this.allocatedOffset, allocated);
      space.setWord(obj + space.layout.sizeOffset, n);
    }
    space.track(obj);
    return obj;
  }

  /**
   * `list.extend(items)` by a sized sequence (a list or tuple), stealing the references: one
   * `list_resize` to the new length, or, on a list without an items array,
   * `list_preallocate_exact` (the new length rounded up to even).
   * @throws MemoryError when memory is exhausted (nothing changes; the references are not taken)
   */
  extend(obj: Address, items: ArrayLike<Address>): void {
    const n = items.length;
    if (n === 0) return;
    const space = this.space;
    const m = this.length(obj);
    if (space.word(obj + this.itemsOffset) === NULL) {
      const allocated = (n + 1) & ~1;
      const block = space.malloc(this.typeId, allocated * space.w);
      space.setWord(block + (allocated - 1) * space.w, NULL);
      space.setWord(obj + this.itemsOffset, block);
      space.setWord(obj + this.allocatedOffset, allocated);
      space.setWord(obj + space.layout.sizeOffset, n);
    } else this.resize(obj, m + n);
    const block = space.word(obj + this.itemsOffset);
    for (let i = 0; i < n; i++) space.setWord(block + (m + i) * space.w, items[i]!);
  }

  /**
   * `xs * count` (list_repeat): a new list of exactly `len(xs) * count` slots, each item a
   * new reference. Tracked.
   * @throws PythonError TypeError when `count` is not an integer
   * @throws MemoryError when memory is exhausted (nothing changes)
   */
  repeat(obj: Address, count: number): Address {
    const space = this.space;
    const n = this.length(obj);
    if (!Number.isSafeInteger(count)) {
      throw new PythonError("TypeError", `can't multiply sequence by non-int ${count}`);
    }
    const total = count > 0 ? n * count : 0;
    if (total === 0) return this.create([], 0);
    const w = space.w;
    const block = space.malloc(this.typeId, total * w);
    let copy: Address;
    try {
      copy = space.newObject(this.typeId);
    } catch (e) {
      space.free(block);
      throw e;
    }
    const items = space.word(obj + this.itemsOffset);
    for (let i = 0; i < total; i++) {
      const item = space.word(items + (i % n) * w);
      space.incref(item);
      space.setWord(block + i * w, item);
    }
    space.setWord(copy + this.itemsOffset, block);
    space.setWord(copy + this.allocatedOffset, total);
    space.setWord(copy + space.layout.sizeOffset, total);
    space.track(copy);
    return copy;
  }

  /** ob_size. */
  length(obj: Address): number {
    return this.space.word(obj + this.space.layout.sizeOffset);
  }

  /** Slots of the items array. */
  allocated(obj: Address): number {
    return this.space.word(obj + this.allocatedOffset);
  }

  /** Item `i` (borrowed; no bounds check). */
  item(obj: Address, i: number): Address {
    return this.space.word(this.space.word(obj + this.itemsOffset) + i * this.space.w);
  }

  /**
   * Item at Python index `i` (negative counts from the end), borrowed.
   * @throws PythonError IndexError when out of range
   */
  getItem(obj: Address, i: number): Address {
    return this.item(obj, this.index(obj, i, "list index out of range"));
  }

  /**
   * `list_resize`: makes room for `newSize` items and sets ob_size; new slots are zero.
   * @throws MemoryError when memory is exhausted; nothing changes
   */
  resize(obj: Address, newSize: number): void {
    const space = this.space;
    const allocated = this.allocated(obj);
    const size = this.length(obj);
    if (allocated >= newSize && newSize >= allocated >>> 1) {
      space.setWord(obj + space.layout.sizeOffset, newSize);
      return;
    }
    let newAllocated = (newSize + (newSize >>> 3) + 6) & ~3;
    if (newSize - size > newAllocated - newSize) newAllocated = (newSize + 3) & ~3;
    if (newSize === 0) newAllocated = 0;
    const old = space.word(obj + this.itemsOffset);
    let block = NULL;
    if (newAllocated > 0) {
      block = space.realloc(this.typeId, old, newAllocated * space.w);
      if (newAllocated > allocated) {
        space.heap.u8.fill(0, block + allocated * space.w, block + newAllocated * space.w);
      }
    } else {
      space.free(old);
    }
    space.setWord(obj + this.itemsOffset, block);
    space.setWord(obj + this.allocatedOffset, newAllocated);
    space.setWord(obj + space.layout.sizeOffset, newSize);
  }

  /** `list.append(item)`, stealing the reference. @throws MemoryError (the reference is not taken then) */
  append(obj: Address, item: Address): void {
    const n = this.length(obj);
    this.resize(obj, n + 1);
    this.space.setWord(this.space.word(obj + this.itemsOffset) + n * this.space.w, item);
  }

  /** `list.insert(i, item)`, stealing the reference. */
  insert(obj: Address, where: number, item: Address): void {
    const n = this.length(obj);
    this.resize(obj, n + 1);
    if (where < 0) where = Math.max(0, where + n);
    if (where > n) where = n;
    const space = this.space;
    const items = space.word(obj + this.itemsOffset);
    const w = space.w;
    space.heap.u8.copyWithin(items + (where + 1) * w, items + where * w, items + n * w);
    space.setWord(items + where * w, item);
  }

  /**
   * `list[i] = item`, stealing the reference to `item`; the old item is released last.
   * @throws PythonError IndexError when out of range (the reference is not taken then)
   */
  setItem(obj: Address, i: number, item: Address): void {
    const index = this.index(obj, i, "list assignment index out of range");
    const space = this.space;
    const slot = space.word(obj + this.itemsOffset) + index * space.w;
    const old = space.word(slot);
    space.setWord(slot, item);
    space.decref(old);
  }

  /**
   * `list.pop(i)`: removes item `i` and returns the reference it held (a new reference for
   * the caller).
   * @throws PythonError IndexError on an empty list or an index out of range
   */
  pop(obj: Address, i = -1): Address {
    const n = this.length(obj);
    if (n === 0) throw new PythonError("IndexError", "pop from empty list");
    const index = this.index(obj, i, "pop index out of range");
    const space = this.space;
    const items = space.word(obj + this.itemsOffset);
    const w = space.w;
    const item = space.word(items + index * w);
    space.heap.u8.copyWithin(items + index * w, items + (index + 1) * w, items + n * w);
    space.setWord(items + (n - 1) * w, NULL);
    try {
      this.resize(obj, n - 1);
    } catch (e) {
      // A shrinking realloc that failed left the array as it was: put the item back.
      const u8 = space.heap.u8;
      u8.copyWithin(items + (index + 1) * w, items + index * w, items + (n - 1) * w);
      space.setWord(items + index * w, item);
      throw e;
    }
    return item;
  }

  /** `_list_clear` (also tp_clear): empties the list, then drops the references it held. */
  clear(obj: Address, decref: Decref = (o) => this.space.decref(o)): void {
    const space = this.space;
    const items = space.word(obj + this.itemsOffset);
    if (items === NULL) return;
    const n = this.length(obj);
    space.setWord(obj + this.itemsOffset, NULL);
    space.setWord(obj + this.allocatedOffset, 0);
    space.setWord(obj + space.layout.sizeOffset, 0);
    const w = space.w;
    for (let i = n - 1; i >= 0; i--) {
      const item = space.word(items + i * w);
      if (item !== NULL) decref(item);
    }
    space.free(items);
  }

  override traverse(obj: Address, visit: Visit): void {
    const space = this.space;
    const items = space.word(obj + this.itemsOffset);
    const n = this.length(obj);
    const u32 = space.heap.u32;
    const base = items >>> 2;
    const ww = space.ww;
    for (let i = 0; i < n; i++) {
      const item = u32[base + i * ww]!;
      if (item !== NULL) visit(item);
    }
  }

  dealloc(obj: Address, decref: Decref): void {
    const space = this.space;
    const items = space.word(obj + this.itemsOffset);
    if (items !== NULL) {
      const n = this.length(obj);
      const w = space.w;
      for (let i = n - 1; i >= 0; i--) {
        const item = space.word(items + i * w);
        if (item !== NULL) decref(item);
      }
      space.free(items);
      space.setWord(obj + this.itemsOffset, NULL);
    }
    space.releaseObject(obj, this.typeId);
  }

  sizeOf(obj: Address): number {
    return this.gcBytes + this.basicSize + this.allocated(obj) * this.space.w;
  }

  override blocks(obj: Address, visit: (block: Address) => void): void {
    visit(obj - this.gcBytes);
    const items = this.space.word(obj + this.itemsOffset);
    if (items !== NULL) visit(items);
  }

  override hash(): number {
    return unhashable("list");
  }

  override repr(obj: Address, seen: Set<Address>, ctx: TypeContext): string {
    const n = this.length(obj);
    if (n === 0) return "[]";
    if (seen.has(obj)) return "[...]";
    seen.add(obj);
    const parts: string[] = [];
    for (let i = 0; i < this.length(obj); i++) parts.push(ctx.repr(this.item(obj, i), seen));
    seen.delete(obj);
    return `[${parts.join(", ")}]`;
  }

  override toJS(obj: Address, seen: Map<Address, JsValue>, ctx: TypeContext): JsValue {
    const prior = seen.get(obj);
    if (prior !== undefined) return prior;
    const out: JsValue[] = [];
    seen.set(obj, out);
    for (let i = 0; i < this.length(obj); i++) out.push(ctx.toJS(this.item(obj, i), seen));
    return out;
  }

  private index(obj: Address, i: number, message: string): number {
    const n = this.length(obj);
    const index = i < 0 ? i + n : i;
    if (!Number.isInteger(index) || index < 0 || index >= n) throw new PythonError("IndexError", message);
    return index;
  }
}
