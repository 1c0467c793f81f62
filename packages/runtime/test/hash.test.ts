import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRuntime, HASH_INF, hashBigInt, hashFloat, hashInteger, hashString } from "../src/index";

describe("hash", () => {
  it("gives CPython's hash for ints that fit 32 bits, and never -1", () => {
    expect(hashInteger(0)).toBe(0);
    expect(hashInteger(42)).toBe(42);
    expect(hashInteger(-7)).toBe(-7);
    expect(hashInteger(-1)).toBe(-2);
    expect(hashBigInt(-1n)).toBe(-2);
  });

  it("hashes equal numbers equally across int and float", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(hashFloat(n)).toBe(hashInteger(n));
        expect(hashBigInt(BigInt(n))).toBe(hashInteger(n));
      }),
    );
    expect(hashFloat(2 ** 70)).toBe(hashBigInt(2n ** 70n));
    expect(hashFloat(Number.POSITIVE_INFINITY)).toBe(HASH_INF);
    expect(hashFloat(Number.NEGATIVE_INFINITY)).toBe(-HASH_INF);
  });

  it("gives an int's hash modulo 2**61 - 1", () => {
    expect(hashBigInt(2n ** 61n - 1n)).toBe(0);
    expect(hashBigInt(2n ** 61n)).toBe(1);
    expect(hashBigInt(-(2n ** 61n))).toBe(-2); // -1 is reserved
  });

  it("hashes a str object as the equal JS string, and caches it in the object", () => {
    const rt = createRuntime();
    for (const s of ["", "a", "hello world", "héllo", "€uro", "emoji 🎉"]) {
      const obj = rt.str(s, false);
      expect(obj.hash()).toBe(hashString(s));
      expect(obj.hash()).toBe(hashString(s));
    }
  });

  it("hashes a tuple from its items: equal tuples hash equally", () => {
    const rt = createRuntime();
    expect(rt.tuple([1, "a", 2.5]).hash()).toBe(rt.tuple([1.0, rt.str("a", false), 2.5]).hash());
    expect(rt.tuple([1, 2]).hash()).not.toBe(rt.tuple([2, 1]).hash());
  });
});
