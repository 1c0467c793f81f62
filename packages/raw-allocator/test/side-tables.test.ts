import { describe, expect, it } from "vitest";
import { growGranuleBits, growPageKinds } from "../src/index";

describe("side tables", () => {
  it("grow by doubling and keep their contents", () => {
    const kinds = new Uint8Array([1, 2, 3]);
    expect(growPageKinds(kinds, 2)).toBe(kinds);
    const grown = growPageKinds(kinds, 4);
    expect(grown.length).toBe(6);
    expect([...grown]).toEqual([1, 2, 3, 0, 0, 0]);
    const bits = new Int32Array([-1, 5]);
    const more = growGranuleBits(bits, 10);
    expect(more.length).toBe(10);
    expect([...more.subarray(0, 3)]).toEqual([-1, 5, 0]);
  });
});
