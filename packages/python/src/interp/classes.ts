/**
 * Classes: the builtin classes and the exception hierarchy as immortal type objects, and
 * classes defined in Python (`class C(B): ...`) as heap type objects with their namespace
 * dict, bases and MRO (C3 linearisation), the `__dict__`/`__weakref__` descriptors CPython
 * puts in a new class's namespace, and an instance type of their own.
 *
 * ```
 *  class C: pass        →  type object (1688 bytes, tracked)
 *                           ├─ dict: {'__module__': '__main__', '__dict__': <getset>,
 *                           │         '__weakref__': <getset>, '__doc__': None}
 *                           ├─ mro: (C, object)        ← holds C: a cycle
 *                           └─ classIndex → ClassInfo → UserInstanceType (instances)
 *  sys.getrefcount(C) == 5: module dict, mro tuple, two descriptors, the argument
 * ```
 *
 * @module
 */
import { type Address, NULL } from "@pymem/core";
import { ExceptionType } from "../types/exception-type";
import { TYPE } from "../types/type-object-type";
import { UserInstanceType } from "../types/user-instance-type";
import { ClassInfo } from "./class-info";
import type { Interpreter } from "./interpreter";
import { Interpreter as InterpreterClass } from "./interpreter";

const W = InterpreterClass.WORDS;

/** The exception hierarchy: name → base. */
const EXCEPTIONS: readonly [string, string][] = [
  ["BaseException", "object"],
  ["SystemExit", "BaseException"],
  ["KeyboardInterrupt", "BaseException"],
  ["GeneratorExit", "BaseException"],
  ["Exception", "BaseException"],
  ["StopIteration", "Exception"],
  ["ArithmeticError", "Exception"],
  ["FloatingPointError", "ArithmeticError"],
  ["OverflowError", "ArithmeticError"],
  ["ZeroDivisionError", "ArithmeticError"],
  ["AssertionError", "Exception"],
  ["AttributeError", "Exception"],
  ["BufferError", "Exception"],
  ["EOFError", "Exception"],
  ["ImportError", "Exception"],
  ["ModuleNotFoundError", "ImportError"],
  ["LookupError", "Exception"],
  ["IndexError", "LookupError"],
  ["KeyError", "LookupError"],
  ["MemoryError", "Exception"],
  ["NameError", "Exception"],
  ["UnboundLocalError", "NameError"],
  ["OSError", "Exception"],
  ["ReferenceError", "Exception"],
  ["RuntimeError", "Exception"],
  ["NotImplementedError", "RuntimeError"],
  ["RecursionError", "RuntimeError"],
  ["SyntaxError", "Exception"],
  ["IndentationError", "SyntaxError"],
  ["SystemError", "Exception"],
  ["TypeError", "Exception"],
  ["ValueError", "Exception"],
  ["UnicodeError", "ValueError"],
  ["Warning", "Exception"],
  ["UserWarning", "Warning"],
  ["DeprecationWarning", "Warning"],
  ["RuntimeWarning", "Warning"],
];

/** Builtin classes: Python name → interpreter type key (tid) or null for abstract ones. */
const BUILTIN_TYPES: readonly [string, string | null][] = [
  ["object", "object"],
  ["type", "type"],
  ["int", "int"],
  ["bool", "bool"],
  ["float", "float"],
  ["str", "str"],
  ["bytes", "bytes"],
  ["tuple", "tuple"],
  ["list", "list"],
  ["dict", "dict"],
  ["set", "set"],
  ["NoneType", "none"],
  ["function", "function"],
  ["cell", "cell"],
  ["method", "method"],
  ["module", "module"],
  ["generator", "generator"],
  ["list_iterator", "list_iterator"],
  ["list_reverseiterator", "list_reverseiterator"],
  ["tuple_iterator", "tuple_iterator"],
  ["str_ascii_iterator", "str_iterator"],
  ["range", "range"],
  ["range_iterator", "range_iterator"],
  ["dict_keyiterator", "dict_iterator"],
  ["set_iterator", "set_iterator"],
  ["traceback", "traceback"],
  ["builtin_function_or_method", "builtin_function"],
  ["property", "property"],
  ["staticmethod", "staticmethod"],
  ["classmethod", "classmethod"],
  ["getset_descriptor", "getset_descriptor"],
  ["slice", "slice"],
  ["enumerate", "enumerate"],
  ["zip", "zip"],
  ["map", "map"],
  ["filter", "filter"],
  ["reversed", "reversed"],
  ["weakref", "weakref"],
  ["super", "super"],
  ["dict_keys", "dict_keys"],
  ["dict_values", "dict_values"],
  ["dict_items", "dict_items"],
];

