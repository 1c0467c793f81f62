import { describe, expect, it } from "vitest";
import { compositionOf } from "../src/engine/composition";
import { decodeSharedState, encodeSharedState } from "../src/share-url";

describe("share URL", () => {
  it("round-trips a program with non-ASCII text and two compositions", () => {
    const state = {
      source: 'print("héllo → ✓")\nx = [1, 2]\n',
      a: {
        ...compositionOf("classic"),
        gc: "none" as const,
        thresholds: [5, 3, 2] as [number, number, number],
      },
      b: compositionOf("minimal"),
    };
    expect(decodeSharedState(encodeSharedState(state))).toEqual(state);
  });

  it("falls back to defaults for malformed parts", () => {
    const decoded = decodeSharedState("#code=cHJpbnQoMSk&a=nonsense~x");
    expect(decoded?.source).toBe("print(1)");
    expect(decoded?.a).toEqual(compositionOf("cpython311"));
    expect(decodeSharedState("#a=x")).toBeNull();
  });
});
