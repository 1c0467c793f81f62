import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  DoubleFreeError,
  HeapCorruptionError,
  InvalidPointerError,
  MemoryError,
  PymemError,
  SizeError,
  validateSize,
} from "../src/index";

describe("typed errors", () => {
  it("name the address and what was expected", () => {
    const e = new InvalidPointerError(0x40, "the start of a live block");
    expect(e).toBeInstanceOf(PymemError);
    expect(e.name).toBe("InvalidPointerError");
    expect(e.address).toBe(0x40);
    expect(e.message).toContain("0x00000040");
    expect(e.message).toContain("the start of a live block");
  });
  it("MemoryError carries the requested size", () => {
    const e = new MemoryError(1 << 20);
    expect(e.requested).toBe(1 << 20);
    expect(e.message).toContain("1048576");
  });
  it("DoubleFreeError and HeapCorruptionError carry details", () => {
    expect(new DoubleFreeError(16).address).toBe(16);
    const c = new HeapCorruptionError(32, "overflow", "trailing pad overwritten", 7, "dump");
    expect(c.kind).toBe("overflow");
    expect(c.serial).toBe(7);
    expect(c.message).toContain("serial 7");
    expect(c.message).toContain("dump");
  });
  it("ConfigurationError names the option", () => {
    const e = new ConfigurationError("poolSize", "a power of two", 3000);
    expect(e.option).toBe("poolSize");
    expect(e.message).toContain("poolSize = 3000");
  });
  it("validateSize rejects negative, NaN, fractional and too large sizes with a RangeError", () => {
    for (const bad of [-1, Number.NaN, 1.5, Number.POSITIVE_INFINITY, 2 ** 40]) {
      expect(() => validateSize(bad, 2 ** 32)).toThrow(SizeError);
      expect(() => validateSize(bad, 2 ** 32)).toThrow(RangeError);
    }
    expect(() => validateSize(0, 10)).not.toThrow();
    expect(() => validateSize(10, 10)).not.toThrow();
    expect(() => validateSize(11, 10, "count")).toThrow(/invalid count 11/);
  });
});
