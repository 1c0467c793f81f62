/**
 * The runtime type behind a {@link TypeDefinition}: computes the field layout for the
 * runtime's object layout and derives traverse, clear and dealloc from the `ref` fields
 * (see define-type.ts for the layout diagram).
 *
 * Invariant: a `ref` field holds NULL or a strong reference; it is NULL iff it was never
 * set or was cleared.
 *
 * @module
 */
import { type Address, alignUp, type Decref, NULL, type Visit } from "@pymem/core";
import type { FieldKind, TypeDefinition } from "../define-type";
import type { ObjectSpace } from "../object-space";
import { BaseType, type JsValue, type TypeContext } from "../runtime-type";

/** A field with its offset in the object. */
export interface FieldLayout {
  /** Field name. */
  readonly name: string;
  /** Field kind. */
  readonly kind: FieldKind;
  /** Byte offset from the object address. */
  readonly offset: number;
}

/** Bytes (and alignment) of each field kind; `ref` is one word. */
function fieldBytes(kind: FieldKind, w: number): number {
  switch (kind) {
    case "ref":
      return w;
    case "f64":
      return 8;
    case "i32":
    case "u32":
      return 4;
    default:
      return 1;
  }
}

/**
 * Objects of a type defined by fields.
 * @example
 * ```ts
 * const Pair = new StructType(space, defineType({ name: "Pair", fields: [{ name: "a", kind: "ref" }] }), null);
 * ```
 */
export class StructType extends BaseType {
  readonly kind = "struct" as const;
  readonly name: string;
  readonly basicSize: number;
  readonly itemSize = 0;
  readonly isContainer: boolean;
  override readonly weaklistOffset: number;
  /** The fields with their offsets, in declaration order. */
  readonly fields: readonly FieldLayout[];
  /** Field layouts by name. */
  readonly byName: ReadonlyMap<string, FieldLayout>;
  /** PEP 442 finalizer, when the definition has one. */
  readonly finalize?: (obj: Address) => void;
  private readonly refOffsets: Int32Array;
  private readonly space: ObjectSpace;

  constructor(space: ObjectSpace, definition: TypeDefinition, finalize: ((obj: Address) => void) | null) {
    super();
    this.space = space;
    this.name = definition.name;
    const w = space.w;
    let offset = space.layout.headerSize;
    this.weaklistOffset = definition.weakrefable ? offset : 0;
    if (definition.weakrefable) offset += w;
    const fields: FieldLayout[] = [];
    const refs: number[] = [];
    for (const f of definition.fields) {
      const bytes = fieldBytes(f.kind, w);
      offset = alignUp(offset, bytes);
      fields.push({ name: f.name, kind: f.kind, offset });
      if (f.kind === "ref") refs.push(offset);
      offset += bytes;
    }
    this.basicSize = alignUp(offset, w);
    this.fields = fields;
    this.byName = new Map(fields.map((f) => [f.name, f]));
    this.refOffsets = Int32Array.from(refs);
    this.isContainer = refs.length > 0 || finalize !== null;
    this.gcBytes = this.isContainer ? space.layout.gcHeaderSize : 0;
    if (finalize !== null) this.finalize = finalize;
  }

  /** A new object with every field zero/NULL; tracked when the type is a container. */
  create(): Address {
    const obj = this.space.newObject(this.typeId);
    if (this.isContainer) this.space.track(obj);
    return obj;
  }

  /** Reads a numeric field (or a ref field's address). */
  read(obj: Address, field: FieldLayout): number {
    const heap = this.space.heap;
    const at = obj + field.offset;
    switch (field.kind) {
      case "ref":
      case "u32":
        return heap.u32[at >>> 2]!;
      case "i32":
        return heap.i32[at >>> 2]!;
      case "f64":
        return heap.f64[at >>> 3]!;
      default:
        return heap.u8[at]!;
    }
  }

  /** Writes a numeric field (values are converted as a typed array stores them). */
  write(obj: Address, field: FieldLayout, value: number): void {
    const heap = this.space.heap;
    const at = obj + field.offset;
    switch (field.kind) {
      case "ref":
        this.space.setWord(at, value);
        return;
      case "u32":
        heap.u32[at >>> 2] = value;
        return;
      case "i32":
        heap.i32[at >>> 2] = value;
        return;
      case "f64":
        heap.f64[at >>> 3] = value;
        return;
      case "bool":
        heap.u8[at] = value ? 1 : 0;
        return;
      default:
        heap.u8[at] = value;
    }
  }

  /** Stores `value` (a reference it steals, or NULL) in a ref field; the old one is released last. */
  setRef(obj: Address, field: FieldLayout, value: Address): void {
    const at = obj + field.offset;
    const old = this.space.word(at);
    this.space.setWord(at, value);
    this.space.xdecref(old);
  }

  override traverse(obj: Address, visit: Visit): void {
    const u32 = this.space.heap.u32;
    const refs = this.refOffsets;
    for (let i = 0; i < refs.length; i++) {
      const v = u32[(obj + refs[i]!) >>> 2]!;
      if (v !== NULL) visit(v);
    }
  }

  /** tp_clear: each ref field set to NULL, then its old value released. */
  clear(obj: Address, decref: Decref): void {
    const space = this.space;
    const refs = this.refOffsets;
    for (let i = 0; i < refs.length; i++) {
      const at = obj + refs[i]!;
      const v = space.word(at);
      if (v !== NULL) {
        space.setWord(at, NULL);
        decref(v);
      }
    }
  }

  dealloc(obj: Address, decref: Decref): void {
    this.clear(obj, decref);
    this.space.releaseObject(obj, this.typeId);
  }

  sizeOf(_obj: Address): number {
    return this.gcBytes + this.basicSize;
  }

  override toJS(obj: Address, seen: Map<Address, JsValue>, ctx: TypeContext): JsValue {
    const prior = seen.get(obj);
    if (prior !== undefined) return prior;
    const out: Record<string, JsValue> = {};
    seen.set(obj, out);
    for (const f of this.fields) {
      const v = this.read(obj, f);
      out[f.name] =
        f.kind === "ref" ? (v === NULL ? null : ctx.toJS(v, seen)) : f.kind === "bool" ? v !== 0 : v;
    }
    return out;
  }
}
