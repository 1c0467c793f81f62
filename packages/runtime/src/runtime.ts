/**
 * The runtime facade: constructors of builtin objects, classes and defined types, frames,
 * and the `sys`, `gc` and `tracemalloc` modules, over parts composed by `createRuntime`.
 *
 * ```
 *  Runtime
 *   ├─ parts: heap, pages, raw, objectDomain, traced, refcount, collector, weakrefs, ...
 *   ├─ core:  builtin types, caches, handle table, frames, conversions, roots
 *   ├─ sys / gc / tracemalloc        Python's names
 *   └─ globals: the module frame
 * ```
 *
 * @module
 */
import type {
  Address,
  AllocatorStats,
  ObjectAllocator,
  ObjectLayout,
  PageProviderStats,
  RootProvider,
  Visit,
} from "@pymem/core";
import { type AccountingReport, accountReachable } from "./accounting";
import type { RuntimeConfig } from "./config";
import { defineType, type TypeDefinition, type TypeSpec } from "./define-type";
import { Frame } from "./frame";
import { type FunctionBody, PyFunction } from "./function";
import type { RuntimeGc } from "./gc-facade";
import type { PyBytes } from "./handles/py-bytes";
import { type ClassOptions, PyClass } from "./handles/py-class";
import type { PyDict } from "./handles/py-dict";
import type { PyFloat } from "./handles/py-float";
import type { PyInstance } from "./handles/py-instance";
import type { PyBool, PyInt } from "./handles/py-int";
import type { PyList } from "./handles/py-list";
import { PyObject, type PyValue } from "./handles/py-object";
import type { PySet } from "./handles/py-set";
import type { PyStr } from "./handles/py-str";
import type { PyStruct } from "./handles/py-struct";
import { PyStructType } from "./handles/py-struct-type";
import type { PyTuple } from "./handles/py-tuple";
import type { PyWeakref } from "./handles/py-weakref";
import type { ObjectAllocatorContext, RuntimeParts } from "./options";
import { PythonError } from "./python-error";
import type { RuntimeCore } from "./runtime-core";
import type { RuntimeType } from "./runtime-type";
import type { SysModule } from "./sys-module";
import type { Tracemalloc } from "./tracemalloc";
import { InstanceType } from "./types/instance-type";
import { StructType } from "./types/struct-type";

/** Figures of a runtime. */
export interface RuntimeStats {
  /** Owned handles not released: references held by JS code (leaked handles show here). */
  readonly handles: number;
  /** Open frames (the module frame included). */
  readonly frames: number;
  /** Heap size in bytes. */
  readonly heapBytes: number;
  /** The page provider's figures (mapped bytes: the RSS analogue). */
  readonly pages: PageProviderStats;
  /** The raw allocator's figures. */
  readonly raw: AllocatorStats;
  /** The object domain's figures. */
  readonly objectDomain: AllocatorStats;
  /** Deallocations done by the refcount strategy. */
  readonly deallocations: number;
  /** `gc.get_count()`. */
  readonly gcCount: number[];
}

/** Makes the object allocator of a type added after composition. */
export type AllocatorFactory = (ctx: ObjectAllocatorContext) => ObjectAllocator;

/**
 * A CPython-like runtime. Build one with {@link createRuntime}.
 * @example
 * ```ts
 * const rt = createRuntime();
 * const f = rt.frame();
 * f.set("a", rt.list([1, 2, 3]));
 * rt.sys.getrefcount(f.get("a")); // 2
 * f.set("b", f.get("a"));
 * rt.sys.getrefcount(f.get("a")); // 3
 * rt.sys.getsizeof(f.get("a"));   // 88
 * ```
 */
export class Runtime<P extends RuntimeParts = RuntimeParts> implements RootProvider, Disposable {
  /** The parts the runtime was composed from. */
  readonly parts: P;
  /** Builtin types, caches, handles, frames and conversions. */
  readonly core: RuntimeCore;
  /** Python's `sys` memory functions. */
  readonly sys: SysModule;
  /** Python's `gc` module. */
  readonly gc: RuntimeGc;
  /** Python's `tracemalloc` module. */
  readonly tracemalloc: Tracemalloc;
  /** The module frame (globals), open for the runtime's lifetime. */
  readonly globals: Frame;
  /** Object-model tunables. */
  readonly config: RuntimeConfig;
  private readonly allocatorFactory: AllocatorFactory;
  private frameCount = 0;

  /** Use {@link createRuntime}. */
  constructor(
    parts: P,
    core: RuntimeCore,
    modules: { sys: SysModule; gc: RuntimeGc; tracemalloc: Tracemalloc },
    allocatorFactory: AllocatorFactory,
  ) {
    this.parts = parts;
    this.core = core;
    this.sys = modules.sys;
    this.gc = modules.gc;
    this.tracemalloc = modules.tracemalloc;
    this.config = core.space.config;
    this.allocatorFactory = allocatorFactory;
    this.globals = new Frame(core, "<module>");
  }

