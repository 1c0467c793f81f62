import { LAYOUT_64, LAYOUT_COMPACT } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { weakrefLayout } from "../src/weakref-layout";

describe("weakrefLayout", () => {
  it("matches CPython 3.11's PyWeakReference on 64-bit: 64 bytes, 80 with the GC header", () => {
    const wl = weakrefLayout(LAYOUT_64);
    expect([
      wl.objectOffset,
      wl.callbackOffset,
      wl.hashOffset,
      wl.prevOffset,
      wl.nextOffset,
      wl.vectorcallOffset,
    ]).toEqual([16, 24, 32, 40, 48, 56]);
    expect(wl.basicSize).toBe(64);
    expect(wl.totalSize).toBe(80);
  });

  it("uses 4-byte fields in the compact layout", () => {
    const wl = weakrefLayout(LAYOUT_COMPACT);
    expect([
      wl.objectOffset,
      wl.callbackOffset,
      wl.hashOffset,
      wl.prevOffset,
      wl.nextOffset,
      wl.vectorcallOffset,
    ]).toEqual([8, 12, 16, 20, 24, 28]);
    expect(wl.basicSize).toBe(32);
    expect(wl.totalSize).toBe(40);
  });
});
