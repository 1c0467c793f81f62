/**
 * The runtime's internals behind the facade: the builtin types, the caches (small ints,
 * singletons, interned strings), the handle table and frames, the conversion of JS values
 * to objects, and the root set.
 *
 * ```
 *  JS value ──newRef──► new reference ──store──► heap slot (list item, dict entry, variable)
 *     number (integral) → int (small-int cache for -5..256)   bigint → int
 *     number (other)    → float       string → str (name-like literals interned)
 *     boolean → True/False   null → None   Uint8Array → bytes   array → list
 *     PyObject → the object itself (+1)
 *
 *  roots (forEachRoot): owned handles ∪ open frames' variables ∪ values being stored
 *                       ∪ gc.garbage  — what a tracing collector starts from
 * ```
 *
 * @module
 */
import {
  type Address,
  ConfigurationError,
  type CycleCollector,
  InvalidPointerError,
  NULL,
  type RootProvider,
  type Visit,
} from "@pymem/core";
import type { DictKeysFreeList, InternTable, SmallIntCache } from "@pymem/object-allocators";
import type { WeakrefTable } from "@pymem/refcount";
import type { BuiltinTypeEntry, HandleConstructor } from "./builtin-type";
import { BUILTIN_TYPES, type BuiltinTypeMap } from "./builtin-types";
import type { Frame } from "./frame";
import { HandleTable } from "./handle-table";
import { BORROWED_SLOT, PyObject, type PyValue } from "./handles/py-object";
import { PyWeakref } from "./handles/py-weakref";
import type { ObjectSpace } from "./object-space";
import type { JsValue, RuntimeType, TypeContext } from "./runtime-type";
import type { BytesType } from "./types/bytes-type";
import type { DictType } from "./types/dict-type";
import type { FloatType } from "./types/float-type";
import type { BoolType, IntType } from "./types/int-type";
import { displayCapacity, type ListType } from "./types/list-type";
import type { NoneType } from "./types/none-type";
import type { SetType } from "./types/set-type";
import { SSTATE_INTERNED_MORTAL, type StrType } from "./types/str-type";
import type { TupleType } from "./types/tuple-type";
import { WeakrefKind } from "./types/weakref-kind";

/** Strings the compiler interns as constants: ASCII letters, digits and underscores (all_name_chars). */
const NAME_CHARS = /^[A-Za-z0-9_]+$/;

/**
 * Builtin types, caches, handles and conversions of one runtime.
 * @example
 * ```ts
 * const core = rt.core;
 * const ref = core.newRef([1, 2]); // a new reference to a fresh list
 * core.repr(ref);                  // "[1, 2]"
 * core.space.decref(ref);
 * ```
 */
export class RuntimeCore implements RootProvider, TypeContext {
  /** The object space. */
  readonly space: ObjectSpace;
  /** Owned handles. */
  readonly handles = new HandleTable();
  /** Open frames. */
  readonly frames = new Set<Frame>();
  /** Handle classes by type id (what {@link RuntimeCore.borrow} and {@link RuntimeCore.own} make). */
  readonly handleClasses: (HandleConstructor | undefined)[] = [];
  /** `NoneType` (the table's "none" entry). */
  readonly noneType: NoneType;
  /** `int`. */
  readonly ints: IntType;
  /** `bool`. */
  readonly bools: BoolType;
  /** `float`. */
  readonly floats: FloatType;
  /** `str`. */
  readonly strs: StrType;
  /** `bytes`. */
  readonly bytesType: BytesType;
  /** `tuple`. */
  readonly tuples: TupleType;
  /** `list`. */
  readonly lists: ListType;
  /** `dict`. */
  readonly dicts: DictType;
  /** `set`. */
  readonly sets: SetType;
  /** Weak references (set during composition). */
  weakrefs!: WeakrefTable;
  /** The small-int cache (set during composition). */
  smallInts!: SmallIntCache;
  /** Interned strings (set during composition). */
  interned!: InternTable;
  /** The dict keys free list (set during composition). */
  keysFreeList!: DictKeysFreeList;
  /** Objects being stored: roots until the store completes. */
  private temps: Address[] = [];

