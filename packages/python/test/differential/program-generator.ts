/**
 * Random small Python programs for differential testing (fast-check arbitraries).
 *
 * Every generated program is well-formed, deterministic and terminating, and runs without an
 * uncaught exception under CPython 3.11. A program has this shape:
 *
 *   M = 10 ** 30                         every int assignment is reduced modulo M, so ints
 *   def f0(a, b): ... return r % M        stay big (up to 100 bits) but bounded
 *   class C0: __init__ / step / __len__ / __repr__  (C1 may subclass C0 and call super())
 *   i0 = …; s0 = …; l0 = …; d0 = …; o0 = C0(…)      typed globals: int, str, list of int,
 *   <statements>                                     dict of str to int, instances
 *   print(i0, …, o1)                                  the final state of every global
 *
 * Termination: loops run over `range(n % 5)`, slices of at most 6 items, or a `while` counter
 * with a literal bound; functions call only functions defined before them. Safety: divisors
 * are written `(b or 1)`, indexes are reduced modulo the length of a non-empty sequence, and
 * strings and lists are cut to a maximum length on every assignment. Exceptions the program
 * raises on purpose (IndexError, KeyError, ValueError, ZeroDivisionError) are caught by a
 * `try` written around them, and their messages printed.
 */
import fc from "fast-check";

/** Names and expressions a generated expression may read, by type. */
interface Scope {
  readonly ints: readonly string[];
  readonly strs: readonly string[];
  readonly lists: readonly string[];
  readonly dicts: readonly string[];
  readonly objects: readonly string[];
  /** Functions taking two ints and returning an int. */
  readonly functions: readonly string[];
}

/** Where a statement is generated: which loop encloses it and how deep it is nested. */
interface Place {
  readonly scope: Scope;
  readonly loop: "for" | "while" | null;
  readonly depth: number;
}

const MAX_STR = 60;
const MAX_LIST = 30;
const INDENT = "    ";

const withScope = (scope: Scope, more: Partial<Scope>): Scope => ({
  ints: [...scope.ints, ...(more.ints ?? [])],
  strs: [...scope.strs, ...(more.strs ?? [])],
  lists: [...scope.lists, ...(more.lists ?? [])],
  dicts: [...scope.dicts, ...(more.dicts ?? [])],
  objects: [...scope.objects, ...(more.objects ?? [])],
  functions: [...scope.functions, ...(more.functions ?? [])],
});

/**
 * Arbitraries are built once per scope, kind and depth: built eagerly and afresh at every use,
 * the mutually recursive expression builders would grow exponentially with depth.
 */
const built = new WeakMap<Scope, Map<string, fc.Arbitrary<unknown>>>();
function memo<T>(scope: Scope, key: string, build: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  let perScope = built.get(scope);
  if (!perScope) {
    perScope = new Map();
    built.set(scope, perScope);
  }
  let arb = perScope.get(key) as fc.Arbitrary<T> | undefined;
  if (!arb) {
    arb = build();
    perScope.set(key, arb);
  }
  return arb;
}

const indent = (lines: string[]): string[] => lines.map((l) => (l === "" ? l : INDENT + l));

/** A Python str literal for `text`, double-quoted with the escapes Python reads back. */
export function pythonStringLiteral(text: string): string {
  let out = '"';
  for (const ch of text) {
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else out += ch;
  }
  return `${out}"`;
}

const CHARS = [..."aabcdeexyzABZ  _-,.!?0129'\"\\\n\téßüΩλ€日😀"];
const strLiteral = fc
  .array(fc.constantFrom(...CHARS), { maxLength: 8 })
  .map((cs) => pythonStringLiteral(cs.join("")));
const KEYS = ["a", "b", "c", "key", "x", "é", "n1"];
const keyLiteral = fc.constantFrom(...KEYS).map(pythonStringLiteral);

const intLiteral = fc.oneof(
  { arbitrary: fc.integer({ min: -20, max: 100 }).map(String), weight: 6 },
  { arbitrary: fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String), weight: 1 },
  { arbitrary: fc.constantFrom("(2 ** 64)", "(2 ** 30)", "(2 ** 62 + 1)", "(10 ** 20)"), weight: 1 },
);
const paren = (s: string): string => `(${s})`;
const pick = (names: readonly string[]): fc.Arbitrary<string> | null =>
  names.length > 0 ? fc.constantFrom(...names) : null;
