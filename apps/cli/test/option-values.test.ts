import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import {
  formatUnit,
  parseByteSize,
  parseIntegerIn,
  parseOnOff,
  parsePositiveNumber,
  parsePowerOfTwoSize,
  parseThresholds,
} from "../src/option-values";

describe("byte sizes", () => {
  it("accepts plain numbers and binary units in either case", () => {
    expect(parseByteSize("4096")).toBe(4096);
    expect(parseByteSize("16K")).toBe(16384);
    expect(parseByteSize("16kib")).toBe(16384);
    expect(parseByteSize("1M")).toBe(1 << 20);
    expect(parseByteSize("1MiB")).toBe(1 << 20);
    expect(parseByteSize("1g")).toBe(1 << 30);
  });
  it("rejects signs, fractions, unknown units and empty text", () => {
    for (const bad of ["-4K", "1.5M", "4X", "", "K", "0x100", "NaN"]) {
      expect(() => parseByteSize(bad), bad).toThrow(InvalidArgumentError);
    }
  });
  it("checks powers of two within bounds", () => {
    expect(parsePowerOfTwoSize("256K", 4096, 1 << 30)).toBe(262144);
    expect(() => parsePowerOfTwoSize("3000", 1024, 1 << 30)).toThrow(/power of two from 1K to 1G/);
    expect(() => parsePowerOfTwoSize("2G", 1024, 1 << 30)).toThrow(InvalidArgumentError);
    expect(() => parsePowerOfTwoSize("512", 1024, 1 << 30)).toThrow(InvalidArgumentError);
  });
  it("formats sizes with the largest unit that divides them", () => {
    expect(formatUnit(262144)).toBe("256K");
    expect(formatUnit(1 << 20)).toBe("1M");
    expect(formatUnit(1 << 30)).toBe("1G");
    expect(formatUnit(1000)).toBe("1000");
  });
});

describe("numbers", () => {
  it("parses integers in range only", () => {
    expect(parseIntegerIn("42", 0, 100)).toBe(42);
    for (const bad of ["-1", "101", "4.2", "1e3", "", "abc", " "]) {
      expect(() => parseIntegerIn(bad, 0, 100), bad).toThrow(/integer from 0 to 100/);
    }
  });
  it("parses positive numbers up to a maximum", () => {
    expect(parsePositiveNumber("0.5", 10)).toBe(0.5);
    expect(parsePositiveNumber(".25", 10)).toBe(0.25);
    expect(parsePositiveNumber("10", 10)).toBe(10);
    for (const bad of ["0", "-1", "11", "NaN", "Infinity", "1e2", "", "1."]) {
      expect(() => parsePositiveNumber(bad, 10), bad).toThrow(InvalidArgumentError);
    }
  });
  it("parses one to three thresholds", () => {
    expect(parseThresholds("700,10,10", 3)).toEqual([700, 10, 10]);
    expect(parseThresholds("100", 3)).toEqual([100]);
    // The rule gc.set_threshold and createRuntime follow: C ints, negatives included.
    expect(parseThresholds("-1", 3)).toEqual([-1]);
    expect(parseThresholds("-2147483648,0", 3)).toEqual([-2147483648, 0]);
    for (const bad of ["1,2,3,4", "a", "1,,2", "-", "1.5", "3000000000", "-2147483649"]) {
      expect(() => parseThresholds(bad, 3), bad).toThrow(InvalidArgumentError);
    }
  });
  it("parses on/off switches", () => {
    expect(parseOnOff("on")).toBe(true);
    expect(parseOnOff("OFF")).toBe(false);
    expect(parseOnOff("yes")).toBe(true);
    expect(parseOnOff("0")).toBe(false);
    expect(() => parseOnOff("maybe")).toThrow(/on or off/);
  });
});
