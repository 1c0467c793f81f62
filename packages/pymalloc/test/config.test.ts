import { ConfigurationError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import {
  CLASSIC,
  CPYTHON_311,
  PYMALLOC_PRESETS,
  type PymallocConfig,
  resolvePymallocConfig,
  validatePymallocConfig,
} from "../src/index";

function rejects(change: Partial<Record<keyof PymallocConfig, unknown>>, option: string): void {
  const config = { ...CPYTHON_311, ...change } as PymallocConfig;
  let error: unknown;
  try {
    validatePymallocConfig(config);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigurationError);
  expect((error as ConfigurationError).option).toBe(option);
}

describe("pymalloc configuration", () => {
  it("cpython311 is CPython 3.11 on 64-bit Linux: 16-byte alignment, 32 classes, 1 MiB arenas, 16 KiB pools", () => {
    const c = resolvePymallocConfig("cpython311");
    expect(c).toMatchObject({
      name: "cpython311",
      alignment: 16,
      alignmentShift: 4,
      smallRequestThreshold: 512,
      sizeClassCount: 32,
      arenaSize: 1048576,
      arenaBits: 20,
      poolSize: 16384,
      poolBits: 14,
      poolOverhead: 48,
      poolsPerArena: 64,
      retainLastFreeArena: true,
      radixTreeStats: true,
    });
  });

  it("classic is the design notes' layout: 8-byte alignment, 64 classes, 256 KiB arenas, 4 KiB pools", () => {
    const c = resolvePymallocConfig("classic");
    expect(c).toMatchObject({
      name: "classic",
      alignment: 8,
      alignmentShift: 3,
      smallRequestThreshold: 512,
      sizeClassCount: 64,
      arenaSize: 262144,
      arenaBits: 18,
      poolSize: 4096,
      poolBits: 12,
      poolOverhead: 48,
      poolsPerArena: 64,
      retainLastFreeArena: false,
      radixTreeStats: false,
    });
  });

  it("defaults to cpython311, names equal objects after their preset and others custom", () => {
    expect(resolvePymallocConfig().name).toBe("cpython311");
    expect(resolvePymallocConfig({ ...CLASSIC }).name).toBe("classic");
    expect(resolvePymallocConfig({ ...CLASSIC, arenaSize: 1 << 20 }).name).toBe("custom");
    expect(PYMALLOC_PRESETS.classic).toBe(CLASSIC);
    expect(Object.isFrozen(CPYTHON_311)).toBe(true);
  });

  it("rounds the 48-byte pool header up to the alignment", () => {
    expect(resolvePymallocConfig({ ...CLASSIC, alignment: 32 }).poolOverhead).toBe(64);
    expect(resolvePymallocConfig({ ...CLASSIC, alignment: 64 }).poolOverhead).toBe(64);
  });

  it("accepts a larger threshold as long as there are at most 64 classes", () => {
    expect(resolvePymallocConfig({ ...CPYTHON_311, smallRequestThreshold: 1024 }).sizeClassCount).toBe(64);
    rejects({ smallRequestThreshold: 1040 }, "smallRequestThreshold");
  });

  it("rejects non-integers, non-powers of two and broken relations", () => {
    rejects({ alignment: 12 }, "alignment");
    rejects({ alignment: 4 }, "alignment");
    rejects({ alignment: Number.NaN }, "alignment");
    rejects({ alignment: -16 }, "alignment");
    rejects({ alignment: 1024 }, "smallRequestThreshold");
    rejects({ smallRequestThreshold: 520 }, "smallRequestThreshold");
    rejects({ smallRequestThreshold: 0 }, "smallRequestThreshold");
    rejects({ smallRequestThreshold: 512.5 }, "smallRequestThreshold");
    rejects({ poolSize: 3000 }, "poolSize");
    rejects({ poolSize: 1024 }, "poolSize"); // no room for two 512-byte blocks after the header
    rejects({ arenaSize: 3 << 18 }, "arenaSize");
    rejects({ arenaSize: 8192 }, "arenaSize"); // pool larger than arena
    rejects({ arenaSize: 2 ** 31 }, "arenaSize");
    rejects({ arenaSize: "1 MiB" }, "arenaSize");
    rejects({ retainLastFreeArena: 1 }, "retainLastFreeArena");
    rejects({ radixTreeStats: undefined }, "radixTreeStats");
  });

  it("accepts the smallest pool that holds the header and two largest blocks", () => {
    expect(() => validatePymallocConfig({ ...CPYTHON_311, poolSize: 2048, arenaSize: 2048 })).not.toThrow();
  });

  it("rejects unknown preset names and non-objects", () => {
    expect(() => resolvePymallocConfig("cpython312" as "classic")).toThrow(ConfigurationError);
    expect(() => resolvePymallocConfig(null as unknown as PymallocConfig)).toThrow(ConfigurationError);
  });
});
