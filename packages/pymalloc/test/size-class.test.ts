import { SizeError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { sizeClassOf, sizeClassTable } from "../src/index";

describe("size classes", () => {
  it("maps requests to (size - 1) >> ALIGNMENT_SHIFT, and 0 or > 512 to the raw allocator", () => {
    expect([1, 16, 17, 32, 33, 511, 512].map((n) => sizeClassOf(n))).toEqual([0, 0, 1, 1, 2, 31, 31]);
    expect([1, 8, 9, 504, 505, 512].map((n) => sizeClassOf(n, "classic"))).toEqual([0, 0, 1, 62, 63, 63]);
    expect(sizeClassOf(0)).toBe(-1);
    expect(sizeClassOf(513)).toBe(-1);
    expect(() => sizeClassOf(-1)).toThrow(SizeError);
    expect(() => sizeClassOf(2.5)).toThrow(SizeError);
  });

  it("lists blocks per pool and quantization as CPython's NUMBLOCKS", () => {
    const modern = sizeClassTable("cpython311");
    expect(modern).toHaveLength(32);
    expect(modern[0]).toEqual({
      sizeClass: 0,
      minRequest: 1,
      maxRequest: 16,
      size: 16,
      blocksPerPool: 1021,
      quantizationBytes: 0,
    });
    expect(modern[6]).toMatchObject({ size: 112, blocksPerPool: 145, quantizationBytes: 96 });
    expect(modern[31]).toMatchObject({
      minRequest: 497,
      size: 512,
      blocksPerPool: 31,
      quantizationBytes: 464,
    });
    const classic = sizeClassTable("classic");
    expect(classic).toHaveLength(64);
    expect(classic[0]).toMatchObject({ size: 8, blocksPerPool: 506, quantizationBytes: 0 });
    expect(classic[63]).toMatchObject({ size: 512, blocksPerPool: 7, quantizationBytes: 464 });
    for (const t of [modern, classic]) {
      for (const row of t)
        expect(row.blocksPerPool * row.size + row.quantizationBytes + 48).toBe(t === modern ? 16384 : 4096);
    }
  });
});
