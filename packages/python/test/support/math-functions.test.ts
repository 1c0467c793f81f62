import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as m from "../../src/support/math-functions.js";
import { decode, expectOutcome, loadFixture, type Outcome, python311, runPython } from "./fixture.js";

interface MathCase extends Outcome {
  fn: string;
  args: unknown[];
}

const num = (v: unknown) => (typeof v === "bigint" ? Number(v) : (v as number));

const CALLS: Record<string, (args: unknown[]) => unknown> = {
  pow: ([x, y]) => m.pow(x as number, y as number),
  atan2: ([y, x]) => m.atan2(y as number, x as number),
  fmod: ([x, y]) => m.fmod(x as number, y as number),
  copysign: ([x, y]) => m.copysign(x as number, y as number),
  hypot: (args) => m.hypot(...args.map(num)),
  log: ([x, b]) => m.log(x as number | bigint, b as number | bigint | undefined),
  isclose: ([a, b]) => m.isclose(a as number, b as number),
  isclose_neg: () => m.isclose(1, 1, -1),
  ldexp: ([x, i]) => m.ldexp(x as number, i as bigint),
  isqrt: ([n]) => m.isqrt(n as bigint),
  factorial: ([n]) => m.factorial(n as bigint),
  comb: ([n, k]) => m.comb(n as bigint, k as bigint),
  perm: ([n, k]) => m.perm(n as bigint, k as bigint),
  gcd: (args) => m.gcd(...(args as bigint[])),
  lcm: (args) => m.lcm(...(args as bigint[])),
  fsum: ([seq]) => m.fsum(seq as number[]),
  dist: ([p, q]) => m.dist((p as unknown[]).map(num), (q as unknown[]).map(num)),
};

/** Results that must be bit-for-bit python3.11's; the rest go through libm-style functions. */
const LIBM = new Set([
  "erf",
  "erfc",
  "expm1",
  "log1p",
  "tan",
  "asin",
  "acos",
  "atan",
  "atan2",
  "sinh",
  "cosh",
  "tanh",
  "asinh",
  "acosh",
  "atanh",
  "gamma",
  "lgamma",
  "hypot",
  "dist",
  "pow",
  "exp",
  "log",
  "log2",
  "log10",
  "sin",
  "cos",
]);

function call(c: MathCase, args: unknown[]): unknown {
  const special = CALLS[c.fn];
  if (special) return special(args);
  return (m as unknown as Record<string, (x: unknown) => unknown>)[c.fn](args[0]);
}

function ulps(a: number, b: number): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Number.POSITIVE_INFINITY;
  const scale = 2 ** (Math.floor(Math.log2(Math.max(Math.abs(a), Math.abs(b), 2 ** -1022))) - 52);
  return Math.abs(a - b) / scale;
}

describe("math module", () => {
  const cases = loadFixture<MathCase>("math");

  it("raises python3.11's errors and returns its exact results where CPython's are exact", () => {
    expect(cases.length).toBeGreaterThan(5000);
    const wrong: string[] = [];
    for (const c of cases) {
      const args = decode(c.args) as unknown[];
      const label = `${c.fn}(${args.map(String).join(", ")})`;
      if (c.error !== undefined) {
        expectOutcome(() => call(c, args), c, label);
        continue;
      }
      let actual: unknown;
      try {
        actual = call(c, args);
      } catch (e) {
        wrong.push(`${label} raised ${(e as Error).message}`);
        continue;
      }
      const want = decode(c.ok);
      if (typeof want === "number" && typeof actual === "number") {
        const tolerance = LIBM.has(c.fn) ? (c.fn === "gamma" || c.fn === "lgamma" ? 4 : 1) : 0;
        if (ulps(actual, want) > tolerance) wrong.push(`${label} = ${actual}, python: ${want}`);
      } else if (
        JSON.stringify(actual, (_k, v) => (typeof v === "bigint" ? `${v}n` : Object.is(v, -0) ? "-0" : v)) !==
        JSON.stringify(want, (_k, v) => (typeof v === "bigint" ? `${v}n` : Object.is(v, -0) ? "-0" : v))
      ) {
        wrong.push(`${label} = ${String(actual)}, python: ${String(want)}`);
      }
    }
    expect(wrong.slice(0, 30)).toEqual([]);
  });

  it("exp, log, log2, log10, sqrt, sin, cos, pow agree exactly with python3.11 on almost every input", () => {
    let exact = 0;
    let total = 0;
    for (const c of cases) {
      if (
        c.error !== undefined ||
        !["exp", "log", "log2", "log10", "sqrt", "sin", "cos", "pow"].includes(c.fn)
      )
        continue;
      const args = decode(c.args) as unknown[];
      const want = decode(c.ok);
      total++;
      if (Object.is(call(c, args), want) || (Number.isNaN(want) && Number.isNaN(call(c, args) as number)))
        exact++;
    }
    expect(exact / total).toBeGreaterThan(0.995);
  });

  it("fsum is exact: the sum of a list and its negation is zero, and shuffling does not change it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), {
          maxLength: 30,
        }),
        (xs) => {
          expect(m.fsum([...xs, ...xs.map((x) => -x)])).toBe(0);
          expect(m.fsum([...xs].reverse())).toBe(m.fsum(xs));
        },
      ),
    );
  });

  it("isqrt is the exact floor square root of any int", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 400n }), (n) => {
        const r = m.isqrt(n);
        expect(r * r <= n && (r + 1n) * (r + 1n) > n).toBe(true);
      }),
    );
  });

  it.runIf(python311() !== null)("erf and erfc agree with python3.11's C library (differential)", () => {
    const xs = fc.sample(
      fc.oneof(
        fc.double({ min: -1.5, max: 1.5, noNaN: true }),
        fc.double({ min: -30, max: 30, noNaN: true }),
      ),
      5000,
    );
    const expected = runPython<number[][]>(
      "import json,sys,math\nd=json.load(sys.stdin)\nprint(json.dumps([[math.erf(x) for x in d],[math.erfc(x) for x in d]]))",
      xs,
    );
    let exact = 0;
    xs.forEach((x, i) => {
      const a = m.erf(x);
      const b = m.erfc(x);
      expect(ulps(a, expected[0][i])).toBeLessThanOrEqual(1);
      expect(ulps(b, expected[1][i])).toBeLessThanOrEqual(1);
      if (Object.is(a, expected[0][i]) && Object.is(b, expected[1][i])) exact++;
    });
    expect(exact / xs.length).toBeGreaterThan(0.99);
  });

  it.runIf(python311() !== null)("log of huge ints matches python3.11 (differential)", () => {
    const inputs = fc.sample(fc.bigInt({ min: 1n, max: 2n ** 5000n }), 300);
    const expected = runPython<string[]>(
      "import json,sys,math\nprint(json.dumps([repr(math.log(int(v))) for v in json.load(sys.stdin)]))",
      inputs.map(String),
    );
    inputs.forEach((v, i) => {
      expect(ulps(m.log(v), Number(expected[i]))).toBeLessThanOrEqual(1);
    });
  });
});
