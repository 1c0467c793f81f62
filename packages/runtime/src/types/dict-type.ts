/**
 * `dict`: CPython 3.11's compact, insertion-ordered hash table (Objects/dictobject.c,
 * Include/internal/pycore_dict.h). The dict object points to a keys object that holds an
 * index table (open addressing, perturbed probing) and a dense array of entries.
 *
 * ```
 *  64-bit layout
 *  PyDictObject (48 B + 16 B GC header)          PyDictKeysObject, {'a': 1, 'b': 2} (8 slots, str keys)
 *  obj-16  gc_next / gc_prev   16                 +0   dk_refcnt            8   1
 *  obj+0   ob_refcnt            8                 +8   dk_log2_size         1   3
 *  obj+8   ob_type              8                 +9   dk_log2_index_bytes  1   3
 *  obj+16  ma_used              8   2             +10  dk_kind              1   1 (unicode)
 *  obj+24  ma_version_tag       8                 +12  dk_version           4
 *  obj+32  ma_keys              8  ────────────►  +16  dk_usable            8   3
 *  obj+40  ma_values            8   NULL          +24  dk_nentries          8   2
 *  obj+48                                         +32  dk_indices  i8 x 8       [-1, 0, -1, 1, -1, ...]
 *                                                 +40  entries: unicode (key, value) 16 B each,
 *                                                      general (hash, key, value) 24 B each
 *                                                      usable = 2/3 of the slots (5 for 8)
 *
 *  probing:  i = hash & mask;  perturb = hash;  then  perturb >>= 5;  i = (5i + perturb + 1) & mask
 *  index  -1 DKIX_EMPTY (stops a lookup), -2 DKIX_DUMMY (deleted: skipped, reused on insert)
 *
 *  sys.getsizeof: 64 for {} (it shares the static empty keys), else
 *                 64 + 32 + 2**log2_index_bytes + usable * (16 | 24)      {'a': 1} -> 184
 * ```
 *
 * Growth: a full table (usable 0) is rebuilt at the smallest power of two >= 3 * used
 * (GROWTH_RATE), compacting deleted entries. A table holding only str keys has the
 * "unicode" kind (no hash in entries; str objects cache their hash); the first other key
 * converts it to the general kind. A new dict is untracked and becomes tracked when a key
 * or value that may be tracked is inserted (MAINTAIN_TRACKING); the collector may untrack
 * it again after a full collection. Keys objects of 8 slots with str keys go to the keys
 * free list when free lists are on.
 *
 * Invariants: `ma_keys` is the empty keys iff the dict never held an entry since its
 * creation or last clear; `ma_used` equals the entries whose value is non-NULL;
 * `dk_usable + dk_nentries` equals `2/3 * 2**dk_log2_size` (rounded down) except for the
 * empty keys (0 and 0); an index is >= 0 iff its entry's key is non-NULL.
 *
 * @module
 */
import { type Address, type Decref, NULL, type Visit } from "@pymem/core";
import type { ObjectSpace } from "../object-space";
import { PythonError } from "../python-error";
import { BaseType, type JsValue, type TypeContext, unhashable } from "../runtime-type";
import type { StrType } from "./str-type";

/** log2 of the smallest table (PyDict_LOG_MINSIZE): 8 slots. */
export const DICT_LOG_MINSIZE = 3;
/** Slots of the smallest table (PyDict_MINSIZE). */
export const DICT_MINSIZE = 1 << DICT_LOG_MINSIZE;
/** Shift of the perturbation in the probe sequence (PERTURB_SHIFT). */
export const PERTURB_SHIFT = 5;
/** Index of a never-used slot (DKIX_EMPTY). */
export const DKIX_EMPTY = -1;
/** Index of a slot whose entry was deleted (DKIX_DUMMY). */
export const DKIX_DUMMY = -2;
/** dk_kind: keys of any type, entries carry the hash. */
export const DICT_KEYS_GENERAL = 0;
/** dk_kind: str keys only, entries without hash. */
export const DICT_KEYS_UNICODE = 1;
/** Largest log2 size `dict_new_presized` preallocates (log2_max_presize): 128 Ki slots. */
export const DICT_LOG_MAX_PRESIZE = 17;