  /** Registers the builtin type table, then `extraTypes` (another package's builtin types). */
  constructor(space: ObjectSpace, extraTypes: readonly BuiltinTypeEntry[] = []) {
    this.space = space;
    for (const entry of BUILTIN_TYPES as readonly BuiltinTypeEntry[]) this.registerBuiltin(entry);
    for (const entry of extraTypes) this.registerBuiltin(entry);
    this.noneType = this.builtin("none");
    this.ints = this.builtin("int");
    this.bools = this.builtin("bool");
    this.floats = this.builtin("float");
    this.strs = this.builtin("str");
    this.bytesType = this.builtin("bytes");
    this.tuples = this.builtin("tuple");
    this.lists = this.builtin("list");
    this.dicts = this.builtin("dict");
    this.sets = this.builtin("set");
  }

  /**
   * Registers a builtin type from its entry: makes the type, registers it, records its id
   * under its name, its handle class and its free-list policy. Its object allocator is set
   * by the caller (composition installs every type's; `rt.addBuiltinType` does it later).
   * @returns the type
   * @throws ConfigurationError when a type of that name is registered already
   */
  registerBuiltin<T extends RuntimeType>(entry: BuiltinTypeEntry<T>): T {
    const space = this.space;
    const type = entry.create(space, this);
    const id = this.registerType(type, entry.handle as HandleConstructor);
    (space.ids as Record<string, number>)[entry.name] = id;
    space.freeListPolicies[id] = entry.freeList;
    return type;
  }

  /** Registers a type with the handle class of its instances; returns its id. */
  registerType(type: RuntimeType, handle: HandleConstructor): number {
    const id = this.space.register(type);
    this.handleClasses[id] = handle;
    return id;
  }

  /**
   * A builtin type by name.
   * @throws ConfigurationError for a name no builtin type was registered under
   */
  builtin<K extends keyof BuiltinTypeMap>(name: K): BuiltinTypeMap[K] {
    const id = (this.space.ids as Record<string, number | undefined>)[name];
    if (id === undefined)
      throw new ConfigurationError("builtin", "the name of a registered builtin type", name);
    return this.space.kinds[id] as BuiltinTypeMap[K];
  }

  /** Records the weak reference table (whose type registered itself). */
  adoptWeakrefs(table: WeakrefTable): void {
    this.weakrefs = table;
    this.space.adopt(table.typeId, new WeakrefKind(this.space, table));
    this.space.ids.weakref = table.typeId;
    this.handleClasses[table.typeId] = PyWeakref;
  }

  /** Wires the interned-string table: dying interned strings leave it (3.11's mortal interning). */
  adoptInternTable(table: InternTable): void {
    this.interned = table;
    this.strs.onInternedDealloc = (obj) => {
      table.forget(obj);
    };
  }

  // --- conversions -----------------------------------------------------------------------

  /** A new reference to an int of value `value` (cached for small values). */
  int(value: number | bigint): Address {
    let n = Number.NaN;
    if (typeof value === "number") {
      if (Number.isSafeInteger(value)) n = value;
    } else if (value >= -0x1fffffffffffffn && value <= 0x1fffffffffffffn) {
      n = Number(value);
    }
    const cached = Number.isNaN(n) ? NULL : this.smallInts.get(n);
    if (cached !== NULL) {
      this.space.incref(cached);
      return cached;
    }
    return this.ints.create(value);
  }

  /**
   * A new reference to a str: the one-character and empty singletons, the interned object
   * for name-like literals (when `literal` and interning are on), else a fresh object.
   */
  str(value: string, literal = true): Address {
    if (value.length <= 1) return this.strs.create(value);
    if (literal && this.space.config.internIdentifiers && NAME_CHARS.test(value)) return this.intern(value);
    return this.strs.createFresh(value);
  }

