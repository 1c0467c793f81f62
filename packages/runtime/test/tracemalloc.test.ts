import { describe, expect, it } from "vitest";
import { createRuntime, formatStatistic, PyList } from "../src/index";

describe("tracemalloc", () => {
  it("traces nothing until started, and forgets everything when stopped", () => {
    const rt = createRuntime();
    const tm = rt.tracemalloc;
    rt.globals.set("before", rt.list([1.5]));
    expect(tm.is_tracing()).toBe(false);
    expect(tm.get_traced_memory()).toEqual([0, 0]);
    tm.start();
    expect(tm.is_tracing()).toBe(true);
    expect(tm.take_snapshot().traces).toHaveLength(0);
    rt.globals.set("after", rt.list([2.5]));
    expect(tm.get_traced_memory()[0]).toBeGreaterThan(0);
    tm.stop();
    expect(tm.get_traced_memory()).toEqual([0, 0]);
  });

  it("groups traces by type with the sizes requested", () => {
    const rt = createRuntime({ freeLists: false });
    const tm = rt.tracemalloc;
    tm.start();
    const g = rt.globals;
    g.set("xs", rt.list());
    const xs = g.get("xs", PyList);
    for (let i = 0; i < 10; i++) xs.append(rt.float(i + 0.5));
    const stats = tm.take_snapshot().statistics("type");
    const byType = Object.fromEntries(stats.map((s) => [s.key, s]));
    expect(byType.float).toEqual({ key: "float", size: 240, count: 10 });
    // The list object (16 + 40 bytes) and its items array of 16 slots.
    expect(byType.list).toEqual({ key: "list", size: 56 + 16 * 8, count: 2 });
    expect(stats[0]!.key).toBe("float");
    expect(formatStatistic(byType.float!)).toBe("float: size=240 B, count=10, average=24 B");
  });

  it("groups by a user tag and by type and tag", () => {
    const rt = createRuntime();
    const tm = rt.tracemalloc;
    tm.start();
    tm.with_tag("parse", () => rt.globals.set("a", rt.dict({ key: "value with spaces" })));
    expect(tm.set_tag("render")).toBeNull();
    rt.globals.set("b", rt.list([rt.str("some text", false)]));
    expect(tm.set_tag(null)).toBe("render");
    rt.globals.set("c", rt.str("untagged text", false));
    const snap = tm.take_snapshot();
    const tags = Object.fromEntries(snap.statistics("tag").map((s) => [s.key, s.count]));
    // parse: the dict, its keys object, the interned "key", the value; render: the list, its
    // items array and the str; untagged: one str.
    expect(tags).toEqual({ parse: 4, render: 3, "<untagged>": 1 });
    const both = snap.statistics("type+tag").map((s) => s.key);
    expect(both).toContain("dict [parse]");
    expect(both).toContain("str [render]");
    expect(both).toContain("str [<untagged>]");
  });

  it("reports current and peak traced memory, and reset_peak", () => {
    const rt = createRuntime({ freeLists: false });
    const tm = rt.tracemalloc;
    tm.start();
    const big = rt.list();
    for (let i = 0; i < 100; i++) big.append(i + 1000);
    const [current, peak] = tm.get_traced_memory();
    expect(current).toBe(peak);
    big.release();
    const [after, peakAfter] = tm.get_traced_memory();
    expect(after).toBe(0);
    expect(peakAfter).toBe(peak);
    tm.reset_peak();
    expect(tm.get_traced_memory()).toEqual([0, 0]);
  });

  it("compares snapshots per group", () => {
    const rt = createRuntime();
    const tm = rt.tracemalloc;
    tm.start();
    const first = tm.take_snapshot();
    rt.globals.set("xs", rt.list([1000, 2000, 3000]));
    const diff = tm.take_snapshot().compare_to(first, "type");
    const ints = diff.find((d) => d.key === "int")!;
    // Each int asks for its object size rounded to a word (_PyObject_VAR_SIZE): 24 + 4 -> 32.
    expect(ints).toMatchObject({ count: 3, countDiff: 3, size: 96, sizeDiff: 96 });
  });

  it("finds the trace of an object", () => {
    const rt = createRuntime();
    rt.tracemalloc.start();
    using xs = rt.list();
    expect(rt.tracemalloc.get_object_trace(xs)).toMatchObject({ type: "list", size: 56, tag: null });
    rt.tracemalloc.stop();
    expect(rt.tracemalloc.get_object_trace(xs)).toBeNull();
  });
});

describe("tracemalloc sizes", () => {
  // python3.11: tracemalloc.start(); v = x * 5000 (x = "x") -> a 5049-byte trace; x * 100 -> 149;
  // b"y" * 100 -> 133; 10**6 + 1 -> 32 (sizeof(PyLongObject)); 10**24 -> 36 (three digits).
  it.each([
    ["x".repeat(5000), 5049],
    ["y".repeat(100), 149],
    [new Uint8Array(100), 133],
    [1_000_001, 32],
    [10n ** 24n, 36],
  ] as const)("records the size CPython requests for %#", (value, size) => {
    const rt = createRuntime();
    rt.tracemalloc.start();
    using obj = rt.value(typeof value === "string" ? rt.str(value, false) : value);
    const trace = rt.tracemalloc.get_object_trace(obj)!;
    expect(trace.size).toBe(size);
    expect(rt.tracemalloc.take_snapshot().traces.map((t) => t.size)).toContain(size);
    rt.tracemalloc.stop();
  });
});
