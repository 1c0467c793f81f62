import { describe, expect, it } from "vitest";
import { alignDown, alignUp, formatAddress, isPowerOfTwo, NULL, SizeError } from "../src/index";

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

describe("formatAddress of values that are no address", () => {
  it("prints them as given", () => {
    expect(formatAddress(0x1010)).toBe("0x00001010");
    expect(formatAddress(-10)).toBe("-10 (not an address)");
    expect(formatAddress(Number.NaN)).toBe("NaN (not an address)");
    expect(formatAddress(1.8)).toBe("1.8 (not an address)");
    expect(formatAddress(2 ** 32)).toBe("4294967296 (not an address)");
    expect(formatAddress(10n as never)).toBe("10n (not an address)");
    expect(new SizeError(Number.POSITIVE_INFINITY, "size", "an integer").message).toBe(
      "invalid size Infinity: expected an integer",
    );
    expect(new SizeError(10n as never, "size", "an integer").message).toBe(
      "invalid size 10n: expected an integer",
    );
  });
});