  /** The object layout. */
  get layout(): ObjectLayout {
    return this.parts.layout;
  }

  /** A borrowed handle to `None`. */
  get None(): PyObject {
    return this.core.borrow(this.core.space.none);
  }

  /**
   * An int (an owned handle; small values are the cached objects).
   * @throws PythonError TypeError for a non-integral number
   */
  int(value: number | bigint): PyInt {
    if (typeof value === "number" && !Number.isInteger(value)) {
      throw new PythonError(
        "TypeError",
        `int() needs an integral value, got ${value} (use rt.float for other numbers)`,
      );
    }
    return this.core.own(this.core.int(value)) as PyInt;
  }

  /** A float (an owned handle). */
  float(value: number): PyFloat {
    return this.core.own(this.core.floats.create(value)) as PyFloat;
  }

  /** `True` or `False` (an owned handle to the singleton). */
  bool(value: boolean): PyBool {
    return this.core.own(this.core.newRef(value)) as PyBool;
  }

  /**
   * A str (an owned handle). As a literal: name-like strings (`[A-Za-z0-9_]+`) are interned,
   * as the compiler interns such constants; `literal: false` makes a fresh object as a
   * string computed at run time would be.
   */
  str(value: string, literal = true): PyStr {
    return this.core.own(this.core.str(value, literal)) as PyStr;
  }

  /** A bytes object holding a copy of `value`. */
  bytes(value: Uint8Array | readonly number[]): PyBytes {
    const data = value instanceof Uint8Array ? value : Uint8Array.from(value);
    return this.core.own(this.core.bytesType.create(data)) as PyBytes;
  }

  /** A tuple of `values` (owned handles among them are moved in). */
  tuple(values: readonly PyValue[] = []): PyTuple {
    return this.core.own(this.core.tupleOf(values)) as PyTuple;
  }

  /**
   * A list display of `values`, with the capacity CPython 3.11's compiled code gives it (see
   * {@link displayCapacity}): more than two constants (JS numbers, bigints, strings,
   * booleans, `null`, `Uint8Array`s) preallocate the length rounded up to even
   * (`sys.getsizeof([1, 2, 3])` is 88); a display holding handles gets exactly its length
   * (`[a, b, c]`: 80) up to 30 items, and append-by-append growth beyond.
   */
  list(values: readonly PyValue[] = []): PyList {
    return this.core.own(this.core.listOf(values)) as PyList;
  }

  /**
   * A dict literal: presized for its entries as `_PyDict_FromItems` does, then filled in order.
   * Entries are pairs, or an object whose keys become str keys.
   */
  dict(entries: Iterable<readonly [PyValue, PyValue]> | Readonly<Record<string, PyValue>> = []): PyDict {
    const pairs: (readonly [PyValue, PyValue])[] =
      Symbol.iterator in entries
        ? [...(entries as Iterable<readonly [PyValue, PyValue]>)]
        : Object.entries(entries as Record<string, PyValue>);
    const core = this.core;
    const unicode = pairs.every(
      ([k]) =>
        typeof k === "string" ||
        (k instanceof PyObject && core.space.typeId(k.address) === core.space.ids.str),
    );
    const d = core.own(core.dicts.createPresized(pairs.length, unicode)) as PyDict;
    try {
      for (const [k, v] of pairs) d.set(k, v);
    } catch (e) {
      d.release();
      throw e;
    }
    return d;
  }

  /**
   * A set display of `values`, added in order, sized as CPython 3.11 builds it: more than two
   * constants (JS numbers, bigints, strings, booleans, `null`, `Uint8Array`s) are a constant
   * frozenset merged in one step (`sys.getsizeof({1, 2, 3, 4, 5})` is 472); otherwise each
   * value is added in turn, as `{a, b, c, d, e}` or `set([1, 2, 3, 4, 5])` (728).
   */
  set(values: Iterable<PyValue> = []): PySet {
    const items = [...values];
    const s = this.core.own(this.core.sets.create()) as PySet;
    try {
      for (const v of items) s.add(v);
      if (items.length > 2 && items.every((v) => this.core.isConstant(v)))
        this.core.sets.sizeAsMerged(s.address);
    } catch (e) {
      s.release();
      throw e;
    }
    return s;
  }

  /**
   * `weakref.ref(obj, callback)` (an owned handle). Without a callback, an existing
   * callback-less weak reference to the same object is returned, as CPython does.
   * @throws InvalidPointerError when the object's type does not support weak references
   */
  weakref(obj: PyObject, callback?: (wr: PyWeakref) => void): PyWeakref {
    const core = this.core;
    const cb = callback === undefined ? undefined : (wr: Address) => callback(core.borrow(wr) as PyWeakref);
    return core.own(core.weakrefs.create(obj.address, cb)) as PyWeakref;
  }