const present = <T>(xs: (T | null)[]): T[] => xs.filter((x): x is T => x !== null);

/** An int-valued expression. */
function intExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  return memo(scope, `intExpr${depth}`, () => buildIntExpr(scope, depth));
}

function buildIntExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  const leaves = present([
    intLiteral.map((v) => (v.startsWith("-") ? paren(v) : v)),
    pick(scope.ints),
    pick(scope.ints),
  ]);
  if (depth <= 0) return fc.oneof(...leaves);
  const i = () => intExpr(scope, depth - 1);
  const s = () => strExpr(scope, depth - 1);
  const l = () => listExpr(scope, depth - 1);
  const b = () => boolExpr(scope, depth - 1);
  const nodes: fc.Arbitrary<string>[] = [
    fc
      .tuple(i(), fc.constantFrom("+", "-", "*", "&", "|", "^"), i())
      .map(([x, op, y]) => paren(`${x} ${op} ${y}`)),
    fc.tuple(i(), fc.constantFrom("//", "%"), i()).map(([x, op, y]) => paren(`${x} ${op} (${y} or 1)`)),
    fc.tuple(i(), i()).map(([x, y]) => paren(`${x} >> (${y} % 7)`)),
    fc.tuple(i(), i()).map(([x, y]) => paren(`${x} << (${y} % 9)`)),
    i().map((x) => `abs(${x})`),
    i().map((x) => paren(`-${x}`)),
    fc.tuple(fc.constantFrom("min", "max"), i(), i()).map(([f, x, y]) => `${f}(${x}, ${y})`),
    fc.tuple(i(), b(), i()).map(([x, c, y]) => paren(`${x} if ${c} else ${y}`)),
    s().map((x) => `len(${x})`),
    l().map((x) => `len(${x})`),
    l().map((x) => `sum(${x})`),
    fc.tuple(l(), i()).map(([x, y]) => `sum(v for v in ${x} if v > ${y})`),
    fc.tuple(fc.constantFrom("min", "max"), l(), i()).map(([f, x, d]) => `${f}(${x}, default=${d})`),
    fc.tuple(l(), i()).map(([x, y]) => `${x}.count(${y})`),
    fc.tuple(s(), s()).map(([x, y]) => `${x}.find(${y})`),
    fc.tuple(s(), s()).map(([x, y]) => `${x}.count(${y})`),
    s().map((x) => `sum(1 for c in ${x} if c in "aeiouAE")`),
    s().map((x) => `(ord(${x}[0]) if ${x} else 0)`),
    fc.tuple(l(), i()).map(([x, y]) => `(${x}[${y} % len(${x})] if ${x} else ${y})`),
    fc.tuple(i(), i(), i(), i()).map(([x, y, z, k]) => `[${x}, ${y}, ${z}][${k} % 3]`),
    b().map((x) => `int(${x})`),
    i().map((x) => `round(${x} / 7)`),
    i().map((x) => `len(str(${x}))`),
    i().map((x) => `(${x}).bit_length()`),
  ];
  const d = pick(scope.dicts);
  if (d) {
    nodes.push(fc.tuple(d, keyLiteral, i()).map(([dv, k, y]) => `${dv}.get(${k}, ${y})`));
    nodes.push(d.map((dv) => `len(${dv})`));
    nodes.push(d.map((dv) => `sum(${dv}.values())`));
  }
  const f = pick(scope.functions);
  if (f) nodes.push(fc.tuple(f, i(), i()).map(([fn, x, y]) => `${fn}(${x}, ${y})`));
  const o = pick(scope.objects);
  if (o) {
    nodes.push(o.map((ov) => `${ov}.v`));
    nodes.push(o.map((ov) => `len(${ov})`));
    nodes.push(fc.tuple(o, i()).map(([ov, x]) => `${ov}.step(${x})`));
  }
  return fc.oneof(
    { arbitrary: fc.oneof(...leaves), weight: 3 },
    { arbitrary: fc.oneof(...nodes), weight: 2 },
  );
}

