/**
 * `set`: CPython 3.11's open-addressing hash set (Include/setobject.h, Objects/setobject.c),
 * with an 8-entry table inside the object and a separate table once it grows.
 *
 * ```
 *  64-bit layout (200 B + 16 B GC header)
 *  obj-16  gc_next / gc_prev  16
 *  obj+0   ob_refcnt           8
 *  obj+8   ob_type             8
 *  obj+16  fill                8   active + dummy entries
 *  obj+24  used                8   active entries
 *  obj+32  mask                8   table slots - 1
 *  obj+40  table               8   -> smalltable, or a block of (mask + 1) * 16 bytes
 *  obj+48  hash                8   -1 (frozenset hash cache)
 *  obj+56  finger              8   (pop position)
 *  obj+64  smalltable[8]     128   entries (key 8, hash 8)
 *  obj+192 weakreflist         8
 *  obj+200
 *
 *  entry key: NULL (never used) | DUMMY (= 1, deleted) | an object
 *  probing: up to 9 linear probes (LINEAR_PROBES), then perturb >>= 5; i = (5i + 1 + perturb) & mask
 *  grow when fill * 5 >= mask * 3: rebuild at the smallest power of two > 4 * used
 *                                  (2 * used above 50000 entries)
 *
 *  sys.getsizeof(set()) = 216; with a separate table: 216 + 16 * (mask + 1)
 * ```
 *
 * Invariants: `table` is the smalltable iff `mask` is 7; `used <= fill <= mask`; an entry's
 * key is an object iff it is counted in `used`.
 *
 * @module
 */
import { type Address, type Decref, NULL, type Visit } from "@pymem/core";
import type { ObjectSpace } from "../object-space";
import { BaseType, type JsValue, type TypeContext, unhashable } from "../runtime-type";

/** Slots of the table inside the object (PySet_MINSIZE). */
export const SET_MINSIZE = 8;
/** Linear probes before perturbation (LINEAR_PROBES). */
export const SET_LINEAR_PROBES = 9;
/** Shift of the perturbation (PERTURB_SHIFT). */
export const SET_PERTURB_SHIFT = 5;
/** Key word of a deleted entry (CPython's `dummy` object). */
export const SET_DUMMY = 1;

/**
 * The set type.
 * @example
 * ```ts
 * const s = sets.create();
 * sets.add(s, key);      // steals the reference; false when already present (released then)
 * sets.contains(s, key); // true
 * ```
 */
export class SetType extends BaseType {
  readonly kind = "set" as const;
  readonly name = "set";
  readonly basicSize: number;
  readonly itemSize = 0;
  readonly isContainer = true;
  override readonly weaklistOffset: number;
  private readonly space: ObjectSpace;
  private readonly w: number;
  private readonly fillOffset: number;
  private readonly usedOffset: number;
  private readonly maskOffset: number;
  private readonly tableOffset: number;
  private readonly hashOffset: number;
  private readonly smallOffset: number;

  constructor(space: ObjectSpace) {
    super();
    this.space = space;
    const w = space.w;
    this.w = w;
    const h = space.layout.headerSize;
    this.fillOffset = h;
    this.usedOffset = h + w;
    this.maskOffset = h + 2 * w;
    this.tableOffset = h + 3 * w;
    this.hashOffset = h + 4 * w;
    this.smallOffset = h + 6 * w;
    this.weaklistOffset = this.smallOffset + SET_MINSIZE * 2 * w;
    this.basicSize = this.weaklistOffset + w;
    this.gcBytes = space.layout.gcHeaderSize;
  }

  /** A new, empty, tracked set (make_new_set). */
  create(): Address {
    const space = this.space;
    const obj = space.newObject(this.typeId);
    space.setWord(obj + this.maskOffset, SET_MINSIZE - 1);
    space.setWord(obj + this.tableOffset, obj + this.smallOffset);
    space.setSignedWord(obj + this.hashOffset, -1);
    space.track(obj);
    return obj;
  }

  /** Number of elements (used). */
  length(obj: Address): number {
    return this.space.word(obj + this.usedOffset);
  }

  private mask(obj: Address): number {
    return this.space.word(obj + this.maskOffset);
  }

  private table(obj: Address): Address {
    return this.space.word(obj + this.tableOffset);
  }

