import { describe, expect, it } from "vitest";
import { createRuntime, formatFloat } from "../../src/index";

describe("float", () => {
  it("is 24 bytes and holds an IEEE double", () => {
    const rt = createRuntime();
    using x = rt.float(-2.5);
    expect(rt.sys.getsizeof(x)).toBe(24);
    expect(x.value).toBe(-2.5);
    expect(rt.sys.getsizeof(rt.float(1))).toBe(24);
  });

  it("formats like Python's repr", () => {
    const cases: [number, string][] = [
      [1, "1.0"],
      [0.1, "0.1"],
      [-0, "-0.0"],
      [1e16, "1e+16"],
      [1234567890123456.8, "1234567890123456.8"],
      [1.5e-7, "1.5e-07"],
      [0.0001, "0.0001"],
      [0.00001, "1e-05"],
      [123.456, "123.456"],
      [1e300, "1e+300"],
      [Number.NaN, "nan"],
      [Number.POSITIVE_INFINITY, "inf"],
      [Number.NEGATIVE_INFINITY, "-inf"],
      [2.5e22, "2.5e+22"],
    ];
    for (const [x, text] of cases) expect(formatFloat(x)).toBe(text);
  });

  it("reuses the most recently freed float from the free list (LIFO), up to 100 kept", () => {
    const rt = createRuntime();
    const a = rt.float(1.5);
    const address = a.address;
    a.release();
    using b = rt.float(2.5);
    expect(b.address).toBe(address);
    const many = Array.from({ length: 150 }, (_, i) => rt.float(i + 0.5));
    for (const f of many) f.release();
    expect(rt.sys._debugmallocstats()).toContain("100 free PyFloatObjects * 24 bytes each");
  });

  it("goes straight back to the domain without free lists", () => {
    const rt = createRuntime({ freeLists: false });
    const before = rt.stats().objectDomain.blocksInUse;
    rt.float(1.5).release();
    expect(rt.stats().objectDomain.blocksInUse).toBe(before);
  });
});
