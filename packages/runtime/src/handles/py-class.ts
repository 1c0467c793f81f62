/**
 * User-defined classes: each is its own type (id, name, allocator) whose instances keep
 * their attributes inline, as CPython 3.11 does (see types/instance-type.ts).
 *
 * @module
 */
import type { RuntimeCore } from "../runtime-core";
import type { InstanceType } from "../types/instance-type";
import type { PyInstance } from "./py-instance";
import type { PyObject, PyValue } from "./py-object";

/** Options of `rt.defineClass`. */
export interface ClassOptions {
  /**
   * The class's `__del__`: called once (PEP 442) with the dying instance, by reference
   * counting or by the cycle collector. It may resurrect the instance by storing it.
   * @defaultValue none
   */
  __del__?: (self: PyInstance) => void;
}

/**
 * A class made with `rt.defineClass`: call {@link PyClass.create} to instantiate it.
 * @example
 * ```ts
 * const Node = rt.defineClass("Node", { __del__: (self) => console.log("bye", self.getattr("name").toJS()) });
 * const f = rt.frame();
 * f.set("n", Node.create({ name: "a" }));
 * f.del("n"); // prints "bye a"
 * ```
 */
export class PyClass {
  /** Class name (`type(x).__name__`). */
  readonly name: string;
  /** Type id of its instances. */
  readonly typeId: number;
  private readonly core: RuntimeCore;
  private readonly type: InstanceType;

  /** Use `rt.defineClass`. */
  constructor(core: RuntimeCore, type: InstanceType) {
    this.core = core;
    this.type = type;
    this.name = type.name;
    this.typeId = type.typeId;
  }

  /**
   * A new instance (an owned handle), with the given attributes set in order.
   * @throws MemoryError when memory is exhausted
   */
  create(attributes: Readonly<Record<string, PyValue>> = {}): PyInstance {
    this.core.checkOpen(`${this.name}.create`);
    for (const value of Object.values(attributes)) this.core.checkValue(value);
    const instance = this.core.own(this.type.create()) as PyInstance;
    try {
      for (const [name, value] of Object.entries(attributes)) instance.setattr(name, value);
    } catch (e) {
      instance.release();
      throw e;
    }
    return instance;
  }

  /** `isinstance(obj, cls)`. */
  isInstance(obj: PyObject): boolean {
    return this.core.space.typeId(obj.address) === this.typeId;
  }

  /** Attribute names in the class's shared keys, by slot. */
  get sharedKeys(): readonly string[] {
    return this.type.names;
  }
}
