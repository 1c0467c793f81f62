/**
 * Handles to objects of types made with `defineType`.
 *
 * @module
 */
import { ConfigurationError, NULL } from "@pymem/core";
import type { FieldLayout, StructType } from "../types/struct-type";
import type { PyValue } from "./py-object";
import { PyObject } from "./py-object";

/**
 * A handle to an object of a {@link defineType} type.
 * @example
 * ```ts
 * const Pair = rt.addType(defineType({ name: "Pair", fields: [{ name: "left", kind: "ref" }, { name: "n", kind: "i32" }] }));
 * using p = Pair.create({ left: "x", n: 7 });
 * p.get("n");              // 7
 * p.get("left")?.repr();   // "'x'"
 * ```
 */
export class PyStruct extends PyObject {
  private get type(): StructType {
    return this.core.space.kindOf(this.address) as StructType;
  }

  private field(name: string): FieldLayout {
    const f = this.type.byName.get(name);
    if (f === undefined) {
      throw new ConfigurationError(
        `${this.type.name}.${name}`,
        `one of the fields ${[...this.type.byName.keys()].join(", ")}`,
        name,
      );
    }
    return f;
  }

  /**
   * Reads a field: a number (numeric kinds), a boolean (`bool`), a borrowed handle (`ref`), or
   * null for a `ref` field never set.
   * @throws ConfigurationError for an unknown field name
   */
  get(name: string): number | boolean | PyObject | null {
    const f = this.field(name);
    const v = this.type.read(this.address, f);
    if (f.kind === "ref") return v === NULL ? null : this.core.borrow(v);
    if (f.kind === "bool") return v !== 0;
    return v;
  }

  /**
   * Writes a field: any value for `ref` fields (null stores None), numbers or booleans otherwise.
   * @throws ConfigurationError for an unknown field name
   */
  set(name: string, value: PyValue): void {
    const f = this.field(name);
    if (f.kind === "ref") {
      this.core.store(value, (ref) => this.type.setRef(this.address, f, ref), this);
      return;
    }
    this.type.write(this.address, f, Number(value));
  }
}