  /**
   * Adds `key`, stealing the reference (set_add_entry). Returns false when an equal key was
   * already present (the passed reference is then released). A table that the new entry
   * would bring to 3/5 full is grown first, to the size CPython grows it to after the insert.
   * @throws PythonError TypeError for an unhashable key; MemoryError when growing fails
   * (the reference is not taken in either case, and the set is unchanged)
   */
  add(obj: Address, key: Address): boolean {
    const space = this.space;
    const hash = space.hashOf(key);
    const w = this.w;
    let slot = this.probe(obj, key, hash);
    if (this.probeFound) {
      space.decref(key);
      return false;
    }
    const reusesDummy = space.word(this.table(obj) + slot * 2 * w) === SET_DUMMY;
    const fill = space.word(obj + this.fillOffset) + (reusesDummy ? 0 : 1);
    if (!reusesDummy && fill * 5 >= this.mask(obj) * 3) {
      const used = this.length(obj) + 1;
      this.resizeTable(obj, used > 50000 ? used * 2 : used * 4);
      slot = this.probe(obj, key, hash);
    }
    const ep = this.table(obj) + slot * 2 * w;
    if (space.word(ep) === NULL) space.setWord(obj + this.fillOffset, space.word(obj + this.fillOffset) + 1);
    space.setWord(ep, key);
    space.setSignedWord(ep + w, hash);
    space.setWord(obj + this.usedOffset, this.length(obj) + 1);
    return true;
  }

  /** Set by {@link SetType.probe}: whether the slot it returned holds an equal key. */
  private probeFound = false;

  /**
   * Probes for `key`: the slot of an equal key (probeFound = true), else the slot an insert
   * would use — the first dummy seen, or the empty slot that ended the search.
   */
  private probe(obj: Address, key: Address, hash: number): number {
    const space = this.space;
    const w = this.w;
    const mask = this.mask(obj);
    const table = this.table(obj);
    let i = hash & mask;
    let perturb = hash >>> 0;
    let freeslot = -1;
    for (;;) {
      let probes = i + SET_LINEAR_PROBES <= mask ? SET_LINEAR_PROBES : 0;
      let j = i;
      for (;;) {
        const ep = table + j * 2 * w;
        const k = space.word(ep);
        if (k === NULL) {
          this.probeFound = false;
          return freeslot >= 0 ? freeslot : j;
        }
        if (k === SET_DUMMY) {
          if (freeslot < 0) freeslot = j;
        } else if (k === key || (space.signedWord(ep + w) === hash && space.richEquals(k, key))) {
          this.probeFound = true;
          return j;
        }
        if (probes-- <= 0) break;
        j++;
      }
      perturb = perturb >>> SET_PERTURB_SHIFT;
      i = (i * 5 + 1 + perturb) & mask;
    }
  }

  /** Index of `key`'s entry, or -1. */
  private find(obj: Address, key: Address, hash: number): number {
    const j = this.probe(obj, key, hash);
    return this.probeFound ? j : -1;
  }

  /** Whether an element equal to `key` is present. @throws PythonError TypeError when unhashable */
  contains(obj: Address, key: Address): boolean {
    return this.find(obj, key, this.space.hashOf(key)) >= 0;
  }

  /** Removes an element equal to `key`; returns whether one was present. The element is released last. */
  discard(obj: Address, key: Address): boolean {
    const space = this.space;
    const j = this.find(obj, key, space.hashOf(key));
    if (j < 0) return false;
    const ep = this.table(obj) + j * 2 * this.w;
    const old = space.word(ep);
    space.setWord(ep, SET_DUMMY);
    space.setSignedWord(ep + this.w, -1);
    space.setWord(obj + this.usedOffset, this.length(obj) - 1);
    space.decref(old);
    return true;
  }

  /**
   * set_table_resize: rebuilds the table at the smallest power of two above `minused`
   * (the smalltable when that is 8), reinserting the active entries.
   * @throws MemoryError when the new table cannot be allocated; nothing changes
   */
  private resizeTable(obj: Address, minused: number): void {
    const space = this.space;
    const w = this.w;
    const entrySize = 2 * w;
    let newSize = SET_MINSIZE;
    while (newSize <= minused) newSize <<= 1;
    const oldTable = this.table(obj);
    const oldMask = this.mask(obj);
    const small = obj + this.smallOffset;
    // Save the active entries (the old table may be the smalltable being rebuilt in place).
    const saved: number[] = [];
    for (let j = 0; j <= oldMask; j++) {
      const ep = oldTable + j * entrySize;
      const k = space.word(ep);
      if (k !== NULL && k !== SET_DUMMY) saved.push(k, space.signedWord(ep + w));
    }
    let table: Address;
    if (newSize === SET_MINSIZE) table = small;
    else {
      table = space.malloc(this.typeId, newSize * entrySize);
    }
    space.heap.u8.fill(0, table, table + newSize * entrySize);
    const mask = newSize - 1;
    for (let s = 0; s < saved.length; s += 2) {
      const key = saved[s]!;
      const hash = saved[s + 1]!;
      let i = hash & mask;
      let perturb = hash >>> 0;
      outer: for (;;) {
        let probes = i + SET_LINEAR_PROBES <= mask ? SET_LINEAR_PROBES : 0;
        let j = i;
        for (;;) {
          const ep = table + j * entrySize;
          if (space.word(ep) === NULL) {
            space.setWord(ep, key);
            space.setSignedWord(ep + w, hash);
            break outer;
          }
          if (probes-- <= 0) break;
          j++;
        }
        perturb = perturb >>> SET_PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
      }
    }
    space.setWord(obj + this.maskOffset, mask);
    space.setWord(obj + this.tableOffset, table);
    space.setWord(obj + this.fillOffset, saved.length >>> 1);
    if (oldTable !== small) space.free(oldTable);
  }

