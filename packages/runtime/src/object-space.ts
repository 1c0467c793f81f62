/**
 * The object space: everything the builtin types share — the heap and its header layout,
 * the traced object domain, the per-type object allocators, the refcount strategy and the
 * cycle collector — plus the word-level helpers the types use on the hot path.
 *
 * ```
 *  ObjectSpace
 *   heap ─ layout (w = 8 or 4 bytes per word)
 *   mem: TracingAllocator ──► object domain (pymalloc | raw)       side tables: list items,
 *   allocators[typeId]: ObjectAllocator ──► mem                     dict keys, set tables, ...
 *   refcount: RefcountStrategy     collector: CycleCollector
 *   kinds[typeId]: RuntimeType    ids: builtin type ids
 *
 *  every pointer-sized field: | value (u32, low half) | 0 (high half, 64-bit layout only) |
 * ```
 *
 * A container allocation counts towards the youngest generation when its memory comes from
 * the object domain (CPython's `_PyObject_GC_Link` in `PyObject_GC_New`), and a container
 * deallocation counts off when its memory goes back to it (`PyObject_GC_Del`): an object
 * reused from a free list, or kept in one, counts neither way, as CPython 3.11's list, dict
 * and tuple free lists bypass both. So `gc.get_count()` is container memory taken from the
 * domain minus container memory returned since the last collection.
 *
 * @module
 */
import {
  type Address,
  type CycleCollector,
  GcList,
  type Heap,
  InvalidPointerError,
  NULL,
  type ObjectAllocator,
  ObjectHeaders,
  type ObjectLayout,
  type RefcountStrategy,
  TypeRegistry,
} from "@pymem/core";
import type { FreeListPolicy } from "./builtin-type";
import type { BuiltinTypeMap } from "./builtin-types";
import type { RuntimeConfig } from "./config";
import { CountedStatics, type ImmortalityStrategy, type SingletonRole } from "./immortality";
import { ObjectSerials } from "./object-serials";
import type { RuntimeType } from "./runtime-type";
import type { TracingAllocator } from "./tracing-allocator";
import type { FloatType } from "./types/float-type";
import type { IntType } from "./types/int-type";

/** Ids of the builtin types in the space's registry, by name (see {@link BuiltinTypeMap}). */
export type BuiltinTypeIds = { [K in keyof BuiltinTypeMap]: number };

/**
 * Shared state and helpers of the object model over one heap.
 * @example
 * ```ts
 * const obj = space.newObject(space.ids.float);
 * space.heap.f64[(obj + 16) >>> 3] = 1.5;
 * space.decref(obj);
 * ```
 */
export class ObjectSpace {
  /** The traced object domain every object and side table is allocated from. */
  readonly mem: TracingAllocator;
  /** Header layout. */
  readonly layout: ObjectLayout;
  /** Bytes per pointer-sized word. */
  readonly w: number;
  /** 32-bit words per pointer-sized word (2 in the 64-bit layout). */
  readonly ww: number;
  /** Object header access. */
  readonly headers: ObjectHeaders;
  /** GC header access. */
  readonly gc: GcList;
  /** Type registry shared with the refcount strategy and the collector. */
  readonly types: TypeRegistry;
  /** Object-model tunables. */
  readonly config: RuntimeConfig;
  /** Allocation serials of live objects (what tells a handle its object died). */
  readonly serials: ObjectSerials;
  /** Object allocators by type id. */
  readonly allocators: ObjectAllocator[] = [];
  /** Runtime types by type id. */
  readonly kinds: RuntimeType[] = [];
  /** Builtin type ids (filled as the builtin types register). */
  readonly ids = {} as BuiltinTypeIds;
  /** Free-list policies by type id (types registered without one allocate directly). */
  readonly freeListPolicies: (FreeListPolicy | undefined)[] = [];
  /** The refcount strategy (set during composition, before any object exists). */
  refcount!: RefcountStrategy;
  /** The cycle collector (set during composition, before any object exists). */
  collector!: CycleCollector;
  /** How the static singletons are counted (set during composition; 3.11's counted statics by default). */
  immortality: ImmortalityStrategy = new CountedStatics();
  /** The None singleton (set when the builtin types are created). */
  none: Address = NULL;
  /** Source of dict version tags (`ma_version_tag`). */
  dictVersion = 0;
  /**
   * Tells a checked refcount strategy about each new object (`noteAllocated` of
   * @pymem/refcount's strategies), or null.
   */
  noteAllocated: ((obj: Address) => void) | null = null;

