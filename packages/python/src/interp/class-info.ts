/**
 * The JS-side record of a Python class (builtin or defined in Python): what the type
 * object in the heap points to through its `classIndex` word — the MRO as records, the
 * instance type that creates instances, and, for builtin classes, the methods written in
 * the interpreter.
 *
 * @module
 */
import type { Address } from "@pymem/core";
import type { RuntimeType } from "@pymem/runtime";

/** Keyword arguments of a call: names and values (references the call owns). */
export interface Keywords {
  /** Names, in call order. */
  readonly names: readonly string[];
  /** Values, parallel to `names`. */
  readonly values: Address[];
}

/**
 * A function written in the interpreter: borrowed receiver (NULL for plain functions) and
 * borrowed arguments; returns a new reference.
 */
export type NativeImpl = (self: Address, args: readonly Address[], kw: Keywords | null) => Address;

/** What kind of class a record describes. */
export type ClassKind = "builtin" | "user" | "exception";

/** One class. */
export class ClassInfo {
  /** `__name__`. */
  readonly name: string;
  /** `__qualname__`. */
  qualname: string;
  /** `__module__`. */
  module: string;
  /** Builtin, defined in Python, or an exception class (either). */
  readonly kind: ClassKind;
  /** The type object. */
  obj: Address = 0;
  /** Index in the interpreter's class table. */
  index = 0;
  /** Direct bases. */
  bases: ClassInfo[] = [];
  /** Method resolution order, starting with this class. */
  mro: ClassInfo[] = [];
  /** The namespace dict of a class defined in Python (NULL for builtin classes). */
  dict: Address = 0;
  /** Methods written in the interpreter (builtin classes). */
  readonly methods = new Map<string, number>();
  /** Class attributes of builtin classes that are plain values (references held). */
  readonly values = new Map<string, Address>();
  /** The type whose objects are this class's instances (null: not instantiable this way). */
  instanceType: RuntimeType | null = null;
  /** Creates an instance for `C(...)` (builtin classes). */
  construct: NativeImpl | null = null;
  /** Whether the class derives from BaseException. */
  isException = false;
  /** Whether instances are exception objects (their instance type is an ExceptionType). */
  exceptionLayout = false;

  constructor(name: string, kind: ClassKind, module = "builtins") {
    this.name = name;
    this.qualname = name;
    this.kind = kind;
    this.module = module;
  }

  /** Whether `other` is this class or one of its bases (through the MRO). */
  isSubclassOf(other: ClassInfo): boolean {
    if (other === this) return true;
    const mro = this.mro;
    for (let i = 1; i < mro.length; i++) if (mro[i] === other) return true;
    return false;
  }
}
