/**
 * Text: the methods of `str`, `format()` and f-string fields, `str.format`, `%`-formatting
 * and `repr` of floats and strs — heap-object bindings over the pure helpers in
 * `../support` (code-point semantics and CPython's exact texts and errors live there).
 *
 * @module
 */
import { type Address, NULL } from "@pymem/core";
import { PythonError } from "@pymem/runtime";
import { floatRepr } from "../support/float-repr";
import {
  formatFloat,
  formatInt,
  formatStr,
  parseFormatTemplate,
  percentFormat,
} from "../support/format-spec";
import * as S from "../support/str-methods";
import { kwarg, native } from "./builtins";
import type { NativeImpl } from "./class-info";
import type { Interpreter } from "./interpreter";

/** A Python value as the support modules take it: bigint int, number float, string, boolean, null, or an address box. */
class Boxed {
  constructor(readonly obj: Address) {}
}

/** Installs str methods and the formatting hooks. */
export function installText(R: Interpreter): void {
  const cls = R.builtinClasses.get("str")!;
  const method = (name: string, impl: NativeImpl) => {
    cls.methods.set(name, native(R, name, impl));
  };
  const text = (a: Address | undefined, what = "argument"): string => {
    if (a === undefined || a === NULL) throw R.error("TypeError", `${what} missing`);
    if (R.typeId(a) !== R.tid.str) throw R.error("TypeError", `must be str, not ${R.typeName(a)}`);
    return R.strs.value(a);
  };
  const optText = (a: Address | undefined): string | null =>
    a === undefined || a === R.None ? null : text(a);
  const optInt = (a: Address | undefined): number | undefined =>
    a === undefined || a === R.None ? undefined : R.index(a, "slice indices");
  const str = (s: string) => R.str(s);
  const wrap =
    (
      f: (
        s: string,
        args: readonly Address[],
        kw: ReturnType<typeof kwarg> extends never ? never : Parameters<NativeImpl>[2],
      ) => Address,
    ): NativeImpl =>
    (self, args, kw) => {
      try {
        return f(R.strs.value(self), args, kw);
      } catch (e) {
        throw R.toThrow(e);
      }
    };
  const simple = (name: string, f: (s: string) => string) =>
    method(
      name,
      wrap((s) => str(f(s))),
    );
  simple("upper", S.upper);
  simple("lower", S.lower);
  simple("casefold", S.casefold);
  simple("capitalize", S.capitalize);
  simple("title", S.title);
  simple("swapcase", S.swapcase);
  const pred = (name: string, f: (s: string) => boolean) =>
    method(
      name,
      wrap((s) => R.bool(f(s))),
    );
  pred("isspace", S.isSpace);
  pred("isalpha", S.isAlpha);
  pred("isdecimal", S.isDecimal);
  pred("isdigit", S.isDigit);
  pred("isnumeric", S.isNumeric);
  pred("isalnum", S.isAlnum);
  pred("isascii", S.isAscii);
  pred("isprintable", S.isPrintable);
  pred("isidentifier", S.isIdentifier);
  pred("islower", S.isLower);
  pred("isupper", S.isUpper);
  pred("istitle", S.isTitle);
  const strip = (name: string, f: (s: string, chars?: string | null) => string) =>
    method(
      name,
      wrap((s, a) => str(f(s, optText(a[0])))),
    );
  strip("strip", S.strip);
  strip("lstrip", S.lstrip);
  strip("rstrip", S.rstrip);
  const search = (name: string, f: (s: string, sub: string, start?: number, end?: number) => number) =>
    method(
      name,
      wrap((s, a) => R.int(f(s, text(a[0]), optInt(a[1]), optInt(a[2])))),
    );
  search("find", S.find);
  search("rfind", S.rfind);
  search("index", S.index);
  search("rindex", S.rindex);
  search("count", S.count);
  const affix = (name: string, f: typeof S.startswith) =>
    method(
      name,
      wrap((s, a) => {
        const p = a[0]!;
        const prefixes =
          R.typeId(p) === R.tid.tuple
            ? R.toArray(p).map((x) => {
                const t = text(x);
                R.rc.decref(x);
                return t;
              })
            : text(p);
        return R.bool(f(s, prefixes, optInt(a[1]), optInt(a[2])));
      }),
    );
  affix("startswith", S.startswith);
  affix("endswith", S.endswith);
  const splitter = (name: string, f: typeof S.split) =>
    method(
      name,
      wrap((s, a, kw) => {
        const sep = a[0] ?? kwarg(kw, "sep");
        const max = a[1] ?? kwarg(kw, "maxsplit");
        const parts = f(
          s,
          sep === NULL || sep === undefined ? null : optText(sep),
          max === NULL || max === undefined ? -1 : R.index(max),
        );
        return R.lists.create(parts.map(str));
      }),
    );
  splitter("split", S.split);
  splitter("rsplit", S.rsplit);
  method(
    "splitlines",
    wrap((s, a, kw) => {
      const keep = a[0] ?? kwarg(kw, "keepends");
      return R.lists.create(S.splitlines(s, keep !== NULL && keep !== undefined && R.truthy(keep)).map(str));
    }),
  );
  method(
    "partition",
    wrap((s, a) => R.tuples.create(S.partition(s, text(a[0])).map(str))),
  );
  method(
    "rpartition",
    wrap((s, a) => R.tuples.create(S.rpartition(s, text(a[0])).map(str))),
  );
  method(
    "replace",
    wrap((s, a) => str(S.replace(s, text(a[0]), text(a[1]), a[2] === undefined ? -1 : R.index(a[2])))),
  );
  method(
    "removeprefix",
    wrap((s, a) => str(S.removeprefix(s, text(a[0])))),
  );
  method(
    "removesuffix",
    wrap((s, a) => str(S.removesuffix(s, text(a[0])))),
  );
  const justify = (name: string, f: (s: string, w: number, fill?: string) => string) =>
    method(
      name,
      wrap((s, a) => str(f(s, R.index(a[0]!), a[1] === undefined ? " " : text(a[1])))),
    );
  justify("center", S.center);
  justify("ljust", S.ljust);
  justify("rjust", S.rjust);
  method(
    "zfill",
    wrap((s, a) => str(S.zfill(s, R.index(a[0]!)))),
  );
  method(
    "expandtabs",
    wrap((s, a) => str(S.expandtabs(s, a[0] === undefined ? 8 : R.index(a[0])))),
  );
  method(
    "join",
    wrap((s, a) => {
      const items = R.toArray(a[0]!);
      try {
        const parts = items.map((x, i) => {
          if (R.typeId(x) !== R.tid.str)
            throw R.error("TypeError", `sequence item ${i}: expected str instance, ${R.typeName(x)} found`);
          return R.strs.value(x);
        });
        return str(parts.join(s));
      } finally {
        for (const x of items) R.rc.decref(x);
      }
    }),
  );
  method(
    "encode",
    wrap((s) => R.core.bytesType.create(new TextEncoder().encode(s))),
  );
  method(
    "format",
    wrap((s, a, kw) => str(formatTemplate(R, s, a, kw))),
  );
  method(
    "__len__",
    wrap((s) => R.int(S.codePointLength(s))),
  );

  R.formatValue = (value, spec) => formatValue(R, value, spec);
  R.formatString = (t, spec) => formatStr(t, spec);
  R.percentFormat = (template, args) => {
    const items = R.typeId(args) === R.tid.tuple ? R.toArray(args) : [R.ref(args)];
    const toJs = (a: Address): unknown => {
      const t = R.typeId(a);
      if (t === R.tid.int) return R.bigValue(a);
      if (t === R.tid.bool) return a === R.True;
      if (t === R.tid.float) return R.floats.value(a);
      if (t === R.tid.str) return R.strs.value(a);
      if (a === R.None) return null;
      return new Boxed(a);
    };
    const unbox = (v: unknown): Address => {
      if (v instanceof Boxed) return v.obj;
      throw new Error("unreachable");
    };
    const reprJs = (v: unknown): string => (v instanceof Boxed ? R.reprOf(unbox(v)) : jsRepr(R, v));
    const strJs = (v: unknown): string => (v instanceof Boxed ? R.strOf(unbox(v)) : jsStr(R, v));
    try {
      const isMapping = R.typeId(args) === R.tid.dict;
      return R.str(
        percentFormat(
          R.strs.value(template),
          isMapping ? [new Boxed(args)] : items.map(toJs),
          reprJs,
          strJs,
          {
            typeName: (v) => (v instanceof Boxed ? R.typeName(v.obj) : "object"),
            ...(isMapping
              ? {
                  lookup: (key: string) => {
                    const v = R.dicts.getString(args, key, R.strs.hash(R.name(key)));
                    if (v === NULL) throw R.throwable(R.newException(R.exc.KeyError!, [R.str(key)]));
                    return toJs(v);
                  },
                }
              : {}),
          },
        ),
      );
    } catch (e) {
      throw R.toThrow(e);
    } finally {
      for (const v of items) R.rc.decref(v);
    }
  };
}

