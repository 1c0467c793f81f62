/**
 * Weak references as heap objects (Objects/weakrefobject.c, CPython 3.11): each referent
 * whose type has a `weaklistOffset` heads a doubly-linked, NULL-terminated list of the weak
 * references to it; the callbacks are JS functions kept in a side array and named in the
 * heap by an integer id.
 *
 * ```
 *  referent                         wr (basic, no callback)   wr2 (callback #4)   wr1 (callback #3)
 *  +-----------------------+        +------------------+      +--------------+    +--------------+
 *  | header ...            |        | wr_object = ref  |      | wr_object    |    | wr_object    |
 *  | +weaklistOffset: head ---->    | wr_callback = 0  |      | wr_callback 4|    | wr_callback 3|
 *  +-----------------------+        | wr_prev = 0      |<-----| wr_prev      |<---| wr_prev      |
 *                                   | wr_next ---------|----->| wr_next -----|--->| wr_next = 0  |
 *                                   +------------------+      +--------------+    +--------------+
 *  callbacks: [ -, ..., #3: fn1, #4: fn2, ... ]   (JS array; freed ids are reused)
 * ```
 *
 * As in CPython: a weak reference without callback is shared — creating another one to the
 * same referent returns the existing one (`weakref.ref(x) is weakref.ref(x)`); it sits at the
 * head of the list, and a new weak reference with a callback is inserted right after it, so
 * when the referent dies callbacks run newest first.
 *
 * Invariants: wr is on its referent's list iff its wr_object is non-zero; a callback id is
 * allocated iff some weak reference's wr_callback holds it; a referent's list head is 0 iff
 * no weak reference points at it.
 *
 * @module
 */
import {
  type Address,
  formatAddress,
  type Heap,
  InvalidPointerError,
  ObjectHeaders,
  type ObjectLayout,
  type RefcountStrategy,
  type TypeInfo,
  type TypeRegistry,
  type WeakrefSupport,
} from "@pymem/core";
import { type WeakrefLayout, weakrefLayout } from "./weakref-layout";
import { weakrefType } from "./weakref-type";

/** A weak reference callback: called with the weak reference once its referent died. */
export type WeakrefCallback = (wr: Address) => void;

/** Receives the error a weak reference callback threw. */
export type CallbackErrorHandler = (error: unknown, wr: Address, callback: WeakrefCallback) => void;

/** Prints `Exception ignored in: <function name>` and the error to `console.error`, as CPython does. */
export const printCallbackError: CallbackErrorHandler = (error, _wr, callback) => {
  console.error(`Exception ignored in: <function ${callback.name || "<lambda>"}>`);
  console.error(error);
};

/** Options of {@link WeakrefTable}. */
export interface WeakrefTableOptions {
  /** The heap the objects live in. */
  heap: Heap;
  /** The object header layout. */
  layout: ObjectLayout;
  /** The registry: the table registers its weak reference type in it. */
  types: TypeRegistry;
  /**
   * Returns memory for a new weak reference of type `typeId` (the table's {@link WeakrefTable.typeId}),
   * with the header initialised (refcount 1, the type id) and the GC header zeroed — what an
   * `ObjectAllocator`'s `allocate` returns. The runtime tracks it with the
   * collector and tells the refcount strategy (`noteAllocated`) here, as for any object.
   */
  allocate: (typeId: number) => Address;
  /** Takes back the memory of a dead weak reference (its fields are already cleared). */
  release: (wr: Address) => void;
  /** Hands out new references to a shared weak reference and tells live referents from freed memory. */
  refcounts: Pick<RefcountStrategy, "incref" | "refcount">;
  /**
   * Name of the registered weak reference type.
   * @defaultValue "weakref"
   */
  typeName?: string;
  /**
   * Receives errors thrown by callbacks (they never propagate).
   * @defaultValue {@link printCallbackError}
   */
  onCallbackError?: CallbackErrorHandler;
}

