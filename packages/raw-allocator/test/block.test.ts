import { describe, expect, it } from "vitest";
import { blockSizeFor, HEADER_BYTES, MIN_BLOCK_BYTES } from "../src/index";

describe("block sizes", () => {
  it("adds the header and rounds to 16 bytes, with a 16-byte minimum", () => {
    expect(blockSizeFor(0)).toBe(16);
    expect(blockSizeFor(12)).toBe(16);
    expect(blockSizeFor(13)).toBe(32);
    expect(blockSizeFor(28)).toBe(32);
    expect(blockSizeFor(29)).toBe(48);
    for (let n = 0; n < 2000; n++) {
      const s = blockSizeFor(n);
      expect(s % 16).toBe(0);
      expect(s - HEADER_BYTES).toBeGreaterThanOrEqual(n);
      expect(s - HEADER_BYTES - n).toBeLessThan(16);
      expect(s).toBeGreaterThanOrEqual(MIN_BLOCK_BYTES);
    }
  });
});