/** Usable entries of a table of `n` slots (USABLE_FRACTION): two thirds. */
export function usableFraction(n: number): number {
  return Math.floor((n << 1) / 3);
}

/** Smallest log2 size with at least `minsize` slots, never below the minimum (calculate_log2_keysize). */
export function calculateLog2KeySize(minsize: number): number {
  let log2 = DICT_LOG_MINSIZE;
  while (2 ** log2 < minsize) log2++;
  return log2;
}

/** log2 size for a dict that will hold `n` entries (estimate_log2_keysize). */
export function estimateLog2KeySize(n: number): number {
  return calculateLog2KeySize(Math.floor((n * 3 + 1) / 2));
}

/** Where keys objects get their memory (the keys free list, or the domain). */
export interface KeysMemory {
  /** A block for a keys object of `2 ** log2Size` slots. */
  allocate(log2Size: number, unicode: boolean): Address;
  /** Takes back a dead keys object's block. */
  release(keys: Address, log2Size: number, unicode: boolean): void;
}

/**
 * The dict type: creation, lookup, insertion, deletion, resizing and iteration on addresses.
 * @example
 * ```ts
 * const d = dicts.create();
 * dicts.setItem(d, key, value); // steals both references
 * dicts.getItem(d, key);        // value (borrowed), or 0 when missing
 * ```
 */
export class DictType extends BaseType {
  readonly kind = "dict" as const;
  readonly name = "dict";
  readonly basicSize: number;
  readonly itemSize = 0;
  readonly isContainer = true;
  /** Offset of ma_used. */
  readonly usedOffset: number;
  /** Offset of ma_version_tag. */
  readonly versionOffset: number;
  /** Offset of ma_keys. */
  readonly keysOffset: number;
  /** Offset of ma_values. */
  readonly valuesOffset: number;
  /** Bytes of the keys object header (sizeof(PyDictKeysObject)). */
  readonly keysHeaderSize: number;
  /** The shared, immortal empty keys object (Py_EMPTY_KEYS). */
  emptyKeys: Address = NULL;
  /** Where keys objects come from. */
  keysMemory!: KeysMemory;
  private readonly space: ObjectSpace;
  private readonly w: number;
  private strs!: StrType;
  /** Index-table position of the last successful lookup (for deletion). */
  private lastSlot = 0;

  constructor(space: ObjectSpace) {
    super();
    this.space = space;
    const w = space.w;
    this.w = w;
    const h = space.layout.headerSize;
    this.usedOffset = h;
    this.versionOffset = h + w;
    this.keysOffset = h + 2 * w;
    this.valuesOffset = h + 3 * w;
    this.basicSize = h + 4 * w;
    this.keysHeaderSize = 3 * w + 8;
    this.gcBytes = space.layout.gcHeaderSize;
  }

  /** Wires the keys memory and the str type, and makes the empty keys object. */
  init(keysMemory: KeysMemory, strs: StrType): void {
    this.keysMemory = keysMemory;
    this.strs = strs;
    const keys = this.newKeys(DICT_LOG_MINSIZE, true);
    const space = this.space;
    space.setWord(keys + this.usableOffset(), 0);
    // Immortal: its count never reaches 1, so sizeof never attributes it to a dict.
    space.setWord(keys, 0x7fffffff);
    this.emptyKeys = keys;
  }

  // --- keys object fields -----------------------------------------------------------------

  private usableOffset(): number {
    return this.w + 8;
  }

  private log2Size(keys: Address): number {
    return this.space.heap.u8[keys + this.w]!;
  }

  private log2IndexBytes(keys: Address): number {
    return this.space.heap.u8[keys + this.w + 1]!;
  }

  private isUnicode(keys: Address): boolean {
    return this.space.heap.u8[keys + this.w + 2] === DICT_KEYS_UNICODE;
  }

  private usable(keys: Address): number {
    return this.space.signedWord(keys + this.w + 8);
  }

  private nentries(keys: Address): number {
    return this.space.word(keys + 2 * this.w + 8);
  }

  private entrySize(keys: Address): number {
    return this.isUnicode(keys) ? 2 * this.w : 3 * this.w;
  }

