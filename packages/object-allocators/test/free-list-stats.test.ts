import { describe, expect, it } from "vitest";
import { type FreeListStatsSource, formatFreeListStats } from "../src/index";

const source = (...lines: [string, number, number][]): FreeListStatsSource => ({
  freeListStats: () => lines.map(([label, count, objectSize]) => ({ label, count, objectSize })),
});

describe("formatFreeListStats", () => {
  it("prints _PyDebugAllocatorStats lines exactly as CPython 3.11 does", () => {
    // Text as printed by CPython 3.11's sys._debugmallocstats() for these counts
    // ("%d %ss * %zd bytes each" right-aligned in 48 columns, " =", value in 21 columns).
    const text = formatFreeListStats([
      source(["free PyDictObject", 0, 48]),
      source(["free PyFloatObject", 12, 24]),
      source(["free PyListObject", 3, 40]),
      source(["free 1-sized PyTupleObject", 1234, 32], ["free 20-sized PyTupleObject", 2000, 184]),
    ]);
    expect(text).toBe(
      "            0 free PyDictObjects * 48 bytes each =                    0\n" +
        "          12 free PyFloatObjects * 24 bytes each =                  288\n" +
        "            3 free PyListObjects * 40 bytes each =                  120\n" +
        "1234 free 1-sized PyTupleObjects * 32 bytes each =               39,488\n" +
        "2000 free 20-sized PyTupleObjects * 184 bytes each =              368,000\n",
    );
  });

  it("lets descriptions longer than 48 columns push the '=' right, without cutting them", () => {
    const text = formatFreeListStats([source(["free 20-sized PyTupleObject", 2000, 184])]);
    expect(text.indexOf("=")).toBe(51);
    expect(text.startsWith("2000 free 20-sized PyTupleObjects")).toBe(true);
  });

  it("puts the '=' in column 49 for every label that fits 48 columns", () => {
    const text = formatFreeListStats([source(["free PyFloatObject", 100, 24], ["free x", 0, 8])]);
    for (const line of text.trimEnd().split("\n")) {
      expect(line.indexOf("=")).toBe(49);
      expect(line.length).toBe(49 + 1 + 21);
    }
  });

  it("prints nothing for sources without free lists", () => {
    expect(formatFreeListStats([source()])).toBe("");
    expect(formatFreeListStats([])).toBe("");
  });
});