/**
 * Weak references to objects in one heap, and the `WeakrefSupport` the
 * refcount strategy and the cycle collector use when referents die.
 * @example
 * ```ts
 * const table = new WeakrefTable({ heap, layout: LAYOUT_64, types, refcounts: rc,
 *   allocate: (typeId) => newObject(typeId), release: (wr) => freeObject(wr) });
 * rc.attachWeakrefs(table);
 * const wr = table.create(obj, (w) => console.log("dead", table.referent(w)));
 * table.referent(wr) === obj; // true
 * rc.decref(obj);             // prints "dead 0"
 * ```
 */
export class WeakrefTable implements WeakrefSupport {
  /** The list of an object's weak references is headed by the word at its type's weaklistOffset. */
  readonly weaklistInHeader = true;
  /** The heap. */
  readonly heap: Heap;
  /** Field offsets of weak reference objects. */
  readonly fields: WeakrefLayout;
  /** The weak reference type (registered in the registry at construction). */
  readonly type: TypeInfo;
  /** Its type id. */
  readonly typeId: number;
  private readonly headers: ObjectHeaders;
  private readonly types: TypeRegistry;
  private readonly allocate: (typeId: number) => Address;
  private readonly refcounts: Pick<RefcountStrategy, "incref" | "refcount">;
  private readonly onCallbackError: CallbackErrorHandler;
  /** Callback functions by id; index 0 is "no callback". */
  private readonly callbacks: (WeakrefCallback | undefined)[] = [undefined];
  /** Ids of `callbacks` free for reuse. */
  private readonly freeIds: number[] = [];
  private readonly wide: boolean;

  /** @throws ConfigurationError when the type name is already registered */
  constructor(options: WeakrefTableOptions) {
    this.heap = options.heap;
    this.types = options.types;
    this.fields = weakrefLayout(options.layout);
    this.headers = new ObjectHeaders(options.heap, options.layout);
    this.allocate = options.allocate;
    this.refcounts = options.refcounts;
    this.onCallbackError = options.onCallbackError ?? printCallbackError;
    this.wide = options.layout.wordSize === 8;
    this.type = weakrefType({
      layout: options.layout,
      name: options.typeName,
      detach: (wr) => this.detach(wr),
      release: options.release,
    });
    this.typeId = options.types.register(this.type);
  }

  /**
   * Creates a weak reference to `referent` (Python's `weakref.ref(referent, callback)`) and
   * returns a new strong reference to it. Without a callback, an existing callback-less
   * weak reference to the same referent is returned instead (incref'd), as CPython does.
   * @throws InvalidPointerError when `referent` is NULL, not an object of a registered type,
   * not a live object (freed, interior: the strategy's `refcount` raises), dead (count 0), or
   * of a type without weak reference support; nothing changes
   * @throws MemoryError from `allocate`; nothing changes
   */
  create(referent: Address, callback?: WeakrefCallback | null): Address {
    const slot = this.listSlot(referent, "create a weak reference to");
    // The strategy's refcount raises for an address where no live object is (freed, interior).
    if (this.refcounts.refcount(referent) === 0) {
      throw new InvalidPointerError(referent, "a live referent, found a reference count of 0");
    }
    const head = this.headers.readWord(slot);
    const basic = head !== 0 && this.headers.readWord(head + this.fields.callbackOffset) === 0 ? head : 0;
    if ((callback === undefined || callback === null) && basic !== 0) {
      this.refcounts.incref(basic);
      return basic;
    }
    const wr = this.allocate(this.typeId);
    if (this.headers.typeId(wr) !== this.typeId) {
      throw new InvalidPointerError(wr, `an object of type id ${this.typeId} from allocate()`);
    }
    const id = callback === undefined || callback === null ? 0 : this.allocateId(callback);
    const f = this.fields;
    this.headers.writeWord(wr + f.objectOffset, referent);
    this.headers.writeWord(wr + f.callbackOffset, id);
    this.writeHash(wr, -1n);
    this.headers.writeWord(wr + f.vectorcallOffset, 0);
    if (id !== 0 && basic !== 0) {
      // After the shared callback-less reference.
      const next = this.headers.readWord(basic + f.nextOffset);
      this.headers.writeWord(wr + f.prevOffset, basic);
      this.headers.writeWord(wr + f.nextOffset, next);
      this.headers.writeWord(basic + f.nextOffset, wr);
      if (next !== 0) this.headers.writeWord(next + f.prevOffset, wr);
    } else {
      this.headers.writeWord(wr + f.prevOffset, 0);
      this.headers.writeWord(wr + f.nextOffset, head);
      if (head !== 0) this.headers.writeWord(head + f.prevOffset, wr);
      this.headers.writeWord(slot, wr);
    }
    return wr;
  }