  /** Address of entry `ix`. */
  private entry(keys: Address, ix: number): Address {
    return keys + this.keysHeaderSize + (1 << this.log2IndexBytes(keys)) + ix * this.entrySize(keys);
  }

  private getIndex(keys: Address, i: number): number {
    const heap = this.space.heap;
    const log2Size = this.log2Size(keys);
    const base = keys + this.keysHeaderSize;
    if (log2Size < 8) return (heap.u8[base + i]! << 24) >> 24;
    if (log2Size < 16) return heap.view.getInt16(base + 2 * i, true);
    return heap.i32[(base + 4 * i) >>> 2]!;
  }

  private setIndex(keys: Address, i: number, ix: number): void {
    const heap = this.space.heap;
    const log2Size = this.log2Size(keys);
    const base = keys + this.keysHeaderSize;
    if (log2Size < 8) heap.u8[base + i] = ix & 0xff;
    else if (log2Size < 16) heap.view.setInt16(base + 2 * i, ix, true);
    else heap.i32[(base + 4 * i) >>> 2] = ix;
  }

  /** Bytes of a keys object (_PyDict_KeysSize). */
  keysSize(keys: Address): number {
    const log2Size = this.log2Size(keys);
    return (
      this.keysHeaderSize +
      (1 << this.log2IndexBytes(keys)) +
      usableFraction(1 << log2Size) * this.entrySize(keys)
    );
  }

  /**
   * new_keys_object: a keys object with `2 ** log2Size` empty slots.
   * @throws MemoryError when memory is exhausted
   */
  private newKeys(log2Size: number, unicode: boolean): Address {
    const space = this.space;
    const previous = space.mem.currentType;
    space.mem.currentType = this.typeId;
    let keys: Address;
    try {
      keys = this.keysMemory.allocate(log2Size, unicode);
    } finally {
      space.mem.currentType = previous;
    }
    const log2Bytes = log2Size < 8 ? log2Size : log2Size < 16 ? log2Size + 1 : log2Size + 2;
    const usable = usableFraction(1 << log2Size);
    const w = this.w;
    const heap = space.heap;
    space.setWord(keys, 1);
    heap.u8[keys + w] = log2Size;
    heap.u8[keys + w + 1] = log2Bytes;
    heap.u8[keys + w + 2] = unicode ? DICT_KEYS_UNICODE : DICT_KEYS_GENERAL;
    heap.u8[keys + w + 3] = 0;
    heap.u32[(keys + w + 4) >>> 2] = 0;
    space.setWord(keys + w + 8, usable);
    space.setWord(keys + 2 * w + 8, 0);
    const indices = keys + this.keysHeaderSize;
    heap.u8.fill(0xff, indices, indices + (1 << log2Bytes));
    const entries = indices + (1 << log2Bytes);
    heap.u8.fill(0, entries, entries + usable * (unicode ? 2 * w : 3 * w));
    return keys;
  }

  /** free_keys_object without touching the entries (their references were moved or released). */
  private freeKeysBlock(keys: Address): void {
    this.keysMemory.release(keys, this.log2Size(keys), this.isUnicode(keys));
  }

  // --- dict objects -------------------------------------------------------------------------

  /**
   * A new, empty, untracked dict sharing the empty keys (PyDict_New).
   * @throws MemoryError when memory is exhausted
   */
  create(): Address {
    const obj = this.space.newObject(this.typeId);
    this.space.setWord(obj + this.keysOffset, this.emptyKeys);
    return obj;
  }

  /**
   * A dict preallocated for `n` entries (dict_new_presized): the empty keys up to 5 entries,
   * else a table sized by estimate_log2_keysize, capped at 2**17 slots.
   */
  createPresized(n: number, unicode: boolean): Address {
    if (n <= usableFraction(DICT_MINSIZE)) return this.create();
    const log2 =
      n > usableFraction(1 << DICT_LOG_MAX_PRESIZE) ? DICT_LOG_MAX_PRESIZE : estimateLog2KeySize(n);
    const keys = this.newKeys(log2, unicode);
    let obj: Address;
    try {
      obj = this.space.newObject(this.typeId);
    } catch (e) {
      this.freeKeysBlock(keys);
      throw e;
    }
    this.space.setWord(obj + this.keysOffset, keys);
    return obj;
  }