/** Class creation bound to one interpreter. */
export class Classes {
  private readonly R: Interpreter;
  private serial = 0;

  constructor(R: Interpreter) {
    this.R = R;
  }

  /** Registers a class record and makes its (immortal, untracked) type object. */
  private builtinTypeObject(cls: ClassInfo): void {
    const R = this.R;
    const t = R.typeObjects;
    const obj = t.createUntracked();
    t.set(obj, TYPE.name, R.name(cls.name));
    R.rc.incref(R.name(cls.name));
    t.set(obj, TYPE.qualname, R.name(cls.name));
    R.rc.incref(R.name(cls.name));
    t.set(obj, TYPE.module, R.name(cls.module));
    R.rc.incref(R.name(cls.module));
    cls.obj = obj;
    cls.index = R.classes.length;
    R.classes.push(cls);
    t.set(obj, TYPE.classIndex, cls.index);
    R.core.space.refcount.makeImmortal(obj);
  }

  /** Creates every builtin class and exception class. */
  bootstrap(): void {
    const R = this.R;
    // `type` is classes[0]: classGetattr's __class__ relies on it.
    const order = [...BUILTIN_TYPES];
    order.sort((a, b) => (a[0] === "type" ? -1 : b[0] === "type" ? 1 : 0));
    for (const [name, key] of order) {
      const cls = new ClassInfo(name, "builtin");
      this.builtinTypeObject(cls);
      if (key !== null) R.classOfTid[R.tid[key]!] = cls;
      R.builtinClasses.set(name, cls);
    }
    const object = R.builtinClasses.get("object")!;
    object.mro = [object];
    for (const cls of R.builtinClasses.values()) {
      if (cls === object) continue;
      const base = cls.name === "bool" ? R.builtinClasses.get("int")! : object;
      cls.bases = [base];
      cls.mro = cls.name === "bool" ? [cls, base, object] : [cls, object];
    }
    for (const [name, baseName] of EXCEPTIONS) {
      const base = baseName === "object" ? object : R.exc[baseName]!;
      const cls = new ClassInfo(name, "builtin");
      cls.isException = true;
      cls.exceptionLayout = true;
      cls.bases = [base];
      cls.mro = [cls, ...base.mro];
      this.builtinTypeObject(cls);
      const type = new ExceptionType(R.core.space, name, false, null);
      R.rt.registerRuntimeType(type);
      cls.instanceType = type;
      R.classOfTid[type.typeId] = cls;
      R.exc[name] = cls;
      R.builtinClasses.set(name, cls);
    }
  }

  /** C3 linearisation of `cls` over its bases. */
  private c3(cls: ClassInfo, bases: ClassInfo[]): ClassInfo[] {
    const R = this.R;
    const seqs = [...bases.map((b) => [...b.mro]), [...bases]];
    const out: ClassInfo[] = [cls];
    for (;;) {
      const nonEmpty = seqs.filter((s) => s.length > 0);
      if (nonEmpty.length === 0) return out;
      let head: ClassInfo | null = null;
      for (const s of nonEmpty) {
        const cand = s[0]!;
        if (!nonEmpty.some((t) => t.indexOf(cand) > 0)) {
          head = cand;
          break;
        }
      }
      if (head === null) {
        throw R.error(
          "TypeError",
          `Cannot create a consistent method resolution order (MRO) for bases ${bases.map((b) => b.name).join(", ")}`,
        );
      }
      out.push(head);
      for (const s of nonEmpty) if (s[0] === head) s.shift();
    }
  }