  constructor(
    mem: TracingAllocator,
    layout: ObjectLayout,
    config: RuntimeConfig,
    types = new TypeRegistry(),
  ) {
    this.mem = mem;
    this.layout = layout;
    this.w = layout.wordSize;
    this.ww = layout.wordSize >>> 2;
    this.config = config;
    this.types = types;
    this.headers = new ObjectHeaders(mem.heap, layout);
    this.gc = new GcList(mem.heap, layout);
    this.serials = new ObjectSerials(layout.wordSize === 8 ? 4 : 3, mem.heap.byteLength);
  }

  /** The heap (its views change when it grows: read them after any allocation). */
  get heap(): Heap {
    return this.mem.heap;
  }

  /**
   * Registers a runtime type; returns its id. Its object allocator is set with
   * {@link ObjectSpace.setAllocator}. `allowSameName` accepts a name in use (Python classes).
   */
  register(type: RuntimeType, allowSameName = false): number {
    const id = this.types.register(type, allowSameName);
    this.adopt(id, type);
    return id;
  }

  /**
   * Makes a fresh singleton (None, a bool, a small int, an empty or one-character str ...)
   * static as the profile's {@link ImmortalityStrategy} says: immortal, or counted from a
   * large start.
   */
  makeStatic(obj: Address, role: SingletonRole = "static"): void {
    this.immortality.adopt(this.heap, this.refcount, obj, role);
  }

  /** Records the runtime view of a type registered by someone else (the weak reference type). */
  adopt(id: number, type: RuntimeType): void {
    type.typeId = id;
    this.kinds[id] = type;
  }

  /** Sets the object allocator of type `id`. */
  setAllocator(id: number, allocator: ObjectAllocator): void {
    this.allocators[id] = allocator;
  }

  /** The pointer-sized word at `address` (its low 32 bits). */
  word(address: Address): number {
    return this.heap.u32[address >>> 2]!;
  }

  /** Writes a pointer-sized word (zeroing the high half in the 64-bit layout). */
  setWord(address: Address, value: number): void {
    const u32 = this.heap.u32;
    const i = address >>> 2;
    u32[i] = value;
    if (this.ww === 2) u32[i + 1] = 0;
  }

  /** Reads a signed pointer-sized word (a Py_ssize_t or Py_hash_t that fits 32 bits). */
  signedWord(address: Address): number {
    return this.heap.i32[address >>> 2]!;
  }

  /** Writes a signed pointer-sized word, sign-extended in the 64-bit layout. */
  setSignedWord(address: Address, value: number): void {
    const i32 = this.heap.i32;
    const i = address >>> 2;
    i32[i] = value;
    if (this.ww === 2) i32[i + 1] = value < 0 ? -1 : 0;
  }

  /** Type id of `obj`. */
  typeId(obj: Address): number {
    return this.headers.typeId(obj);
  }

  /** Runtime type of `obj`. @throws InvalidPointerError when its header holds no registered type */
  kindOf(obj: Address): RuntimeType {
    const kind = this.kinds[this.headers.typeId(obj)];
    if (kind === undefined) {
      throw new InvalidPointerError(obj, `an object; its type word holds ${this.headers.typeId(obj)}`);
    }
    return kind;
  }

  /** Adds a strong reference. */
  incref(obj: Address): void {
    this.refcount.incref(obj);
  }

  /** Drops a strong reference (may deallocate). */
  decref(obj: Address): void {
    this.refcount.decref(obj);
  }

  /** Drops a strong reference unless `obj` is NULL. */
  xdecref(obj: Address): void {
    if (obj !== NULL) this.refcount.decref(obj);
  }

