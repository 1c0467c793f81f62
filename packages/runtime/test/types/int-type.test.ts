import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRuntime, PyInt, presets } from "../../src/index";

describe("int", () => {
  const rt = createRuntime();

  it("has CPython 3.11's sizes: 28 for 0 and 1 (3.11.2+), 4 bytes per 30-bit digit", () => {
    expect(rt.sys.getsizeof(0)).toBe(28);
    expect(rt.sys.getsizeof(1)).toBe(28);
    expect(rt.sys.getsizeof(2 ** 30 - 1)).toBe(28);
    expect(rt.sys.getsizeof(2 ** 30)).toBe(32);
    expect(rt.sys.getsizeof(-(2 ** 30))).toBe(32);
    expect(rt.sys.getsizeof(2n ** 60n)).toBe(36);
    expect(rt.sys.getsizeof(2n ** 300n)).toBe(24 + 4 * 11);
    expect(rt.sys.getsizeof(false)).toBe(28);
    expect(rt.sys.getsizeof(true)).toBe(28);
  });

  it("stores values as 30-bit digits with the sign in ob_size", () => {
    using n = rt.int(2n ** 40n + 5n);
    expect(n.digitCount).toBe(2);
    const space = rt.core.space;
    const digits = rt.core.ints.digitsOffset;
    expect(space.heap.u32[(n.address + digits) >>> 2]).toBe(5);
    expect(space.heap.u32[(n.address + digits + 4) >>> 2]).toBe(1024);
    using m = rt.int(-(2n ** 40n));
    expect(space.signedWord(m.address + rt.layout.sizeOffset)).toBe(-2);
  });

  it("round-trips any integer, small or arbitrarily large", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 400n), max: 2n ** 400n }), (v) => {
        using n = rt.int(v);
        expect(n.value).toBe(v);
        expect(n.toJS()).toBe(Number.isSafeInteger(Number(v)) && BigInt(Number(v)) === v ? Number(v) : v);
        expect(n.repr()).toBe(v.toString());
      }),
      { numRuns: 300 },
    );
  });

  it("shares the small ints -5..256, immortal; others are fresh objects", () => {
    expect(rt.int(-5).is(rt.int(-5))).toBe(true);
    expect(rt.int(256).is(rt.int(256))).toBe(true);
    expect(rt.int(257).is(rt.int(257))).toBe(false);
    expect(rt.int(-6).is(rt.int(-6))).toBe(false);
    expect(rt.core.space.refcount.isImmortal(rt.int(7).address)).toBe(false);
    const rt312 = createRuntime(presets.cpython312);
    expect(rt312.core.space.refcount.isImmortal(rt312.int(7).address)).toBe(true);
    expect(rt.value(7)).toBeInstanceOf(PyInt);
  });

  it("compares and hashes equal to equal floats and bools", () => {
    expect(rt.int(1).equals(1.0)).toBe(true);
    expect(rt.int(1).equals(true)).toBe(true);
    expect(rt.int(2n ** 70n).equals(rt.float(2 ** 70))).toBe(true);
    expect(rt.int(3).equals(3.5)).toBe(false);
    expect(rt.int(5).hash()).toBe(rt.float(5).hash());
  });

  it("rejects non-integral numbers with a typed error", () => {
    expect(() => rt.int(1.5)).toThrow(/TypeError: int\(\) needs an integral value/);
  });

  it("frees a big int's block when its last reference goes", () => {
    const before = rt.stats().objectDomain.blocksInUse;
    const n = rt.int(2n ** 200n);
    expect(rt.stats().objectDomain.blocksInUse).toBe(before + 1);
    n.release();
    expect(rt.stats().objectDomain.blocksInUse).toBe(before);
  });
});