/** A str-valued expression. */
function strExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  return memo(scope, `strExpr${depth}`, () => buildStrExpr(scope, depth));
}

function buildStrExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  const leaves = present([strLiteral, pick(scope.strs), pick(scope.strs)]);
  if (depth <= 0) return fc.oneof(...leaves);
  const i = () => intExpr(scope, depth - 1);
  const s = () => strExpr(scope, depth - 1);
  const l = () => listExpr(scope, depth - 1);
  const b = () => boolExpr(scope, depth - 1);
  const nodes: fc.Arbitrary<string>[] = [
    fc.tuple(s(), s()).map(([x, y]) => paren(`${x} + ${y}`)),
    fc.tuple(s(), i()).map(([x, y]) => paren(`${x} * (${y} % 3)`)),
    fc.tuple(s(), i(), i()).map(([x, y, z]) => `${x}[${y}:${z}]`),
    fc.tuple(s(), i()).map(([x, y]) => `${x}[::(${y} % 3) + 1]`),
    s().map((x) => `${x}[::-1]`),
    fc
      .tuple(s(), fc.constantFrom("upper", "lower", "strip", "title", "swapcase", "capitalize", "lstrip"))
      .map(([x, m]) => `${x}.${m}()`),
    fc.tuple(s(), s(), s()).map(([x, y, z]) => `${x}.replace(${y}, ${z}, 2)`),
    i().map((x) => `str(${x})`),
    s().map((x) => `repr(${x})`),
    fc.tuple(i(), s(), l()).map(([x, y, z]) => `str((${x}, ${y}, ${z}[:2]))`),
    l().map((x) => `str(${x})`),
    s().map((x) => `"-".join(sorted(${x}))`),
    l().map((x) => `",".join(str(v) for v in ${x})`),
    s().map((x) => `" ".join(${x}.split())`),
    fc.tuple(s(), i()).map(([x, y]) => `${x}.center(${y} % 12, "*")`),
    fc.tuple(s(), i()).map(([x, y]) => `${x}.zfill(${y} % 9)`),
    fc.tuple(s(), b(), s()).map(([x, c, y]) => paren(`${x} if ${c} else ${y}`)),
    i().map((x) => `format(${x}, ",")`),
    fc.tuple(i(), s()).map(([x, y]) => paren(`"%d/%s/%r" % (${x}, ${y}, ${y})`)),
    fc.tuple(s(), s()).map(([x, y]) => `"|".join(${x}.partition(${y} or "|"))`),
  ];
  const ints = pick(scope.ints);
  const strs = pick(scope.strs);
  if (ints && strs) {
    // f-string fields are plain names: a 3.11 f-string cannot nest quotes of its own kind.
    nodes.push(
      fc
        .tuple(ints, strs, fc.constantFrom("", ":>6", ":<4", ":^7", ":+d", ":,", ":x", ":08b"))
        .map(([iv, sv, spec]) => `f"{${iv}${spec}}|{${sv}!r}|{${sv}}"`),
    );
  }
  const d = pick(scope.dicts);
  if (d) nodes.push(d.map((dv) => `str(${dv})`));
  const o = pick(scope.objects);
  if (o) nodes.push(o.map((ov) => `repr(${ov})`));
  return fc.oneof(
    { arbitrary: fc.oneof(...leaves), weight: 3 },
    { arbitrary: fc.oneof(...nodes), weight: 2 },
  );
}

/** A list-of-int-valued expression. */
function listExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  return memo(scope, `listExpr${depth}`, () => buildListExpr(scope, depth));
}

function buildListExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  const literal = fc
    .array(fc.integer({ min: -9, max: 50 }), { maxLength: 6 })
    .map((xs) => `[${xs.join(", ")}]`);
  const leaves = present([literal, pick(scope.lists)]);
  if (depth <= 0) return fc.oneof(...leaves);
  const i = () => intExpr(scope, depth - 1);
  const s = () => strExpr(scope, depth - 1);
  const l = () => listExpr(scope, depth - 1);
  const nodes: fc.Arbitrary<string>[] = [
    l().map((x) => `sorted(${x})`),
    l().map((x) => `sorted(${x}, reverse=True)`),
    l().map((x) => `sorted(${x}, key=lambda v: (v % 5, -v))`),
    l().map((x) => `list(reversed(${x}))`),
    fc.tuple(l(), i(), i()).map(([x, y, z]) => `${x}[${y}:${z}]`),
    fc.tuple(l(), l()).map(([x, y]) => `(${x} + ${y})[:${MAX_LIST}]`),
    fc.tuple(l(), i()).map(([x, y]) => `[(v * ${y}) % M for v in ${x}]`),
    l().map((x) => `[v for v in ${x} if v % 2 == 0]`),
    i().map((x) => `list(range(${x} % 10))`),
    s().map((x) => `[ord(c) for c in ${x}][:10]`),
    l().map((x) => `sorted(set(${x}))`),
    fc.tuple(l(), i()).map(([x, y]) => `(${x} * (${y} % 3))[:${MAX_LIST}]`),
    l().map((x) => `[i * v for i, v in enumerate(${x})]`),
    fc.tuple(l(), l()).map(([x, y]) => `[a - b for a, b in zip(${x}, ${y})]`),
  ];
  const d = pick(scope.dicts);
  if (d) nodes.push(d.map((dv) => `list(${dv}.values())`));
  const f = pick(scope.functions);
  if (f) nodes.push(fc.tuple(f, l(), i()).map(([fn, x, y]) => `[${fn}(v, ${y}) for v in ${x}[:3]]`));
  return fc.oneof(
    { arbitrary: fc.oneof(...leaves), weight: 3 },
    { arbitrary: fc.oneof(...nodes), weight: 2 },
  );
}

/** A dict-of-str-to-int-valued expression. */
function dictExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  return memo(scope, `dictExpr${depth}`, () => buildDictExpr(scope, depth));
}

function buildDictExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  const literal = fc
    .array(fc.tuple(keyLiteral, fc.integer({ min: -5, max: 99 })), { maxLength: 4 })
    .map((kvs) => `{${kvs.map(([k, v]) => `${k}: ${v}`).join(", ")}}`);
  const leaves = present([literal, pick(scope.dicts)]);
  if (depth <= 0) return fc.oneof(...leaves);
  const s = () => strExpr(scope, depth - 1);
  const l = () => listExpr(scope, depth - 1);
  const d = () => dictExpr(scope, depth - 1);
  const nodes: fc.Arbitrary<string>[] = [
    s().map((x) => `{c: ord(c) for c in ${x}}`),
    l().map((x) => `dict(zip(["a", "b", "c", "d"], ${x}))`),
    fc.tuple(d(), d()).map(([x, y]) => `{**${x}, **${y}}`),
    d().map((x) => `{k: (v * 2) % M for k, v in ${x}.items()}`),
    d().map((x) => `{k: v for k, v in ${x}.items() if v % 2}`),
    d().map((x) => `dict(sorted(${x}.items()))`),
  ];
  return fc.oneof(
    { arbitrary: fc.oneof(...leaves), weight: 3 },
    { arbitrary: fc.oneof(...nodes), weight: 1 },
  );
}

/** A bool-valued expression. */
function boolExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  return memo(scope, `boolExpr${depth}`, () => buildBoolExpr(scope, depth));
}

function buildBoolExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  const d0 = Math.max(0, depth - 1);
  const i = () => intExpr(scope, d0);
  const s = () => strExpr(scope, d0);
  const l = () => listExpr(scope, d0);
  const cmp = fc.constantFrom("<", "<=", "==", "!=", ">", ">=");
  const nodes: fc.Arbitrary<string>[] = [
    fc.tuple(i(), cmp, i()).map(([x, op, y]) => `${x} ${op} ${y}`),
    fc.tuple(i(), i(), i()).map(([x, y, z]) => `${x} < ${y} <= ${z}`),
    fc.tuple(s(), cmp, s()).map(([x, op, y]) => `${x} ${op} ${y}`),
    fc.tuple(s(), s()).map(([x, y]) => `${x} in ${y}`),
    fc.tuple(i(), l()).map(([x, y]) => `${x} not in ${y}`),
    fc.tuple(s(), s()).map(([x, y]) => `${x}.startswith(${y})`),
    l().map((x) => `bool(${x})`),
    i().map((x) => `${x} % 2 == 0`),
  ];
  const d = pick(scope.dicts);
  if (d) nodes.push(fc.tuple(keyLiteral, d).map(([k, dv]) => `${k} in ${dv}`));
  if (depth > 0) {
    const b = () => boolExpr(scope, depth - 1);
    nodes.push(b().map((x) => `not (${x})`));
    nodes.push(fc.tuple(b(), fc.constantFrom("and", "or"), b()).map(([x, op, y]) => `(${x} ${op} ${y})`));
  }
  return fc.oneof(...nodes);
}

/** A float-valued expression, only ever printed (float repr is part of what is compared). */
function floatExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  return memo(scope, `floatExpr${depth}`, () => buildFloatExpr(scope, depth));
}

function buildFloatExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  const i = () => intExpr(scope, depth);
  const l = () => listExpr(scope, depth);
  return fc.oneof(
    fc.tuple(i(), i()).map(([x, y]) => `${x} / (${y} or 1)`),
    fc.tuple(i(), i(), fc.integer({ min: 0, max: 4 })).map(([x, y, n]) => `round(${x} / (${y} or 1), ${n})`),
    l().map((x) => `sum(${x}) / (len(${x}) or 1)`),
    i().map((x) => `${x} * 0.5`),
    i().map((x) => `float(${x} % 1000) / 8`),
  );
}

function anyExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  return memo(scope, `anyExpr${depth}`, () => buildAnyExpr(scope, depth));
}

function buildAnyExpr(scope: Scope, depth: number): fc.Arbitrary<string> {
  const kinds = [
    intExpr(scope, depth),
    strExpr(scope, depth),
    listExpr(scope, depth),
    dictExpr(scope, depth),
    boolExpr(scope, depth),
    floatExpr(scope, Math.max(0, depth - 1)),
  ];
  const o = pick(scope.objects);
  if (o) kinds.push(o);
  return fc.oneof(...kinds);
}

const EXPR_DEPTH = 2;

/** One statement at module level (or in a loop or branch inside it), as lines of source. */
function statement(place: Place): fc.Arbitrary<string[]> {
  return memo(place.scope, `statement ${place.loop} ${place.depth}`, () => buildStatement(place));
}

