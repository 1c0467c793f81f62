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
 * Every handle records its object's allocation serial (see ObjectSerials) and checks it
 * before each access to the heap: a handle whose object was deallocated — even when another
 * object now sits at the same address — raises InvalidPointerError, and any handle of a
 * closed runtime raises RuntimeClosedError, before anything is read or written.
 *
 * Invariant: a handle is alive iff it was not released or moved, its object's serial is
 * the one it recorded, and its runtime is open.
 *
 * @module
 */
import { type Address, InvalidPointerError } from "@pymem/core";
import { RuntimeClosedError } from "../runtime-closed-error";
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
  /** The object's allocation serial when the handle was made (-1: no live object there). */
  #serial: number;

  /**
   * Use the runtime's constructors (`rt.list`, `rt.int`, ...) or reads (`frame.get`), not this.
   * @param slot - the handle-table slot of an owned handle, or -1 for a borrowed one
   */
  constructor(core: RuntimeCore, address: Address, slot: number) {
    this.core = core;
    this.#address = address;
    this.#slot = slot;
    this.#serial = core.space.serials.of(address) || -1;
  }

  /**
   * The object's address (Python's `id()`), after checking that the object is still the one
   * the handle was made for.
   * @throws InvalidPointerError when the handle was released or moved, or its object died
   * @throws RuntimeClosedError when the runtime was closed
   */
  get address(): Address {
    const serials = this.core.space.serials;
    if (serials.table[this.#address >>> serials.shift] !== this.#serial || this.#slot === DEAD) this.stale();
    return this.#address;
  }

  private stale(): never {
    if (this.core.closed) throw new RuntimeClosedError("a handle");
    if (this.#slot === DEAD) {
      throw new InvalidPointerError(
        this.#address,
        "a live handle; this one was released or moved into a container or variable (use newRef() to keep one)",
      );
    }
    throw new InvalidPointerError(
      this.#address,
      "a live object; the object this handle referred to was deallocated (a borrowed handle is valid only while its owner keeps the object alive)",
    );
  }

  /** Whether the handle owns a reference (false for borrowed and dead handles). */
  get owned(): boolean {
    return this.#slot >= 0 && !this.core.closed;
  }

  /** Whether the handle can still be used: not released or moved, its object alive, its runtime open. */
  get alive(): boolean {
    const serials = this.core.space.serials;
    return this.#slot !== DEAD && serials.table[this.#address >>> serials.shift] === this.#serial;
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
   * Releasing twice, or after the runtime was closed, does nothing.
   */
  release(): void {
    const slot = this.#slot;
    if (slot === DEAD) return;
    this.#slot = DEAD;
    // A closed runtime already dropped every handle's reference with its heap.
    if (slot >= 0 && !this.core.closed) this.core.releaseSlot(slot);
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
    return this.core.withRef(other, (b) => this.core.space.richEquals(this.address, b), this);
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
    if (this.alive) return this.repr();
    if (this.core.closed) return "<handle of a closed runtime>";
    return this.#slot === DEAD ? "<released handle>" : "<handle of a deallocated object>";
  }

  /** A JS copy of the value: numbers, bigints, strings, arrays, Maps, Sets, plain objects. */
  toJS(): JsValue {
    return this.core.toJS(this.address);
  }
}
