/**
 * The interpreter: Python's object protocol over heap addresses, which compiled code calls
 * directly (`R.add(a, b)`, `R.getattr(o, "x")`, `R.call1(f, a)`). Every value is an address;
 * every function returns a new reference unless it says "borrowed"; arguments are borrowed
 * unless a function says it steals them.
 *
 * ```
 *  compiled code ──► Interpreter ──► RuntimeCore types (int, str, list, dict, ...)
 *                        │       ──► heap types of this package (function, cell, method,
 *                        │           class, module, generator, iterators, exceptions, ...)
 *                        └─ tables: classes[classIndex], codes[codeIndex], natives[impl],
 *                                   frames[generator frame] — JS values the heap words index
 * ```
 *
 * Exceptions: a Python exception is a heap object; a {@link PyThrow} carries its address
 * through JS frames. Errors the runtime raises (`PythonError`), JS stack overflows and
 * exhausted memory are turned into Python exceptions at the first frame boundary.
 *
 * @module
 */
import { type Address, MemoryError as HeapMemoryError, NULL } from "@pymem/core";
import {
  type DictType,
  type FloatType,
  type IntType,
  type ListType,
  PythonError,
  type Runtime,
  type RuntimeCore,
  type SetType,
  type StrType,
  type TupleType,
} from "@pymem/runtime";
import { floatRepr } from "../support/float-repr";
import { strRepr } from "../support/str-methods";
import { BUILTIN_FUNCTION, BUILTIN_FUNCTION_SPEC } from "../types/builtin-function-type";
import { CELL, CELL_SPEC } from "../types/cell-type";
import { CLASSMETHOD, CLASSMETHOD_SPEC } from "../types/classmethod-type";
import { DICT_ITERATOR, DICT_ITERATOR_SPEC } from "../types/dict-iterator-type";
import { DICT_VIEW_SPECS } from "../types/dict-view-type";
import { ENUMERATE, ENUMERATE_SPEC } from "../types/enumerate-type";
import { EXC, type ExceptionType } from "../types/exception-type";
import { FILTER, FILTER_SPEC } from "../types/filter-type";
import { FUNCTION, FUNCTION_SPEC } from "../types/function-type";
import { GENERATOR, GENERATOR_SPEC } from "../types/generator-type";
import { GETSET_DESCRIPTOR, GETSET_DESCRIPTOR_SPEC } from "../types/getset-descriptor-type";
import { LIST_ITERATOR, LIST_ITERATOR_SPEC } from "../types/list-iterator-type";
import { LIST_REVERSE_ITERATOR, LIST_REVERSE_ITERATOR_SPEC } from "../types/list-reverse-iterator-type";
import { MAP, MAP_SPEC } from "../types/map-type";
import { METHOD, METHOD_SPEC } from "../types/method-type";
import { MODULE, MODULE_SPEC } from "../types/module-type";
import { OBJECT_SPEC } from "../types/object-type";
import { PROPERTY, PROPERTY_SPEC } from "../types/property-type";
import { RANGE_ITERATOR, RANGE_ITERATOR_SPEC } from "../types/range-iterator-type";
import { RANGE, RANGE_SPEC } from "../types/range-type";
import { REVERSED_SPEC } from "../types/reversed-type";
import { SET_ITERATOR, SET_ITERATOR_SPEC } from "../types/set-iterator-type";
import { SLICE, SLICE_SPEC } from "../types/slice-type";
import { SlotType, type SlotTypeSpec } from "../types/slot-type";
import { STATICMETHOD, STATICMETHOD_SPEC } from "../types/staticmethod-type";
import { STR_ITERATOR, STR_ITERATOR_SPEC } from "../types/str-iterator-type";
import { SUPER_SPEC } from "../types/super-type";
import { TRACEBACK, TRACEBACK_SPEC } from "../types/traceback-type";
import { TUPLE_ITERATOR, TUPLE_ITERATOR_SPEC } from "../types/tuple-iterator-type";
import { TYPE, TypeObjectType } from "../types/type-object-type";
import { UserInstanceType } from "../types/user-instance-type";
import { ZIP, ZIP_SPEC } from "../types/zip-type";
import type { ClassInfo, Keywords, NativeImpl } from "./class-info";
import { ExitProgram, PyThrow } from "./py-throw";

/** What compiled code knows about one code object (a function body, a class body, a module). */
export interface CodeInfo {
  /** `co_name`. */
  readonly name: string;
  /** `co_qualname`. */
  readonly qualname: string;
  /** File the code came from. */
  readonly filename: string;
  /** First line. */
  readonly firstLine: number;
  /** Positional parameter names. */
  readonly params: readonly string[];
  /** Keyword-only parameter names. */
  readonly kwonly: readonly string[];
  /** Name of the `*args` parameter, or null. */
  readonly varargs: string | null;
  /** Name of the `**kwargs` parameter, or null. */
  readonly varkw: string | null;
  /** Whether calling it makes a generator. */
  readonly generator: boolean;
  /** Local slots of a generator's frame (the generator object's item count). */
  readonly frameSize: number;
  /** Positional parameter count when a call with that many positional arguments binds directly (no defaults needed, no *args, **kwargs, keyword-only parameters, not a generator); else -1. */
  fastArgc: number;
  /** The compiled body: `(fn, ...locals)`; a generator body is a JS generator function. */
  run: (...args: number[]) => unknown;
}

/** Options the interpreter takes from `runPython`. */
export interface InterpreterOptions {
  /** Writes program output. */
  readonly stdout: (text: string) => void;
  /** Writes error output. */
  readonly stderr: (text: string) => void;
  /** `sys.argv`. */
  readonly argv: readonly string[];
  /** Source of a module the program imports, or undefined. */
  readonly readModule: (name: string) => string | undefined;
}

const BINARY_NAMES: Record<string, [string, string, string]> = {
  "+": ["__add__", "__radd__", "__iadd__"],
  "-": ["__sub__", "__rsub__", "__isub__"],
  "*": ["__mul__", "__rmul__", "__imul__"],
  "/": ["__truediv__", "__rtruediv__", "__itruediv__"],
  "//": ["__floordiv__", "__rfloordiv__", "__ifloordiv__"],
  "%": ["__mod__", "__rmod__", "__imod__"],
  "**": ["__pow__", "__rpow__", "__ipow__"],
  "<<": ["__lshift__", "__rlshift__", "__ilshift__"],
  ">>": ["__rshift__", "__rrshift__", "__irshift__"],
  "&": ["__and__", "__rand__", "__iand__"],
  "|": ["__or__", "__ror__", "__ior__"],
  "^": ["__xor__", "__rxor__", "__ixor__"],
  "@": ["__matmul__", "__rmatmul__", "__imatmul__"],
};

const COMPARE_NAMES: Record<string, [string, string]> = {
  "<": ["__lt__", "__gt__"],
  "<=": ["__le__", "__ge__"],
  ">": ["__gt__", "__lt__"],
  ">=": ["__ge__", "__le__"],
  "==": ["__eq__", "__eq__"],
  "!=": ["__ne__", "__ne__"],
};

/** The cache of one global-name load site. */
export interface GlobalSite {
  /** Globals dict the value was found for. */
  dict: Address;
  /** Its version then. */
  version: number;
  /** The builtins dict's version then. */
  builtinsVersion: number;
  /** The value (borrowed from the dict). */
  value: Address;
}

/** A suspended generator frame: the JS generator and its state. */
interface GenFrame {
  readonly it: Generator<number, number, number>;
  running: boolean;
  done: boolean;
}

/**
 * Python semantics over one runtime's heap.
 * @example
 * ```ts
 * const R = new Interpreter(rt, options);
 * const three = R.add(R.int(1), R.int(2));
 * ```
 */
export class Interpreter {
  /** The runtime. */
  readonly rt: Runtime;
  /** Its internals. */
  readonly core: RuntimeCore;
  /** Reference counting strategy (compiled code calls it directly). */
  readonly rc: { incref(a: Address): void; decref(a: Address): void };
  readonly ints: IntType;
  readonly floats: FloatType;
  readonly strs: StrType;
  readonly lists: ListType;
  readonly tuples: TupleType;
  readonly dicts: DictType;
  readonly sets: SetType;
  /** None, True, False (immortal). */
  readonly None: Address;
  readonly True: Address;
  readonly False: Address;
  /** Type ids of the builtin and interpreter types. */
  readonly tid: Record<string, number> = {};
  /** Slot types by name. */
  readonly slot: Record<string, SlotType> = {};
  readonly typeObjects: TypeObjectType;
  /** Classes by index (the type object's classIndex word). */
  readonly classes: ClassInfo[] = [];
  /** Class of instances by type id. */
  readonly classOfTid: ClassInfo[] = [];
  /** Builtin classes by name. */
  readonly builtinClasses = new Map<string, ClassInfo>();
  /** Compiled code by index. */
  readonly codes: CodeInfo[] = [];
  /** Native implementations by index, with names. */
  readonly natives: NativeImpl[] = [];
  readonly nativeNames: string[] = [];
  /** Generator frames by index. */
  private readonly genFrames: (GenFrame | undefined)[] = [undefined];
  private readonly freeGenFrames: number[] = [];
  /** The builtins module's dict. */
  builtinsDict: Address = 0;
  /** Loaded modules by name (module objects; references held). */
  readonly modules = new Map<string, Address>();
  /** Python call depth. */
  depth = 0;
  /** sys.getrecursionlimit(). */
  limit = 1000;
  /** The exception being handled (for bare raise and __context__), innermost last. */
  readonly handling: Address[] = [];
  readonly options: InterpreterOptions;
  /** Classes by name for the exception hierarchy. */
  readonly exc: Record<string, ClassInfo> = {};
  private registrySerial = 0;
  /** Interned names as str objects (references held). */
  private readonly names = new Map<string, Address>();

  constructor(rt: Runtime, options: InterpreterOptions) {
    this.rt = rt;
    this.options = options;
    const core = rt.core;
    this.core = core;
    this.rc = core.space.refcount;
    this.ints = core.ints;
    this.floats = core.floats;
    this.strs = core.strs;
    this.lists = core.lists;
    this.tuples = core.tuples;
    this.dicts = core.dicts;
    this.sets = core.sets;
    this.None = core.space.none;
    this.True = core.bools.trueObject;
    this.False = core.bools.falseObject;
    const ids = core.space.ids;
    Object.assign(this.tid, ids);
    this.typeObjects = new TypeObjectType(core.space);
    this.tid.type = rt.registerRuntimeType(this.typeObjects);
    const specs: [string, SlotTypeSpec][] = [
      ["function", FUNCTION_SPEC],
      ["cell", CELL_SPEC],
      ["method", METHOD_SPEC],
      ["module", MODULE_SPEC],
      ["generator", GENERATOR_SPEC],
      ["list_iterator", LIST_ITERATOR_SPEC],
      ["list_reverseiterator", LIST_REVERSE_ITERATOR_SPEC],
      ["tuple_iterator", TUPLE_ITERATOR_SPEC],
      ["str_iterator", STR_ITERATOR_SPEC],
      ["range", RANGE_SPEC],
      ["range_iterator", RANGE_ITERATOR_SPEC],
      ["dict_iterator", DICT_ITERATOR_SPEC],
      ["set_iterator", SET_ITERATOR_SPEC],
      ["traceback", TRACEBACK_SPEC],
      ["builtin_function", BUILTIN_FUNCTION_SPEC],
      ["property", PROPERTY_SPEC],
      ["staticmethod", STATICMETHOD_SPEC],
      ["classmethod", CLASSMETHOD_SPEC],
      ["object", OBJECT_SPEC],
      ["getset_descriptor", GETSET_DESCRIPTOR_SPEC],
      ["slice", SLICE_SPEC],
      ["enumerate", ENUMERATE_SPEC],
      ["zip", ZIP_SPEC],
      ["map", MAP_SPEC],
      ["filter", FILTER_SPEC],
      ["reversed", REVERSED_SPEC],
      ["super", SUPER_SPEC],
      ["dict_keys", DICT_VIEW_SPECS[0]!],
      ["dict_values", DICT_VIEW_SPECS[1]!],
      ["dict_items", DICT_VIEW_SPECS[2]!],
    ];
    for (const [key, spec] of specs) {
      const type = new SlotType(core.space, spec);
      this.slot[key] = type;
      this.tid[key] = rt.registerRuntimeType(type);
    }
    this.slot.generator!.onRelease = (g) => this.releaseGenFrame(g);
  }

