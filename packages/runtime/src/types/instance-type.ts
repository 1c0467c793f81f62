/**
 * Instances of user-defined classes, as CPython 3.11 keeps them: attributes in a values
 * array shared in shape with the class ("inline values", PEP 412 key-sharing taken further
 * in 3.11), and a real dict only once `__dict__` is asked for or the class's shared keys
 * are full (Objects/typeobject.c, Objects/dictobject.c `init_inline_values`,
 * `_PyObject_StoreInstanceAttribute`, `make_dict_from_instance_attributes`).
 *
 * ```
 *  64-bit layout, 56 bytes like CPython's (which puts dict/values in a pre-header instead)
 *  obj-16  gc_next / gc_prev   16
 *  obj+0   ob_refcnt            8
 *  obj+8   ob_type              8   the class's own type id
 *  obj+16  weakreflist          8
 *  obj+24  dict                 8   NULL, or the materialised __dict__
 *  obj+32  values               8   NULL once the dict exists ───┐
 *  obj+40                                                        │
 *                                                                ▼
 *  values block (object domain): | order bytes ... | count | prefix | v[0] | v[1] | ... | v[size-1] |
 *                                 prefix = round_up(size + 2, 8) bytes before v[0]
 *                                 order[i] at v - 3 - i: slot indices in insertion order
 *
 *  class shared keys (the type's, kept with the class): names[ix] for each slot ix,
 *  usable = 30 (SHARED_KEYS_MAX_SIZE) minus one per instance made (while > 1), minus one per new name.
 *  each instance's values get size = len(names) + usable slots at creation.
 *
 *  sys.getsizeof(instance) = 56 (basicsize 24 + GC header 16 + dict/values pre-header 16)
 *
 *  CPython 3.12 on (config.instanceDictOrValues): one tagged word for both, 48 bytes like
 *  3.12's (managed dict and weakref pointers in the pre-header, basicsize 16)
 *  obj+16  weakreflist          8
 *  obj+24  dict_or_values       8   a dict, or the values array | 1 (values are 8-aligned)
 *  obj+32
 * ```
 *
 * The collector sees one object per instance while its attributes are inline, and a
 * second one (the dict) once materialised — the counts `gc.collect()` reports in 3.11.
 * A materialised `__dict__` is a combined dict here (CPython makes a split dict over the
 * class's shared keys), so its `sys.getsizeof` is a combined dict's.
 *
 * Invariants: at most one of `dict` and `values` is non-NULL once the instance is
 * initialised; a values slot is non-NULL iff its index is in the order bytes.
 *
 * @module
 */
import { type Address, type Decref, NULL, type Visit } from "@pymem/core";
import { hashString } from "../hash";
import type { ObjectSpace } from "../object-space";
import { PythonError } from "../python-error";
import { BaseType, type JsValue, type TypeContext } from "../runtime-type";
import type { DictType } from "./dict-type";
import type { StrType } from "./str-type";

/** Tag of a values pointer in a dict-or-values word (CPython 3.12's `PyDictOrValues`). */
const VALUES_TAG = 1;

/** Bytes of CPython's managed-dict pre-header (dict and values pointers), 64-bit. */
export const MANAGED_DICT_PREHEADER = 16;

/** Hooks an instance type needs from the runtime. */
export interface InstanceHost {
  /** The dict type (for materialised `__dict__`). */
  dicts: DictType;
  /** A new reference to the interned str object for attribute name `name`. */
  internName(name: string): Address;
  /** Runs the class's `__del__` with the instance. */
  finalize?: (obj: Address) => void;
}

/**
 * One user-defined class's instance type.
 * @example
 * ```ts
 * const Node = new InstanceType(space, host, "Node", 30);
 * space.register(Node);
 * const n = Node.create();
 * Node.setAttr(n, "next", other); // steals the reference to other
 * ```
 */
