/**
 * A type made with `defineType` and added to a runtime: instantiate it with
 * {@link PyStructType.create}.
 *
 * @module
 */
import type { RuntimeCore } from "../runtime-core";
import type { FieldLayout, StructType } from "../types/struct-type";
import type { PyValue } from "./py-object";
import type { PyStruct } from "./py-struct";

/**
 * A runtime's view of a {@link TypeDefinition}.
 * @example
 * ```ts
 * const Cell = rt.addType(defineType({ name: "Cell", fields: [{ name: "value", kind: "ref" }] }));
 * using c = Cell.create({ value: [1, 2] });
 * rt.sys.getsizeof(c); // 40: GC header 16 + header 16 + one reference 8
 * ```
 */
export class PyStructType {
  /** Type name. */
  readonly name: string;
  /** Type id. */
  readonly typeId: number;
  /** Fields with their offsets. */
  readonly fields: readonly FieldLayout[];
  private readonly core: RuntimeCore;
  private readonly type: StructType;

  /** Use `rt.addType`. */
  constructor(core: RuntimeCore, type: StructType) {
    this.core = core;
    this.type = type;
    this.name = type.name;
    this.typeId = type.typeId;
    this.fields = type.fields;
  }

  /** Bytes of an instance without its GC header (tp_basicsize). */
  get basicSize(): number {
    return this.type.basicSize;
  }

  /**
   * A new object (an owned handle) with the given fields set; the others are zero or NULL.
   * @throws ConfigurationError for an unknown field; MemoryError when memory is exhausted
   */
  create(values: Readonly<Record<string, PyValue>> = {}): PyStruct {
    this.core.checkOpen(`${this.name}.create`);
    for (const value of Object.values(values)) {
      if (typeof value === "object") this.core.checkValue(value);
    }
    const obj = this.core.own(this.type.create()) as PyStruct;
    try {
      for (const [name, value] of Object.entries(values)) obj.set(name, value);
    } catch (e) {
      obj.release();
      throw e;
    }
    return obj;
  }
}