  /** ma_used: number of items. */
  length(obj: Address): number {
    return this.space.word(obj + this.usedOffset);
  }

  /** The keys object. */
  keysOf(obj: Address): Address {
    return this.space.word(obj + this.keysOffset);
  }

  /** Whether `key` is an exact str. */
  private isStr(key: Address): boolean {
    return this.space.headers.typeId(key) === this.space.ids.str;
  }

  /**
   * Finds `key` (with hash `hash`) in `keys`: the entry index, or DKIX_EMPTY. Sets
   * `lastSlot` to the index-table position where the search ended.
   */
  private lookup(keys: Address, key: Address, hash: number): number {
    const unicode = this.isUnicode(keys);
    const keyIsStr = this.isStr(key);
    if (unicode && !keyIsStr) return DKIX_EMPTY;
    const mask = (1 << this.log2Size(keys)) - 1;
    const w = this.w;
    const space = this.space;
    let i = hash & mask;
    let perturb = hash >>> 0;
    for (;;) {
      const ix = this.getIndex(keys, i);
      if (ix === DKIX_EMPTY) {
        this.lastSlot = i;
        return DKIX_EMPTY;
      }
      if (ix >= 0) {
        const ep = this.entry(keys, ix);
        if (unicode) {
          const k = space.word(ep);
          if (k === key || (this.strs.hash(k) === hash && this.strs.equals(k, key))) {
            this.lastSlot = i;
            return ix;
          }
        } else {
          const k = space.word(ep + w);
          if (k === key || (space.signedWord(ep) === hash && space.richEquals(k, key))) {
            this.lastSlot = i;
            return ix;
          }
        }
      }
      perturb = perturb >>> PERTURB_SHIFT;
      i = (i * 5 + perturb + 1) & mask;
    }
  }

  /** First slot of `keys` whose index is EMPTY or DUMMY on `hash`'s probe sequence (find_empty_slot). */
  private findEmptySlot(keys: Address, hash: number): number {
    const mask = (1 << this.log2Size(keys)) - 1;
    let i = hash & mask;
    let perturb = hash >>> 0;
    while (this.getIndex(keys, i) >= 0) {
      perturb = perturb >>> PERTURB_SHIFT;
      i = (i * 5 + perturb + 1) & mask;
    }
    return i;
  }

  /** Address of the value word of entry `ix`. */
  private valueSlot(keys: Address, ix: number): Address {
    return this.entry(keys, ix) + (this.isUnicode(keys) ? this.w : 2 * this.w);
  }

  /**
   * `d[key]` (borrowed), or NULL when missing.
   * @throws PythonError TypeError when the key is unhashable
   */
  getItem(obj: Address, key: Address): Address {
    const hash = this.space.hashOf(key);
    const keys = this.keysOf(obj);
    const ix = this.lookup(keys, key, hash);
    return ix < 0 ? NULL : this.space.word(this.valueSlot(keys, ix));
  }

  /**
   * Looks up a str key given as a JS string, without making a str object. Borrowed value or NULL.
   */
  getString(obj: Address, name: string, hash: number): Address {
    const keys = this.keysOf(obj);
    const mask = (1 << this.log2Size(keys)) - 1;
    const unicode = this.isUnicode(keys);
    const space = this.space;
    const strId = space.ids.str;
    let i = hash & mask;
    let perturb = hash >>> 0;
    for (;;) {
      const ix = this.getIndex(keys, i);
      if (ix === DKIX_EMPTY) return NULL;
      if (ix >= 0) {
        const ep = this.entry(keys, ix);
        const k = space.word(unicode ? ep : ep + this.w);
        if (
          space.headers.typeId(k) === strId &&
          this.strs.hash(k) === hash &&
          this.strs.equalsString(k, name)
        ) {
          return space.word(this.valueSlot(keys, ix));
        }
      }
      perturb = perturb >>> PERTURB_SHIFT;
      i = (i * 5 + perturb + 1) & mask;
    }
  }