export class InstanceType extends BaseType {
  readonly kind = "instance" as const;
  readonly name: string;
  readonly basicSize: number;
  readonly itemSize = 0;
  readonly isContainer = true;
  override readonly weaklistOffset: number;
  /** Offset of the materialised dict pointer. */
  readonly dictOffset: number;
  /** Offset of the values pointer. */
  readonly valuesOffset: number;
  /** Whether dict and values share one tagged word (CPython 3.12 on). */
  private readonly dictOrValues: boolean;
  /** Attribute names of the shared keys, by slot. */
  readonly names: string[] = [];
  /** PEP 442 finalizer (`__del__`), when the class defines one. */
  readonly finalize?: (obj: Address) => void;
  private readonly nameIndex = new Map<string, number>();
  /** dk_usable of the shared keys. */
  private usable: number;
  private readonly space: ObjectSpace;
  private readonly host: InstanceHost;

  constructor(space: ObjectSpace, host: InstanceHost, name: string, sharedKeysMaxSize: number) {
    super();
    this.space = space;
    this.host = host;
    this.name = name;
    const w = space.w;
    const h = space.layout.headerSize;
    this.weaklistOffset = h;
    this.dictOrValues = space.config.instanceDictOrValues;
    this.dictOffset = h + w;
    this.valuesOffset = this.dictOrValues ? h + w : h + 2 * w;
    this.basicSize = this.dictOrValues ? h + 2 * w : h + 3 * w;
    this.gcBytes = space.layout.gcHeaderSize;
    this.usable = sharedKeysMaxSize;
    if (host.finalize !== undefined) this.finalize = host.finalize;
  }

  /** Bytes before the values of a values block with `size` slots (round_up(size + 2, w)). */
  private prefixBytes(size: number): number {
    const w = this.space.w;
    return Math.ceil((size + 2) / w) * w;
  }

  /**
   * A new instance with an empty values array (init_inline_values), tracked.
   * @throws MemoryError when memory is exhausted; the class's shared keys are unchanged
   */
  create(): Address {
    const space = this.space;
    // The shared keys give up a slot before anything is allocated, as init_inline_values
    // does: a collection run by the allocation below may add names meanwhile, and each
    // name it adds still fits this instance's values.
    const previous = this.usable;
    if (this.usable > 1) this.usable--;
    const size = this.names.length + this.usable;
    const prefix = this.prefixBytes(size);
    const bytes = prefix + size * space.w;
    let block: Address;
    let obj: Address;
    try {
      block = space.malloc(this.typeId, bytes);
      try {
        obj = space.newObject(this.typeId);
      } catch (e) {
        space.free(block);
        throw e;
      }
    } catch (e) {
      if (this.usable === previous - 1) this.usable = previous;
      throw e;
    }
    const values = block + prefix;
    space.heap.u8.fill(0, block, block + bytes);
    space.heap.u8[values - 1] = prefix;
    space.setWord(obj + this.valuesOffset, this.dictOrValues ? values | VALUES_TAG : values);
    space.track(obj);
    return obj;
  }

  /** The values array, or NULL once a dict exists. */
  values(obj: Address): Address {
    const word = this.space.word(obj + this.valuesOffset);
    if (!this.dictOrValues) return word;
    return (word & VALUES_TAG) !== 0 ? word - VALUES_TAG : NULL;
  }

  /** The materialised dict, or NULL. */
  dict(obj: Address): Address {
    const word = this.space.word(obj + this.dictOffset);
    return this.dictOrValues && (word & VALUES_TAG) !== 0 ? NULL : word;
  }

  private orderCount(values: Address): number {
    return this.space.heap.u8[values - 2]!;
  }

  /** Slot indices in insertion order. */
  private order(values: Address): number[] {
    const u8 = this.space.heap.u8;
    const n = u8[values - 2]!;
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(u8[values - 3 - i]!);
    return out;
  }

  private addToOrder(values: Address, ix: number): void {
    const u8 = this.space.heap.u8;
    const n = u8[values - 2]!;
    u8[values - 3 - n] = ix;
    u8[values - 2] = n + 1;
  }

  private removeFromOrder(values: Address, ix: number): void {
    const u8 = this.space.heap.u8;
    const n = u8[values - 2]!;
    let k = 0;
    while (k < n && u8[values - 3 - k] !== ix) k++;
    for (; k < n - 1; k++) u8[values - 3 - k] = u8[values - 4 - k]!;
    u8[values - 2] = n - 1;
  }