  /**
   * Memory for a fresh object of type `typeId`: refcount 1, header set, the rest zeroed,
   * untracked. A container whose memory came from the domain (not from a free list) counts
   * towards generation 0, which may run an automatic collection before this returns (the new
   * object is not tracked yet, so the collection cannot see it). A non-negative
   * `requestedBytes` is the size tracemalloc records when it differs from the allocator's
   * word-rounded one (CPython's str, bytes and multi-digit int allocations are not rounded).
   * @throws MemoryError when memory is exhausted; nothing changes
   */
  newObject(typeId: number, itemCount = 0, requestedBytes = -1): Address {
    const mem = this.mem;
    const previous = mem.currentType;
    mem.currentType = typeId;
    mem.requestedSize = requestedBytes;
    const fromDomain = mem.allocations;
    let obj: Address;
    try {
      obj = this.allocators[typeId]!.allocate(itemCount);
    } finally {
      mem.currentType = previous;
      mem.requestedSize = -1;
    }
    this.serials.born(obj);
    if (this.noteAllocated !== null) this.noteAllocated(obj);
    if (this.types.containerFlags[typeId] === 1 && mem.allocations !== fromDomain)
      this.collector.onAllocate();
    return obj;
  }

  /**
   * Returns a dead, untracked object's memory to its allocator; a container whose memory goes
   * back to the domain (not into a free list) counts off generation 0.
   */
  releaseObject(obj: Address, typeId: number): void {
    const mem = this.mem;
    const toDomain = mem.frees;
    this.serials.died(obj);
    this.allocators[typeId]!.release(obj);
    if (this.types.containerFlags[typeId] === 1 && mem.frees !== toDomain) this.collector.onDeallocate();
  }

  /** Allocates a side block (list items, tables) attributed to type `typeId` in traces. */
  malloc(typeId: number, bytes: number): Address {
    const mem = this.mem;
    const previous = mem.currentType;
    mem.currentType = typeId;
    try {
      return mem.malloc(bytes);
    } finally {
      mem.currentType = previous;
    }
  }

  /** Resizes a side block attributed to type `typeId`. */
  realloc(typeId: number, block: Address, bytes: number): Address {
    const mem = this.mem;
    const previous = mem.currentType;
    mem.currentType = typeId;
    try {
      return mem.realloc(block, bytes);
    } finally {
      mem.currentType = previous;
    }
  }

  /** Frees a side block. */
  free(block: Address): void {
    this.mem.free(block);
  }

  /** Tracks a container with the cycle collector (no-op when already tracked). */
  track(obj: Address): void {
    if (!this.gc.isTracked(obj)) this.collector.track(obj);
  }

  /**
   * CPython's `_PyObject_GC_MAY_BE_TRACKED`: whether `obj` is a container that is, or may
   * become, tracked (tuples only when tracked now).
   */
  mayBeTracked(obj: Address): boolean {
    const id = this.headers.typeId(obj);
    if (this.types.containerFlags[id] !== 1) return false;
    if (id === this.ids.tuple) return this.gc.isTracked(obj);
    return true;
  }

  /** Python `hash(obj)`. @throws PythonError for unhashable objects */
  hashOf(obj: Address): number {
    return this.kindOf(obj).hash(obj);
  }

  /** Whether type `id` is int, bool or float. */
  isNumeric(id: number): boolean {
    const ids = this.ids;
    return id === ids.int || id === ids.bool || id === ids.float;
  }

  /**
   * Python `a == b` for the builtin types: identity, then same-type equality, then numeric
   * equality across int, bool and float (`1 == 1.0 == True`).
   */
  richEquals(a: Address, b: Address): boolean {
    if (a === b) return true;
    const ta = this.headers.typeId(a);
    const tb = this.headers.typeId(b);
    if (ta === tb) return this.kinds[ta]!.equals(a, b);
    if (!this.isNumeric(ta) || !this.isNumeric(tb)) return false;
    const floatId = this.ids.float;
    if (ta !== floatId && tb !== floatId) return (this.kinds[ta] as IntType).equals(a, b);
    const f = ta === floatId ? a : b;
    const n = ta === floatId ? b : a;
    const x = (this.kinds[floatId] as FloatType).value(f);
    const ints = this.kinds[this.headers.typeId(n)] as IntType;
    if (!Number.isInteger(x)) return false;
    return ints.isSafe(n)
      ? ints.numberValue(n) === x
      : Number.isSafeInteger(x)
        ? false
        : ints.value(n) === BigInt(x);
  }
}