  // --- references and constants ----------------------------------------------------------

  /** New reference to None. */
  none(): Address {
    return this.None;
  }

  /** A new reference to an int. */
  int(value: number | bigint): Address {
    return this.core.int(value);
  }

  /** A new reference to a float. */
  float(value: number): Address {
    return this.floats.create(value);
  }

  /** A new reference to a str (name-like strings interned, as the compiler does for constants). */
  str(value: string): Address {
    return this.core.str(value, false);
  }

  /** A new reference to a str constant of source code. */
  strConst(value: string): Address {
    return this.core.str(value, true);
  }

  /** A new reference to the bool for `b`. */
  bool(b: boolean): Address {
    return b ? this.True : this.False;
  }

  /** The interned str object for `name` (borrowed; the interpreter holds it). */
  name(name: string): Address {
    let s = this.names.get(name);
    if (s === undefined) {
      s = this.core.intern(name);
      this.names.set(name, s);
    }
    return s;
  }

  /** Type id of `obj`. */
  typeId(obj: Address): number {
    return this.core.space.headers.typeId(obj);
  }

  /** The class of `obj`. */
  classOf(obj: Address): ClassInfo {
    return this.classOfTid[this.typeId(obj)]!;
  }

  /** `type(obj).__name__`. */
  typeName(obj: Address): string {
    return this.classOf(obj).name;
  }

  // --- errors ------------------------------------------------------------------------------

  /** A PyThrow for a new exception of builtin class `name` with message `message`. */
  error(name: string, message: string): PyThrow {
    const cls = this.exc[name] ?? this.exc.Exception!;
    const msg = this.str(message);
    const exc = this.newException(cls, [msg]);
    return this.throwable(exc);
  }

  /** Wraps a new reference to an exception (setting `__context__`) into a throwable. */
  throwable(exc: Address): PyThrow {
    const ctx = this.handling.length > 0 ? this.handling[this.handling.length - 1]! : NULL;
    if (ctx !== NULL && ctx !== exc && this.slotOfExc().get(exc, EXC.context) === NULL) {
      this.rc.incref(ctx);
      this.slotOfExc().set(exc, EXC.context, ctx);
    }
    return new PyThrow(exc);
  }

  /** A new reference to `obj` (increments and returns it). */
  ref(obj: Address): Address {
    this.rc.incref(obj);
    return obj;
  }

  /** Steals `value`; NULL for None. */
  private noneToNull(value: Address): Address {
    if (value !== this.None) return value;
    this.rc.decref(value);
    return NULL;
  }

  /** The builtins module. */
  builtinsModule: Address = NULL;

  /** The slot view of exception objects. */
  slotOfExceptions(): ExceptionType {
    return this.slotOfExc();
  }

  private slotOfExc(): ExceptionType {
    return this.exc.BaseException!.instanceType as ExceptionType;
  }

  /** An exception object of class `cls` with `args` (references stolen). */
  newException(cls: ClassInfo, args: Address[]): Address {
    const type = cls.instanceType as ExceptionType;
    const tuple = this.tuples.create(args);
    const obj = type.createUntracked();
    type.set(obj, EXC.args, tuple);
    if (cls.kind !== "builtin") this.rc.incref(cls.obj);
    this.core.space.track(obj);
    return obj;
  }

