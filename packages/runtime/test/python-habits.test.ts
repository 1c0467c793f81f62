import { describe, expect, it } from "vitest";
import { createRuntime, PyObject } from "../src/index";

describe("Python's habits", () => {
  it("module functions and constructors work taken off their objects", () => {
    const rt = createRuntime();
    const { getsizeof, getrefcount } = rt.sys;
    expect(getsizeof([1, 2])).toBe(72);
    expect(getrefcount(null)).toBe(rt.sys.getrefcount(null));
    const { collect, get_threshold } = rt.gc;
    expect(collect()).toBe(0);
    expect(get_threshold()).toEqual([700, 10, 10]);
    const { start, take_snapshot, stop } = rt.tracemalloc;
    start();
    const { list, int, str } = rt;
    using xs = list([int(1), str("a")]);
    expect(xs.repr()).toBe("[1, 'a']");
    expect(take_snapshot().traces.length).toBeGreaterThan(0);
    stop();
  });

  it("tracemalloc.take_snapshot() before start() raises RuntimeError, as Python does", () => {
    const rt = createRuntime();
    expect(() => rt.tracemalloc.take_snapshot()).toThrow(expect.objectContaining({ pyType: "RuntimeError" }));
    expect(() => rt.tracemalloc.take_snapshot()).toThrow(/start\(\)/);
    rt.tracemalloc.start();
    expect(rt.tracemalloc.take_snapshot().traces).toEqual([]);
    rt.tracemalloc.stop();
    expect(() => rt.tracemalloc.take_snapshot()).toThrow(/RuntimeError/);
  });

  it("rt.value moves an owned handle in, as every store does, and takes a new reference for a borrowed one", () => {
    const rt = createRuntime();
    const owned = rt.list([1]);
    const same = rt.value(owned);
    expect(owned.alive).toBe(false);
    expect(rt.sys.getrefcount(same)).toBe(2);
    expect(rt.stats().handles).toBe(1);
    rt.globals.set("xs", same);
    const borrowed = rt.globals.get("xs");
    const again = rt.value(borrowed);
    expect(borrowed.alive).toBe(true);
    expect(rt.sys.getrefcount(again)).toBe(3);
    again.release();
    expect(rt.stats().handles).toBe(0);
    expect(rt.value(5)).toBeInstanceOf(PyObject);
  });
});
