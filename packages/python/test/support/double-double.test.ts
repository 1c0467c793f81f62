import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  accurateCos,
  accurateExp,
  accurateLog,
  accurateSin,
  accurateSinCos,
  ddExp,
  ddLog,
  ddResult,
  sinCosResult,
} from "../../src/support/double-double.js";
import { python311, runPython } from "./fixture.js";

describe("double-double elementary functions", () => {
  it("the table fast paths give exactly the full double-double results", () => {
    fc.assert(
      fc.property(fc.double({ min: -745, max: 709, noNaN: true }), (x) => {
        ddExp(x, 0);
        const full = ddResult.hi;
        expect(accurateExp(x)).toBe(full);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (x) => {
        ddLog(x);
        const full = ddResult.hi;
        expect(accurateLog(x)).toBe(full);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.double({ min: -1e5, max: 1e5, noNaN: true }), (x) => {
        accurateSinCos(x);
        const s = sinCosResult.sin;
        const c = sinCosResult.cos;
        expect([accurateSin(x), accurateCos(x)]).toEqual([s, c]);
      }),
      { numRuns: 3000 },
    );
  });

  it.runIf(python311() !== null)(
    "exp, log, sin, cos match python3.11 (glibc) on ≥ 99.5% of inputs, all within an ulp",
    () => {
      const xs = fc.sample(fc.double({ min: -700, max: 700, noNaN: true }), 4000);
      const expected = runPython<number[][]>(
        "import json,sys,math\nd=json.load(sys.stdin)\nprint(json.dumps([[math.exp(x) for x in d],[math.log(abs(x)) if x else 0 for x in d],[math.sin(x) for x in d],[math.cos(x) for x in d]]))",
        xs,
      );
      const fns = [accurateExp, (x: number) => (x ? accurateLog(Math.abs(x)) : 0), accurateSin, accurateCos];
      let exact = 0;
      let total = 0;
      fns.forEach((f, k) => {
        xs.forEach((x, i) => {
          const got = f(x);
          const want = expected[k][i];
          total++;
          if (Object.is(got, want)) exact++;
          else expect(Math.abs(got - want)).toBeLessThanOrEqual(Math.abs(want) * 2 ** -52);
        });
      });
      expect(exact / total).toBeGreaterThan(0.995);
    },
  );
});