  /**
   * `d[key] = value` (insertdict), stealing both references. An existing key keeps its key
   * object (the new one is released) and its old value is released last.
   * @throws PythonError TypeError for an unhashable key (nothing taken)
   * @throws MemoryError when a resize fails (nothing taken)
   */
  setItem(obj: Address, key: Address, value: Address): void {
    const space = this.space;
    const hash = space.hashOf(key);
    let keys = this.keysOf(obj);
    if (keys === this.emptyKeys) {
      this.insertToEmpty(obj, key, hash, value);
      return;
    }
    const keyIsStr = this.isStr(key);
    if (this.isUnicode(keys) && !keyIsStr) {
      this.resize(obj, calculateLog2KeySize(this.length(obj) * 3), false);
      keys = this.keysOf(obj);
    }
    const ix = this.lookup(keys, key, hash);
    if (ix >= 0) {
      const slot = this.valueSlot(keys, ix);
      const old = space.word(slot);
      this.maintainTracking(obj, key, value);
      space.setWord(slot, value);
      this.bumpVersion(obj);
      space.decref(old);
      space.decref(key);
      return;
    }
    if (this.usable(keys) <= 0) {
      this.resize(obj, calculateLog2KeySize(this.length(obj) * 3), true);
      keys = this.keysOf(obj);
    }
    this.maintainTracking(obj, key, value);
    this.appendEntry(obj, keys, key, hash, value);
  }

  /** insert_to_emptydict: the first entry gets a fresh 8-slot table of the key's kind. */
  private insertToEmpty(obj: Address, key: Address, hash: number, value: Address): void {
    const keys = this.newKeys(DICT_LOG_MINSIZE, this.isStr(key));
    this.space.setWord(obj + this.keysOffset, keys);
    this.maintainTracking(obj, key, value);
    this.appendEntry(obj, keys, key, hash, value);
  }

  private appendEntry(obj: Address, keys: Address, key: Address, hash: number, value: Address): void {
    const space = this.space;
    const n = this.nentries(keys);
    this.setIndex(keys, this.findEmptySlot(keys, hash), n);
    const ep = this.entry(keys, n);
    if (this.isUnicode(keys)) {
      space.setWord(ep, key);
      space.setWord(ep + this.w, value);
    } else {
      space.setSignedWord(ep, hash);
      space.setWord(ep + this.w, key);
      space.setWord(ep + 2 * this.w, value);
    }
    space.setWord(obj + this.usedOffset, this.length(obj) + 1);
    space.setSignedWord(keys + this.w + 8, this.usable(keys) - 1);
    space.setWord(keys + 2 * this.w + 8, n + 1);
    this.bumpVersion(obj);
  }

  /** MAINTAIN_TRACKING: track the dict when it gains a key or value that may be tracked. */
  private maintainTracking(obj: Address, key: Address, value: Address): void {
    const space = this.space;
    if (space.gc.isTracked(obj)) return;
    if (space.mayBeTracked(key) || space.mayBeTracked(value)) space.collector.track(obj);
  }

  private bumpVersion(obj: Address): void {
    const space = this.space;
    space.dictVersion = (space.dictVersion + 1) >>> 0;
    space.setWord(obj + this.versionOffset, space.dictVersion);
  }

  /**
   * dictresize: moves the live entries, in order, into a new table of `2 ** log2` slots
   * (general kind unless `unicode` and the old table is unicode) and frees the old one.
   * @throws MemoryError when the new table cannot be allocated; nothing changes
   */
  private resize(obj: Address, log2: number, unicode: boolean): void {
    const space = this.space;
    const old = this.keysOf(obj);
    const oldUnicode = this.isUnicode(old);
    const toUnicode = unicode && oldUnicode;
    const keys = this.newKeys(log2, toUnicode);
    const used = this.length(obj);
    const w = this.w;
    const n = this.nentries(old);
    let j = 0;
    for (let ix = 0; ix < n; ix++) {
      const oe = this.entry(old, ix);
      const k = space.word(oldUnicode ? oe : oe + w);
      const v = space.word(oldUnicode ? oe + w : oe + 2 * w);
      if (v === NULL) continue;
      const hash = oldUnicode ? this.strs.hash(k) : space.signedWord(oe);
      const ne = this.entry(keys, j);
      if (toUnicode) {
        space.setWord(ne, k);
        space.setWord(ne + w, v);
      } else {
        space.setSignedWord(ne, hash);
        space.setWord(ne + w, k);
        space.setWord(ne + 2 * w, v);
      }
      this.setIndex(keys, this.findEmptySlot(keys, hash), j);
      j++;
    }
    space.setSignedWord(keys + w + 8, this.usable(keys) - used);
    space.setWord(keys + 2 * w + 8, used);
    space.setWord(obj + this.keysOffset, keys);
    if (old !== this.emptyKeys) this.freeKeysBlock(old);
  }