  /** A new reference to the interned str equal to `value`. */
  intern(value: string): Address {
    return this.interned.intern(value, (s) => {
      const obj = s.length <= 1 ? this.strs.create(s) : this.strs.createFresh(s);
      if (s.length > 1) this.strs.setInternedState(obj, SSTATE_INTERNED_MORTAL);
      return obj;
    });
  }

  /** Interns an existing str object (sys.intern); returns a new reference to the interned one. */
  internObject(obj: Address): Address {
    const value = this.strs.value(obj);
    return this.interned.intern(value, () => {
      this.space.incref(obj);
      if (!this.space.refcount.isImmortal(obj)) this.strs.setInternedState(obj, SSTATE_INTERNED_MORTAL);
      return obj;
    });
  }

  /**
   * A new reference for a JS value (see the module comment for the conversions).
   * @throws InvalidPointerError for a handle of another runtime or a released handle
   * @throws TypeError for a value that has no Python counterpart
   */
  newRef(value: PyValue): Address {
    const space = this.space;
    if (value === null) {
      space.incref(space.none);
      return space.none;
    }
    switch (typeof value) {
      case "number":
        return Number.isInteger(value) ? this.int(value) : this.floats.create(value);
      case "bigint":
        return this.int(value);
      case "string":
        return this.str(value);
      case "boolean": {
        const b = value ? this.bools.trueObject : this.bools.falseObject;
        space.incref(b);
        return b;
      }
      default:
        break;
    }
    if (value instanceof PyObject) {
      if (value.runtimeCore !== this) {
        throw new InvalidPointerError(
          value.alive ? value.address : 0,
          "a handle of this runtime, not of another one",
        );
      }
      const a = value.address;
      space.incref(a);
      return a;
    }
    if (value instanceof Uint8Array) return this.bytesType.create(value);
    if (Array.isArray(value)) return this.listOf(value);
    throw new TypeError(`cannot convert ${Object.prototype.toString.call(value)} to a Python object`);
  }

  /**
   * Whether a JS value stands for a constant of Python source, which the compiler folds into
   * a constant tuple or frozenset: numbers, bigints, strings, booleans, `null` and
   * `Uint8Array`s are; handles (names) and arrays (list displays) are not.
   */
  isConstant(value: PyValue): boolean {
    return value === null || typeof value !== "object" || value instanceof Uint8Array;
  }

  /**
   * A new reference to a list display of `values` (each converted; owned handles moved in),
   * with the capacity CPython 3.11 gives it ({@link displayCapacity}): JS numbers, bigints,
   * strings, booleans, `null` and `Uint8Array`s are constants, handles and arrays are not.
   */
  listOf(values: readonly PyValue[]): Address {
    const capacity = displayCapacity(
      values.length,
      values.every((v) => this.isConstant(v)),
    );
    return this.withRefs(values, (refs) => this.lists.create(refs, capacity));
  }

  /** A new reference to a tuple of `values`. */
  tupleOf(values: readonly PyValue[]): Address {
    return this.withRefs(values, (refs) => this.tuples.create(refs));
  }

  /**
   * Converts `values` to new references, calls `make` (which steals them on success), then
   * moves owned handles in. On failure every reference is dropped and the handles stay usable.
   */
  withRefs(values: readonly PyValue[], make: (refs: Address[]) => Address): Address {
    const mark = this.temps.length;
    const refs: Address[] = [];
    try {
      for (const v of values) {
        const ref = this.newRef(v);
        refs.push(ref);
        this.temps.push(ref);
      }
      const obj = make(refs);
      this.temps.length = mark;
      for (const v of values) if (v instanceof PyObject) v.transfer();
      return obj;
    } catch (e) {
      this.temps.length = mark;
      for (const r of refs) this.space.decref(r);
      throw e;
    }
  }