function buildStatement(place: Place): fc.Arbitrary<string[]> {
  const { scope } = place;
  const i = intExpr(scope, EXPR_DEPTH);
  const s = strExpr(scope, EXPR_DEPTH);
  const l = listExpr(scope, EXPR_DEPTH);
  const d = dictExpr(scope, 1);
  const b = boolExpr(scope, 1);
  const assignable = { ints: scope.ints.filter((n) => /^i\d$/.test(n)) };
  const intVar = pick(assignable.ints);
  const strVar = pick(scope.strs.filter((n) => /^s\d$/.test(n)));
  const listVar = pick(scope.lists);
  const dictVar = pick(scope.dicts);
  const objVar = pick(scope.objects);
  const options: fc.Arbitrary<string[]>[] = [
    fc
      .array(anyExpr(scope, EXPR_DEPTH), { minLength: 1, maxLength: 3 })
      .map((xs) => [`print(${xs.join(", ")})`]),
    fc.tuple(anyExpr(scope, 1), anyExpr(scope, 1)).map(([x, y]) => [`print(${x}, ${y}, sep=" ~ ")`]),
  ];
  if (intVar) {
    options.push(fc.tuple(intVar, i).map(([v, x]) => [`${v} = (${x}) % M`]));
    options.push(fc.tuple(intVar, intVar).map(([v, w]) => [`${v}, ${w} = ${w}, ${v}`]));
    options.push(
      fc
        .tuple(intVar, fc.constantFrom("+", "-", "*", "^", "|"), i)
        .map(([v, op, x]) => [`${v} ${op}= ${x}`, `${v} %= M`]),
    );
    if (listVar)
      options.push(
        fc
          .tuple(intVar, listVar, i)
          .map(([v, lv, x]) => [
            "try:",
            `${INDENT}${v} = ${lv}[${x}]`,
            "except IndexError as e:",
            `${INDENT}print("IndexError", e)`,
          ]),
      );
    if (dictVar)
      options.push(
        fc
          .tuple(intVar, dictVar, keyLiteral)
          .map(([v, dv, k]) => [
            "try:",
            `${INDENT}${v} = ${dv}[${k}]`,
            "except KeyError as e:",
            `${INDENT}print("KeyError", e)`,
          ]),
      );
    options.push(
      fc
        .tuple(intVar, s)
        .map(([v, x]) => [
          "try:",
          `${INDENT}${v} = int(${x}) % M`,
          "except ValueError as e:",
          `${INDENT}print("ValueError", e)`,
        ]),
    );
    options.push(
      fc
        .tuple(intVar, i, i)
        .map(([v, x, y]) => [
          "try:",
          `${INDENT}${v} = (${x} // ${y}) % M`,
          "except ZeroDivisionError as e:",
          `${INDENT}print("ZeroDivisionError", e)`,
        ]),
    );
  }
  if (strVar) {
    options.push(fc.tuple(strVar, s).map(([v, x]) => [`${v} = (${x})[:${MAX_STR}]`]));
    options.push(fc.tuple(strVar, s).map(([v, x]) => [`${v} += ${x}`, `${v} = ${v}[-${MAX_STR}:]`]));
  }
  if (listVar) {
    options.push(fc.tuple(listVar, l).map(([v, x]) => [`${v} = (${x})[:${MAX_LIST}]`]));
    options.push(fc.tuple(listVar, i).map(([v, x]) => [`${v}.append((${x}) % M)`]));
    options.push(fc.tuple(listVar, l).map(([v, x]) => [`${v}.extend((${x})[:5])`, `del ${v}[${MAX_LIST}:]`]));
    options.push(
      fc
        .tuple(listVar, i, i)
        .map(([v, x, y]) => [`${v}.insert(${x} % 61 - 30, (${y}) % M)`, `del ${v}[${MAX_LIST}:]`]),
    );
    options.push(listVar.map((v) => [`if ${v}:`, `${INDENT}print("popped", ${v}.pop())`]));
    options.push(fc.tuple(listVar, i).map(([v, x]) => [`if ${x} in ${v}:`, `${INDENT}${v}.remove(${x})`]));
    options.push(
      fc
        .tuple(listVar, fc.constantFrom("sort()", "reverse()", "sort(reverse=True)"))
        .map(([v, m]) => [`${v}.${m}`]),
    );
    options.push(fc.tuple(listVar, i, i).map(([v, x, y]) => [`${v}[${x}:${y}] = []`]));
  }
  if (dictVar) {
    options.push(fc.tuple(dictVar, keyLiteral, i).map(([v, k, x]) => [`${v}[${k}] = (${x}) % M`]));
    options.push(fc.tuple(dictVar, s, i).map(([v, k, x]) => [`${v}[(${k})[:3]] = (${x}) % M`]));
    options.push(fc.tuple(dictVar, keyLiteral).map(([v, k]) => [`print(${v}.pop(${k}, None))`]));
    options.push(fc.tuple(dictVar, d).map(([v, x]) => [`${v}.update(${x})`]));
    options.push(fc.tuple(dictVar, keyLiteral, i).map(([v, k, x]) => [`${v}.setdefault(${k}, (${x}) % M)`]));
    options.push(
      fc.tuple(dictVar, keyLiteral).map(([v, k]) => [`if ${k} in ${v}:`, `${INDENT}del ${v}[${k}]`]),
    );
  }
  if (objVar) {
    options.push(fc.tuple(objVar, i).map(([v, x]) => [`${v}.v = (${x}) % M`]));
    options.push(fc.tuple(objVar, i).map(([v, x]) => [`print(${v}.step(${x}), ${v})`]));
  }
  if (place.loop === "for") {
    options.push(b.map((c) => [`if ${c}:`, `${INDENT}continue`]));
    options.push(b.map((c) => [`if ${c}:`, `${INDENT}break`]));
  }
  if (place.loop === "while") options.push(b.map((c) => [`if ${c}:`, `${INDENT}break`]));
  if (place.depth < 2) {
    const inner = (extra: Partial<Scope>, loop: Place["loop"]) =>
      block({ scope: withScope(scope, extra), loop, depth: place.depth + 1 });
    const v = `v${place.depth}`;
    const plain = () => block({ ...place, depth: place.depth + 1 });
    options.push(fc.tuple(b, plain()).map(([c, body]) => [`if ${c}:`, ...indent(body)]));
    options.push(
      fc
        .tuple(b, plain(), b, plain(), plain())
        .map(([c1, t, c2, e1, e2]) => [
          `if ${c1}:`,
          ...indent(t),
          `elif ${c2}:`,
          ...indent(e1),
          "else:",
          ...indent(e2),
        ]),
    );
    options.push(
      fc
        .tuple(i, inner({ ints: [v] }, "for"))
        .map(([n, body]) => [`for ${v} in range(${n} % 5):`, ...indent(body)]),
    );
    options.push(
      fc.tuple(s, inner({ strs: [v] }, "for")).map(([x, body]) => [`for ${v} in ${x}[:5]:`, ...indent(body)]),
    );
    if (listVar)
      options.push(
        fc
          .tuple(listVar, inner({ ints: [v] }, "for"), plain())
          .map(([lv, body, after]) => [
            `for ${v} in list(${lv})[:6]:`,
            ...indent(body),
            "else:",
            ...indent(after),
          ]),
      );
    if (dictVar)
      options.push(
        fc
          .tuple(dictVar, inner({ strs: [`k${place.depth}`], ints: [v] }, "for"))
          .map(([dv, body]) => [`for k${place.depth}, ${v} in list(${dv}.items())[:5]:`, ...indent(body)]),
      );
    const w = `w${place.depth}`;
    options.push(
      fc
        .tuple(fc.integer({ min: 0, max: 4 }), inner({ ints: [w] }, "while"))
        .map(([n, body]) => [`${w} = 0`, `while ${w} < ${n}:`, ...indent(body), `${INDENT}${w} += 1`]),
    );
  }
  return fc.oneof(...options);
}

