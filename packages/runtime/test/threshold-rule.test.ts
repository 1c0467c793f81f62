import { ConfigurationError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { createRuntime, presets } from "../src/index";

describe("one rule for collector thresholds", () => {
  it("createRuntime takes 1 to 3 values for the generational collector, negatives included", () => {
    expect(createRuntime({ gcThresholds: [-1] }).gc.get_threshold()).toEqual([-1, 10, 10]);
    expect(createRuntime({ gcThresholds: [500, 5] }).gc.get_threshold()).toEqual([500, 5, 10]);
    expect(createRuntime({ gcThresholds: [1, 2, 3] }).gc.get_threshold()).toEqual([1, 2, 3]);
    expect(() => createRuntime({ gcThresholds: [1, 2, 3, 4] })).toThrow(ConfigurationError);
    expect(() => createRuntime({ gcThresholds: [] })).toThrow(ConfigurationError);
    expect(() => createRuntime({ gcThresholds: [1.5] })).toThrow(/gcThresholds\[0\]/);
    expect(() => createRuntime({ gcThresholds: [2 ** 31] })).toThrow(ConfigurationError);
  });

  it("rejects thresholds a collector cannot use instead of ignoring them", () => {
    expect(() => createRuntime({ gc: "none", gcThresholds: [5] })).toThrow(ConfigurationError);
    expect(() => createRuntime({ gc: "none", gcThresholds: [5] })).toThrow(/never collects/);
    expect(() => createRuntime({ gc: "mark-sweep", gcThresholds: [1, 2, 3] })).toThrow(
      /1 to 1 integer threshold/,
    );
    expect(createRuntime({ gc: "mark-sweep", gcThresholds: [5] }).gc.get_threshold()).toEqual([5]);
    // A preset composes with every collector: it names no thresholds of its own.
    expect(createRuntime({ ...presets.cpython311, gc: "mark-sweep" }).gc.get_threshold()).toEqual([700]);
    expect(createRuntime({ ...presets.classic, gc: "none" }).gc.collect()).toBe(0);
  });

  it("gc.set_threshold follows the same rule and leaves the thresholds unchanged on error", () => {
    const ms = createRuntime({ gc: "mark-sweep" });
    expect(() => ms.gc.set_threshold(1, 2, 3)).toThrow(ConfigurationError);
    expect(ms.gc.get_threshold()).toEqual([700]);
    ms.gc.set_threshold(-5);
    expect(ms.gc.get_threshold()).toEqual([-5]);
    const none = createRuntime({ gc: "none" });
    expect(() => none.gc.set_threshold(5)).toThrow(/never collects/);
    const gen = createRuntime();
    gen.gc.set_threshold(100);
    expect(gen.gc.get_threshold()).toEqual([100, 10, 10]);
    expect(() => gen.gc.set_threshold(1, 2, 3, 4)).toThrow(ConfigurationError);
    expect(() => gen.gc.set_threshold(Number.NaN)).toThrow(/NaN/);
    expect(gen.gc.get_threshold()).toEqual([100, 10, 10]);
  });
});
