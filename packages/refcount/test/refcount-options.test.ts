import { afterEach, describe, expect, it, vi } from "vitest";
import { printUnraisable } from "../src/refcount-options";

describe("printUnraisable", () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints CPython's 'Exception ignored in' line, then the error", () => {
    const lines: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      lines.push(args);
    });
    const error = new Error("boom");
    printUnraisable(error, "<finalizer of A object at 0x00001010>");
    expect(lines).toEqual([["Exception ignored in: <finalizer of A object at 0x00001010>"], [error]]);
  });
});