/** One to three statements. */
function block(place: Place): fc.Arbitrary<string[]> {
  return fc.array(statement(place), { minLength: 1, maxLength: 3 }).map((ss) => ss.flat());
}

/** `def fN(a, b)`: int arithmetic over its parameters, globals it reads, and earlier functions. */
function functionDef(name: string, scope: Scope): fc.Arbitrary<string[]> {
  const local = withScope(scope, { ints: ["a", "b", "r"] });
  const start = intExpr(withScope(scope, { ints: ["a", "b"] }), EXPR_DEPTH);
  const update = intExpr(local, EXPR_DEPTH);
  const loopUpdate = intExpr(withScope(local, { ints: ["t"] }), 1);
  const cond = boolExpr(local, 1);
  const body = fc.oneof(
    update.map((x) => [`r = (r + ${x}) % M`]),
    fc
      .tuple(cond, update, update)
      .map(([c, x, y]) => [`if ${c}:`, `${INDENT}r = (${x}) % M`, "else:", `${INDENT}r = (${y}) % M`]),
    fc
      .tuple(intExpr(local, 1), loopUpdate)
      .map(([n, x]) => [`for t in range(${n} % 4):`, `${INDENT}r = (r * 3 + ${x}) % M`]),
    cond.map((c) => [`if ${c}:`, `${INDENT}return r`]),
  );
  return fc
    .tuple(start, fc.array(body, { maxLength: 3 }))
    .map(([x, stmts]) => [
      `def ${name}(a, b):`,
      ...indent([`r = (${x}) % M`, ...stmts.flat(), "return r % M"]),
    ]);
}

