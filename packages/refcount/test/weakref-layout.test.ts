import { LAYOUT_64, LAYOUT_COMPACT } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { weakrefLayout } from "../src/weakref-layout";

describe("weakrefLayout", () => {
  it("matches CPython 3.11's PyWeakReference on 64-bit: 56 bytes, 72 with the GC header", () => {
    const wl = weakrefLayout(LAYOUT_64);
    expect([wl.objectOffset, wl.callbackOffset, wl.hashOffset, wl.prevOffset, wl.nextOffset]).toEqual([
      16, 24, 32, 40, 48,
    ]);
    expect(wl.basicSize).toBe(56);
    expect(wl.totalSize).toBe(72);
  });

  it("uses 4-byte fields in the compact layout", () => {
    const wl = weakrefLayout(LAYOUT_COMPACT);
    expect([wl.objectOffset, wl.callbackOffset, wl.hashOffset, wl.prevOffset, wl.nextOffset]).toEqual([
      8, 12, 16, 20, 24,
    ]);
    expect(wl.basicSize).toBe(28);
    expect(wl.totalSize).toBe(36);
  });
});