function jsRepr(R: Interpreter, v: unknown): string {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") return floatRepr(v);
  if (typeof v === "string") return S.strRepr(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null) return "None";
  void R;
  return String(v);
}

function jsStr(R: Interpreter, v: unknown): string {
  if (typeof v === "string") return v;
  return jsRepr(R, v);
}

/** `format(value, spec)` for builtin values and instances (their `__format__`, else `str`). */
export function formatValue(R: Interpreter, value: Address, spec: string): string {
  const t = R.typeId(value);
  try {
    if (t === R.tid.int) return formatInt(R.bigValue(value), spec);
    if (t === R.tid.bool) return spec === "" ? R.strOf(value) : formatInt(value === R.True ? 1n : 0n, spec);
    if (t === R.tid.float) return formatFloat(R.floats.value(value), spec);
    if (t === R.tid.str) return formatStr(R.strs.value(value), spec);
  } catch (e) {
    throw R.toThrow(e);
  }
  const cls = R.classOf(value);
  if (cls.kind !== "builtin") {
    const m = R.lookup(cls, "__format__");
    if (m !== NULL) {
      const r = R.call(m, [R.ref(value), R.str(spec)], null);
      try {
        return R.strOf(r);
      } finally {
        R.rc.decref(r);
      }
    }
  }
  if (spec !== "") throw R.error("TypeError", `unsupported format string passed to ${cls.name}.__format__`);
  return R.strOf(value);
}