  /** Attribute `name` (borrowed), or NULL when unset. */
  getAttr(obj: Address, name: string): Address {
    const values = this.values(obj);
    if (values !== NULL) {
      const ix = this.nameIndex.get(name);
      return ix === undefined ? NULL : this.space.word(values + ix * this.space.w);
    }
    const dict = this.dict(obj);
    return dict === NULL ? NULL : this.host.dicts.getString(dict, name, hashString(name));
  }

  /**
   * `obj.name = value`, stealing the reference (`_PyObject_StoreInstanceAttribute`): into the
   * values array when the name is (or can become) one of the shared keys, else into the
   * materialised dict. The old value is released last.
   * @throws MemoryError when a dict must be made and cannot (the reference is not taken)
   */
  setAttr(obj: Address, name: string, value: Address): void {
    const space = this.space;
    const values = this.values(obj);
    if (values !== NULL) {
      let ix = this.nameIndex.get(name);
      // Every slot index of the shared keys fits every instance's values: each instance got
      // len(names) + usable slots, and a new name only takes a slot while usable > 0.
      if (ix === undefined && this.usable > 0) {
        ix = this.names.length;
        this.names.push(name);
        this.nameIndex.set(name, ix);
        this.usable--;
      }
      if (ix !== undefined) {
        const slot = values + ix * space.w;
        const old = space.word(slot);
        space.setWord(slot, value);
        if (old === NULL) this.addToOrder(values, ix);
        else space.decref(old);
        return;
      }
      this.materialize(obj);
    }
    const dict = this.dict(obj);
    const key = this.host.internName(name);
    try {
      this.host.dicts.setItem(dict, key, value);
    } catch (e) {
      space.decref(key);
      throw e;
    }
  }

  /**
   * `del obj.name`.
   * @throws PythonError AttributeError when the attribute is not set
   */
  delAttr(obj: Address, name: string): void {
    const space = this.space;
    const values = this.values(obj);
    if (values !== NULL) {
      const ix = this.nameIndex.get(name);
      const slot = ix === undefined ? NULL : values + ix * space.w;
      const old = slot === NULL ? NULL : space.word(slot);
      if (old === NULL) throw this.attributeError(name);
      space.setWord(slot, NULL);
      this.removeFromOrder(values, ix!);
      space.decref(old);
      return;
    }
    const dict = this.dict(obj);
    const key = this.host.internName(name);
    try {
      const removed = dict === NULL ? NULL : this.host.dicts.popItem(dict, key);
      if (removed === NULL) throw this.attributeError(name);
      space.decref(removed);
    } finally {
      space.decref(key);
    }
  }

  /** Attribute names in insertion order. */
  attrNames(obj: Address): string[] {
    const values = this.values(obj);
    if (values !== NULL) return this.order(values).map((ix) => this.names[ix]!);
    const dict = this.dict(obj);
    const out: string[] = [];
    if (dict === NULL) return out;
    const dicts = this.host.dicts;
    const strs = this.space.kinds[this.space.ids.str] as StrType;
    for (let ix = dicts.nextEntry(dict, 0); ix >= 0; ix = dicts.nextEntry(dict, ix + 1)) {
      const key = dicts.entryKey(dict, ix);
      if (this.space.typeId(key) === this.space.ids.str) out.push(strs.value(key));
    }
    return out;
  }

