/**
 * What the runtime knows about a type beyond core's `TypeInfo`: Python-level
 * behaviour (hash, equality, repr, conversion to JS) and the domain blocks an object owns,
 * which the accounting checks walk.
 *
 * ```
 *  TypeInfo (core)                       RuntimeType (this package)
 *  name basicSize itemSize isContainer   kind typeId
 *  traverse clear? finalize? dealloc     hash equals repr toJS
 *  sizeOf weaklistOffset                 blocks (object block + side tables)
 * ```
 *
 * @module
 */
import { type Address, type Decref, InvalidPointerError, type TypeInfo, type Visit } from "@pymem/core";
import { PythonError } from "./python-error";

/**
 * The family a type belongs to (a label; the handle class of a type's instances comes from
 * its builtin type entry or its registration, not from this). Types added by other packages
 * use their own names.
 */
export type TypeKind =
  | "none"
  | "int"
  | "bool"
  | "float"
  | "str"
  | "bytes"
  | "tuple"
  | "list"
  | "dict"
  | "set"
  | "instance"
  | "weakref"
  | "struct"
  | (string & {});

/** A JS value an object converts to with `toJS()`. */
export type JsValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | JsValue[]
  | Map<JsValue, JsValue>
  | Set<JsValue>
  | { readonly [name: string]: JsValue };

/** Receives the address of each domain block an object owns. */
export type BlockVisit = (block: Address) => void;

/** Hooks the runtime gives types for recursion into other objects. */
export interface TypeContext {
  /** Python `repr()` of another object. */
  repr(obj: Address, seen: Set<Address>): string;
  /** JS value of another object. */
  toJS(obj: Address, seen: Map<Address, JsValue>): JsValue;
}

/** A type as the runtime knows it: core's `TypeInfo` plus Python-level behaviour. */
export interface RuntimeType extends TypeInfo {
  /** Which family of handles represents instances. */
  readonly kind: TypeKind;
  /** Id in the type registry (0 until registered). */
  typeId: number;
  /** Python `hash()` as a signed 32-bit integer, never -1. @throws PythonError for unhashable types */
  hash(obj: Address): number;
  /** Python `==` between `a` (of this type) and `b` (of the same type). */
  equals(a: Address, b: Address): boolean;
  /** Calls `visit` with the object's block (GC header included) and every side block it owns. */
  blocks(obj: Address, visit: BlockVisit): void;
  /**
   * Calls `visit` with every object `obj` holds a strong reference to — what `traverse`
   * visits plus references the collector may skip (a str-keyed dict's keys).
   */
  references(obj: Address, visit: Visit): void;
  /** Python `repr()`. */
  repr(obj: Address, seen: Set<Address>, ctx: TypeContext): string;
  /** Conversion to a JS value (containers convert their items). */
  toJS(obj: Address, seen: Map<Address, JsValue>, ctx: TypeContext): JsValue;
}

/**
 * Shared defaults of the runtime's types: identity hash and equality, a `<name object at
 * 0x...>` repr, a single block.
 */
export abstract class BaseType implements RuntimeType {
  abstract readonly kind: TypeKind;
  abstract readonly name: string;
  abstract readonly basicSize: number;
  abstract readonly itemSize: number;
  abstract readonly isContainer: boolean;
  /** No weak references unless a subclass says otherwise. */
  readonly weaklistOffset: number = 0;
  typeId = 0;
  /** Bytes of GC header in front of instances (0 for non-containers); set by subclasses. */
  protected gcBytes = 0;

  /** Default traversal: no references. */
  traverse(_obj: Address, _visit: Visit): void {}

  abstract dealloc(obj: Address, decref: Decref): void;

  abstract sizeOf(obj: Address): number;

  /** Identity hash, as CPython's `_Py_HashPointer` (address rotated by 4 bits). */
  hash(obj: Address): number {
    const h = (obj >>> 4) | (obj << 28) | 0;
    return h === -1 ? -2 : h;
  }

  /** Identity. */
  equals(a: Address, b: Address): boolean {
    return a === b;
  }

  /** Every strong reference: what `traverse` visits, by default. */
  references(obj: Address, visit: Visit): void {
    this.traverse(obj, visit);
  }

  /** The object's own block. */
  blocks(obj: Address, visit: BlockVisit): void {
    visit(obj - this.gcBytes);
  }

  /** `<name object at 0x...>`. */
  repr(obj: Address, _seen: Set<Address>, _ctx: TypeContext): string {
    return `<${this.name} object at 0x${obj.toString(16)}>`;
  }

  /** A plain object naming the type and address. */
  toJS(obj: Address, _seen: Map<Address, JsValue>, _ctx: TypeContext): JsValue {
    return { type: this.name, id: obj };
  }
}

/** Raises Python's `TypeError: unhashable type`. */
export function unhashable(name: string): never {
  throw new PythonError("TypeError", `unhashable type: '${name}'`);
}

/** Raises InvalidPointerError for a NULL where an object is required. */
export function requireObject(obj: Address, what: string): void {
  if (obj === 0) throw new InvalidPointerError(obj, `${what}: an object, not NULL`);
}