  /**
   * A store: takes a new reference for `value`, hands it to `put` (which steals it on
   * success), then moves an owned handle in — unless it is `receiver`, the handle the
   * operation is called on, which stays usable.
   */
  store(value: PyValue, put: (ref: Address) => void, receiver?: PyObject): void {
    const ref = this.newRef(value);
    const mark = this.temps.length;
    this.temps.push(ref);
    try {
      put(ref);
    } catch (e) {
      this.temps.length = mark;
      this.space.decref(ref);
      throw e;
    }
    this.temps.length = mark;
    if (value instanceof PyObject && value !== receiver) value.transfer();
  }

  /** A store of two values (a dict entry). */
  store2(a: PyValue, b: PyValue, put: (refA: Address, refB: Address) => void, receiver?: PyObject): void {
    const refA = this.newRef(a);
    const mark = this.temps.length;
    this.temps.push(refA);
    let refB: Address;
    try {
      refB = this.newRef(b);
    } catch (e) {
      this.temps.length = mark;
      this.space.decref(refA);
      throw e;
    }
    this.temps.push(refB);
    try {
      put(refA, refB);
    } catch (e) {
      this.temps.length = mark;
      this.space.decref(refA);
      this.space.decref(refB);
      throw e;
    }
    this.temps.length = mark;
    if (a instanceof PyObject && a !== receiver) a.transfer();
    if (b instanceof PyObject && b !== receiver) b.transfer();
  }

  /** Calls `use` with an address for `value` that stays valid during the call (a handle's own, or a temporary object). */
  withRef<R>(value: PyValue, use: (ref: Address) => R): R {
    if (value instanceof PyObject) {
      if (value.runtimeCore !== this) {
        throw new InvalidPointerError(
          value.alive ? value.address : 0,
          "a handle of this runtime, not of another one",
        );
      }
      return use(value.address);
    }
    const ref = this.newRef(value);
    const mark = this.temps.length;
    this.temps.push(ref);
    try {
      return use(ref);
    } finally {
      this.temps.length = mark;
      this.space.decref(ref);
    }
  }

  // --- handles -------------------------------------------------------------------------------

  private handleClass(obj: Address): HandleConstructor {
    const handle = this.handleClasses[this.space.typeId(obj)];
    if (handle !== undefined) return handle;
    this.space.kindOf(obj); // throws for an address whose header holds no registered type
    return PyObject;
  }

  /** A borrowed handle to `obj`. */
  borrow(obj: Address): PyObject {
    const Cls = this.handleClass(obj);
    return new Cls(this, obj, BORROWED_SLOT);
  }

  /** An owned handle that takes over a reference the caller holds to `obj`. */
  own(obj: Address): PyObject {
    const Cls = this.handleClass(obj);
    return new Cls(this, obj, this.handles.acquire(obj));
  }

  /** An owned handle with a new reference to `obj`. */
  ownNew(obj: Address): PyObject {
    this.space.incref(obj);
    return this.own(obj);
  }

  /** Releases an owned handle's slot and its reference. */
  releaseSlot(slot: number): void {
    this.space.decref(this.handles.release(slot));
  }

  // --- Python-level views ----------------------------------------------------------------------

  /** Python `repr()` of `obj`. */
  repr(obj: Address, seen: Set<Address> = new Set()): string {
    return this.space.kindOf(obj).repr(obj, seen, this);
  }

  /** JS value of `obj`. */
  toJS(obj: Address, seen: Map<Address, JsValue> = new Map()): JsValue {
    return this.space.kindOf(obj).toJS(obj, seen, this);
  }

  /** Every object JS code holds: owned handles, open frames' variables, values being stored, `gc.garbage`. */
  forEachRoot(visit: Visit): void {
    this.handles.forEach(visit);
    for (const frame of this.frames) frame.forEachRoot(visit);
    for (const t of this.temps) visit(t);
    const collector: CycleCollector | undefined = this.space.collector;
    if (collector !== undefined) for (const g of collector.state.garbage) visit(g);
  }

  /** Empties every free list (what a full collection does in CPython 3.11). */
  clearFreeLists(): void {
    for (const allocator of this.space.allocators) allocator?.clearFreeList();
    this.keysFreeList?.clearFreeList();
  }
}