  /**
   * A new class (its own type, with CPython 3.11's inline attribute values).
   * @throws ConfigurationError when a type of that name exists already
   */
  defineClass(name: string, options: ClassOptions = {}): PyClass {
    const core = this.core;
    const del = options.__del__;
    const type = new InstanceType(
      core.space,
      {
        dicts: core.dicts,
        internName: (n) => core.intern(n),
        finalize: del === undefined ? undefined : (obj) => del(core.borrow(obj) as PyInstance),
      },
      name,
      this.config.sharedKeysMaxSize,
    );
    this.registerType(type);
    return new PyClass(core, type);
  }

  /**
   * Adds a type made with {@link defineType} (or a specification, validated here).
   * @throws ConfigurationError when a type of that name exists already
   */
  addType(definition: TypeDefinition | TypeSpec): PyStructType {
    const def = defineType(definition);
    const core = this.core;
    const finalizer = def.finalizer;
    const type = new StructType(
      core.space,
      def,
      finalizer === undefined ? null : (obj) => finalizer(core.borrow(obj) as PyStruct),
    );
    this.registerType(type);
    return new PyStructType(core, type);
  }

  /**
   * Defines and adds a type in one step: `rt.defineType(spec)` is `rt.addType(defineType(spec))`.
   * @throws ConfigurationError for an invalid specification or a name already used
   */
  defineType(spec: TypeSpec): PyStructType {
    return this.addType(defineType(spec));
  }

  /**
   * Registers a runtime type written against the object space (a front end's own heap types)
   * and gives it the object allocator the composition chooses; returns its type id.
   * @throws ConfigurationError when a type of that name exists already
   */
  registerRuntimeType(type: RuntimeType): number {
    this.registerType(type);
    return type.typeId;
  }

  private registerType(type: RuntimeType): void {
    const space = this.core.space;
    const id = space.register(type);
    space.setAllocator(
      id,
      this.allocatorFactory({
        domain: space.mem,
        types: space.types,
        typeId: id,
        typeName: type.name,
        layout: space.layout,
        refcount: space.refcount,
        checked: this.parts.refcount.checked,
      }),
    );
  }

  /** A new frame (a function's locals). Release it (or `using`) to drop its variables. */
  frame(name = `frame#${++this.frameCount}`): Frame {
    return new Frame(this.core, name);
  }

  /**
   * `def name(*params): body` — a function whose every call runs `body` in a frame of its
   * own, the parameters bound to the arguments, released at return (see {@link PyFunction}).
   * @throws PythonError SyntaxError for a repeated parameter name
   * @example
   * ```ts
   * const count = rt.def("count", ["x"], (f) => rt.sys.getrefcount(f.get("x")));
   * rt.globals.set("a", rt.list());
   * count.call(rt.globals.get("a")).toJS(); // 3: a, x and getrefcount's argument
   * ```
   */
  def(name: string, params: readonly string[], body: FunctionBody): PyFunction {
    return new PyFunction(this.core, name, params, body);
  }

  /** A borrowed handle to the object at `address`. */
  wrap(address: Address): PyObject {
    return this.core.borrow(address);
  }

  /** Converts a JS value to an object (an owned handle). */
  value(value: PyValue): PyObject {
    return this.core.own(this.core.newRef(value));
  }

  /** A safe point: runs deallocations a deferred refcount strategy postponed. */
  flush(): void {
    this.core.space.refcount.flush();
  }

  /** Empties every free list (CPython does it after each full collection). */
  clearFreeLists(): void {
    this.core.clearFreeLists();
  }

  /** Current figures. */
  stats(): RuntimeStats {
    const parts = this.parts;
    return {
      handles: this.core.handles.live,
      frames: this.core.frames.size,
      heapBytes: parts.heap.byteLength,
      pages: parts.pages.stats(),
      raw: parts.raw.stats(),
      objectDomain: parts.objectDomain.stats(),
      deallocations: parts.refcount.deallocations,
      gcCount: parts.collector.getCount(),
    };
  }

  /**
   * Walks everything reachable and compares its blocks with what the object domain reports
   * in use (see {@link accountReachable}). Run `flush()` and `clearFreeLists()` first for an
   * exact balance.
   */
  accounting(): AccountingReport {
    return accountReachable(this.core);
  }

  /** The roots: owned handles, open frames' variables, values being stored, `gc.garbage`. */
  forEachRoot(visit: Visit): void {
    this.core.forEachRoot(visit);
  }

  /** Releases every open frame, the module frame included (handles stay as they are). */
  close(): void {
    for (const frame of [...this.core.frames].reverse()) frame.release();
    this.flush();
  }

  /** `using` support: {@link Runtime.close}. */
  [Symbol.dispose](): void {
    this.close();
  }
}
