import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../src/rng";

describe("Rng", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const sa = Array.from({ length: 16 }, () => a.nextU32());
    expect(Array.from({ length: 16 }, () => b.nextU32())).toEqual(sa);
    expect(Array.from({ length: 16 }, () => c.nextU32())).not.toEqual(sa);
  });

  it("stays within its ranges", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const rng = new Rng(seed);
        for (let i = 0; i < 50; i++) {
          const x = rng.below(n);
          expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
          const f = rng.nextFloat();
          expect(f >= 0 && f < 1).toBe(true);
          const y = rng.between(-3, 3);
          expect(y >= -3 && y <= 3).toBe(true);
        }
      }),
    );
  });

  it("spreads outputs roughly evenly", () => {
    const rng = new Rng(1);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[rng.below(10)]!++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});
