/**
 * Handles: the JS objects through which TypeScript code holds and uses objects in the heap.
 *
 * ```
 *  owned handle     holds one strong reference (a slot in the handle table, a root for
 *                   tracing collectors); made by constructors (rt.list(...)), newRef(),
 *                   pop(), weakref dereference. Released by release() / `using`, or moved
 *                   into the heap when passed to a store (frame.set, list.append, ...).
 *  borrowed handle  holds no reference; valid while its owner (a frame variable, a
 *                   container, ...) keeps the object alive. Made by reads (frame.get,
 *                   list.get, dict.get, ...). Stores passed a borrowed handle take a new
 *                   reference.
 * ```
 *
 * This is CPython's C API discipline (new vs borrowed references, stealing stores) with
 * the bookkeeping done for you: a store given an owned handle takes its reference over,
 * so `frame.set("a", rt.list([1, 2, 3]))` leaves the list with exactly one reference.
 *
 * Invariant: a handle is alive iff it is borrowed or its slot is in use; a dead handle
 * raises InvalidPointerError on every use.
 *
 * @module
 */
import { type Address, InvalidPointerError } from "@pymem/core";
import type { RuntimeCore } from "../runtime-core";
import type { JsValue } from "../runtime-type";

// Node 18.18+/20.4+ define Symbol.dispose; older engines get the registered symbol that
// TypeScript's and esbuild's `using` helpers fall back to.
(Symbol as { dispose?: symbol }).dispose ??= Symbol.for("Symbol.dispose");

/** Slot value of a borrowed handle. */
export const BORROWED_SLOT = -1;
/** Slot value of a released (or moved) handle. */
const DEAD = -2;

/** A value a runtime API accepts where Python code would have an expression. */
export type PyValue = PyObject | number | bigint | string | boolean | null | Uint8Array | readonly PyValue[];

/** A constructor of a handle class, used as a runtime type check (`frame.get("a", PyList)`). */
export type HandleClass<T extends PyObject> = abstract new (
  core: RuntimeCore,
  address: Address,
  slot: number,
) => T;

/**
 * A handle to any object. Subclasses add the operations of each builtin type.
 * @example
 * ```ts
 * using xs = rt.list([1, 2, 3]); // owned: released at the end of the block
 * xs.repr();                     // "[1, 2, 3]"
 * rt.sys.getrefcount(xs);        // 2
 * ```
 */
export class PyObject implements Disposable {
  /** The runtime internals this handle belongs to. */
  protected readonly core: RuntimeCore;
  #address: Address;
  #slot: number;

  /**
   * Use the runtime's constructors (`rt.list`, `rt.int`, ...) or reads (`frame.get`), not this.
   * @param slot - the handle-table slot of an owned handle, or -1 for a borrowed one
   */
  constructor(core: RuntimeCore, address: Address, slot: number) {
    this.core = core;
    this.#address = address;
    this.#slot = slot;
  }

  /**
   * The object's address (Python's `id()`).
   * @throws InvalidPointerError when the handle was released or moved
   */
  get address(): Address {
    if (this.#slot === DEAD) {
      throw new InvalidPointerError(
        this.#address,
        "a live handle; this one was released or moved into a container or variable (use newRef() to keep one)",
      );
    }
    return this.#address;
  }

  /** Whether the handle owns a reference (false for borrowed and dead handles). */
  get owned(): boolean {
    return this.#slot >= 0;
  }

  /** Whether the handle can still be used. */
  get alive(): boolean {
    return this.#slot !== DEAD;
  }

  /** The runtime's internals (for the runtime's own modules). */
  get runtimeCore(): RuntimeCore {
    return this.core;
  }

  /** `type(x).__name__`. */
  get typeName(): string {
    return this.core.space.kindOf(this.address).name;
  }

  /**
   * Drops the handle's reference (owned handles; borrowed ones just become unusable).
   * Releasing twice does nothing.
   */
  release(): void {
    const slot = this.#slot;
    if (slot === DEAD) return;
    this.#slot = DEAD;
    if (slot >= 0) this.core.releaseSlot(slot);
  }

  /** `using` support: {@link PyObject.release}. */
  [Symbol.dispose](): void {
    this.release();
  }

  /**
   * What a store does with its argument after taking its own reference: an owned handle
   * gives its reference up (the store "moved" it), a borrowed one stays usable.
   */
  transfer(): void {
    if (this.#slot >= 0) this.release();
  }

  /** A new owned handle to the same object (Py_NewRef). */
  newRef(): this {
    return this.core.ownNew(this.address) as this;
  }

  /** Python `a is b`. */
  is(other: PyObject | null | undefined): boolean {
    return other !== null && other !== undefined && other.address === this.address;
  }

  /** Python `a == b` (identity, value equality of numbers, strings, bytes and tuples). */
  equals(other: PyValue): boolean {
    return this.core.withRef(other, (b) => this.core.space.richEquals(this.address, b));
  }

  /** Python `hash(x)`. @throws PythonError TypeError for unhashable objects */
  hash(): number {
    return this.core.space.hashOf(this.address);
  }

  /** Python `repr(x)`. */
  repr(): string {
    return this.core.repr(this.address);
  }

  /** The repr. */
  toString(): string {
    return this.alive ? this.repr() : "<released handle>";
  }

  /** A JS copy of the value: numbers, bigints, strings, arrays, Maps, Sets, plain objects. */
  toJS(): JsValue {
    return this.core.toJS(this.address);
  }
}