  /**
   * The referent of `wr`, or 0 when it is dead — cleared, or its count is 0 because its
   * deallocation is pending (as CPython's `PyWeakref_GET_OBJECT`). A borrowed reference:
   * incref it before handing it out.
   * @throws InvalidPointerError when `wr` is not a weak reference object
   */
  referent(wr: Address): Address {
    this.checkWeakref(wr, "referent");
    const obj = this.headers.readWord(wr + this.fields.objectOffset);
    if (obj === 0 || this.headers.refcount(obj) === 0) return 0;
    return obj;
  }

  /** Whether `wr`'s referent is dead ({@link WeakrefTable.referent} returns 0). */
  isDead(wr: Address): boolean {
    return this.referent(wr) === 0;
  }

  /**
   * Number of weak references to `obj` (Python's `weakref.getweakrefcount`); 0 for objects
   * whose type does not support weak references.
   */
  count(obj: Address): number {
    let n = 0;
    for (let wr = this.head(obj); wr !== 0; wr = this.headers.readWord(wr + this.fields.nextOffset)) n++;
    return n;
  }

  /** The cached hash of `wr` (-1n until {@link WeakrefTable.setHash} stores one). */
  hash(wr: Address): bigint {
    this.checkWeakref(wr, "hash");
    const at = wr + this.fields.hashOffset;
    return this.wide ? this.heap.view.getBigInt64(at, true) : BigInt(this.heap.view.getInt32(at, true));
  }

  /** Caches the referent's hash in `wr` (CPython computes it on the first `hash(wr)`). */
  setHash(wr: Address, hash: bigint): void {
    this.checkWeakref(wr, "setHash");
    this.writeHash(wr, hash);
  }

  /** Whether `obj` is a weak reference object of this table's type. */
  isWeakref(obj: Address): boolean {
    return obj !== 0 && obj < this.heap.byteLength && this.headers.typeId(obj) === this.typeId;
  }

  /** Callbacks registered and not yet called or dropped. */
  get callbackCount(): number {
    return this.callbacks.length - 1 - this.freeIds.length;
  }

  // --- WeakrefSupport ------------------------------------------------------------------

  /** Whether any weak reference points at `obj` (O(1)). */
  hasWeakrefs(obj: Address): boolean {
    return this.head(obj) !== 0;
  }

  /** The weak references to `obj`, in list order (the shared callback-less one first). */
  weakrefsTo(obj: Address): Address[] {
    const out: Address[] = [];
    for (let wr = this.head(obj); wr !== 0; wr = this.headers.readWord(wr + this.fields.nextOffset))
      out.push(wr);
    return out;
  }

  /**
   * Unlinks `wr` from its referent (CPython's `_PyWeakref_ClearRef`): it reports a dead
   * referent from now on. Its callback is kept, so that {@link WeakrefTable.invokeCallback}
   * can still call it. Does nothing when already cleared.
   * @throws InvalidPointerError when `wr` is not a weak reference object
   */
  clearWeakref(wr: Address): void {
    this.checkWeakref(wr, "clearWeakref");
    const f = this.fields;
    const h = this.headers;
    const referent = h.readWord(wr + f.objectOffset);
    if (referent === 0) return;
    const prev = h.readWord(wr + f.prevOffset);
    const next = h.readWord(wr + f.nextOffset);
    if (prev !== 0) h.writeWord(prev + f.nextOffset, next);
    else h.writeWord(referent + this.types.get(h.typeId(referent)).weaklistOffset, next);
    if (next !== 0) h.writeWord(next + f.prevOffset, prev);
    h.writeWord(wr + f.objectOffset, 0);
    h.writeWord(wr + f.prevOffset, 0);
    h.writeWord(wr + f.nextOffset, 0);
  }

