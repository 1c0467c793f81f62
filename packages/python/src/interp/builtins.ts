/**
 * The `builtins` module and the methods of the builtin classes, written over heap
 * addresses: each is a {@link NativeImpl} (borrowed receiver and arguments, new reference
 * returned) registered in the interpreter's native table, which builtin function objects
 * index.
 *
 * @module
 */
import { type Address, NULL } from "@pymem/core";
import { formatFloat } from "@pymem/runtime";
import { asciiEscape } from "../support/str-methods";
import type { Keywords, NativeImpl } from "./class-info";
import type { Interpreter } from "./interpreter";
import { Interpreter as InterpreterClass } from "./interpreter";
import type { Operators } from "./operators";

const W = InterpreterClass.WORDS;

/** A keyword argument by name (borrowed), or NULL. */
export function kwarg(kw: Keywords | null, name: string): Address {
  if (kw === null) return NULL;
  const i = kw.names.indexOf(name);
  return i < 0 ? NULL : kw.values[i]!;
}

/** Registers a native; returns its index. */
export function native(R: Interpreter, name: string, impl: NativeImpl): number {
  R.natives.push(impl);
  R.nativeNames.push(name);
  return R.natives.length - 1;
}

/** Installs builtin functions into `dict` and methods into the builtin classes. */
export function installBuiltins(R: Interpreter, ops: Operators, dict: Address): void {
  const put = (name: string, value: Address) => {
    const k = R.name(name);
    R.rc.incref(k);
    R.dicts.setItem(dict, k, value);
  };
  const fn = (name: string, impl: NativeImpl) => {
    const index = native(R, name, impl);
    put(name, R.boundNative(index, NULL));
  };
  const method = (cls: string, name: string, impl: NativeImpl) => {
    R.builtinClasses.get(cls)!.methods.set(name, native(R, name, impl));
  };
  const arity = (name: string, args: readonly Address[], min: number, max: number) => {
    if (args.length < min || args.length > max) {
      if (min === max) {
        throw R.error(
          "TypeError",
          `${name}() takes exactly ${min === 1 ? "one argument" : `${min} arguments`} (${args.length} given)`,
        );
      }
      throw R.error(
        "TypeError",
        args.length < min
          ? `${name} expected at least ${min} argument${min === 1 ? "" : "s"}, got ${args.length}`
          : `${name} expected at most ${max} argument${max === 1 ? "" : "s"}, got ${args.length}`,
      );
    }
  };
  const inc = (a: Address) => {
    R.rc.incref(a);
    return a;
  };
  for (const cls of R.builtinClasses.values()) {
    if (cls.isException) put(cls.name, inc(cls.obj));
  }
  for (const name of [
    "object",
    "int",
    "bool",
    "float",
    "str",
    "bytes",
    "tuple",
    "list",
    "dict",
    "set",
    "type",
    "range",
    "property",
    "staticmethod",
    "classmethod",
    "enumerate",
    "zip",
    "map",
    "filter",
    "reversed",
    "slice",
  ]) {
    put(name, inc(R.builtinClasses.get(name)!.obj));
  }
  put("None", R.None);
  put("True", R.True);
  put("False", R.False);
  // NotImplemented and Ellipsis: plain immortal objects.
  const ni = R.slot.object!.create();
  R.core.space.refcount.makeImmortal(ni);
  R.notImplemented = ni;
  put("NotImplemented", ni);
  R.ellipsis = R.slot.object!.create();
  R.core.space.refcount.makeImmortal(R.ellipsis);
  put("Ellipsis", R.ellipsis);

  const writeTo = (file: Address, text: string) => {
    if (file === NULL || file === R.None || file === R.stdoutObject) R.options.stdout(text);
    else if (file === R.stderrObject) R.options.stderr(text);
    else R.rc.decref(R.callMethod(file, "write", [R.str(text)], null));
  };
  fn("print", (_s, args, kw) => {
    const sepObj = kwarg(kw, "sep");
    const endObj = kwarg(kw, "end");
    const sep = sepObj === NULL || sepObj === R.None ? " " : R.strOf(sepObj);
    const end = endObj === NULL || endObj === R.None ? "\n" : R.strOf(endObj);
    let text = "";
    for (let i = 0; i < args.length; i++) {
      if (i > 0) text += sep;
      text += R.strOf(args[i]!);
    }
    writeTo(kwarg(kw, "file"), text + end);
    return R.None;
  });
  fn("len", (_s, args) => {
    arity("len", args, 1, 1);
    return R.int(R.len(args[0]!));
  });
  fn("repr", (_s, args) => R.repr(args[0]!));
  fn("id", (_s, args) => R.int(args[0]!));
  fn("hash", (_s, args) => R.int(R.hash(args[0]!)));
  fn("abs", (_s, args) => {
    const a = args[0]!;
    if (R.typeId(a) === R.tid.float) return R.float(Math.abs(R.floats.value(a)));
    if (R.isInt(a)) return ops.compare("<", a, R.int(0)) ? ops.unary("-", a) : R.int(R.bigValue(a));
    const m = R.lookup(R.classOf(a), "__abs__");
    if (m !== NULL) return R.call(m, [inc(a)], null);
    throw R.error("TypeError", `bad operand type for abs(): '${R.typeName(a)}'`);
  });
  fn("isinstance", (_s, args) => {
    arity("isinstance", args, 2, 2);
    return R.bool(R.isInstance(args[0]!, args[1]!));
  });
  fn("issubclass", (_s, args) => {
    const c = R.classFromObject(args[0]!);
    if (c === null) throw R.error("TypeError", "issubclass() arg 1 must be a class");
    const spec = args[1]!;
    const targets = R.typeId(spec) === R.tid.tuple ? R.toArray(spec) : [inc(spec)];
    let r = false;
    for (const t of targets) {
      const tc = R.classFromObject(t);
      if (tc !== null && c.isSubclassOf(tc)) r = true;
      R.rc.decref(t);
    }
    return R.bool(r);
  });
  fn("callable", (_s, args) => {
    const t = R.typeId(args[0]!);
    const T = R.tid;
    const c =
      t === T.function ||
      t === T.method ||
      t === T.builtin_function ||
      t === T.type ||
      (R.classOf(args[0]!).kind !== "builtin" && R.lookup(R.classOf(args[0]!), "__call__") !== NULL);
    return R.bool(c);
  });
  fn("iter", (_s, args) => R.iter(args[0]!));
  fn("next", (_s, args) => {
    const v = R.next(args[0]!);
    if (v !== NULL) return v;
    if (args.length > 1) return inc(args[1]!);
    const r = R.lastReturn;
    R.lastReturn = NULL;
    const eargs = r !== NULL && r !== R.None ? [r] : [];
    throw R.throwable(R.newException(R.exc.StopIteration!, eargs));
  });
  fn("getattr", (_s, args) => {
    const name = R.strOf(args[1]!);
    const v = R.getattrOrNull(args[0]!, name);
    if (v !== NULL) return v;
    if (args.length > 2) return inc(args[2]!);
    throw R.attributeError(args[0]!, name);
  });
  fn("setattr", (_s, args) => {
    R.setattr(args[0]!, R.strOf(args[1]!), inc(args[2]!));
    return R.None;
  });
  fn("delattr", (_s, args) => {
    R.delattr(args[0]!, R.strOf(args[1]!));
    return R.None;
  });
  fn("hasattr", (_s, args) => {
    let v: Address;
    try {
      v = R.getattrOrNull(args[0]!, R.strOf(args[1]!));
    } catch (e) {
      const t = R.toThrow(e);
      if (R.classOf(t.exc).isSubclassOf(R.exc.AttributeError!)) {
        R.rc.decref(t.exc);
        return R.False;
      }
      throw t;
    }
    if (v === NULL) return R.False;
    R.rc.decref(v);
    return R.True;
  });
  fn("chr", (_s, args) => R.strs.create(String.fromCodePoint(R.index(args[0]!))));
  fn("ord", (_s, args) => {
    const s = R.strOf(args[0]!);
    if ([...s].length !== 1)
      throw R.error("TypeError", `ord() expected a character, but string of length ${[...s].length} found`);
    return R.int(s.codePointAt(0)!);
  });
  const radix = (prefix: string, base: number) => (_s: Address, args: readonly Address[]) => {
    const v = R.bigValue(args[0]!);
    return R.str(v < 0n ? `-${prefix}${(-v).toString(base)}` : `${prefix}${v.toString(base)}`);
  };
  fn("hex", radix("0x", 16));
  fn("oct", radix("0o", 8));
  fn("bin", radix("0b", 2));
  const reduceIter = (args: readonly Address[], each: (v: Address) => boolean): void => {
    const it = R.iter(args[0]!);
    try {
      for (let v = R.next(it); v !== NULL; v = R.next(it)) {
        const stop = each(v);
        R.rc.decref(v);
        if (stop) return;
      }
    } finally {
      R.rc.decref(it);
    }
  };
  fn("any", (_s, args) => {
    let r = false;
    reduceIter(args, (v) => {
      r = R.truthy(v);
      return r;
    });
    return R.bool(r);
  });
  fn("all", (_s, args) => {
    let r = true;
    reduceIter(args, (v) => {
      r = R.truthy(v);
      return !r;
    });
    return R.bool(r);
  });
  fn("sum", (_s, args) => {
    let total = args.length > 1 ? inc(args[1]!) : R.int(0);
    reduceIter(args, (v) => {
      const next = ops.binary("+", total, v);
      R.rc.decref(total);
      total = next;
      return false;
    });
    return total;
  });
  const minmax =
    (name: string, op: string) => (_s: Address, args: readonly Address[], kw: Keywords | null) => {
      const key = kwarg(kw, "key");
      const dflt = kwarg(kw, "default");
      const items = args.length === 1 ? R.toArray(args[0]!) : args.map(inc);
      if (items.length === 0) {
        if (dflt !== NULL) return inc(dflt);
        throw R.error("ValueError", `${name}() arg is an empty sequence`);
      }
      let best = items[0]!;
      let bestKey = key !== NULL && key !== R.None ? R.call(key, [inc(best)], null) : inc(best);
      for (let i = 1; i < items.length; i++) {
        const k = key !== NULL && key !== R.None ? R.call(key, [inc(items[i]!)], null) : inc(items[i]!);
        if (ops.compare(op, k, bestKey)) {
          R.rc.decref(bestKey);
          bestKey = k;
          best = items[i]!;
        } else R.rc.decref(k);
      }
      R.rc.decref(bestKey);
      R.rc.incref(best);
      for (const v of items) R.rc.decref(v);
      return best;
    };
  fn("min", minmax("min", "<"));
  fn("max", minmax("max", ">"));
  const sortArray = (items: Address[], key: Address, reverse: boolean) => {
    const keys = key !== NULL && key !== R.None ? items.map((v) => R.call(key, [inc(v)], null)) : items;
    const idx = items.map((_, i) => i);
    let error: unknown = null;
    idx.sort((i, j) => {
      if (error !== null) return 0;
      try {
        const a = keys[i]!;
        const b = keys[j]!;
        if (reverse) return ops.compare("<", b, a) ? -1 : ops.compare("<", a, b) ? 1 : 0;
        return ops.compare("<", a, b) ? -1 : ops.compare("<", b, a) ? 1 : 0;
      } catch (e) {
        error = e;
        return 0;
      }
    });
    if (keys !== items) for (const k of keys) R.rc.decref(k);
    if (error !== null) throw error;
    return idx.map((i) => items[i]!);
  };
  fn("sorted", (_s, args, kw) => {
    const items = R.toArray(args[0]!);
    const rev = kwarg(kw, "reverse");
    return R.lists.create(sortArray(items, kwarg(kw, "key"), rev !== NULL && R.truthy(rev)), items.length);
  });
  fn("round", (_s, args) => {
    const x = args[0]!;
    const nd = args.length > 1 && args[1] !== R.None ? R.index(args[1]!) : null;
    if (R.isInt(x))
      return nd === null || nd >= 0
        ? R.int(R.bigValue(x))
        : R.int(BigInt(Math.round(R.toNumber(x) / 10 ** -nd)) * 10n ** BigInt(-nd));
    const v = R.floats.value(x);
    const roundHalfEven = (y: number) => {
      const r = Math.round(y);
      return Math.abs(y % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
    };
    if (nd === null) {
      if (!Number.isFinite(v))
        throw R.error(
          Number.isNaN(v) ? "ValueError" : "OverflowError",
          Number.isNaN(v)
            ? "cannot convert float NaN to integer"
            : "cannot convert float infinity to integer",
        );
      return R.int(roundHalfEven(v));
    }
    const p = 10 ** nd;
    return R.float(Number((Math.round(v * p) / p).toFixed(Math.max(0, nd))));
  });
  fn("divmod", (_s, args) => {
    const q = ops.binary("//", args[0]!, args[1]!);
    const m = ops.binary("%", args[0]!, args[1]!);
    return R.tuples.create([q, m]);
  });
  fn("pow", (_s, args) => {
    if (args.length === 3 && args[2] !== R.None) {
      let base = R.bigValue(args[0]!);
      let e = R.bigValue(args[1]!);
      const m = R.bigValue(args[2]!);
      let r = 1n;
      base = ((base % m) + m) % m;
      while (e > 0n) {
        if (e & 1n) r = (r * base) % m;
        base = (base * base) % m;
        e >>= 1n;
      }
      return R.int(r);
    }
    return ops.binary("**", args[0]!, args[1]!);
  });
  fn("format", (_s, args) => R.str(R.formatValue(args[0]!, args.length > 1 ? R.strOf(args[1]!) : "")));
  fn("globals", () => inc(R.currentGlobals));
  fn("vars", (_s, args) => {
    if (args.length === 0) return inc(R.currentGlobals);
    return R.getattr(args[0]!, "__dict__");
  });
  fn("ascii", (_s, args) => R.str(asciiEscape(R.reprOf(args[0]!))));
  R.exc.BaseException!.methods.set(
    "__init__",
    native(R, "__init__", (self, args) => {
      R.slotOfExceptions().setRef(self, 1, R.tuples.create(args.map(inc)));
      return R.None;
    }),
  );
  R.exc.BaseException!.methods.set(
    "with_traceback",
    native(R, "with_traceback", (self, args) => {
      R.setattr(self, "__traceback__", inc(args[0]!));
      return inc(self);
    }),
  );
  R.exc.BaseException!.methods.set(
    "add_note",
    native(R, "add_note", () => R.None),
  );
  fn("input", () => {
    throw R.error("EOFError", "EOF when reading a line");
  });

  // --- constructors of builtin classes -------------------------------------------------------
  const ctor = (name: string, impl: NativeImpl) => {
    R.builtinClasses.get(name)!.construct = impl;
  };
  ctor("super", (_s, args) => {
    const owner = R.classFromObject(args[0]!);
    if (owner === null) throw R.error("TypeError", "super() argument 1 must be a type");
    const self = args[1]!;
    const selfType = R.classFromObject(self) ?? R.classOf(self);
    return R.makeSuper(owner, self, selfType);
  });
  ctor("int", (_s, args) => {
    if (args.length === 0) return R.int(0);
    const x = args[0]!;
    const t = R.typeId(x);
    if (t === R.tid.int) return inc(x);
    if (t === R.tid.bool) return R.int(x === R.True ? 1 : 0);
    if (t === R.tid.float) {
      const v = R.floats.value(x);
      if (!Number.isFinite(v))
        throw R.error(
          Number.isNaN(v) ? "ValueError" : "OverflowError",
          Number.isNaN(v)
            ? "cannot convert float NaN to integer"
            : "cannot convert float infinity to integer",
        );
      return R.int(Number.isSafeInteger(Math.trunc(v)) ? Math.trunc(v) : BigInt(Math.trunc(v)));
    }
    if (t === R.tid.str) {
      const base = args.length > 1 ? R.index(args[1]!) : 10;
      const text = R.strs.value(x).trim().replace(/_/g, "");
      const valid =
        base === 10
          ? /^[+-]?\d+$/
          : base === 16
            ? /^[+-]?(0x)?[0-9a-f]+$/i
            : base === 2
              ? /^[+-]?(0b)?[01]+$/i
              : base === 8
                ? /^[+-]?(0o)?[0-7]+$/i
                : /^[+-]?[0-9a-z]+$/i;
      if (!valid.test(text))
        throw R.error("ValueError", `invalid literal for int() with base ${base}: ${R.reprOf(x)}`);
      const neg = text.startsWith("-");
      const digits = text.replace(/^[+-]/, "").replace(/^0[xbo]/i, "");
      let v = 0n;
      for (const ch of digits.toLowerCase()) v = v * BigInt(base) + BigInt(Number.parseInt(ch, 36));
      return R.int(neg ? -v : v);
    }
    const m = R.classOf(x).kind !== "builtin" ? R.lookup(R.classOf(x), "__int__") : NULL;
    if (m !== NULL) return R.call(m, [inc(x)], null);
    throw R.error(
      "TypeError",
      `int() argument must be a string, a bytes-like object or a real number, not '${R.typeName(x)}'`,
    );
  });
  ctor("float", (_s, args) => {
    if (args.length === 0) return R.float(0);
    const x = args[0]!;
    const t = R.typeId(x);
    if (t === R.tid.float) return inc(x);
    if (R.isInt(x)) return R.float(R.toNumber(x));
    if (t === R.tid.str) {
      const text = R.strs.value(x).trim().toLowerCase().replace(/_/g, "");
      const special: Record<string, number> = {
        inf: Infinity,
        "+inf": Infinity,
        "-inf": -Infinity,
        infinity: Infinity,
        "-infinity": -Infinity,
        nan: Number.NaN,
        "-nan": Number.NaN,
        "+nan": Number.NaN,
      };
      if (text in special) return R.float(special[text]!);
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(text))
        throw R.error("ValueError", `could not convert string to float: ${R.reprOf(x)}`);
      return R.float(Number(text));
    }
    throw R.error("TypeError", `float() argument must be a string or a real number, not '${R.typeName(x)}'`);
  });
  ctor("bool", (_s, args) => R.bool(args.length > 0 && R.truthy(args[0]!)));
  ctor("str", (_s, args) => (args.length === 0 ? R.str("") : R.strObj(args[0]!)));
  ctor("list", (_s, args) => {
    if (args.length === 0) return R.lists.create([], 0);
    const items = R.toArray(args[0]!);
    const l = R.lists.create([], 0);
    R.lists.extend(l, items);
    return l;
  });
  ctor("tuple", (_s, args) => (args.length === 0 ? R.tuples.create([]) : R.toTuple(args[0]!)));
  ctor("set", (_s, args) => {
    const s = R.sets.create();
    if (args.length > 0) for (const v of R.toArray(args[0]!)) R.setAdd(s, v);
    return s;
  });
  ctor("dict", (_s, args, kw) => {
    const d = R.dicts.create();
    if (args.length > 0) R.dictMerge(d, args[0]!);
    if (kw !== null) {
      kw.names.forEach((n, i) => {
        R.rc.incref(R.name(n));
        R.rc.incref(kw.values[i]!);
        R.dicts.setItem(d, R.name(n), kw.values[i]!);
      });
    }
    return d;
  });
  ctor("type", (_s, args) => {
    if (args.length !== 1) throw R.error("TypeError", "type() takes 1 or 3 arguments");
    return inc(R.classOf(args[0]!).obj);
  });
  ctor("object", () => R.slot.object!.create());
  ctor("range", (_s, args) => {
    arity("range", args, 1, 3);
    const nums = args.map((a) => R.index(a, "range() arguments"));
    const [start, stop, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? 1];
    if (step === 0) throw R.error("ValueError", "range() arg 3 must not be zero");
    return R.makeRange(start, stop, step);
  });
  R.makeRange = (start, stop, step) => {
    const t = R.slot.range!;
    const r = t.createUntracked();
    const len =
      step > 0
        ? Math.max(0, Math.ceil((stop - start) / step))
        : Math.max(0, Math.ceil((start - stop) / -step));
    t.set(r, W.RANGE.start, R.int(start));
    t.set(r, W.RANGE.stop, R.int(stop));
    t.set(r, W.RANGE.step, R.int(step));
    t.set(r, W.RANGE.length, R.int(len));
    return r;
  };
  const wrapper = (name: string, key: string, word: number) =>
    ctor(name, (_s, args) => {
      const t = R.slot[key]!;
      const o = t.createUntracked();
      t.set(o, word, inc(args[0]!));
      R.core.space.track(o);
      return o;
    });
  wrapper("staticmethod", "staticmethod", W.STATICMETHOD.callable);
  wrapper("classmethod", "classmethod", W.CLASSMETHOD.callable);
  ctor("property", (_s, args, kw) => {
    const t = R.slot.property!;
    const o = t.createUntracked();
    const arg = (i: number, name: string) => {
      const v = args[i] ?? kwarg(kw, name);
      return v === NULL || v === undefined || v === R.None ? NULL : inc(v);
    };
    t.set(o, W.PROPERTY.fget, arg(0, "fget"));
    t.set(o, W.PROPERTY.fset, arg(1, "fset"));
    t.set(o, W.PROPERTY.fdel, arg(2, "fdel"));
    t.set(o, W.PROPERTY.doc, arg(3, "doc"));
    R.core.space.track(o);
    return o;
  });
  const propertyWith = (word: number) => (self: Address, args: readonly Address[]) => {
    const t = R.slot.property!;
    const o = t.createUntracked();
    for (const w of [W.PROPERTY.fget, W.PROPERTY.fset, W.PROPERTY.fdel, W.PROPERTY.doc]) {
      const v = w === word ? args[0]! : t.get(self, w);
      t.set(o, w, v === NULL ? NULL : inc(v));
    }
    R.core.space.track(o);
    return o;
  };
  method("property", "getter", propertyWith(W.PROPERTY.fget));
  method("property", "setter", propertyWith(W.PROPERTY.fset));
  method("property", "deleter", propertyWith(W.PROPERTY.fdel));
  ctor("slice", (_s, args) => {
    const a = args.map(inc);
    if (a.length === 1) return R.subs.makeSlice(inc(R.None), a[0]!, inc(R.None));
    return R.subs.makeSlice(a[0]!, a[1]!, a[2] ?? inc(R.None));
  });
  ctor("enumerate", (_s, args, kw) => {
    const t = R.slot.enumerate!;
    const it = R.iter(args[0]!);
    const o = t.createUntracked();
    t.set(o, W.ENUMERATE.iterator, it);
    const start = args[1] ?? kwarg(kw, "start");
    t.set(o, W.ENUMERATE.index, start === NULL || start === undefined ? 0 : R.index(start));
    R.core.space.track(o);
    return o;
  });
  method("enumerate", "__next__", (self) => {
    const t = R.slot.enumerate!;
    const v = R.next(t.get(self, W.ENUMERATE.iterator));
    if (v === NULL) return NULL;
    const i = t.get(self, W.ENUMERATE.index);
    t.set(self, W.ENUMERATE.index, i + 1);
    return R.tuples.create([R.int(i), v]);
  });
  ctor("zip", (_s, args) => {
    const t = R.slot.zip!;
    const its = args.map((a) => R.iter(a));
    const o = t.createUntracked();
    t.set(o, W.ZIP.iterators, R.tuples.create(its));
    t.set(o, W.ZIP.size, its.length);
    R.core.space.track(o);
    return o;
  });
  method("zip", "__next__", (self) => {
    const t = R.slot.zip!;
    const its = t.get(self, W.ZIP.iterators);
    const n = R.tuples.length(its);
    if (n === 0) return NULL;
    const out: Address[] = [];
    for (let i = 0; i < n; i++) {
      const v = R.next(R.tuples.item(its, i));
      if (v === NULL) {
        for (const o of out) R.rc.decref(o);
        return NULL;
      }
      out.push(v);
    }
    return R.tuples.create(out);
  });
  ctor("map", (_s, args) => {
    const t = R.slot.map!;
    const its = args.slice(1).map((a) => R.iter(a));
    const o = t.createUntracked();
    t.set(o, W.MAP.func, inc(args[0]!));
    t.set(o, W.MAP.iterators, R.tuples.create(its));
    R.core.space.track(o);
    return o;
  });
  method("map", "__next__", (self) => {
    const t = R.slot.map!;
    const its = t.get(self, W.MAP.iterators);
    const n = R.tuples.length(its);
    const out: Address[] = [];
    for (let i = 0; i < n; i++) {
      const v = R.next(R.tuples.item(its, i));
      if (v === NULL) {
        for (const o of out) R.rc.decref(o);
        return NULL;
      }
      out.push(v);
    }
    return R.call(t.get(self, W.MAP.func), out, null);
  });
  ctor("filter", (_s, args) => {
    const t = R.slot.filter!;
    const o = t.createUntracked();
    t.set(o, W.FILTER.func, inc(args[0]!));
    t.set(o, W.FILTER.iterator, R.iter(args[1]!));
    R.core.space.track(o);
    return o;
  });
  method("filter", "__next__", (self) => {
    const t = R.slot.filter!;
    const f = t.get(self, W.FILTER.func);
    for (;;) {
      const v = R.next(t.get(self, W.FILTER.iterator));
      if (v === NULL) return NULL;
      const keep =
        f === R.None
          ? R.truthy(v)
          : (() => {
              const r = R.call(f, [inc(v)], null);
              const b = R.truthy(r);
              R.rc.decref(r);
              return b;
            })();
      if (keep) return v;
      R.rc.decref(v);
    }
  });
  ctor("reversed", (_s, args) => {
    const seq = args[0]!;
    if (R.classOf(seq).kind !== "builtin") {
      const m = R.lookup(R.classOf(seq), "__reversed__");
      if (m !== NULL) return R.call(m, [inc(seq)], null);
    }
    const t = R.slot.reversed!;
    const o = t.createUntracked();
    const items = R.typeId(seq) === R.tid.list || R.typeId(seq) === R.tid.tuple ? inc(seq) : R.toTuple(seq);
    t.set(o, 0, items);
    t.set(o, 1, R.len(items));
    R.core.space.track(o);
    return o;
  });
  method("reversed", "__next__", (self) => {
    const t = R.slot.reversed!;
    const seq = t.get(self, 0);
    const i = t.get(self, 1);
    if (i <= 0 || seq === NULL) return NULL;
    t.set(self, 1, i - 1);
    const v = R.typeId(seq) === R.tid.list ? R.lists.item(seq, i - 1) : R.tuples.item(seq, i - 1);
    return inc(v);
  });
  for (const c of [
    "enumerate",
    "zip",
    "map",
    "filter",
    "reversed",
    "generator",
    "list_iterator",
    "tuple_iterator",
    "range_iterator",
    "dict_keyiterator",
    "set_iterator",
    "str_ascii_iterator",
  ]) {
    method(c, "__iter__", (self) => inc(self));
  }
  for (const c of [
    "list_iterator",
    "tuple_iterator",
    "range_iterator",
    "dict_keyiterator",
    "set_iterator",
    "str_ascii_iterator",
    "generator",
  ]) {
    method(c, "__next__", (self) => R.nextOrRaise(self));
  }
  method("generator", "send", (self, args) => {
    const v = R.genSend(self, inc(args[0]!));
    if (v !== NULL) return v;
    const r = R.lastReturn;
    R.lastReturn = NULL;
    throw R.throwable(R.newException(R.exc.StopIteration!, r !== NULL && r !== R.None ? [r] : []));
  });
  method("generator", "close", (self) => {
    R.genClose(self);
    return R.None;
  });
  method("generator", "throw", (self, args) => {
    let exc = args[0]!;
    const cls = R.classFromObject(exc);
    exc = cls !== null ? R.callClass(cls, [], null) : inc(exc);
    const v = R.genThrow(self, exc);
    if (v !== NULL) return v;
    throw R.throwable(R.newException(R.exc.StopIteration!, []));
  });

  // --- list ------------------------------------------------------------------------------------
  method("list", "append", (self, args) => {
    arity("list.append", args, 1, 1);
    R.lists.append(self, inc(args[0]!));
    return R.None;
  });
  method("list", "extend", (self, args) => {
    R.lists.extend(self, R.toArray(args[0]!));
    return R.None;
  });
  method("list", "insert", (self, args) => {
    const n = R.lists.length(self);
    let i = R.index(args[0]!);
    if (i < 0) i = Math.max(0, i + n);
    R.lists.insert(self, Math.min(i, n), inc(args[1]!));
    return R.None;
  });
  method("list", "pop", (self, args) => {
    const n = R.lists.length(self);
    if (n === 0) throw R.error("IndexError", "pop from empty list");
    let i = args.length > 0 ? R.index(args[0]!) : -1;
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw R.error("IndexError", "pop index out of range");
    return R.lists.pop(self, i);
  });
  const indexIn = (self: Address, x: Address) => {
    const n = R.len(self);
    const isList = R.typeId(self) === R.tid.list;
    for (let i = 0; i < n; i++) {
      const v = isList ? R.lists.item(self, i) : R.tuples.item(self, i);
      if (v === x || ops.compare("==", v, x)) return i;
    }
    return -1;
  };
  method("list", "remove", (self, args) => {
    const i = indexIn(self, args[0]!);
    if (i < 0) throw R.error("ValueError", "list.remove(x): x not in list");
    R.rc.decref(R.lists.pop(self, i));
    return R.None;
  });
  for (const c of ["list", "tuple"]) {
    method(c, "index", (self, args) => {
      const i = indexIn(self, args[0]!);
      if (i < 0)
        throw R.error(
          "ValueError",
          c === "list" ? `${R.reprOf(args[0]!)} is not in list` : "tuple.index(x): x not in tuple",
        );
      return R.int(i);
    });
    method(c, "count", (self, args) => {
      let k = 0;
      const n = R.len(self);
      for (let i = 0; i < n; i++) {
        const v = c === "list" ? R.lists.item(self, i) : R.tuples.item(self, i);
        if (v === args[0] || ops.compare("==", v, args[0]!)) k++;
      }
      return R.int(k);
    });
  }
  method("list", "reverse", (self) => {
    const items = R.toArray(self);
    items.reverse();
    for (let i = 0; i < items.length; i++) R.lists.setItem(self, i, items[i]!);
    return R.None;
  });
  method("list", "clear", (self) => {
    R.lists.clear(self);
    return R.None;
  });
  method("list", "copy", (self) => {
    const items = R.toArray(self);
    return R.lists.create(items, items.length);
  });
  method("list", "sort", (self, _args, kw) => {
    const items = R.toArray(self);
    const rev = kwarg(kw, "reverse");
    let sorted: Address[];
    try {
      sorted = sortArray(items, kwarg(kw, "key"), rev !== NULL && R.truthy(rev));
    } catch (e) {
      for (const v of items) R.rc.decref(v);
      throw e;
    }
    for (let i = 0; i < sorted.length; i++) R.lists.setItem(self, i, sorted[i]!);
    return R.None;
  });

  // --- dict ------------------------------------------------------------------------------------
  method("dict", "get", (self, args) => {
    const v = R.dictGet(self, args[0]!);
    return inc(v !== NULL ? v : (args[1] ?? R.None));
  });
  const view = (key: string) => (self: Address) => {
    const t = R.slot[key]!;
    const v = t.createUntracked();
    t.set(v, 0, inc(self));
    R.core.space.track(v);
    return v;
  };
  method("dict", "keys", view("dict_keys"));
  method("dict", "values", view("dict_values"));
  method("dict", "items", view("dict_items"));
  method("dict", "__iter__", (self) => R.dictIter(self, 0));
  method("dict", "pop", (self, args) => {
    R.hash(args[0]!);
    const v = R.dicts.popItem(self, args[0]!);
    if (v !== NULL) return v;
    if (args.length > 1) return inc(args[1]!);
    throw R.throwable(R.newException(R.exc.KeyError!, [inc(args[0]!)]));
  });
  method("dict", "popitem", (self) => {
    let last = -1;
    for (let ix = R.dicts.nextEntry(self, 0); ix >= 0; ix = R.dicts.nextEntry(self, ix + 1)) last = ix;
    if (last < 0) throw R.error("KeyError", "'popitem(): dictionary is empty'");
    const k = inc(R.dicts.entryKey(self, last));
    const v = R.dicts.popItem(self, k);
    return R.tuples.create([k, v]);
  });
  method("dict", "setdefault", (self, args) => {
    const v = R.dictGet(self, args[0]!);
    if (v !== NULL) return inc(v);
    const d = args[1] ?? R.None;
    R.dicts.setItem(self, inc(args[0]!), inc(d));
    return inc(d);
  });
  method("dict", "update", (self, args, kw) => {
    if (args.length > 0) R.dictMerge(self, args[0]!);
    if (kw !== null) {
      kw.names.forEach((n, i) => {
        R.dicts.setItem(self, inc(R.name(n)), inc(kw.values[i]!));
      });
    }
    return R.None;
  });
  method("dict", "clear", (self) => {
    R.dicts.clear(self);
    return R.None;
  });
  method("dict", "copy", (self) => R.dictCopy(self));

  // --- set -------------------------------------------------------------------------------------
  method("set", "add", (self, args) => {
    R.setAdd(self, inc(args[0]!));
    return R.None;
  });
  method("set", "discard", (self, args) => {
    R.hash(args[0]!);
    R.sets.discard(self, args[0]!);
    return R.None;
  });
  method("set", "remove", (self, args) => {
    R.hash(args[0]!);
    if (!R.sets.discard(self, args[0]!)) throw R.throwable(R.newException(R.exc.KeyError!, [inc(args[0]!)]));
    return R.None;
  });
  method("set", "pop", (self) => {
    const items = R.sets.elements(self);
    if (items.length === 0) throw R.error("KeyError", "'pop from an empty set'");
    const v = inc(items[0]!);
    R.sets.discard(self, v);
    return v;
  });
  method("set", "clear", (self) => {
    R.sets.clear(self);
    return R.None;
  });
  method("set", "copy", (self) => ops.binary("|", self, R.sets.create()));
  for (const [name, op] of [
    ["union", "|"],
    ["intersection", "&"],
    ["difference", "-"],
    ["symmetric_difference", "^"],
  ] as const) {
    method("set", name, (self, args) => {
      let acc = inc(self);
      for (const a of args) {
        const other =
          R.typeId(a) === R.tid.set ? inc(a) : R.builtinClasses.get("set")!.construct!(NULL, [a], null);
        const next = ops.binary(op, acc, other);
        R.rc.decref(acc);
        R.rc.decref(other);
        acc = next;
      }
      if (acc === self) {
        R.rc.decref(acc);
        return ops.binary("|", self, R.sets.create());
      }
      return acc;
    });
  }
  method("set", "issubset", (self, args) =>
    R.bool(R.sets.elements(self).every((v) => ops.contains(args[0]!, v))),
  );
  method("set", "issuperset", (self, args) => {
    const items = R.toArray(args[0]!);
    const r = items.every((v) => R.sets.contains(self, v));
    for (const v of items) R.rc.decref(v);
    return R.bool(r);
  });

  // --- int, float --------------------------------------------------------------------------------
  method("int", "bit_count", (self) => {
    const v = R.bigValue(self);
    return R.int([...(v < 0n ? -v : v).toString(2)].filter((c) => c === "1").length);
  });
  method("int", "to_bytes", (self, args) => {
    const n = R.index(args[0]!);
    const little = args[1] !== undefined && R.strOf(args[1]) === "little";
    let v = R.bigValue(self);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      out[little ? i : n - 1 - i] = Number(v & 255n);
      v >>= 8n;
    }
    return R.core.bytesType.create(out);
  });
  method("int", "conjugate", (self) => inc(self));
  method("float", "as_integer_ratio", (self) => {
    const x = R.floats.value(self);
    if (!Number.isFinite(x))
      throw R.error(
        Number.isNaN(x) ? "ValueError" : "OverflowError",
        Number.isNaN(x) ? "cannot convert NaN to integer ratio" : "cannot convert Infinity to integer ratio",
      );
    let d = 1n;
    let m = x;
    while (!Number.isInteger(m)) {
      m *= 2;
      d *= 2n;
    }
    return R.tuples.create([R.int(BigInt(m)), R.int(d)]);
  });
  method("int", "bit_length", (self) => {
    const v = R.bigValue(self);
    return R.int((v < 0n ? -v : v).toString(2).replace(/^0$/, "").length);
  });
  method("float", "is_integer", (self) => R.bool(Number.isInteger(R.floats.value(self))));
  method("object", "__init__", () => R.None);
  void formatFloat;
}
