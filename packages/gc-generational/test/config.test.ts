import { ConfigurationError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_MARK_SWEEP_GROWTH,
  DEFAULT_MARK_SWEEP_THRESHOLD,
  DEFAULT_THRESHOLDS,
  GC_REFS_ONE,
  GC_REFS_SHIFT,
  LONG_LIVED_DIVISOR,
  MAX_GC_REFS,
  NUM_GENERATIONS,
  validateCollectorConfig,
  validateThreshold,
} from "../src/index";

describe("config", () => {
  it("defaults are CPython 3.11's", () => {
    expect(NUM_GENERATIONS).toBe(3);
    expect(DEFAULT_THRESHOLDS).toEqual([700, 10, 10]);
    expect(LONG_LIVED_DIVISOR).toBe(4);
    expect(GC_REFS_ONE).toBe(1 << GC_REFS_SHIFT);
    expect(MAX_GC_REFS * GC_REFS_ONE).toBeLessThan(2 ** 32);
    expect(DEFAULT_MARK_SWEEP_THRESHOLD).toBe(700);
    expect(DEFAULT_MARK_SWEEP_GROWTH).toBe(0.25);
  });

  it("accepts what gc.set_threshold accepts", () => {
    validateCollectorConfig({ thresholds: DEFAULT_THRESHOLDS }, 3);
    validateCollectorConfig({ thresholds: [0, -5, 2 ** 31 - 1] }, 3);
    validateCollectorConfig({ thresholds: [1], growth: 0 }, 1);
    validateThreshold(-(2 ** 31), "t");
  });

  it("rejects wrong counts, non-integers, out-of-range values and bad growth", () => {
    const bad: [unknown, number, RegExp][] = [
      [{ thresholds: [700, 10] }, 3, /thresholds/],
      [{ thresholds: "700" }, 3, /thresholds/],
      [{ thresholds: [700, 10, 1.5] }, 3, /thresholds\[2\]/],
      [{ thresholds: [Number.NaN] }, 1, /thresholds\[0\]/],
      [{ thresholds: [2 ** 31] }, 1, /thresholds\[0\]/],
      [{ thresholds: [1], growth: -0.1 }, 1, /growth/],
      [{ thresholds: [1], growth: Number.POSITIVE_INFINITY }, 1, /growth/],
    ];
    for (const [config, gens, message] of bad) {
      expect(() => validateCollectorConfig(config as never, gens)).toThrow(ConfigurationError);
      expect(() => validateCollectorConfig(config as never, gens)).toThrow(message);
    }
  });
});