/** `template.format(*args, **kw)`. */
function formatTemplate(
  R: Interpreter,
  template: string,
  args: readonly Address[],
  kw: Parameters<NativeImpl>[2],
): string {
  let parts: ReturnType<typeof parseFormatTemplate>;
  try {
    parts = parseFormatTemplate(template);
  } catch (e) {
    throw R.toThrow(e);
  }
  const render = (ps: readonly (typeof parts)[number][]): string => {
    let out = "";
    for (const p of ps) {
      if (typeof p === "string") {
        out += p;
        continue;
      }
      let v: Address;
      if (typeof p.first === "number") {
        if (p.first >= args.length)
          throw R.error("IndexError", `Replacement index ${p.first} out of range for positional args tuple`);
        v = R.ref(args[p.first]!);
      } else {
        const k = kwarg(kw, p.first);
        if (k === NULL) throw R.throwable(R.newException(R.exc.KeyError!, [R.str(p.first)]));
        v = R.ref(k);
      }
      for (const step of p.path) {
        const next =
          "attribute" in step
            ? R.getattr(v, step.attribute)
            : R.subs.getitem(v, typeof step.key === "number" ? R.int(step.key) : R.str(step.key));
        R.rc.decref(v);
        v = next;
      }
      try {
        const spec = p.specParts !== null ? render(p.specParts) : p.spec;
        if (p.conversion === "r" || p.conversion === "a") out += formatStr(R.reprOf(v), spec);
        else if (p.conversion === "s") out += formatStr(R.strOf(v), spec);
        else out += formatValue(R, v, spec);
      } finally {
        R.rc.decref(v);
      }
    }
    return out;
  };
  return render(parts);
}

/** Python's repr of a float (shortest round-trip digits). */
export function reprFloat(x: number): string {
  return floatRepr(x);
}

/** Python's repr of a str. */
export function reprStr(s: string): string {
  return S.strRepr(s);
}

export { PythonError };