  /**
   * `del d[key]` (delitem_common): the slot becomes DUMMY, the entry NULL; the key and the
   * value are released last.
   * @throws PythonError KeyError when missing, TypeError when unhashable
   */
  delItem(obj: Address, key: Address, describe: () => string): void {
    const removed = this.popItem(obj, key);
    if (removed === NULL) throw new PythonError("KeyError", describe());
    this.space.decref(removed);
  }

  /**
   * Removes `key` and returns its value (a reference the caller now owns), or NULL when missing.
   * @throws PythonError TypeError when unhashable
   */
  popItem(obj: Address, key: Address): Address {
    const space = this.space;
    const hash = space.hashOf(key);
    const keys = this.keysOf(obj);
    const ix = this.lookup(keys, key, hash);
    if (ix < 0) return NULL;
    const ep = this.entry(keys, ix);
    const unicode = this.isUnicode(keys);
    const w = this.w;
    const oldKey = space.word(unicode ? ep : ep + w);
    const value = space.word(unicode ? ep + w : ep + 2 * w);
    this.setIndex(keys, this.lastSlot, DKIX_DUMMY);
    if (unicode) {
      space.setWord(ep, NULL);
      space.setWord(ep + w, NULL);
    } else {
      space.setWord(ep, 0);
      space.setWord(ep + w, NULL);
      space.setWord(ep + 2 * w, NULL);
    }
    space.setWord(obj + this.usedOffset, this.length(obj) - 1);
    this.bumpVersion(obj);
    space.decref(oldKey);
    return value;
  }

  /** PyDict_Clear (also tp_clear): back to the empty keys, then the old entries are released. */
  clear(obj: Address, decref: Decref = (o) => this.space.decref(o)): void {
    const space = this.space;
    const old = this.keysOf(obj);
    if (old === this.emptyKeys) return;
    space.setWord(obj + this.keysOffset, this.emptyKeys);
    space.setWord(obj + this.usedOffset, 0);
    this.bumpVersion(obj);
    this.releaseKeys(old, decref);
  }

  /** free_keys_object: releases every key and value of a keys object, then its block. */
  private releaseKeys(keys: Address, decref: Decref): void {
    const space = this.space;
    const unicode = this.isUnicode(keys);
    const w = this.w;
    const n = this.nentries(keys);
    // Entries are detached from the dict already; read them all before any release runs code.
    for (let ix = 0; ix < n; ix++) {
      const ep = this.entry(keys, ix);
      const k = space.word(unicode ? ep : ep + w);
      const v = space.word(unicode ? ep + w : ep + 2 * w);
      if (k !== NULL) decref(k);
      if (v !== NULL) decref(v);
    }
    this.freeKeysBlock(keys);
  }

  /** Position of the next live entry at or after `pos`, or -1 (for iteration in insertion order). */
  nextEntry(obj: Address, pos: number): number {
    const keys = this.keysOf(obj);
    const n = this.nentries(keys);
    for (let ix = pos; ix < n; ix++) if (this.space.word(this.valueSlot(keys, ix)) !== NULL) return ix;
    return -1;
  }

  /** Key of entry `ix` (borrowed). */
  entryKey(obj: Address, ix: number): Address {
    const keys = this.keysOf(obj);
    const ep = this.entry(keys, ix);
    return this.space.word(this.isUnicode(keys) ? ep : ep + this.w);
  }

  /** Value of entry `ix` (borrowed). */
  entryValue(obj: Address, ix: number): Address {
    const keys = this.keysOf(obj);
    return this.space.word(this.valueSlot(keys, ix));
  }

