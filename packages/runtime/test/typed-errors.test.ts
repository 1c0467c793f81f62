import { ConfigurationError, InvalidPointerError, SizeError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { createRuntime, PythonError } from "../src/index";
import { heapBytes, heapUnchanged } from "./support/heap-snapshot";

describe("typed errors instead of raw JS ones", () => {
  it("rt.value of values with no Python counterpart raises PythonError TypeError naming the value", () => {
    const rt = createRuntime();
    const before = heapBytes(rt);
    for (const [value, shown] of [
      [{}, "a plain object"],
      [undefined, "undefined"],
      [Symbol("s"), "Symbol(s)"],
      [new Map(), "a Map object"],
      [[1, undefined], "undefined"],
    ] as const) {
      let error: unknown;
      try {
        rt.value(value as never);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PythonError);
      expect((error as PythonError).pyType).toBe("TypeError");
      expect((error as PythonError).message).toContain(shown);
    }
    expect(() => rt.list([1, "two", {}] as never)).toThrow(PythonError);
    expect(() => rt.globals.set("x", undefined as never)).toThrow(PythonError);
    expect(heapUnchanged(rt, before)).toBe(true);
    expect(rt.stats().handles).toBe(0);
  });

  it("a bigint size is a SizeError from the raw allocator and the object domain", () => {
    const rt = createRuntime();
    expect(() => rt.parts.raw.malloc(10n as never)).toThrow(SizeError);
    expect(() => rt.parts.raw.malloc(10n as never)).toThrow(/invalid size 10n/);
    expect(() => rt.parts.objectDomain.malloc(10n as never)).toThrow(SizeError);
    expect(() => rt.parts.raw.calloc(2n as never, 8)).toThrow(SizeError);
  });

  it("a shared-array-buffer heap where SharedArrayBuffer is missing is a ConfigurationError", () => {
    const g = globalThis as { SharedArrayBuffer?: unknown };
    const saved = g.SharedArrayBuffer;
    delete g.SharedArrayBuffer;
    try {
      expect(() => createRuntime({ heap: "shared-array-buffer" })).toThrow(ConfigurationError);
      expect(() => createRuntime({ heap: "shared-array-buffer" })).toThrow(/SharedArrayBuffer/);
    } finally {
      g.SharedArrayBuffer = saved;
    }
  });

  it("bad pointers print as given", () => {
    const rt = createRuntime();
    expect(() => rt.parts.raw.free(-10)).toThrow(/invalid pointer -10 \(not an address\)/);
    expect(() => rt.parts.raw.free(Number.NaN)).toThrow(/invalid pointer NaN /);
    expect(() => rt.parts.raw.free(1.8)).toThrow(/invalid pointer 1\.8 /);
    expect(() => rt.parts.raw.free(0x1010 + 3)).toThrow(InvalidPointerError);
    expect(() => rt.parts.raw.malloc(Number.parseFloat("1e400"))).toThrow(/invalid size Infinity/);
  });
});

describe("a heap too small for pymalloc", () => {
  it("is a ConfigurationError naming the minimum when the runtime is composed", () => {
    const small = () =>
      createRuntime({ heapOptions: { initialByteLength: 64 << 10, maxByteLength: (1 << 20) + (256 << 10) } });
    expect(small).toThrow(ConfigurationError);
    expect(small).toThrow(/at least 2097152 bytes for a pymalloc object domain/);
    expect(() =>
      createRuntime({ heapOptions: { maxByteLength: 2 << 20 } })
        .list([1])
        .release(),
    ).not.toThrow();
    expect(() =>
      createRuntime({ objectDomain: "raw", heapOptions: { maxByteLength: 4 << 20 } })
        .list([1])
        .release(),
    ).not.toThrow();
  });
});
