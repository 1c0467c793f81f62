/**
 * `defineType`: a new object type from a list of fields, with traversal, clearing and
 * deallocation derived from the fields — the way to add a type to a runtime without
 * writing a {@link TypeInfo} by hand (CPython's `PyType_FromSpec` with `T_OBJECT` members).
 *
 * ```
 *  defineType({ name: "Pair", fields: [{ name: "left", kind: "ref" }, { name: "weight", kind: "f64" },
 *                                      { name: "right", kind: "ref" }] })
 *
 *  64-bit layout (C struct rules: each field aligned to its size, the total to a word)
 *  obj-16  gc_next / gc_prev   16   (any "ref" field or a finalizer makes it a container)
 *  obj+0   ob_refcnt            8
 *  obj+8   ob_type              8
 *  obj+16  left    ref          8   traverse visits it, clear sets it to NULL, dealloc releases it
 *  obj+24  weight  f64          8
 *  obj+32  right   ref          8
 *  obj+40
 * ```
 *
 * Field kinds: `ref` (a strong reference, may be None/NULL), `i32`, `u32`, `f64`, `u8`, `bool`.
 *
 * @module
 */
import { ConfigurationError } from "@pymem/core";
import type { PyStruct } from "./handles/py-struct";

/** The kind of one field. */
export type FieldKind = "ref" | "i32" | "u32" | "f64" | "u8" | "bool";

/** One field of a type defined with {@link defineType}. */
export interface FieldSpec {
  /** Field name (an identifier, unique within the type). */
  readonly name: string;
  /** What the field holds. */
  readonly kind: FieldKind;
}

/** What {@link defineType} takes. */
export interface TypeSpec<Fields extends readonly FieldSpec[] = readonly FieldSpec[]> {
  /** Type name, as `type(x).__name__`; unique in a runtime. */
  readonly name: string;
  /** The fields, in layout order. */
  readonly fields: Fields;
  /**
   * PEP 442 finalizer (`__del__`), called once with the dying object's handle; it may
   * resurrect the object by storing a reference to it.
   * @defaultValue none
   */
  readonly finalizer?: (self: PyStruct) => void;
  /**
   * Whether instances can be weakly referenced (adds a weak reference list word).
   * @defaultValue false
   */
  readonly weakrefable?: boolean;
}

/** A validated type definition, ready to be added to runtimes with `rt.addType`. */
export interface TypeDefinition<Fields extends readonly FieldSpec[] = readonly FieldSpec[]>
  extends Required<Omit<TypeSpec<Fields>, "finalizer">> {
  /** The finalizer, if any. */
  readonly finalizer: TypeSpec<Fields>["finalizer"] | undefined;
}

const FIELD_KINDS: readonly FieldKind[] = ["ref", "i32", "u32", "f64", "u8", "bool"];
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Validates a type specification and returns the definition.
 * @throws ConfigurationError for a missing or non-identifier name, an unknown field kind or
 * a duplicate field name
 * @example
 * ```ts
 * const Pair = defineType({ name: "Pair", fields: [{ name: "left", kind: "ref" }, { name: "right", kind: "ref" }] });
 * const PairType = rt.addType(Pair);
 * const p = PairType.create({ left: 1, right: "x" });
 * p.get("left").toJS(); // 1
 * ```
 */
export function defineType<const Fields extends readonly FieldSpec[]>(
  spec: TypeSpec<Fields>,
): TypeDefinition<Fields> {
  if (typeof spec?.name !== "string" || !IDENTIFIER.test(spec.name)) {
    throw new ConfigurationError("name", "an identifier", spec?.name);
  }
  if (!Array.isArray(spec.fields))
    throw new ConfigurationError(`${spec.name}.fields`, "an array of fields", spec.fields);
  const seen = new Set<string>();
  for (const field of spec.fields as readonly FieldSpec[]) {
    if (typeof field?.name !== "string" || !IDENTIFIER.test(field.name)) {
      throw new ConfigurationError(`${spec.name}.fields`, "fields named by identifiers", field?.name);
    }
    if (seen.has(field.name)) {
      throw new ConfigurationError(`${spec.name}.${field.name}`, "a field name used once", field.name);
    }
    seen.add(field.name);
    if (!FIELD_KINDS.includes(field.kind)) {
      throw new ConfigurationError(
        `${spec.name}.${field.name}.kind`,
        `one of ${FIELD_KINDS.join(", ")}`,
        field.kind,
      );
    }
  }
  if (spec.finalizer !== undefined && typeof spec.finalizer !== "function") {
    throw new ConfigurationError(`${spec.name}.finalizer`, "a function", spec.finalizer);
  }
  return Object.freeze({
    name: spec.name,
    fields: Object.freeze([...spec.fields]) as unknown as Fields,
    finalizer: spec.finalizer,
    weakrefable: spec.weakrefable ?? false,
  });
}