  /**
   * Gives a set filled from empty the table `set_merge` gives it when it is updated from a
   * set of the same elements in one step (`{1, 2, 3, 4, 5}`: a constant frozenset merged
   * into an empty set): one resize to the smallest power of two above `2 * used` once the
   * elements would fill 3/5 of the smalltable, else the smalltable.
   * @throws MemoryError when the new table cannot be allocated; nothing changes
   */
  sizeAsMerged(obj: Address): void {
    const used = this.length(obj);
    const target = used * 5 >= (SET_MINSIZE - 1) * 3 ? 2 * used : 0;
    let size = SET_MINSIZE;
    while (size <= target) size <<= 1;
    if (size - 1 !== this.mask(obj) || this.space.word(obj + this.fillOffset) !== used) {
      this.resizeTable(obj, target);
    }
  }

  /** Element keys in table order (borrowed). */
  elements(obj: Address): Address[] {
    const out: Address[] = [];
    this.traverse(obj, (k) => out.push(k));
    return out;
  }

  /** set_clear_internal (also tp_clear): back to an empty smalltable, then the elements are released. */
  clear(obj: Address, decref: Decref = (o) => this.space.decref(o)): void {
    const space = this.space;
    const keys = this.elements(obj);
    const table = this.table(obj);
    const small = obj + this.smallOffset;
    space.heap.u8.fill(0, small, small + SET_MINSIZE * 2 * this.w);
    space.setWord(obj + this.maskOffset, SET_MINSIZE - 1);
    space.setWord(obj + this.tableOffset, small);
    space.setWord(obj + this.fillOffset, 0);
    space.setWord(obj + this.usedOffset, 0);
    if (table !== small) space.free(table);
    for (const k of keys) decref(k);
  }

  override traverse(obj: Address, visit: Visit): void {
    const space = this.space;
    const mask = this.mask(obj);
    const table = this.table(obj);
    const step = 2 * this.w;
    for (let j = 0; j <= mask; j++) {
      const k = space.word(table + j * step);
      if (k !== NULL && k !== SET_DUMMY) visit(k);
    }
  }

  dealloc(obj: Address, decref: Decref): void {
    const space = this.space;
    const mask = this.mask(obj);
    const table = this.table(obj);
    const step = 2 * this.w;
    for (let j = 0; j <= mask; j++) {
      const k = space.word(table + j * step);
      if (k !== NULL && k !== SET_DUMMY) decref(k);
    }
    if (table !== obj + this.smallOffset) space.free(table);
    space.releaseObject(obj, this.typeId);
  }

  sizeOf(obj: Address): number {
    const table = this.table(obj);
    const extra = table === obj + this.smallOffset ? 0 : (this.mask(obj) + 1) * 2 * this.w;
    return this.gcBytes + this.basicSize + extra;
  }

  override blocks(obj: Address, visit: (block: Address) => void): void {
    visit(obj - this.gcBytes);
    const table = this.table(obj);
    if (table !== obj + this.smallOffset) visit(table);
  }

  override hash(): number {
    return unhashable("set");
  }

  override repr(obj: Address, seen: Set<Address>, ctx: TypeContext): string {
    if (this.length(obj) === 0) return "set()";
    if (seen.has(obj)) return "set(...)";
    seen.add(obj);
    const parts = this.elements(obj).map((k) => ctx.repr(k, seen));
    seen.delete(obj);
    return `{${parts.join(", ")}}`;
  }

  override toJS(obj: Address, seen: Map<Address, JsValue>, ctx: TypeContext): JsValue {
    const prior = seen.get(obj);
    if (prior !== undefined) return prior;
    const out = new Set<JsValue>();
    seen.set(obj, out);
    for (const k of this.elements(obj)) out.add(ctx.toJS(k, seen));
    return out;
  }
}