  override traverse(obj: Address, visit: Visit): void {
    const space = this.space;
    const keys = this.keysOf(obj);
    const unicode = this.isUnicode(keys);
    const n = this.nentries(keys);
    const w = this.w;
    for (let ix = 0; ix < n; ix++) {
      const ep = this.entry(keys, ix);
      if (unicode) {
        const v = space.word(ep + w);
        if (v !== NULL) visit(v);
      } else {
        const v = space.word(ep + 2 * w);
        if (v !== NULL) {
          visit(v);
          visit(space.word(ep + w));
        }
      }
    }
  }

  /** Every key and value (traverse skips the keys of a str-keyed table: a str is never in a cycle). */
  override references(obj: Address, visit: Visit): void {
    const space = this.space;
    const keys = this.keysOf(obj);
    const unicode = this.isUnicode(keys);
    const n = this.nentries(keys);
    const w = this.w;
    for (let ix = 0; ix < n; ix++) {
      const ep = this.entry(keys, ix);
      const k = space.word(unicode ? ep : ep + w);
      const v = space.word(unicode ? ep + w : ep + 2 * w);
      if (v === NULL) continue;
      visit(k);
      visit(v);
    }
  }

  /** Whether every key and value is atomic (the full-collection untrack rule: _PyDict_MaybeUntrack). */
  canUntrack(obj: Address, mayBeTracked: (o: Address) => boolean): boolean {
    let atomic = true;
    const check = (o: Address): void => {
      if (atomic && mayBeTracked(o)) atomic = false;
    };
    const space = this.space;
    const keys = this.keysOf(obj);
    const unicode = this.isUnicode(keys);
    const n = this.nentries(keys);
    const w = this.w;
    for (let ix = 0; ix < n && atomic; ix++) {
      const ep = this.entry(keys, ix);
      const v = space.word(unicode ? ep + w : ep + 2 * w);
      if (v === NULL) continue;
      check(v);
      if (!unicode) check(space.word(ep + w));
    }
    return atomic;
  }

  dealloc(obj: Address, decref: Decref): void {
    const keys = this.keysOf(obj);
    if (keys !== this.emptyKeys && keys !== NULL) {
      this.space.setWord(obj + this.keysOffset, this.emptyKeys);
      this.releaseKeys(keys, decref);
    }
    this.space.releaseObject(obj, this.typeId);
  }

  /** _PyDict_SizeOf plus the GC header. */
  sizeOf(obj: Address): number {
    const keys = this.keysOf(obj);
    const own = keys !== this.emptyKeys && this.space.word(keys) === 1;
    return this.gcBytes + this.basicSize + (own ? this.keysSize(keys) : 0);
  }

  override blocks(obj: Address, visit: (block: Address) => void): void {
    visit(obj - this.gcBytes);
    const keys = this.keysOf(obj);
    if (keys !== this.emptyKeys) visit(keys);
  }

  override hash(): number {
    return unhashable("dict");
  }

  override repr(obj: Address, seen: Set<Address>, ctx: TypeContext): string {
    if (this.length(obj) === 0) return "{}";
    if (seen.has(obj)) return "{...}";
    seen.add(obj);
    const parts: string[] = [];
    for (let ix = this.nextEntry(obj, 0); ix >= 0; ix = this.nextEntry(obj, ix + 1)) {
      parts.push(`${ctx.repr(this.entryKey(obj, ix), seen)}: ${ctx.repr(this.entryValue(obj, ix), seen)}`);
    }
    seen.delete(obj);
    return `{${parts.join(", ")}}`;
  }

  override toJS(obj: Address, seen: Map<Address, JsValue>, ctx: TypeContext): JsValue {
    const prior = seen.get(obj);
    if (prior !== undefined) return prior;
    const out = new Map<JsValue, JsValue>();
    seen.set(obj, out);
    for (let ix = this.nextEntry(obj, 0); ix >= 0; ix = this.nextEntry(obj, ix + 1)) {
      out.set(ctx.toJS(this.entryKey(obj, ix), seen), ctx.toJS(this.entryValue(obj, ix), seen));
    }
    return out;
  }
}