  /**
   * `class name(bases): body`: runs `body` (compiled class body taking the namespace dict)
   * and makes the class. `bases` are borrowed type objects; returns a new reference.
   */
  buildClass(
    body: (ns: Address) => void,
    name: string,
    qualname: string,
    module: string,
    bases: Address[],
  ): Address {
    const R = this.R;
    const baseInfos: ClassInfo[] = [];
    for (const b of bases) {
      const info = R.classFromObject(b);
      if (info === null) throw R.error("TypeError", `bases must be types`);
      if (info.kind === "builtin" && !info.isException && info.name !== "object") {
        throw R.error("TypeError", `subclassing builtin '${info.name}' is not supported by pymem`);
      }
      baseInfos.push(info);
    }
    const object = R.builtinClasses.get("object")!;
    if (baseInfos.length === 0) baseInfos.push(object);
    const ns = R.dicts.create();
    const put = (key: string, value: Address) => {
      const k = R.name(key);
      R.rc.incref(k);
      R.dicts.setItem(ns, k, value);
    };
    put("__module__", R.str(module));
    put("__qualname__", R.str(qualname));
    try {
      body(ns);
    } catch (e) {
      R.rc.decref(ns);
      throw e;
    }
    const q = R.dicts.popItem(ns, R.name("__qualname__"));
    if (q !== NULL) R.rc.decref(q);
    const cls = new ClassInfo(name, baseInfos.some((b) => b.isException) ? "exception" : "user", module);
    cls.qualname = qualname;
    cls.bases = baseInfos;
    cls.mro = this.c3(cls, baseInfos);
    cls.isException = baseInfos.some((b) => b.isException);
    cls.exceptionLayout = cls.isException;
    cls.dict = ns;
    const needsDescriptors = baseInfos.every((b) => b.kind === "builtin");
    const registry = `${module}.${qualname}#${++this.serial}`;
    const hasDel =
      R.dicts.getString(ns, "__del__", R.strs.hash(R.name("__del__"))) !== NULL ||
      cls.mro.some(
        (c) =>
          c !== cls &&
          c.dict !== NULL &&
          R.dicts.getString(c.dict, "__del__", R.strs.hash(R.name("__del__"))) !== NULL,
      );
    const finalize = hasDel
      ? (obj: Address) => {
          const m = R.lookup(cls, "__del__");
          if (m === NULL) return;
          R.rc.incref(obj);
          try {
            R.rc.decref(R.call(m, [obj], null));
          } catch (e) {
            R.unraisable(e, m);
          }
        }
      : null;
    if (cls.isException) {
      const type = new ExceptionType(R.core.space, registry, true, finalize);
      R.rt.registerRuntimeType(type);
      cls.instanceType = type;
      R.classOfTid[type.typeId] = cls;
    } else {
      const type = new UserInstanceType(
        R.core.space,
        { dicts: R.dicts, internName: (n) => R.core.intern(n), finalize: finalize ?? undefined },
        registry,
        name,
        R.rt.config.sharedKeysMaxSize,
      );
      R.rt.registerRuntimeType(type);
      cls.instanceType = type;
      R.classOfTid[type.typeId] = cls;
    }
    // The type object.
    const t = R.typeObjects;
    const obj = t.createUntracked();
    cls.obj = obj;
    cls.index = R.classes.length;
    R.classes.push(cls);
    t.set(obj, TYPE.classIndex, cls.index);
    const nameObj = R.name(name);
    R.rc.incref(nameObj);
    t.set(obj, TYPE.name, nameObj);
    t.set(obj, TYPE.qualname, R.str(qualname));
    const moduleObj = R.dicts.getString(ns, "__module__", R.strs.hash(R.name("__module__")));
    R.rc.incref(moduleObj);
    t.set(obj, TYPE.module, moduleObj);
    t.set(obj, TYPE.dict, ns);
    const baseObjs = baseInfos.map((b) => {
      R.rc.incref(b.obj);
      return b.obj;
    });
    t.set(obj, TYPE.bases, R.tuples.create(baseObjs));
    const mroObjs = cls.mro.map((c) => {
      R.rc.incref(c.obj);
      return c.obj;
    });
    t.set(obj, TYPE.mro, R.tuples.create(mroObjs));
    if (cls.instanceType instanceof UserInstanceType) cls.instanceType.classObject = obj;
    R.core.space.track(obj);
    if (needsDescriptors && !cls.isException) {
      put("__dict__", this.descriptor(obj, "__dict__"));
      put("__weakref__", this.descriptor(obj, "__weakref__"));
    }
    if (R.dicts.getString(ns, "__doc__", R.strs.hash(R.name("__doc__"))) === NULL) put("__doc__", R.None);
    return obj;
  }

  /** A getset descriptor of class `owner` (holding a reference to it). */
  private descriptor(owner: Address, name: string): Address {
    const R = this.R;
    const t = R.slot.getset_descriptor!;
    const d = t.createUntracked();
    R.rc.incref(owner);
    t.set(d, W.GETSET_DESCRIPTOR.objclass, owner);
    const n = R.name(name);
    R.rc.incref(n);
    t.set(d, W.GETSET_DESCRIPTOR.name, n);
    R.core.space.track(d);
    return d;
  }
}
