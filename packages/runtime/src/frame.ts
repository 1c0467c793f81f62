/**
 * Frames: namespaces of variables, each holding one strong reference, so that TypeScript
 * reads like the Python it mirrors.
 *
 * ```
 *  Python                          TypeScript
 *  a = [1, 2, 3]                   f.set("a", rt.list([1, 2, 3]))
 *  b = a                           f.set("b", f.get("a"))
 *  del b                           f.del("b")
 *  sys.getrefcount(a)              rt.sys.getrefcount(f.get("a"))
 *
 *  Frame: names ──► Map<string, Address>  (one strong reference per variable)
 *         a root of the mark-sweep collector while open; release() drops every variable,
 *         as returning from a function does.
 * ```
 *
 * @module
 */
import { type Address, InvalidPointerError, type Visit } from "@pymem/core";
import type { HandleClass, PyObject, PyValue } from "./handles/py-object";
import { PythonError } from "./python-error";
import type { RuntimeCore } from "./runtime-core";

/**
 * A namespace of variables (a function's locals, or module globals).
 * @example
 * ```ts
 * using f = rt.frame();
 * f.set("a", rt.list([1, 2, 3]));
 * f.set("b", f.get("a"));
 * rt.sys.getrefcount(f.get("a")); // 3
 * f.del("b");
 * rt.sys.getrefcount(f.get("a")); // 2
 * ```
 */
export class Frame implements Disposable {
  /** Name, for messages and stats. */
  readonly name: string;
  private readonly core: RuntimeCore;
  private readonly vars = new Map<string, Address>();
  private open = true;

  /** Use `rt.frame()`. */
  constructor(core: RuntimeCore, name: string) {
    core.checkOpen("a new frame");
    this.core = core;
    this.name = name;
    core.frames.add(this);
  }

  /** Whether the frame is still open (not released). */
  get isOpen(): boolean {
    return this.open;
  }

  private check(): void {
    if (!this.open) {
      this.core.checkOpen(`frame "${this.name}"`);
      throw new InvalidPointerError(0, `an open frame; frame "${this.name}" was released`);
    }
  }

  /**
   * `name = value`: binds the variable (an owned handle is moved in, a borrowed one gets a
   * new reference, a JS value is converted). The previous value is released last.
   */
  set(name: string, value: PyValue): void {
    this.check();
    this.core.store(value, (ref) => {
      const old = this.vars.get(name);
      this.vars.set(name, ref);
      if (old !== undefined) this.core.space.decref(old);
    });
  }

  /**
   * The value of variable `name`, as a borrowed handle; with `cls`, checked to be of that
   * handle class (`f.get("a", PyList)`).
   * @throws PythonError NameError when unbound, TypeError when not of class `cls`
   */
  get(name: string): PyObject;
  get<T extends PyObject>(name: string, cls: HandleClass<T>): T;
  get<T extends PyObject>(name: string, cls?: HandleClass<T>): PyObject {
    this.check();
    const address = this.vars.get(name);
    if (address === undefined) throw new PythonError("NameError", `name '${name}' is not defined`);
    const handle = this.core.borrow(address);
    if (cls !== undefined && !(handle instanceof cls)) {
      throw new PythonError(
        "TypeError",
        `variable '${name}' holds a '${handle.typeName}' object, not a ${cls.name}`,
      );
    }
    return handle;
  }

  /** Whether `name` is bound. */
  has(name: string): boolean {
    this.check();
    return this.vars.has(name);
  }

  /**
   * `del name`: unbinds the variable and drops its reference.
   * @throws PythonError NameError when unbound
   */
  del(name: string): void {
    this.check();
    const address = this.vars.get(name);
    if (address === undefined) throw new PythonError("NameError", `name '${name}' is not defined`);
    this.vars.delete(name);
    this.core.space.decref(address);
  }

  /** Bound names, in binding order. */
  names(): string[] {
    return [...this.vars.keys()];
  }

  /** Calls `visit` with every variable's object (the frame's roots). */
  forEachRoot(visit: Visit): void {
    for (const address of this.vars.values()) visit(address);
  }

  /** Drops every variable (as returning from a function does) and closes the frame. */
  release(): void {
    if (!this.open) return;
    const addresses = [...this.vars.values()].reverse();
    this.vars.clear();
    this.open = false;
    this.core.frames.delete(this);
    for (const a of addresses) this.core.space.decref(a);
  }

  /** `using` support: {@link Frame.release}. */
  [Symbol.dispose](): void {
    this.release();
  }
}