  /**
   * The instance's `__dict__` (borrowed), made from the values on first request
   * (make_dict_from_instance_attributes): the values move into a new dict and the values
   * array is freed.
   * @throws MemoryError when the dict cannot be made; the instance is unchanged
   */
  materialize(obj: Address): Address {
    const existing = this.dict(obj);
    if (existing !== NULL) return existing;
    const space = this.space;
    const dicts = this.host.dicts;
    const dict = dicts.createPresized(this.inlineCount(obj), true);
    // Making the dict may have run a collection, and finalizers with it: read the instance now.
    const made = this.dict(obj);
    if (made !== NULL) {
      space.decref(dict);
      return made;
    }
    const values = this.values(obj);
    const order = this.order(values);
    try {
      for (const ix of order) {
        const value = space.word(values + ix * space.w);
        const key = this.host.internName(this.names[ix]!);
        space.incref(value);
        try {
          dicts.setItem(dict, key, value);
        } catch (e) {
          space.decref(value);
          space.decref(key);
          throw e;
        }
      }
    } catch (e) {
      space.decref(dict);
      throw e;
    }
    // The dict now holds its own references: drop the values array's.
    space.setWord(obj + this.valuesOffset, NULL);
    space.setWord(obj + this.dictOffset, dict);
    for (const ix of order) space.decref(space.word(values + ix * space.w));
    space.free(values - space.heap.u8[values - 1]!);
    return dict;
  }

  override traverse(obj: Address, visit: Visit): void {
    const space = this.space;
    const values = this.values(obj);
    if (values !== NULL) {
      const u8 = space.heap.u8;
      const n = u8[values - 2]!;
      for (let i = 0; i < n; i++) {
        const v = space.word(values + u8[values - 3 - i]! * space.w);
        if (v !== NULL) visit(v);
      }
    }
    const dict = this.dict(obj);
    if (dict !== NULL) visit(dict);
  }

  /** subtype_clear: every value slot and the dict set to NULL, then released. */
  clear(obj: Address, decref: Decref): void {
    const space = this.space;
    const values = this.values(obj);
    if (values !== NULL) this.releaseValues(values, decref);
    const dict = this.dict(obj);
    if (dict !== NULL) {
      space.setWord(obj + this.dictOffset, NULL);
      decref(dict);
    }
  }

  /**
   * Empties a values array: the order count goes to 0 and each slot to NULL before any
   * reference is released (releases may run finalizers).
   */
  private releaseValues(values: Address, decref: Decref): void {
    const space = this.space;
    const u8 = space.heap.u8;
    const n = u8[values - 2]!;
    u8[values - 2] = 0;
    const w = space.w;
    for (let i = 0; i < n; i++) {
      const slot = values + space.heap.u8[values - 3 - i]! * w;
      const v = space.word(slot);
      space.setWord(slot, NULL);
      if (v !== NULL) decref(v);
    }
  }

  dealloc(obj: Address, decref: Decref): void {
    const space = this.space;
    const values = this.values(obj);
    if (values !== NULL) {
      space.setWord(obj + this.valuesOffset, NULL);
      this.releaseValues(values, decref);
      space.free(values - space.heap.u8[values - 1]!);
    }
    const dict = this.dict(obj);
    if (dict !== NULL) {
      space.setWord(obj + this.dictOffset, NULL);
      decref(dict);
    }
    space.releaseObject(obj, this.typeId);
  }

  /** basicsize + GC header + managed pre-header, as CPython reports it (3.11: 56, 3.12 on: 48). */
  sizeOf(_obj: Address): number {
    return this.gcBytes + this.basicSize;
  }

  override blocks(obj: Address, visit: (block: Address) => void): void {
    visit(obj - this.gcBytes);
    const values = this.values(obj);
    if (values !== NULL) visit(values - this.space.heap.u8[values - 1]!);
  }

  override repr(obj: Address): string {
    return `<${this.name} object at 0x${obj.toString(16)}>`;
  }

  override toJS(obj: Address, seen: Map<Address, JsValue>, ctx: TypeContext): JsValue {
    const prior = seen.get(obj);
    if (prior !== undefined) return prior;
    const out: Record<string, JsValue> = {};
    seen.set(obj, out);
    for (const name of this.attrNames(obj)) out[name] = ctx.toJS(this.getAttr(obj, name), seen);
    return out;
  }

  private attributeError(name: string): PythonError {
    return new PythonError("AttributeError", `'${this.name}' object has no attribute '${name}'`);
  }

  /** Slots left in the class's shared keys (dk_usable). */
  get sharedKeysUsable(): number {
    return this.usable;
  }

  /** Number of set attributes while inline (order count); -1 once a dict exists. */
  inlineCount(obj: Address): number {
    const values = this.values(obj);
    return values === NULL ? -1 : this.orderCount(values);
  }
}
