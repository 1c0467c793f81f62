import { describe, expect, it } from "vitest";
import { alignDown, alignUp, formatAddress, isPowerOfTwo, NULL } from "../src/index";

describe("address helpers", () => {
  it("NULL is 0", () => {
    expect(NULL).toBe(0);
  });
  it("recognises powers of two up to 4 GiB", () => {
    expect([1, 2, 4096, 2 ** 31, 2 ** 32].every(isPowerOfTwo)).toBe(true);
    expect([0, -4, 3, 4095, 1.5, Number.NaN, 2 ** 32 + 1].some(isPowerOfTwo)).toBe(false);
  });
  it("aligns up and down", () => {
    expect(alignUp(13, 8)).toBe(16);
    expect(alignUp(16, 8)).toBe(16);
    expect(alignDown(13, 8)).toBe(8);
    expect(alignUp(2 ** 31 + 1, 2 ** 20)).toBe(2 ** 31 + 2 ** 20);
  });
  it("formats addresses as zero-padded hex", () => {
    expect(formatAddress(0x1230)).toBe("0x00001230");
  });
});