  /**
   * Turns anything a JS frame caught into a PyThrow: Python exceptions pass through,
   * the runtime's PythonError becomes its Python exception, exhausted heap memory becomes
   * MemoryError, a JS stack overflow becomes RecursionError.
   */
  toThrow(e: unknown): PyThrow {
    if (e instanceof PyThrow) return e;
    if (e instanceof ExitProgram) throw e;
    if (e instanceof PythonError) {
      const prefix = `${e.pyType}: `;
      const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
      if (e.pyType === "KeyError") {
        // The runtime reports the key's repr; KeyError's args hold the key itself.
        return this.error("KeyError", message);
      }
      return this.error(e.pyType, message);
    }
    if (e instanceof HeapMemoryError) return this.memoryError();
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return this.error("RecursionError", "maximum recursion depth exceeded");
    }
    throw e;
  }

  private memoryErrorObject = NULL;

  /** MemoryError without allocating (a preallocated instance, as CPython keeps one). */
  memoryError(): PyThrow {
    const exc = this.memoryErrorObject;
    this.rc.incref(exc);
    const type = this.slotOfExc();
    type.setRef(exc, EXC.traceback, NULL);
    return new PyThrow(exc);
  }

  /** Preallocates what MemoryError needs. */
  prepareMemoryError(): void {
    this.memoryErrorObject = this.newException(this.exc.MemoryError!, []);
  }

  /**
   * At a frame boundary: converts `e`, adds this frame's traceback entry (unless already
   * there) and returns the throwable to rethrow.
   */
  traceback(e: unknown, code: number, line: number): PyThrow {
    const t = this.toThrow(e);
    if (t.frameDone) {
      t.frameDone = false;
      return t;
    }
    this.addTraceback(t.exc, code, line);
    return t;
  }

  /** Prepends a traceback entry for `code` at `line` to exception `exc`. */
  addTraceback(exc: Address, code: number, line: number): void {
    const type = this.slotOfExc();
    const tbs = this.slot.traceback!;
    let tb: Address;
    try {
      tb = tbs.createUntracked();
    } catch {
      return;
    }
    tbs.set(tb, TRACEBACK.next, type.get(exc, EXC.traceback));
    tbs.set(tb, TRACEBACK.code, code);
    tbs.set(tb, TRACEBACK.lineno, line);
    type.set(exc, EXC.traceback, tb);
    this.core.space.track(tb);
  }

  /**
   * An except clause catches: converts `e`, adds this frame's entry, marks it done (so the
   * frame does not add it again on a re-raise) and returns the throwable.
   */
  caught(e: unknown, code: number, line: number): PyThrow {
    const t = this.toThrow(e);
    if (!t.frameDone) {
      this.addTraceback(t.exc, code, line);
      t.frameDone = true;
    }
    return t;
  }

  /** Whether exception `exc` matches `spec` (a class or a tuple of classes). */
  matches(exc: Address, spec: Address): boolean {
    const cls = this.classOf(exc);
    if (this.typeId(spec) === this.tid.tuple) {
      const n = this.tuples.length(spec);
      for (let i = 0; i < n; i++) if (this.matches(exc, this.tuples.item(spec, i))) return true;
      return false;
    }
    const target = this.classFromObject(spec);
    if (target === null || !target.isException) {
      throw this.error("TypeError", "catching classes that do not inherit from BaseException is not allowed");
    }
    return cls.isSubclassOf(target);
  }

  /** `raise x [from cause]`: steals `x` and `cause` (NULL when absent); returns the throwable. */
  raise(x: Address, cause: Address): PyThrow {
    let exc = x;
    const cls = this.classFromObject(x);
    if (cls !== null) {
      this.rc.decref(x);
      exc = this.callClass(cls, [], null);
    }
    if (!this.classOf(exc).isException) {
      this.rc.decref(exc);
      if (cause !== NULL) this.rc.decref(cause);
      return this.error("TypeError", "exceptions must derive from BaseException");
    }
    const type = this.slotOfExc();
    if (cause !== NULL) {
      let c = cause;
      const ccls = this.classFromObject(cause);
      if (ccls !== null) {
        this.rc.decref(cause);
        c = this.callClass(ccls, [], null);
      }
      if (c === this.None) {
        type.setRef(exc, EXC.cause, NULL);
      } else type.setRef(exc, EXC.cause, c);
      type.set(exc, EXC.suppressContext, 1);
    }
    return this.throwable(exc);
  }

  /** Bare `raise`: re-raises the exception being handled. */
  reraise(): PyThrow {
    const top = this.handling[this.handling.length - 1];
    if (top === undefined) return this.error("RuntimeError", "No active exception to reraise");
    this.rc.incref(top);
    const t = new PyThrow(top);
    t.frameDone = true;
    return t;
  }

  // --- attribute access ----------------------------------------------------------------------

  /** The class record behind type object `obj`, or null when `obj` is not a type object. */
  classFromObject(obj: Address): ClassInfo | null {
    if (this.typeId(obj) !== this.tid.type) return null;
    return this.classes[this.typeObjects.get(obj, TYPE.classIndex)]!;
  }

  /** Looks `name` up along `cls`'s MRO: a borrowed reference, or NULL; natives give -(index+1) via `nativeOut`. */
  lookup(cls: ClassInfo, name: string): Address {
    const mro = cls.mro;
    const hash = this.strs.hash(this.name(name));
    for (let i = 0; i < mro.length; i++) {
      const c = mro[i]!;
      if (c.dict !== NULL) {
        const v = this.dicts.getString(c.dict, name, hash);
        if (v !== NULL) return v;
      } else {
        const v = c.values.get(name);
        if (v !== undefined) return v;
      }
    }
    return NULL;
  }

  /** The native method `name` along `cls`'s MRO (index), or -1. */
  lookupNative(cls: ClassInfo, name: string): number {
    const mro = cls.mro;
    const hash = this.strs.hash(this.name(name));
    for (let i = 0; i < mro.length; i++) {
      const c = mro[i]!;
      if (c.dict !== NULL) {
        if (this.dicts.getString(c.dict, name, hash) !== NULL) return -1;
      } else {
        const m = c.methods.get(name);
        if (m !== undefined) return m;
        if (c.values.has(name)) return -1;
      }
    }
    return -1;
  }

  /** A new builtin method object binding native `impl` to `self`. */
  boundNative(impl: number, self: Address): Address {
    const t = this.slot.builtin_function!;
    const obj = t.createUntracked();
    if (self !== NULL) this.rc.incref(self);
    t.set(obj, BUILTIN_FUNCTION.self, self);
    t.set(obj, BUILTIN_FUNCTION.impl, impl);
    this.core.space.track(obj);
    return obj;
  }

  /** A new bound method object. */
  boundMethod(func: Address, self: Address): Address {
    const t = this.slot.method!;
    const obj = t.createUntracked();
    this.rc.incref(func);
    this.rc.incref(self);
    t.set(obj, METHOD.func, func);
    t.set(obj, METHOD.self, self);
    this.core.space.track(obj);
    return obj;
  }

  /** Binds a class attribute found by lookup for access through instance `obj` (descriptor protocol). */
  private bindFound(found: Address, obj: Address, cls: ClassInfo): Address {
    const t = this.typeId(found);
    if (t === this.tid.function) return this.boundMethod(found, obj);
    if (t === this.tid.staticmethod) {
      const f = this.slot.staticmethod!.get(found, STATICMETHOD.callable);
      this.rc.incref(f);
      return f;
    }
    if (t === this.tid.classmethod) {
      return this.boundMethod(this.slot.classmethod!.get(found, CLASSMETHOD.callable), cls.obj);
    }
    if (t === this.tid.property) {
      const fget = this.slot.property!.get(found, PROPERTY.fget);
      if (fget === NULL) throw this.error("AttributeError", "property has no getter");
      this.rc.incref(obj);
      return this.call(fget, [obj], null);
    }
    this.rc.incref(found);
    return found;
  }

  /** `obj.name` (new reference). @throws PyThrow AttributeError */
  getattr(obj: Address, name: string): Address {
    const r = this.getattrOrNull(obj, name);
    if (r !== NULL) return r;
    throw this.attributeError(obj, name);
  }

  attributeError(obj: Address, name: string): PyThrow {
    const cls = this.classFromObject(obj);
    if (cls !== null)
      return this.error("AttributeError", `type object '${cls.name}' has no attribute '${name}'`);
    if (this.typeId(obj) === this.tid.module) {
      const n = this.strs.value(this.slot.module!.get(obj, MODULE.name));
      return this.error("AttributeError", `module '${n}' has no attribute '${name}'`);
    }
    return this.error("AttributeError", `'${this.typeName(obj)}' object has no attribute '${name}'`);
  }

  /**
   * Zero-argument `super()` inside function `fn` whose first argument is `self`: the class
   * whose namespace holds `fn` along the MRO of `self`'s class (or of `self`, a class, in a
   * classmethod), as the `__class__` cell would name it. A new super object.
   */
  superOf(fn: Address, self: Address): Address {
    if (self === NULL) throw this.error("RuntimeError", "super(): no arguments");
    const selfClass = this.classFromObject(self);
    const start = selfClass ?? this.classOf(self);
    let owner: ClassInfo | null = null;
    for (const c of start.mro) {
      if (c.dict === NULL) continue;
      const ds = this.dicts;
      for (let ix = ds.nextEntry(c.dict, 0); ix >= 0 && owner === null; ix = ds.nextEntry(c.dict, ix + 1)) {
        let v = ds.entryValue(c.dict, ix);
        const t = this.typeId(v);
        if (t === this.tid.staticmethod || t === this.tid.classmethod)
          v = this.slot[t === this.tid.staticmethod ? "staticmethod" : "classmethod"]!.get(v, 0);
        else if (t === this.tid.property) {
          const p = this.slot.property!;
          if (p.get(v, PROPERTY.fget) === fn || p.get(v, PROPERTY.fset) === fn) v = fn;
        }
        if (v === fn) owner = c;
      }
      if (owner !== null) break;
    }
    if (owner === null) throw this.error("RuntimeError", "super(): __class__ cell not found");
    return this.makeSuper(owner, self, start);
  }

  /** A new super object (`super(owner, self)`). */
  makeSuper(owner: ClassInfo, self: Address, selfType: ClassInfo): Address {
    const t = this.slot.super!;
    const s = t.createUntracked();
    t.set(s, 0, this.ref(owner.obj));
    t.set(s, 1, this.ref(self));
    t.set(s, 2, this.ref(selfType.obj));
    this.core.space.track(s);
    return s;
  }

  /** Attribute lookup through a super object: the MRO after its class, bound to its object. */
  private superGetattr(sup: Address, name: string): Address {
    const t = this.slot.super!;
    const owner = this.classFromObject(t.get(sup, 0))!;
    const self = t.get(sup, 1);
    const selfType = this.classFromObject(t.get(sup, 2))!;
    const mro = selfType.mro;
    const hash = this.strs.hash(this.name(name));
    for (let i = mro.indexOf(owner) + 1; i < mro.length; i++) {
      const c = mro[i]!;
      if (c.dict !== NULL) {
        const v = this.dicts.getString(c.dict, name, hash);
        if (v === NULL) continue;
        const vt = this.typeId(v);
        if (vt === this.tid.function)
          return this.classFromObject(self) !== null ? this.ref(v) : this.boundMethod(v, self);
        if (vt === this.tid.classmethod)
          return this.boundMethod(this.slot.classmethod!.get(v, 0), selfType.obj);
        if (vt === this.tid.staticmethod) return this.ref(this.slot.staticmethod!.get(v, 0));
        if (vt === this.tid.property) return this.bindFound(v, self, selfType);
        return this.ref(v);
      }
      const m = c.methods.get(name);
      if (m !== undefined) return this.boundNative(m, self);
      const v = c.values.get(name);
      if (v !== undefined) return this.ref(v);
    }
    throw this.error("AttributeError", `'super' object has no attribute '${name}'`);
  }

  /** `obj.name` (new reference) or NULL when missing. */
  getattrOrNull(obj: Address, name: string): Address {
    const tid = this.typeId(obj);
    const cls = this.classOfTid[tid]!;
    if (tid === this.tid.super) return this.superGetattr(obj, name);
    if (tid === this.tid.module) {
      const d = this.slot.module!.get(obj, MODULE.dict);
      const v = this.dicts.getString(d, name, this.strs.hash(this.name(name)));
      if (v !== NULL) {
        this.rc.incref(v);
        return v;
      }
      if (name === "__dict__") {
        this.rc.incref(d);
        return d;
      }
      return NULL;
    }
    if (tid === this.tid.type) return this.classGetattr(this.classFromObject(obj)!, name);
    const found = this.lookup(cls, name);
    if (found !== NULL && this.typeId(found) === this.tid.property) return this.bindFound(found, obj, cls);
    const type = cls.instanceType;
    if (type instanceof UserInstanceType && type.typeId === tid) {
      const v = type.getAttr(obj, name);
      if (v !== NULL) {
        this.rc.incref(v);
        return v;
      }
      if (name === "__dict__") {
        const d = type.materialize(obj);
        this.rc.incref(d);
        return d;
      }
    } else if (cls.exceptionLayout) {
      const v = this.exceptionAttr(obj, name);
      if (v !== NULL) return v;
    }
    if (found !== NULL) return this.bindFound(found, obj, cls);
    const native = this.lookupNative(cls, name);
    if (native >= 0) return this.boundNative(native, obj);
    if (name === "__class__") {
      this.rc.incref(cls.obj);
      return cls.obj;
    }
    const fallback = this.specialAttr(obj, tid, name);
    if (fallback !== NULL) return fallback;
    const ga = this.lookup(cls, "__getattr__");
    if (ga !== NULL) {
      this.rc.incref(obj);
      return this.callFunctionWith(ga, [obj, this.strPlus(name)]);
    }
    return NULL;
  }

  private strPlus(s: string): Address {
    return this.str(s);
  }

  private callFunctionWith(f: Address, args: Address[]): Address {
    return this.call(f, args, null);
  }

  /** Attributes of functions, methods and other interpreter objects (`__name__`, `__self__`, ...). */
  private specialAttr(obj: Address, tid: number, name: string): Address {
    const T = this.tid;
    let v = NULL;
    if (tid === T.function) {
      const f = this.slot.function!;
      if (name === "__name__") v = f.get(obj, FUNCTION.name);
      else if (name === "__qualname__") v = f.get(obj, FUNCTION.qualname);
      else if (name === "__globals__") v = f.get(obj, FUNCTION.globals);
      else if (name === "__module__") v = f.get(obj, FUNCTION.module);
      else if (name === "__defaults__") v = f.get(obj, FUNCTION.defaults) || this.None;
      else if (name === "__kwdefaults__") v = f.get(obj, FUNCTION.kwdefaults) || this.None;
      else if (name === "__code__") v = this.None;
      else if (name === "__closure__") v = f.get(obj, FUNCTION.closure) || this.None;
      else if (name === "__doc__") v = f.get(obj, FUNCTION.doc) || this.None;
      else if (name === "__dict__") {
        v = f.get(obj, FUNCTION.dict);
        if (v === NULL) {
          v = this.dicts.create();
          f.set(obj, FUNCTION.dict, v);
        }
      } else {
        const d = f.get(obj, FUNCTION.dict);
        if (d !== NULL) v = this.dicts.getString(d, name, this.strs.hash(this.name(name)));
      }
    } else if (tid === T.method) {
      const m = this.slot.method!;
      if (name === "__self__") v = m.get(obj, METHOD.self);
      else if (name === "__func__") v = m.get(obj, METHOD.func);
      else return this.getattrOrNull(m.get(obj, METHOD.func), name);
    } else if (tid === T.builtin_function) {
      if (name === "__name__")
        return this.str(this.nativeNames[this.slot.builtin_function!.get(obj, BUILTIN_FUNCTION.impl)]!);
      if (name === "__self__") v = this.slot.builtin_function!.get(obj, BUILTIN_FUNCTION.self) || this.None;
    } else if (tid === T.cell && name === "cell_contents") {
      v = this.slot.cell!.get(obj, CELL.contents);
      if (v === NULL) throw this.error("ValueError", "Cell is empty");
    } else if (tid === T.generator) {
      if (name === "__name__") v = this.slot.generator!.get(obj, GENERATOR.name);
      else if (name === "__qualname__") v = this.slot.generator!.get(obj, GENERATOR.qualname);
    } else if (tid === T.traceback) {
      const tb = this.slot.traceback!;
      if (name === "tb_next") v = tb.get(obj, TRACEBACK.next) || this.None;
      else if (name === "tb_lineno") return this.int(tb.get(obj, TRACEBACK.lineno));
    } else if (tid === T.range) {
      const r = this.slot.range!;
      if (name === "start") v = r.get(obj, RANGE.start);
      else if (name === "stop") v = r.get(obj, RANGE.stop);
      else if (name === "step") v = r.get(obj, RANGE.step);
    } else if (tid === T.property) {
      const p = this.slot.property!;
      if (name === "fget") v = p.get(obj, PROPERTY.fget) || this.None;
      else if (name === "fset") v = p.get(obj, PROPERTY.fset) || this.None;
    } else if (tid === T.int || tid === T.bool) {
      if (name === "real" || name === "numerator") v = obj;
      else if (name === "imag") return this.int(0);
      else if (name === "denominator") return this.int(1);
    } else if (tid === T.float) {
      if (name === "real") v = obj;
      else if (name === "imag") return this.float(0);
    }
    if (v !== NULL) this.rc.incref(v);
    return v;
  }

  /** Attributes stored in an exception object's words, then its dict. */
  private exceptionAttr(obj: Address, name: string): Address {
    const t = this.slotOfExc();
    let v = NULL;
    switch (name) {
      case "args":
        v = t.get(obj, EXC.args);
        break;
      case "__traceback__":
        v = t.get(obj, EXC.traceback) || this.None;
        break;
      case "__context__":
        v = t.get(obj, EXC.context) || this.None;
        break;
      case "__cause__":
        v = t.get(obj, EXC.cause) || this.None;
        break;
      case "__suppress_context__":
        v = this.bool(t.get(obj, EXC.suppressContext) !== 0);
        break;
      case "__dict__": {
        v = t.get(obj, EXC.dict);
        if (v === NULL) {
          v = this.dicts.create();
          t.set(obj, EXC.dict, v);
        }
        break;
      }
      default: {
        const d = t.get(obj, EXC.dict);
        if (d !== NULL) v = this.dicts.getString(d, name, this.strs.hash(this.name(name)));
        if (v === NULL && name === "value" && this.classOf(obj).isSubclassOf(this.exc.StopIteration!)) {
          const args = t.get(obj, EXC.args);
          v = this.tuples.length(args) > 0 ? this.tuples.item(args, 0) : this.None;
        }
        if (v === NULL && name === "code" && this.classOf(obj).isSubclassOf(this.exc.SystemExit!)) {
          const args = t.get(obj, EXC.args);
          v = this.tuples.length(args) > 0 ? this.tuples.item(args, 0) : this.None;
        }
      }
    }
    if (v !== NULL) this.rc.incref(v);
    return v;
  }

  /** Attribute of a class object. */
  private classGetattr(cls: ClassInfo, name: string): Address {
    if (name === "__dict__" && cls.dict !== NULL) return this.ref(cls.dict);
    const found = this.lookup(cls, name);
    if (found !== NULL) {
      const t = this.typeId(found);
      if (t === this.tid.staticmethod) {
        const f = this.slot.staticmethod!.get(found, STATICMETHOD.callable);
        this.rc.incref(f);
        return f;
      }
      if (t === this.tid.classmethod)
        return this.boundMethod(this.slot.classmethod!.get(found, CLASSMETHOD.callable), cls.obj);
      this.rc.incref(found);
      return found;
    }
    const native = this.lookupNative(cls, name);
    if (native >= 0) {
      const f = this.boundNative(native, NULL);
      this.slot.builtin_function!.set(f, UNBOUND_WORD, 1);
      return f;
    }
    const tobj = this.typeObjects;
    let v = NULL;
    if (name === "__name__") v = tobj.get(cls.obj, TYPE.name);
    else if (name === "__qualname__") v = tobj.get(cls.obj, TYPE.qualname);
    else if (name === "__module__") v = tobj.get(cls.obj, TYPE.module);
    else if (name === "__mro__") v = tobj.get(cls.obj, TYPE.mro);
    else if (name === "__bases__") v = tobj.get(cls.obj, TYPE.bases);
    else if (name === "__dict__") v = cls.dict;
    else if (name === "__base__") v = cls.bases[0]?.obj ?? this.None;
    else if (name === "__class__") v = this.classes[0]!.obj;
    if (v !== NULL) this.rc.incref(v);
    return v;
  }

  /** `obj.name = value`, stealing `value`. */
  setattr(obj: Address, name: string, value: Address): void {
    const tid = this.typeId(obj);
    const cls = this.classOfTid[tid]!;
    if (tid !== this.tid.type) {
      const found = this.lookup(cls, name);
      if (found !== NULL && this.typeId(found) === this.tid.property) {
        const fset = this.slot.property!.get(found, PROPERTY.fset);
        if (fset === NULL) {
          this.rc.decref(value);
          throw this.error("AttributeError", `can't set attribute '${name}'`);
        }
        this.rc.incref(obj);
        this.rc.decref(this.call(fset, [obj, value], null));
        return;
      }
    }
    const type = cls.instanceType;
    if (type instanceof UserInstanceType && type.typeId === tid) {
      type.setAttr(obj, name, value);
      return;
    }
    let dict = NULL;
    if (tid === this.tid.type) dict = this.classFromObject(obj)!.dict;
    else if (tid === this.tid.module) dict = this.slot.module!.get(obj, MODULE.dict);
    else if (cls.exceptionLayout) {
      const t = this.slotOfExc();
      if (name === "__traceback__") {
        t.setRef(obj, EXC.traceback, this.noneToNull(value));
        return;
      }
      if (name === "__cause__") {
        t.setRef(obj, EXC.cause, this.noneToNull(value));
        t.set(obj, EXC.suppressContext, 1);
        return;
      }
      if (name === "__context__") {
        t.setRef(obj, EXC.context, this.noneToNull(value));
        return;
      }
      if (name === "args") {
        const tuple = this.toTuple(value);
        this.rc.decref(value);
        t.setRef(obj, EXC.args, tuple);
        return;
      }
      dict = t.get(obj, EXC.dict);
      if (dict === NULL) {
        dict = this.dicts.create();
        t.set(obj, EXC.dict, dict);
      }
    } else if (tid === this.tid.function) {
      const f = this.slot.function!;
      dict = f.get(obj, FUNCTION.dict);
      if (dict === NULL) {
        dict = this.dicts.create();
        f.set(obj, FUNCTION.dict, dict);
      }
    }
    if (
      dict === NULL ||
      (tid === this.tid.type && cls.kind === "builtin" && this.classFromObject(obj)!.kind === "builtin")
    ) {
      this.rc.decref(value);
      if (tid === this.tid.type) {
        throw this.error(
          "TypeError",
          `cannot set '${name}' attribute of immutable type '${this.classFromObject(obj)!.name}'`,
        );
      }
      throw this.error("AttributeError", `'${cls.name}' object has no attribute '${name}'`);
    }
    const key = this.name(name);
    this.rc.incref(key);
    this.dicts.setItem(dict, key, value);
  }

  /** `del obj.name`. */
  delattr(obj: Address, name: string): void {
    const tid = this.typeId(obj);
    const cls = this.classOfTid[tid]!;
    const type = cls.instanceType;
    if (type instanceof UserInstanceType && type.typeId === tid) {
      try {
        type.delAttr(obj, name);
      } catch {
        throw this.error("AttributeError", `'${cls.name}' object has no attribute '${name}'`);
      }
      return;
    }
    let dict = NULL;
    if (tid === this.tid.type) dict = this.classFromObject(obj)!.dict;
    else if (tid === this.tid.module) dict = this.slot.module!.get(obj, MODULE.dict);
    else if (cls.exceptionLayout) dict = this.slotOfExc().get(obj, EXC.dict);
    const removed = dict === NULL ? NULL : this.dicts.popItem(dict, this.name(name));
    if (removed === NULL) throw this.attributeError(obj, name);
    this.rc.decref(removed);
  }

  // --- calls -------------------------------------------------------------------------------

  /** `f()` (new reference). */
  call0(f: Address): Address {
    if (this.typeId(f) === this.tid.function) {
      const code = this.codes[this.slot.function!.get(f, FUNCTION.code)]!;
      if (code.fastArgc === 0) {
        return code.run(f) as Address;
      }
    }
    return this.call(f, [], null);
  }

  /** `f(a)`, stealing `a`. */
  call1(f: Address, a: Address): Address {
    if (this.typeId(f) === this.tid.function) {
      const code = this.codes[this.slot.function!.get(f, FUNCTION.code)]!;
      if (code.fastArgc === 1) {
        return code.run(f, a) as Address;
      }
    }
    return this.call(f, [a], null);
  }

  /** `f(a, b)`, stealing both. */
  call2(f: Address, a: Address, b: Address): Address {
    if (this.typeId(f) === this.tid.function) {
      const code = this.codes[this.slot.function!.get(f, FUNCTION.code)]!;
      if (code.fastArgc === 2) {
        return code.run(f, a, b) as Address;
      }
    }
    return this.call(f, [a, b], null);
  }

  /** `f(*args, **kw)`: `args` and keyword values are stolen. */
  call(f: Address, args: Address[], kw: Keywords | null): Address {
    const tid = this.typeId(f);
    const T = this.tid;
    if (tid === T.function) return this.callFunction(f, args, kw);
    if (tid === T.method) {
      const m = this.slot.method!;
      const self = m.get(f, METHOD.self);
      this.rc.incref(self);
      args.unshift(self);
      return this.call(m.get(f, METHOD.func), args, kw);
    }
    if (tid === T.builtin_function) {
      const b = this.slot.builtin_function!;
      const impl = this.natives[b.get(f, BUILTIN_FUNCTION.impl)]!;
      let self = b.get(f, BUILTIN_FUNCTION.self);
      if (b.get(f, UNBOUND_WORD) === 1) {
        if (args.length === 0) {
          this.releaseArgs(args, kw);
          throw this.error(
            "TypeError",
            `unbound method ${this.nativeNames[b.get(f, BUILTIN_FUNCTION.impl)]}() needs an argument`,
          );
        }
        self = args[0]!;
        args = args.slice(1);
        this.rc.decref(self);
      }
      try {
        return impl(self, args, kw);
      } finally {
        this.releaseArgs(args, kw);
      }
    }
    if (tid === T.type) return this.callClass(this.classFromObject(f)!, args, kw);
    if (tid === T.weakref) {
      this.releaseArgs(args, kw);
      const target = this.core.weakrefs.referent(f);
      const r = target === NULL ? this.None : target;
      this.rc.incref(r);
      return r;
    }
    const cls = this.classOfTid[tid]!;
    const callMeth = cls.kind !== "builtin" ? this.lookup(cls, "__call__") : NULL;
    if (callMeth !== NULL) {
      this.rc.incref(f);
      args.unshift(f);
      return this.call(callMeth, args, kw);
    }
    this.releaseArgs(args, kw);
    throw this.error("TypeError", `'${cls.name}' object is not callable`);
  }

  /** Drops the references of arguments a native function borrowed. */
  releaseArgs(args: readonly Address[], kw: Keywords | null): void {
    for (let i = 0; i < args.length; i++) this.rc.decref(args[i]!);
    if (kw !== null) for (const v of kw.values) this.rc.decref(v);
  }

  /** `obj.name(*args)`: without allocating a bound method when the attribute is a method (LOAD_METHOD). */
  callMethod(obj: Address, name: string, args: Address[], kw: Keywords | null): Address {
    const tid = this.typeId(obj);
    if (tid !== this.tid.type && tid !== this.tid.module) {
      const cls = this.classOfTid[tid]!;
      if (cls.kind === "builtin" && !cls.exceptionLayout) {
        const native = this.lookupNative(cls, name);
        if (native >= 0) {
          try {
            return this.natives[native]!(obj, args, kw);
          } finally {
            this.releaseArgs(args, kw);
          }
        }
      } else {
        const found = this.lookup(cls, name);
        if (found !== NULL && this.typeId(found) === this.tid.function) {
          const type = cls.instanceType;
          const shadow =
            type instanceof UserInstanceType && type.typeId === tid ? type.getAttr(obj, name) : NULL;
          if (shadow === NULL) {
            this.rc.incref(obj);
            args.unshift(obj);
            return this.callFunction(found, args, kw);
          }
        }
      }
    }
    let f: Address;
    try {
      f = this.getattr(obj, name);
    } catch (e) {
      this.releaseArgs(args, kw);
      throw e;
    }
    try {
      return this.call(f, args, kw);
    } finally {
      this.rc.decref(f);
    }
  }

  /** Calls a Python function: binds arguments to its parameters (stealing them). */
  callFunction(f: Address, args: Address[], kw: Keywords | null): Address {
    const fs = this.slot.function!;
    const code = this.codes[fs.get(f, FUNCTION.code)]!;
    const locals = this.bind(f, code, args, kw);
    if (code.generator) return this.makeGenerator(f, code, locals);
    switch (locals.length) {
      case 0:
        return code.run(f) as Address;
      case 1:
        return code.run(f, locals[0]!) as Address;
      case 2:
        return code.run(f, locals[0]!, locals[1]!) as Address;
      case 3:
        return code.run(f, locals[0]!, locals[1]!, locals[2]!) as Address;
      default:
        return code.run(f, ...locals) as Address;
    }
  }

  /** Parameter binding (CPython's `initialize_locals`): the parameter values in slot order. */
  private bind(f: Address, code: CodeInfo, args: Address[], kw: Keywords | null): Address[] {
    const np = code.params.length;
    const nk = code.kwonly.length;
    const total = np + nk + (code.varargs !== null ? 1 : 0) + (code.varkw !== null ? 1 : 0);
    const locals: Address[] = new Array(total).fill(NULL);
    const fail = (message: string): PyThrow => {
      for (const l of locals) if (l !== NULL) this.rc.decref(l);
      for (let i = Math.min(args.length, np); i < args.length; i++)
        if (code.varargs === null) this.rc.decref(args[i]!);
      if (kw !== null) for (const v of kw.values) if (v !== NULL) this.rc.decref(v);
      return this.error("TypeError", message);
    };
    const n = Math.min(args.length, np);
    for (let i = 0; i < n; i++) locals[i] = args[i]!;
    if (args.length > np) {
      if (code.varargs === null) {
        const given = args.length;
        const defaults = fs(this, f, FUNCTION.defaults);
        const nd = defaults === NULL ? 0 : this.tuples.length(defaults);
        const takes = nd > 0 ? `from ${np - nd} to ${np}` : `${np}`;
        throw fail(
          `${code.qualname}() takes ${takes} positional argument${np === 1 && nd === 0 ? "" : "s"} but ${given} ${given === 1 ? "was" : "were"} given`,
        );
      }
      locals[np + nk] = this.tuples.create(args.slice(np));
    } else if (code.varargs !== null) {
      this.rc.incref(this.tuples.empty);
      locals[np + nk] = this.tuples.empty;
    }
    let kwdict = NULL;
    if (code.varkw !== null) {
      kwdict = this.dicts.create();
      locals[total - 1] = kwdict;
    }
    if (kw !== null) {
      for (let k = 0; k < kw.names.length; k++) {
        const name = kw.names[k]!;
        let ix = code.params.indexOf(name);
        if (ix < 0) {
          const j = code.kwonly.indexOf(name);
          if (j >= 0) ix = np + j;
        }
        if (ix < 0) {
          if (kwdict !== NULL) {
            const key = this.name(name);
            this.rc.incref(key);
            this.dicts.setItem(kwdict, key, kw.values[k]!);
            kw.values[k] = NULL;
            continue;
          }
          throw fail(`${code.qualname}() got an unexpected keyword argument '${name}'`);
        }
        if (locals[ix] !== NULL) throw fail(`${code.qualname}() got multiple values for argument '${name}'`);
        locals[ix] = kw.values[k]!;
        kw.values[k] = NULL;
      }
    }
    if (n < np || nk > 0) {
      const defaults = fs(this, f, FUNCTION.defaults);
      const nd = defaults === NULL ? 0 : this.tuples.length(defaults);
      const missing: string[] = [];
      for (let i = n; i < np; i++) {
        if (locals[i] !== NULL) continue;
        const d = i - (np - nd);
        if (d >= 0) {
          const v = this.tuples.item(defaults, d);
          this.rc.incref(v);
          locals[i] = v;
        } else missing.push(code.params[i]!);
      }
      if (missing.length > 0) {
        const names = missing.map((m) => `'${m}'`);
        const list =
          names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
        throw fail(
          `${code.qualname}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${list}`,
        );
      }
      const kwdefaults = fs(this, f, FUNCTION.kwdefaults);
      const kmissing: string[] = [];
      for (let j = 0; j < nk; j++) {
        if (locals[np + j] !== NULL) continue;
        const name = code.kwonly[j]!;
        const v =
          kwdefaults === NULL
            ? NULL
            : this.dicts.getString(kwdefaults, name, this.strs.hash(this.name(name)));
        if (v === NULL) kmissing.push(name);
        else {
          this.rc.incref(v);
          locals[np + j] = v;
        }
      }
      if (kmissing.length > 0) {
        const names = kmissing.map((m) => `'${m}'`);
        const list =
          names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
        throw fail(
          `${code.qualname}() missing ${kmissing.length} required keyword-only argument${kmissing.length === 1 ? "" : "s"}: ${list}`,
        );
      }
    }
    return locals;
  }

  /** `C(*args, **kw)`: builtin constructors, or a new instance and `__init__`. */
  callClass(cls: ClassInfo, args: Address[], kw: Keywords | null): Address {
    if (cls.kind === "builtin" && cls.construct !== null && !cls.exceptionLayout) {
      try {
        return cls.construct(cls.obj, args, kw);
      } finally {
        this.releaseArgs(args, kw);
      }
    }
    let obj: Address;
    if (cls.exceptionLayout) {
      for (const a of args) this.rc.incref(a);
      obj = this.newException(cls, args.slice());
    } else if (cls.instanceType instanceof UserInstanceType) obj = cls.instanceType.create();
    else if (cls === this.builtinClasses.get("object")) {
      this.releaseArgs(args, kw);
      return this.slot.object!.create();
    } else {
      this.releaseArgs(args, kw);
      throw this.error("TypeError", `cannot create '${cls.name}' instances`);
    }
    const init = cls.kind === "builtin" ? NULL : this.lookup(cls, "__init__");
    if (init !== NULL && this.typeId(init) === this.tid.function) {
      this.rc.incref(obj);
      args.unshift(obj);
      let r: Address;
      try {
        r = this.callFunction(init, args, kw);
      } catch (e) {
        this.rc.decref(obj);
        throw e;
      }
      if (r !== this.None) {
        this.rc.decref(r);
        this.rc.decref(obj);
        throw this.error("TypeError", `__init__() should return None, not '${this.typeName(r)}'`);
      }
      return obj;
    }
    if (!cls.exceptionLayout && (args.length > 0 || (kw !== null && kw.names.length > 0))) {
      this.releaseArgs(args, kw);
      this.rc.decref(obj);
      throw this.error("TypeError", `${cls.name}() takes no arguments`);
    }
    this.releaseArgs(args, kw);
    return obj;
  }

  // --- functions, cells, generators ------------------------------------------------------

  /** Registers compiled code; returns its index. */
  addCode(code: CodeInfo): number {
    this.codes.push(code);
    return this.codes.length - 1;
  }

  /**
   * A new function object for code `codeIndex` (`defaults`, `kwdefaults`, `closure`
   * stolen, NULL when absent; `globals` borrowed).
   */
  makeFunction(
    codeIndex: number,
    globals: Address,
    defaults: Address,
    kwdefaults: Address,
    closure: Address,
  ): Address {
    const code = this.codes[codeIndex]!;
    const t = this.slot.function!;
    const f = t.createUntracked();
    this.rc.incref(globals);
    t.set(f, FUNCTION.globals, globals);
    const name = this.name(code.name);
    this.rc.incref(name);
    t.set(f, FUNCTION.name, name);
    t.set(f, FUNCTION.qualname, this.str(code.qualname));
    t.set(f, FUNCTION.defaults, defaults);
    t.set(f, FUNCTION.kwdefaults, kwdefaults);
    t.set(f, FUNCTION.closure, closure);
    const modName = this.dicts.getString(globals, "__name__", this.strs.hash(this.name("__name__")));
    if (modName !== NULL) this.rc.incref(modName);
    t.set(f, FUNCTION.module, modName);
    t.set(f, FUNCTION.code, codeIndex);
    this.core.space.track(f);
    return f;
  }

  /** The globals dict of function `f` (borrowed). */
  globalsOf(f: Address): Address {
    return this.slot.function!.get(f, FUNCTION.globals);
  }

  /** Cell `i` of function `f`'s closure (borrowed). */
  closureCell(f: Address, i: number): Address {
    return this.tuples.item(this.slot.function!.get(f, FUNCTION.closure), i);
  }

  /** A new cell holding `v` (stolen; NULL for empty). */
  makeCell(v: Address): Address {
    const c = this.slot.cell!.createUntracked();
    this.slot.cell!.set(c, CELL.contents, v);
    this.core.space.track(c);
    return c;
  }

  /** The contents of a cell (new reference). @throws NameError when empty */
  cellGet(c: Address, name: string): Address {
    const v = this.slot.cell!.get(c, CELL.contents);
    if (v === NULL)
      throw this.error(
        "NameError",
        `cannot access free variable '${name}' where it is not associated with a value in enclosing scope`,
      );
    this.rc.incref(v);
    return v;
  }

  /** Stores `v` (stolen) in a cell. */
  cellSet(c: Address, v: Address): void {
    this.slot.cell!.setRef(c, CELL.contents, v);
  }

  /** A generator object for a call of generator code (locals stolen). */
  private makeGenerator(f: Address, code: CodeInfo, locals: Address[]): Address {
    const it = code.run(f, ...locals) as Generator<number, number, number>;
    const t = this.slot.generator!;
    const g = t.createUntracked(code.frameSize);
    const name = this.name(code.name);
    this.rc.incref(name);
    t.set(g, GENERATOR.name, name);
    t.set(g, GENERATOR.qualname, this.str(code.qualname));
    t.set(g, GENERATOR.func, this.ref(f));
    const index = this.freeGenFrames.pop() ?? this.genFrames.length;
    this.genFrames[index] = { it, running: false, done: false };
    t.set(g, GENERATOR.frame, index);
    this.core.space.track(g);
    return g;
  }

  private releaseGenFrame(g: Address): void {
    const index = this.slot.generator!.get(g, GENERATOR.frame);
    const frame = this.genFrames[index];
    if (frame === undefined) return;
    this.genFrames[index] = undefined;
    this.freeGenFrames.push(index);
    if (!frame.done && !frame.running) {
      frame.done = true;
      try {
        frame.it.return(NULL);
      } catch {
        // A generator closed at deallocation reports nothing.
      }
    }
  }

  /** Resumes generator `g` with `sent` (stolen): the next value (new reference) or NULL when done (its return value in `lastReturn`). */
  genSend(g: Address, sent: Address): Address {
    const index = this.slot.generator!.get(g, GENERATOR.frame);
    const frame = this.genFrames[index]!;
    if (frame.done) {
      if (sent !== NULL) this.rc.decref(sent);
      this.lastReturn = NULL;
      return NULL;
    }
    if (frame.running) throw this.error("ValueError", "generator already executing");
    frame.running = true;
    if (++this.depth > this.limit) {
      this.depth--;
      frame.running = false;
      throw this.error("RecursionError", "maximum recursion depth exceeded");
    }
    let r: IteratorResult<number, number>;
    try {
      r = frame.it.next(sent);
    } catch (e) {
      frame.done = true;
      const t = this.toThrow(e);
      if (this.classOf(t.exc).isSubclassOf(this.exc.StopIteration!)) {
        this.rc.decref(t.exc);
        throw this.error("RuntimeError", "generator raised StopIteration");
      }
      throw t;
    } finally {
      this.depth--;
      frame.running = false;
    }
    if (r.done) {
      frame.done = true;
      this.lastReturn = r.value;
      return NULL;
    }
    return r.value;
  }

  /** Throws exception `exc` (stolen) into generator `g`. */
  genThrow(g: Address, exc: Address): Address {
    const index = this.slot.generator!.get(g, GENERATOR.frame);
    const frame = this.genFrames[index]!;
    if (frame.done) throw new PyThrow(exc);
    frame.running = true;
    let r: IteratorResult<number, number>;
    try {
      r = frame.it.throw(new PyThrow(exc));
    } catch (e) {
      frame.done = true;
      throw this.toThrow(e);
    } finally {
      frame.running = false;
    }
    if (r.done) {
      frame.done = true;
      this.lastReturn = r.value;
      return NULL;
    }
    return r.value;
  }

  /** `generator.close()`. */
  genClose(g: Address): void {
    const index = this.slot.generator!.get(g, GENERATOR.frame);
    const frame = this.genFrames[index]!;
    if (frame.done) return;
    frame.done = true;
    frame.it.return(NULL);
  }

  /** The return value of the last generator that finished (new reference or NULL). */
  lastReturn: Address = NULL;

  // --- iteration -----------------------------------------------------------------------------

  /** `iter(obj)` (new reference). */
  iter(obj: Address): Address {
    const tid = this.typeId(obj);
    const T = this.tid;
    const seqIter = (type: SlotType, field: number): Address => {
      const it = type.createUntracked();
      this.rc.incref(obj);
      type.set(it, field, obj);
      if (type.isContainer) this.core.space.track(it);
      return it;
    };
    if (tid === T.list) return seqIter(this.slot.list_iterator!, LIST_ITERATOR.seq);
    if (tid === T.tuple) return seqIter(this.slot.tuple_iterator!, TUPLE_ITERATOR.seq);
    if (tid === T.str) return seqIter(this.slot.str_iterator!, STR_ITERATOR.seq);
    if (tid === T.range) {
      const r = this.slot.range!;
      const start = this.toNumber(r.get(obj, RANGE.start));
      const step = this.toNumber(r.get(obj, RANGE.step));
      const len = this.toNumber(r.get(obj, RANGE.length));
      const ri = this.slot.range_iterator!;
      const it = ri.createUntracked();
      ri.set(it, RANGE_ITERATOR.start, 0);
      this.setRangeIter(it, start, step, len);
      return it;
    }
    if (tid === T.dict) return this.dictIter(obj, 0);
    if (tid === T.dict_keys || tid === T.dict_values || tid === T.dict_items) {
      return this.dictIter(
        this.slot.dict_keys!.get(obj, 0),
        tid === T.dict_keys ? 0 : tid === T.dict_values ? 1 : 2,
      );
    }
    if (tid === T.set) {
      const t = this.slot.set_iterator!;
      const it = t.createUntracked();
      this.rc.incref(obj);
      t.set(it, SET_ITERATOR.set, obj);
      t.set(it, SET_ITERATOR.len, this.sets.length(obj));
      this.core.space.track(it);
      return it;
    }
    if (
      tid === T.generator ||
      tid === T.list_iterator ||
      tid === T.tuple_iterator ||
      tid === T.str_iterator ||
      tid === T.range_iterator ||
      tid === T.dict_iterator ||
      tid === T.set_iterator ||
      tid === T.enumerate ||
      tid === T.zip ||
      tid === T.map ||
      tid === T.filter ||
      tid === T.reversed ||
      tid === T.list_reverseiterator
    ) {
      this.rc.incref(obj);
      return obj;
    }
    const cls = this.classOfTid[tid]!;
    if (cls.kind !== "builtin") {
      const m = this.lookup(cls, "__iter__");
      if (m !== NULL) {
        this.rc.incref(obj);
        return this.call(m, [obj], null);
      }
      if (this.lookup(cls, "__getitem__") !== NULL)
        return seqIter(this.slot.list_iterator!, LIST_ITERATOR.seq);
    }
    const native = this.lookupNative(cls, "__iter__");
    if (native >= 0) return this.natives[native]!(obj, [], null);
    throw this.error("TypeError", `'${cls.name}' object is not iterable`);
  }

  /** Range iterator state lives in the iterator's words (index counts up to len). */
  private setRangeIter(it: Address, start: number, step: number, len: number): void {
    const ri = this.slot.range_iterator!;
    const f64 = this.rangeState;
    const slot = ri.get(it, RANGE_ITERATOR.index);
    void slot;
    // start, step and len as doubles in the words (each word holds 8 bytes in the 64-bit layout).
    const base = (it + ri.base) >>> 3;
    if (this.core.space.w === 8) {
      const heap = this.core.space.heap.f64;
      heap[base] = start;
      heap[base + 1] = step;
      heap[base + 2] = len;
      heap[base + 3] = 0;
    } else {
      f64.set(it, [start, step, len, 0]);
    }
  }

  /** Range iterator state for the compact layout (words too small for doubles). */
  private readonly rangeState = new Map<Address, number[]>();

  /** A dict iterator over keys (0), values (1) or items (2). */
  dictIter(d: Address, kind: number): Address {
    const t = this.slot.dict_iterator!;
    const it = t.createUntracked();
    this.rc.incref(d);
    t.set(it, DICT_ITERATOR.dict, d);
    t.set(it, DICT_ITERATOR.len, this.dicts.length(d));
    t.set(it, DICT_ITERATOR.kind, kind);
    this.core.space.track(it);
    return it;
  }

  /** `next(it)`: a new reference, or NULL when exhausted (StopIteration swallowed). */
  next(it: Address): Address {
    const tid = this.typeId(it);
    const T = this.tid;
    if (tid === T.list_iterator) {
      const t = this.slot.list_iterator!;
      const seq = t.get(it, LIST_ITERATOR.seq);
      if (seq === NULL) return NULL;
      const i = t.get(it, LIST_ITERATOR.index);
      if (this.typeId(seq) !== T.list) return this.nextGetitem(it, seq, i);
      if (i < this.lists.length(seq)) {
        t.set(it, LIST_ITERATOR.index, i + 1);
        const v = this.lists.item(seq, i);
        this.rc.incref(v);
        return v;
      }
      t.set(it, LIST_ITERATOR.seq, NULL);
      this.rc.decref(seq);
      return NULL;
    }
    if (tid === T.range_iterator) {
      const ri = this.slot.range_iterator!;
      if (this.core.space.w === 8) {
        const f64 = this.core.space.heap.f64;
        const base = (it + ri.base) >>> 3;
        const index = f64[base + 3]!;
        if (index >= f64[base + 2]!) return NULL;
        f64[base + 3] = index + 1;
        return this.core.int(f64[base]! + index * f64[base + 1]!);
      }
      const s = this.rangeState.get(it)!;
      if (s[3]! >= s[2]!) return NULL;
      const v = s[0]! + s[3]! * s[1]!;
      s[3]!++;
      return this.core.int(v);
    }
    if (tid === T.tuple_iterator) {
      const t = this.slot.tuple_iterator!;
      const seq = t.get(it, TUPLE_ITERATOR.seq);
      if (seq === NULL) return NULL;
      const i = t.get(it, TUPLE_ITERATOR.index);
      if (i < this.tuples.length(seq)) {
        t.set(it, TUPLE_ITERATOR.index, i + 1);
        const v = this.tuples.item(seq, i);
        this.rc.incref(v);
        return v;
      }
      t.set(it, TUPLE_ITERATOR.seq, NULL);
      this.rc.decref(seq);
      return NULL;
    }
    if (tid === T.generator) return this.genSend(it, this.None);
    if (tid === T.str_iterator) {
      const t = this.slot.str_iterator!;
      const seq = t.get(it, STR_ITERATOR.seq);
      if (seq === NULL) return NULL;
      const i = t.get(it, STR_ITERATOR.index);
      if (i < this.strs.length(seq)) {
        t.set(it, STR_ITERATOR.index, i + 1);
        return this.strs.create(String.fromCodePoint(this.strs.codePointAt(seq, i)));
      }
      t.set(it, STR_ITERATOR.seq, NULL);
      this.rc.decref(seq);
      return NULL;
    }
    if (tid === T.dict_iterator) {
      const t = this.slot.dict_iterator!;
      const d = t.get(it, DICT_ITERATOR.dict);
      if (d === NULL) return NULL;
      if (this.dicts.length(d) !== t.get(it, DICT_ITERATOR.len)) {
        t.set(it, DICT_ITERATOR.len, -1);
        throw this.error("RuntimeError", "dictionary changed size during iteration");
      }
      const pos = t.get(it, DICT_ITERATOR.pos);
      const ix = this.dicts.nextEntry(d, pos);
      if (ix < 0) {
        t.set(it, DICT_ITERATOR.dict, NULL);
        this.rc.decref(d);
        return NULL;
      }
      t.set(it, DICT_ITERATOR.pos, ix + 1);
      const kind = t.get(it, DICT_ITERATOR.kind);
      if (kind === 0) {
        const k = this.dicts.entryKey(d, ix);
        this.rc.incref(k);
        return k;
      }
      if (kind === 1) {
        const v = this.dicts.entryValue(d, ix);
        this.rc.incref(v);
        return v;
      }
      const k = this.dicts.entryKey(d, ix);
      const v = this.dicts.entryValue(d, ix);
      this.rc.incref(k);
      this.rc.incref(v);
      return this.tuples.create([k, v]);
    }
    if (tid === T.set_iterator) {
      const t = this.slot.set_iterator!;
      const s = t.get(it, SET_ITERATOR.set);
      if (s === NULL) return NULL;
      if (this.sets.length(s) !== t.get(it, SET_ITERATOR.len)) {
        throw this.error("RuntimeError", "Set changed size during iteration");
      }
      const pos = t.get(it, SET_ITERATOR.pos);
      const elements = this.sets.elements(s);
      if (pos >= elements.length) {
        t.set(it, SET_ITERATOR.set, NULL);
        this.rc.decref(s);
        return NULL;
      }
      t.set(it, SET_ITERATOR.pos, pos + 1);
      const v = elements[pos]!;
      this.rc.incref(v);
      return v;
    }
    const cls = this.classOfTid[tid]!;
    const native = this.lookupNative(cls, "__next__");
    if (native >= 0) return this.natives[native]!(it, [], null);
    const m = this.lookup(cls, "__next__");
    if (m === NULL) throw this.error("TypeError", `'${cls.name}' object is not an iterator`);
    this.rc.incref(it);
    try {
      return this.call(m, [it], null);
    } catch (e) {
      const t = this.toThrow(e);
      if (this.classOf(t.exc).isSubclassOf(this.exc.StopIteration!)) {
        this.rc.decref(t.exc);
        return NULL;
      }
      throw t;
    }
  }

  /** Iteration through `__getitem__` until IndexError. */
  private nextGetitem(it: Address, seq: Address, i: number): Address {
    const t = this.slot.list_iterator!;
    try {
      const v = this.getitem(seq, this.int(i), true);
      t.set(it, LIST_ITERATOR.index, i + 1);
      return v;
    } catch (e) {
      const th = this.toThrow(e);
      if (
        this.classOf(th.exc).isSubclassOf(this.exc.IndexError!) ||
        this.classOf(th.exc).isSubclassOf(this.exc.StopIteration!)
      ) {
        this.rc.decref(th.exc);
        t.set(it, LIST_ITERATOR.seq, NULL);
        this.rc.decref(seq);
        return NULL;
      }
      throw th;
    }
  }

  /** `next(it)` that raises StopIteration when exhausted. */
  nextOrRaise(it: Address): Address {
    const v = this.next(it);
    if (v === NULL) {
      const r = this.lastReturn;
      this.lastReturn = NULL;
      const args = r !== NULL && r !== this.None ? [r] : [];
      if (r === this.None) this.rc.decref(r);
      throw this.throwable(this.newException(this.exc.StopIteration!, args));
    }
    return v;
  }

  /** Collects an iterable into a JS array of new references. */
  toArray(obj: Address): Address[] {
    const tid = this.typeId(obj);
    if (tid === this.tid.list || tid === this.tid.tuple) {
      const n = tid === this.tid.list ? this.lists.length(obj) : this.tuples.length(obj);
      const out: Address[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const v = tid === this.tid.list ? this.lists.item(obj, i) : this.tuples.item(obj, i);
        this.rc.incref(v);
        out[i] = v;
      }
      return out;
    }
    const it = this.iter(obj);
    const out: Address[] = [];
    try {
      for (let v = this.next(it); v !== NULL; v = this.next(it)) out.push(v);
    } catch (e) {
      for (const v of out) this.rc.decref(v);
      throw e;
    } finally {
      this.rc.decref(it);
    }
    return out;
  }

  /** A new tuple of the items of an iterable. */
  toTuple(obj: Address): Address {
    if (this.typeId(obj) === this.tid.tuple) {
      this.rc.incref(obj);
      return obj;
    }
    return this.tuples.create(this.toArray(obj));
  }

  /** Unpacks exactly `n` items (new references). */
  unpack(obj: Address, n: number): Address[] {
    const tid = this.typeId(obj);
    if (tid === this.tid.tuple || tid === this.tid.list) {
      const len = tid === this.tid.tuple ? this.tuples.length(obj) : this.lists.length(obj);
      if (len !== n) {
        if (len > n) throw this.error("ValueError", `too many values to unpack (expected ${n})`);
        throw this.error("ValueError", `not enough values to unpack (expected ${n}, got ${len})`);
      }
      return this.toArray(obj);
    }
    const it = this.iter(obj);
    const out: Address[] = [];
    try {
      for (let i = 0; i < n; i++) {
        const v = this.next(it);
        if (v === NULL)
          throw this.error("ValueError", `not enough values to unpack (expected ${n}, got ${i})`);
        out.push(v);
      }
      const extra = this.next(it);
      if (extra !== NULL) {
        this.rc.decref(extra);
        throw this.error("ValueError", `too many values to unpack (expected ${n})`);
      }
    } catch (e) {
      for (const v of out) this.rc.decref(v);
      throw e;
    } finally {
      this.rc.decref(it);
    }
    return out;
  }

  /** Unpacks with a starred target: `before` items, a list of the rest, `after` items. */
  unpackStar(obj: Address, before: number, after: number): Address[] {
    const all = this.toArray(obj);
    if (all.length < before + after) {
      for (const v of all) this.rc.decref(v);
      throw this.error(
        "ValueError",
        `not enough values to unpack (expected at least ${before + after}, got ${all.length})`,
      );
    }
    const mid = this.lists.create(all.slice(before, all.length - after));
    return [...all.slice(0, before), mid, ...all.slice(all.length - after)];
  }

  // --- numbers -------------------------------------------------------------------------------

  /** A JS number for an int or bool object (may lose precision for big ints). */
  toNumber(obj: Address): number {
    const tid = this.typeId(obj);
    if (tid === this.tid.float) return this.floats.value(obj);
    if (this.ints.isSafe(obj)) return this.ints.numberValue(obj);
    return Number(this.ints.value(obj));
  }

  /** Whether `obj` is an int or bool. */
  isInt(obj: Address): boolean {
    const t = this.typeId(obj);
    return t === this.tid.int || t === this.tid.bool;
  }

  /** A machine-sized index from an int object. @throws TypeError for other objects */
  index(obj: Address, what = "indices"): number {
    const t = this.typeId(obj);
    if (t !== this.tid.int && t !== this.tid.bool) {
      const m = this.classOf(obj).kind !== "builtin" ? this.lookup(this.classOf(obj), "__index__") : NULL;
      if (m !== NULL) {
        this.rc.incref(obj);
        const r = this.call(m, [obj], null);
        try {
          return this.index(r, what);
        } finally {
          this.rc.decref(r);
        }
      }
      throw this.error("TypeError", `${what} must be integers or slices, not ${this.typeName(obj)}`);
    }
    if (this.ints.isSafe(obj)) return this.ints.numberValue(obj);
    throw this.error("IndexError", "cannot fit 'int' into an index-sized integer");
  }

  /** The bigint value of an int. */
  bigValue(obj: Address): bigint {
    return this.ints.value(obj);
  }

  // --- output --------------------------------------------------------------------------------

  /** Writes to stdout. */
  write(text: string): void {
    this.options.stdout(text);
  }

  /** Python `repr()` as a JS string. */
  reprOf(obj: Address): string {
    const tid = this.typeId(obj);
    const T = this.tid;
    if (tid === T.int || tid === T.str || tid === T.none || tid === T.bool || tid === T.bytes)
      return this.core.repr(obj);
    if (tid === T.float) return floatRepr(this.floats.value(obj));
    if (tid === T.str) return strRepr(this.strs.value(obj));
    if (tid === T.list || tid === T.tuple || tid === T.dict || tid === T.set)
      return this.containerRepr(obj, tid);
    return this.objectRepr(obj, tid);
  }

  private readonly reprActive = new Set<Address>();

  private containerRepr(obj: Address, tid: number): string {
    const T = this.tid;
    if (this.reprActive.has(obj)) return tid === T.list ? "[...]" : tid === T.dict ? "{...}" : "...";
    this.reprActive.add(obj);
    try {
      if (tid === T.list) {
        const parts: string[] = [];
        for (let i = 0; i < this.lists.length(obj); i++) parts.push(this.reprOf(this.lists.item(obj, i)));
        return `[${parts.join(", ")}]`;
      }
      if (tid === T.tuple) {
        const n = this.tuples.length(obj);
        const parts: string[] = [];
        for (let i = 0; i < n; i++) parts.push(this.reprOf(this.tuples.item(obj, i)));
        return n === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
      }
      if (tid === T.dict) {
        const parts: string[] = [];
        const d = this.dicts;
        for (let ix = d.nextEntry(obj, 0); ix >= 0; ix = d.nextEntry(obj, ix + 1)) {
          parts.push(`${this.reprOf(d.entryKey(obj, ix))}: ${this.reprOf(d.entryValue(obj, ix))}`);
        }
        return `{${parts.join(", ")}}`;
      }
      const items = this.sets.elements(obj);
      if (items.length === 0) return "set()";
      return `{${items.map((v) => this.reprOf(v)).join(", ")}}`;
    } finally {
      this.reprActive.delete(obj);
    }
  }

  private objectRepr(obj: Address, tid: number): string {
    const T = this.tid;
    const cls = this.classOfTid[tid]!;
    if (cls.kind !== "builtin") {
      const m = this.lookup(cls, "__repr__");
      if (m !== NULL) {
        this.rc.incref(obj);
        const r = this.call(m, [obj], null);
        try {
          if (this.typeId(r) !== T.str)
            throw this.error("TypeError", `__repr__ returned non-string (type ${this.typeName(r)})`);
          return this.strs.value(r);
        } finally {
          this.rc.decref(r);
        }
      }
    }
    if (cls.exceptionLayout) {
      const args = this.slotOfExc().get(obj, EXC.args);
      const n = this.tuples.length(args);
      const inner =
        n === 1 ? this.reprOf(this.tuples.item(args, 0)) : n === 0 ? "" : this.reprOf(args).slice(1, -1);
      return `${cls.name}(${inner})`;
    }
    const hex = `0x${obj.toString(16).padStart(12, "0")}`;
    if (tid === T.type) {
      const c = this.classFromObject(obj)!;
      return `<class '${c.module === "builtins" ? "" : `${c.module}.`}${c.qualname}'>`;
    }
    if (tid === T.function) {
      return `<function ${this.strs.value(this.slot.function!.get(obj, FUNCTION.qualname))} at ${hex}>`;
    }
    if (tid === T.method) {
      const m = this.slot.method!;
      const f = m.get(obj, METHOD.func);
      const q =
        this.typeId(f) === T.function ? this.strs.value(this.slot.function!.get(f, FUNCTION.qualname)) : "?";
      return `<bound method ${q} of ${this.reprOf(m.get(obj, METHOD.self))}>`;
    }
    if (tid === T.builtin_function) {
      const b = this.slot.builtin_function!;
      const name = this.nativeNames[b.get(obj, BUILTIN_FUNCTION.impl)]!;
      const self = b.get(obj, BUILTIN_FUNCTION.self);
      if (self === NULL) return `<built-in function ${name}>`;
      return `<built-in method ${name} of ${this.typeName(self)} object at ${`0x${self.toString(16).padStart(12, "0")}`}>`;
    }
    if (tid === T.module) {
      return `<module '${this.strs.value(this.slot.module!.get(obj, MODULE.name))}'>`;
    }
    if (tid === T.generator) {
      return `<generator object ${this.strs.value(this.slot.generator!.get(obj, GENERATOR.qualname))} at ${hex}>`;
    }
    if (tid === T.range) {
      const r = this.slot.range!;
      const step = this.toNumber(r.get(obj, RANGE.step));
      const base = `range(${this.reprOf(r.get(obj, RANGE.start))}, ${this.reprOf(r.get(obj, RANGE.stop))}`;
      return step === 1 ? `${base})` : `${base}, ${step})`;
    }
    if (tid === T.cell) {
      const v = this.slot.cell!.get(obj, CELL.contents);
      return v === NULL
        ? `<cell at ${hex}: empty>`
        : `<cell at ${hex}: ${this.typeName(v)} object at 0x${v.toString(16).padStart(12, "0")}>`;
    }
    if (tid === T.weakref) {
      const target = this.core.weakrefs.referent(obj);
      if (target === NULL) return `<weakref at ${hex}; dead>`;
      return `<weakref at ${hex}; to '${this.typeName(target)}' at 0x${target.toString(16).padStart(12, "0")}>`;
    }
    if (tid === T.dict_keys || tid === T.dict_values || tid === T.dict_items) {
      const items = this.toArray(obj);
      const text = items.map((v) => this.reprOf(v)).join(", ");
      for (const v of items) this.rc.decref(v);
      return `${cls.name}([${text}])`;
    }
    if (tid === T.slice) {
      const s = this.slot.slice!;
      return `slice(${this.reprOf(s.get(obj, SLICE.start))}, ${this.reprOf(s.get(obj, SLICE.stop))}, ${this.reprOf(s.get(obj, SLICE.step))})`;
    }
    const module = cls.module === "builtins" ? "" : `${cls.module}.`;
    return `<${module}${cls.qualname} object at ${hex}>`;
  }

  /** Python `str()` as a JS string. */
  strOf(obj: Address): string {
    const tid = this.typeId(obj);
    if (tid === this.tid.str) return this.strs.value(obj);
    const cls = this.classOfTid[tid]!;
    if (cls.kind !== "builtin") {
      const m = this.lookup(cls, "__str__");
      if (m !== NULL) {
        this.rc.incref(obj);
        const r = this.call(m, [obj], null);
        try {
          if (this.typeId(r) !== this.tid.str)
            throw this.error("TypeError", `__str__ returned non-string (type ${this.typeName(r)})`);
          return this.strs.value(r);
        } finally {
          this.rc.decref(r);
        }
      }
    }
    if (cls.exceptionLayout) {
      const args = this.slotOfExc().get(obj, EXC.args);
      const n = this.tuples.length(args);
      if (n === 0) return "";
      if (n === 1) {
        const a = this.tuples.item(args, 0);
        if (cls.isSubclassOf(this.exc.KeyError!) && this.typeId(a) !== this.tid.str) return this.reprOf(a);
        if (cls.isSubclassOf(this.exc.KeyError!)) return this.reprOf(a);
        return this.strOf(a);
      }
      return this.reprOf(args);
    }
    return this.reprOf(obj);
  }

  /** `repr(obj)` as a new str reference. */
  repr(obj: Address): Address {
    return this.str(this.reprOf(obj));
  }

  /** `str(obj)` as a new str reference (the object itself for a str). */
  strObj(obj: Address): Address {
    if (this.typeId(obj) === this.tid.str) {
      this.rc.incref(obj);
      return obj;
    }
    return this.str(this.strOf(obj));
  }

  // --- hashing and truth ---------------------------------------------------------------------

  /** `bool(obj)`. */
  truthy(obj: Address): boolean {
    if (obj === this.True) return true;
    if (obj === this.False || obj === this.None) return false;
    const tid = this.typeId(obj);
    const T = this.tid;
    if (tid === T.int) return this.ints.signedSize(obj) !== 0;
    if (tid === T.float) return this.floats.value(obj) !== 0;
    if (tid === T.str) return this.strs.length(obj) !== 0;
    if (tid === T.list) return this.lists.length(obj) !== 0;
    if (tid === T.tuple) return this.tuples.length(obj) !== 0;
    if (tid === T.dict) return this.dicts.length(obj) !== 0;
    if (tid === T.set) return this.sets.length(obj) !== 0;
    if (tid === T.bytes) return this.core.bytesType.length(obj) !== 0;
    if (tid === T.range) return this.toNumber(this.slot.range!.get(obj, RANGE.length)) !== 0;
    const cls = this.classOfTid[tid]!;
    if (cls.kind !== "builtin") {
      const b = this.lookup(cls, "__bool__");
      if (b !== NULL) {
        this.rc.incref(obj);
        const r = this.call(b, [obj], null);
        this.rc.decref(r);
        if (r !== this.True && r !== this.False)
          throw this.error("TypeError", `__bool__ should return bool, returned ${this.typeName(r)}`);
        return r === this.True;
      }
      const l = this.lookup(cls, "__len__");
      if (l !== NULL) return this.len(obj) !== 0;
    }
    return true;
  }

  /** `len(obj)`. */
  len(obj: Address): number {
    const tid = this.typeId(obj);
    const T = this.tid;
    if (tid === T.list) return this.lists.length(obj);
    if (tid === T.tuple) return this.tuples.length(obj);
    if (tid === T.str) return this.strs.length(obj);
    if (tid === T.dict) return this.dicts.length(obj);
    if (tid === T.set) return this.sets.length(obj);
    if (tid === T.bytes) return this.core.bytesType.length(obj);
    if (tid === T.range) return this.toNumber(this.slot.range!.get(obj, RANGE.length));
    if (tid === T.dict_keys || tid === T.dict_values || tid === T.dict_items)
      return this.dicts.length(this.slot.dict_keys!.get(obj, 0));
    const cls = this.classOfTid[tid]!;
    const m = cls.kind !== "builtin" ? this.lookup(cls, "__len__") : NULL;
    if (m !== NULL) {
      this.rc.incref(obj);
      const r = this.call(m, [obj], null);
      try {
        if (!this.isInt(r))
          throw this.error("TypeError", `'${this.typeName(r)}' object cannot be interpreted as an integer`);
        const n = this.toNumber(r);
        if (n < 0) throw this.error("ValueError", "__len__() should return >= 0");
        return n;
      } finally {
        this.rc.decref(r);
      }
    }
    const native = this.lookupNative(cls, "__len__");
    if (native >= 0) {
      const r = this.natives[native]!(obj, [], null);
      const n = this.toNumber(r);
      this.rc.decref(r);
      return n;
    }
    throw this.error("TypeError", `object of type '${cls.name}' has no len()`);
  }

  /** `hash(obj)`. */
  hash(obj: Address): number {
    const cls = this.classOf(obj);
    if (cls.kind !== "builtin") {
      const h = this.lookup(cls, "__hash__");
      if (h !== NULL) {
        if (h === this.None) throw this.error("TypeError", `unhashable type: '${cls.name}'`);
        this.rc.incref(obj);
        const r = this.call(h, [obj], null);
        const n = this.toNumber(r);
        this.rc.decref(r);
        return n;
      }
      if (this.lookup(cls, "__eq__") !== NULL)
        throw this.error("TypeError", `unhashable type: '${cls.name}'`);
    }
    try {
      return this.core.space.hashOf(obj);
    } catch (e) {
      throw this.toThrow(e);
    }
  }

  // --- hooks set by the other parts ---------------------------------------------------------

  /** Operators. */
  ops!: import("./operators").Operators;
  /** Subscripts. */
  subs!: import("./subscripts").Subscripts;
  /** Class creation. */
  classMaker!: import("./classes").Classes;
  /** The JS exception class compiled code throws (for `instanceof`). */
  readonly PyThrow = PyThrow;
  /** `Ellipsis`. */
  ellipsis: Address = NULL;
  /** `sys.stdout` and `sys.stderr` objects. */
  stdoutObject: Address = NULL;
  stderrObject: Address = NULL;
  /** Globals of the running module (for `globals()`). */
  currentGlobals: Address = NULL;
  /** Formats a value with a format spec (set by the builtins). */
  formatValue!: (value: Address, spec: string) => string;
  /** Formats a JS string with a format spec. */
  formatString!: (text: string, spec: string) => string;
  /** Imports a module by name (set by the runner); returns a new reference. */
  importModule!: (name: string) => Address;

  /** `class` statement: see Classes.buildClass; `G` gives the module name. */
  buildClass(
    body: (ns: Address) => void,
    name: string,
    qualname: string,
    G: Address,
    bases: Address[],
  ): Address {
    const modName = this.dicts.getString(G, "__name__", this.strs.hash(this.name("__name__")));
    return this.classMaker.buildClass(
      body,
      name,
      qualname,
      modName === NULL ? "__main__" : this.strs.value(modName),
      bases,
    );
  }

  /** A global or builtin name (new reference). @throws NameError */
  loadGlobal(G: Address, name: string): Address {
    const hash = this.strs.hash(this.name(name));
    let v = this.dicts.getString(G, name, hash);
    if (v === NULL) v = this.dicts.getString(this.builtinsDict, name, hash);
    if (v === NULL) throw this.error("NameError", `name '${name}' is not defined`);
    this.rc.incref(v);
    return v;
  }

  /**
   * A global or builtin name through a call site's cache: while neither dict changed (their
   * `ma_version_tag`s match), the cached value is still the binding.
   */
  loadGlobalCached(G: Address, name: string, site: GlobalSite): Address {
    const u32 = this.core.space.heap.u32;
    const vo = this.dicts.versionOffset >>> 2;
    const gv = u32[(G >>> 2) + vo]!;
    const bv = u32[(this.builtinsDict >>> 2) + vo]!;
    if (site.dict === G && site.version === gv && site.builtinsVersion === bv) {
      this.rc.incref(site.value);
      return site.value;
    }
    const hash = this.strs.hash(this.name(name));
    let v = this.dicts.getString(G, name, hash);
    if (v === NULL) v = this.dicts.getString(this.builtinsDict, name, hash);
    if (v === NULL) throw this.error("NameError", `name '${name}' is not defined`);
    site.dict = G;
    site.version = gv;
    site.builtinsVersion = bv;
    site.value = v;
    this.rc.incref(v);
    return v;
  }

  /** A class-body name: the namespace, then globals, then builtins. */
  loadName(ns: Address, G: Address, name: string): Address {
    const v = this.dicts.getString(ns, name, this.strs.hash(this.name(name)));
    if (v !== NULL) {
      this.rc.incref(v);
      return v;
    }
    return this.loadGlobal(G, name);
  }

  /** `name = value` in a dict namespace (steals `value`). */
  storeName(ns: Address, name: string, value: Address): void {
    const key = this.name(name);
    this.rc.incref(key);
    this.dicts.setItem(ns, key, value);
  }

  /** `del name` in a dict namespace. */
  deleteName(ns: Address, name: string): void {
    const removed = this.dicts.popItem(ns, this.name(name));
    if (removed === NULL) throw this.error("NameError", `name '${name}' is not defined`);
    this.rc.decref(removed);
  }

  /** Removes a name if bound (the end of `except E as name`). */
  deleteNameQuiet(ns: Address, name: string): void {
    const removed = this.dicts.popItem(ns, this.name(name));
    if (removed !== NULL) this.rc.decref(removed);
  }

  /** `del x` of a cell variable. */
  cellDelete(c: Address, name: string): void {
    if (this.slot.cell!.get(c, 0) === NULL) throw this.unboundLocal(name);
    this.slot.cell!.setRef(c, 0, NULL);
  }

  /** UnboundLocalError for `name`. */
  unboundLocal(name: string): PyThrow {
    return this.error(
      "UnboundLocalError",
      `cannot access local variable '${name}' where it is not associated with a value`,
    );
  }

  /** `from module import name` (new reference). */
  importFrom(module: Address, name: string): Address {
    const v = this.getattrOrNull(module, name);
    if (v !== NULL) return v;
    const modName =
      this.typeId(module) === this.tid.module ? this.strs.value(this.slot.module!.get(module, 1)) : "?";
    throw this.error("ImportError", `cannot import name '${name}' from '${modName}' (unknown location)`);
  }

  /** Keyword arguments of a call site (values stolen); `spread` is a `**mapping` (stolen) or 0. */
  keywords(names: string[], values: Address[], spread: Address): Keywords {
    if (spread !== NULL) {
      const ds = this.dicts;
      for (let ix = ds.nextEntry(spread, 0); ix >= 0; ix = ds.nextEntry(spread, ix + 1)) {
        const k = ds.entryKey(spread, ix);
        if (this.typeId(k) !== this.tid.str) throw this.error("TypeError", "keywords must be strings");
        names.push(this.strs.value(k));
        const v = ds.entryValue(spread, ix);
        this.rc.incref(v);
        values.push(v);
      }
      this.rc.decref(spread);
    }
    return { names, values };
  }

  /** A list display (items stolen) with the capacity CPython gives it (-1: grown by appends). */
  makeList(items: Address[], capacity: number): Address {
    if (capacity >= 0) return this.lists.create(items, capacity);
    const l = this.lists.create([], 0);
    for (const v of items) this.lists.append(l, v);
    return l;
  }

  /** A set display (items stolen). */
  makeSet(items: Address[]): Address {
    const s = this.sets.create();
    for (const v of items) this.setAdd(s, v);
    return s;
  }

  /** `s.add(v)`, stealing `v`. */
  setAdd(s: Address, v: Address): void {
    try {
      this.hash(v);
      if (!this.sets.add(s, v)) this.rc.decref(v);
    } catch (e) {
      this.rc.decref(v);
      throw this.toThrow(e);
    }
  }

  /** `d.update(mapping)` for a dict or an iterable of pairs. */
  dictMerge(d: Address, other: Address): void {
    if (this.typeId(other) === this.tid.dict) {
      this.dictUpdate(d, other);
      return;
    }
    for (const pair of this.toArray(other)) {
      const [k, v] = this.unpack(pair, 2) as [Address, Address];
      this.rc.decref(pair);
      this.subs.setitem(d, k, v);
      this.rc.decref(k);
    }
  }

  /** `isinstance(obj, spec)`. */
  isInstance(obj: Address, spec: Address): boolean {
    if (this.typeId(spec) === this.tid.tuple) {
      const n = this.tuples.length(spec);
      for (let i = 0; i < n; i++) if (this.isInstance(obj, this.tuples.item(spec, i))) return true;
      return false;
    }
    const target = this.classFromObject(spec);
    if (target === null)
      throw this.error("TypeError", "isinstance() arg 2 must be a type, a tuple of types, or a union");
    return this.classOf(obj).isSubclassOf(target);
  }

  /** Calls `__exit__` (`exc` NULL for a normal exit); returns whether it suppressed the exception. */
  withExit(exit: Address, exc: Address): boolean {
    if (exc === NULL) {
      this.rc.decref(this.call(exit, [this.None, this.None, this.None], null));
      return false;
    }
    const cls = this.classOf(exc);
    this.rc.incref(cls.obj);
    this.rc.incref(exc);
    const tb = this.slotOfExc().get(exc, EXC.traceback) || this.None;
    this.rc.incref(tb);
    this.handling.push(exc);
    try {
      const r = this.call(exit, [cls.obj, exc, tb], null);
      const b = this.truthy(r);
      this.rc.decref(r);
      return b;
    } finally {
      this.handling.pop();
    }
  }

  /** `yield from it`: a JS generator that forwards values and returns the result (new reference). */
  *delegate(it: Address): Generator<Address, Address, Address> {
    let sent: Address = NULL;
    for (;;) {
      let v: Address;
      if (this.typeId(it) === this.tid.generator) v = this.genSend(it, sent === NULL ? this.None : sent);
      else {
        if (sent !== NULL && sent !== this.None) this.rc.decref(sent);
        v = this.next(it);
      }
      if (v === NULL) {
        const r = this.lastReturn;
        this.lastReturn = NULL;
        return r === NULL ? this.None : r;
      }
      sent = yield v;
    }
  }

  /** Reports an exception nobody can catch (in `__del__`, a weakref callback), as CPython does. */
  unraisable(e: unknown, where: Address): void {
    let t: PyThrow;
    try {
      t = this.toThrow(e);
    } catch {
      return;
    }
    this.options.stderr(`Exception ignored in: ${this.reprOf(where)}\n${this.formatException(t.exc)}`);
    this.rc.decref(t.exc);
  }

  /** Formats an exception as CPython's traceback printer does (set by the runner). */
  formatException!: (exc: Address) => string;

  /** `NotImplemented` (set by the builtins). */
  notImplemented: Address = NULL;
  /** `obj[key]` (set by the subscript helpers). */
  getitem!: (obj: Address, key: Address, fromIter?: boolean) => Address;
  /** `template % args` for str (set by the builtins). */
  percentFormat!: (template: Address, args: Address) => Address;
  /** A new range object. */
  makeRange!: (start: number, stop: number, step: number) => Address;

  /** `d[key]` (borrowed) or NULL; hashes through `__hash__` for instances. */
  dictGet(d: Address, key: Address): Address {
    try {
      return this.dicts.getItem(d, key);
    } catch (e) {
      throw this.toThrow(e);
    }
  }

  /** A shallow copy of a dict. */
  dictCopy(d: Address): Address {
    const out = this.dicts.create();
    this.dictUpdate(out, d);
    return out;
  }

  /** `d.update(other)` for a dict `other`. */
  dictUpdate(d: Address, other: Address): void {
    const ds = this.dicts;
    for (let ix = ds.nextEntry(other, 0); ix >= 0; ix = ds.nextEntry(other, ix + 1)) {
      const k = ds.entryKey(other, ix);
      const v = ds.entryValue(other, ix);
      this.rc.incref(k);
      this.rc.incref(v);
      ds.setItem(d, k, v);
    }
  }

  /** Type object creation for builtin classes (installed by the class setup). */
  registryName(name: string): string {
    this.registrySerial++;
    return `${name}#${this.registrySerial}`;
  }

  /** Exit request for `sys.exit` handled by the runner. */
  exitProgram(code: number): never {
    throw new ExitProgram(code);
  }

  /** Binary operator names by symbol. */
  static readonly BINARY_NAMES = BINARY_NAMES;
  /** Comparison names by symbol. */
  static readonly COMPARE_NAMES = COMPARE_NAMES;

  /** Zip/map/filter/enumerate word indices (used by the builtins). */
  static readonly WORDS = {
    ENUMERATE,
    ZIP,
    MAP,
    FILTER,
    LIST_REVERSE_ITERATOR,
    GETSET_DESCRIPTOR,
    PROPERTY,
    STATICMETHOD,
    CLASSMETHOD,
    SLICE,
    RANGE,
    TYPE,
    MODULE,
    FUNCTION,
    METHOD,
    BUILTIN_FUNCTION,
    EXC,
    TRACEBACK,
    GENERATOR,
    CELL,
  };
}

/** Word of a builtin function object marking a method taken from its class (`str.lower`): the receiver is the first argument. */
const UNBOUND_WORD = 4;

function fs(R: Interpreter, f: Address, word: number): Address {
  return R.slot.function!.get(f, word);
}

export { NULL };
