/**
 * Handles to instances of user-defined classes.
 *
 * @module
 */
import { NULL } from "@pymem/core";
import { PythonError } from "../python-error";
import type { InstanceType } from "../types/instance-type";
import type { PyDict } from "./py-dict";
import type { PyValue } from "./py-object";
import { PyObject } from "./py-object";

/**
 * A handle to an instance of a class made with `rt.defineClass`.
 * @example
 * ```ts
 * const Node = rt.defineClass("Node");
 * using n = Node.create({ value: 1 });
 * n.setattr("next", n);           // a self-reference
 * n.getattr("value").toJS();      // 1
 * ```
 */
export class PyInstance extends PyObject {
  private get type(): InstanceType {
    return this.core.space.kindOf(this.address) as InstanceType;
  }

  /**
   * `obj.name` (borrowed).
   * @throws PythonError AttributeError when not set
   */
  getattr(name: string): PyObject {
    const v = this.type.getAttr(this.address, name);
    if (v === NULL)
      throw new PythonError("AttributeError", `'${this.type.name}' object has no attribute '${name}'`);
    return this.core.borrow(v);
  }

  /** `hasattr(obj, name)`. */
  hasattr(name: string): boolean {
    return this.type.getAttr(this.address, name) !== NULL;
  }

  /** `obj.name = value`. */
  setattr(name: string, value: PyValue): void {
    this.core.store(value, (ref) => this.type.setAttr(this.address, name, ref), this);
  }

  /**
   * `del obj.name`.
   * @throws PythonError AttributeError when not set
   */
  delattr(name: string): void {
    this.type.delAttr(this.address, name);
  }

  /** Attribute names in the order they were first set. */
  attributes(): string[] {
    return this.type.attrNames(this.address);
  }

  /**
   * `obj.__dict__` (borrowed): asking for it makes a real dict from the inline values, as
   * CPython 3.11 does; from then on the instance and its dict are two objects to the collector.
   */
  get __dict__(): PyDict {
    return this.core.borrow(this.type.materialize(this.address)) as PyDict;
  }

  /** Whether the attributes are still inline (no `__dict__` object yet). */
  get hasInlineValues(): boolean {
    return this.type.values(this.address) !== NULL;
  }
}