  /** Whether `wr` still has a callback (one not called yet). */
  hasCallback(wr: Address): boolean {
    this.checkWeakref(wr, "hasCallback");
    return this.headers.readWord(wr + this.fields.callbackOffset) !== 0;
  }

  /**
   * Calls `wr`'s callback with `wr`, once: the callback is dropped before the call. Errors
   * go to `onCallbackError`. The caller holds a strong reference to `wr` meanwhile.
   */
  invokeCallback(wr: Address): void {
    this.checkWeakref(wr, "invokeCallback");
    const at = wr + this.fields.callbackOffset;
    const id = this.headers.readWord(at);
    if (id === 0) return;
    const callback = this.callbacks[id]!;
    this.headers.writeWord(at, 0);
    this.releaseId(id);
    try {
      callback(wr);
    } catch (error) {
      this.onCallbackError(error, wr, callback);
    }
  }

  /** Unlinks `wr` and drops its callback (the weak reference type's tp_clear and dealloc). */
  detach(wr: Address): void {
    this.clearWeakref(wr);
    const at = wr + this.fields.callbackOffset;
    const id = this.headers.readWord(at);
    if (id !== 0) {
      this.headers.writeWord(at, 0);
      this.releaseId(id);
    }
  }

  // --- internals -------------------------------------------------------------------------

  /** Address of the word heading `obj`'s weak reference list, validating `obj`. */
  private listSlot(obj: Address, op: string): Address {
    if (!(Number.isInteger(obj) && obj > 0 && obj % 4 === 0 && obj < this.heap.byteLength)) {
      throw new InvalidPointerError(obj, `an object to ${op}`);
    }
    const typeId = this.headers.typeId(obj);
    const type = this.types.find(typeId);
    if (type === undefined) {
      throw new InvalidPointerError(
        obj,
        `an object to ${op}, found type id ${typeId} which is not registered`,
      );
    }
    if (type.weaklistOffset <= 0) {
      throw new InvalidPointerError(
        obj,
        `an object whose type supports weak references to ${op}; cannot create weak reference to '${type.name}' object`,
      );
    }
    return obj + type.weaklistOffset;
  }

  /** First weak reference to `obj`, 0 when none (or its type has no weak reference list). */
  private head(obj: Address): Address {
    const type = this.types.find(this.headers.typeId(obj));
    if (type === undefined || type.weaklistOffset <= 0) return 0;
    return this.headers.readWord(obj + type.weaklistOffset);
  }

  private checkWeakref(wr: Address, op: string): void {
    if (!this.isWeakref(wr)) {
      throw new InvalidPointerError(wr, `a weak reference object (type '${this.type.name}') for ${op}`);
    }
  }

  private writeHash(wr: Address, hash: bigint): void {
    const at = wr + this.fields.hashOffset;
    if (this.wide) this.heap.view.setBigInt64(at, hash, true);
    else this.heap.view.setInt32(at, Number(BigInt.asIntN(32, hash)), true);
  }

  private allocateId(callback: WeakrefCallback): number {
    const id = this.freeIds.length > 0 ? this.freeIds.pop()! : this.callbacks.length;
    this.callbacks[id] = callback;
    return id;
  }

  private releaseId(id: number): void {
    this.callbacks[id] = undefined;
    this.freeIds.push(id);
  }

  /** Describes `wr` for messages. */
  describe(wr: Address): string {
    const obj = this.headers.readWord(wr + this.fields.objectOffset);
    if (obj === 0) return `<weakref at ${formatAddress(wr)}; dead>`;
    const type = this.types.find(this.headers.typeId(obj));
    return `<weakref at ${formatAddress(wr)}; to '${type?.name ?? "?"}' at ${formatAddress(obj)}>`;
  }
}