/** `class CN`: an int `v`, a list `tags`, `step(x)` updating both, `__len__` and `__repr__`. */
function classDef(name: string, base: string | null, scope: Scope): fc.Arbitrary<string[]> {
  const methodScope = withScope({ ...scope, objects: [] }, { ints: ["self.v", "x"] });
  const update = intExpr(methodScope, 1);
  if (base) {
    return fc
      .tuple(update, fc.integer({ min: 1, max: 5 }))
      .map(([x, k]) => [
        `class ${name}(${base}):`,
        ...indent([
          "def step(self, x):",
          `${INDENT}self.v = (self.v + ${x}) % M`,
          `${INDENT}return super().step(x * ${k}) + 1`,
          "",
          "def __repr__(self):",
          `${INDENT}return "${name}<" + super().__repr__() + ">"`,
        ]),
      ]);
  }
  return update.map((x) => [
    `class ${name}:`,
    ...indent([
      "def __init__(self, v):",
      `${INDENT}self.v = v % M`,
      `${INDENT}self.tags = []`,
      "",
      "def step(self, x):",
      `${INDENT}self.v = (self.v + ${x}) % M`,
      `${INDENT}self.tags.append(x % 7)`,
      `${INDENT}del self.tags[:-5]`,
      `${INDENT}return self.v`,
      "",
      "def __len__(self):",
      `${INDENT}return len(self.tags)`,
      "",
      "def __repr__(self):",
      `${INDENT}return f"${name}(v={self.v}, tags={self.tags})"`,
    ]),
  ]);
}

/** Options for {@link pythonProgram}. */
export interface ProgramOptions {
  /** Top-level statements, at least and at most (default 3 to 12). */
  minStatements?: number;
  maxStatements?: number;
}

/** A random, well-formed, deterministic and terminating Python program. */
export function pythonProgram(options: ProgramOptions = {}): fc.Arbitrary<string> {
  const empty: Scope = { ints: [], strs: [], lists: [], dicts: [], objects: [], functions: [] };
  const globals = withScope(empty, {
    ints: ["i0", "i1", "i2"],
    strs: ["s0", "s1"],
    lists: ["l0", "l1"],
    dicts: ["d0", "d1"],
  });
  const f0 = functionDef("f0", globals);
  const f1 = functionDef("f1", withScope(globals, { functions: ["f0"] }));
  const withFunctions = withScope(globals, { functions: ["f0", "f1"] });
  const c0 = classDef("C0", null, withFunctions);
  const c1 = fc.boolean().chain((sub) => classDef("C1", sub ? "C0" : null, withFunctions));
  const everything = withScope(withFunctions, { objects: ["o0", "o1"] });
  const initial = fc.tuple(
    fc.array(intLiteral, { minLength: 3, maxLength: 3 }),
    fc.array(strLiteral, { minLength: 2, maxLength: 2 }),
    fc.array(listExpr(empty, 0), { minLength: 2, maxLength: 2 }),
    fc.array(dictExpr(empty, 0), { minLength: 2, maxLength: 2 }),
    fc.array(fc.integer({ min: -5, max: 50 }), { minLength: 2, maxLength: 2 }),
  );
  const body = fc.array(statement({ scope: everything, loop: null, depth: 0 }), {
    minLength: options.minStatements ?? 3,
    maxLength: options.maxStatements ?? 12,
  });
  return fc
    .tuple(f0, f1, c0, c1, initial, body)
    .map(([fa, fb, ca, cb, [ints, strs, lists, dicts, objs], stmts]) =>
      [
        "M = 10 ** 30",
        "",
        ...fa,
        "",
        ...fb,
        "",
        ...ca,
        "",
        ...cb,
        "",
        ...ints.map((v, k) => `i${k} = ${v}`),
        ...strs.map((v, k) => `s${k} = ${v}`),
        ...lists.map((v, k) => `l${k} = ${v}`),
        ...dicts.map((v, k) => `d${k} = ${v}`),
        ...objs.map((v, k) => `o${k} = C${k}(${v})`),
        ...stmts.flat(),
        "print(i0, i1, i2, s0, s1, l0, l1, d0, d1, o0, o1, sep='\\n')",
        "",
      ].join("\n"),
    );
}
