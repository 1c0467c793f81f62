import { describe, expect, it } from "vitest";
import { createRuntime, PyStr, presets } from "../src/index";

describe("sys", () => {
  it("getsizeof gives CPython 3.11's 64-bit sizes", () => {
    const rt = createRuntime();
    const sizes: [string, number][] = [
      ["[]", rt.sys.getsizeof([])],
      ["[1, 2, 3]", rt.sys.getsizeof([1, 2, 3])],
      ["()", rt.sys.getsizeof(rt.tuple())],
      ["(1, 2, 3)", rt.sys.getsizeof(rt.tuple([1, 2, 3]))],
      ["{}", rt.sys.getsizeof(rt.dict())],
      ["1.0", rt.sys.getsizeof(rt.float(1))],
      ["1", rt.sys.getsizeof(1)],
      ['""', rt.sys.getsizeof("")],
      ['"a"', rt.sys.getsizeof("a")],
      ["None", rt.sys.getsizeof(null)],
      ["set()", rt.sys.getsizeof(rt.set())],
      ["b''", rt.sys.getsizeof(new Uint8Array(0))],
      ["True", rt.sys.getsizeof(true)],
    ];
    expect(Object.fromEntries(sizes)).toEqual({
      "[]": 56,
      "[1, 2, 3]": 88,
      "()": 40,
      "(1, 2, 3)": 64,
      "{}": 64,
      "1.0": 24,
      "1": 28,
      '""': 49,
      '"a"': 50,
      None: 16,
      "set()": 216,
      "b''": 33,
      True: 28,
    });
  });

  it("getsizeof follows the compact layout's 4-byte words", () => {
    const rt = createRuntime({ layout: "compact" });
    expect(rt.sys.getsizeof([])).toBe(8 + 12 + 8);
    expect(rt.sys.getsizeof(rt.tuple([1, 2]))).toBe(8 + 12 + 8);
    expect(rt.sys.getsizeof(null)).toBe(8);
    expect(rt.sys.getsizeof(rt.float(1))).toBe(16);
  });

  it("getrefcount counts the argument; temporaries count once; immortals report their fixed count", () => {
    const rt = createRuntime();
    using xs = rt.list();
    expect(rt.sys.getrefcount(xs)).toBe(2);
    expect(rt.sys.getrefcount([])).toBe(1);
    // 3.11 (the default) counts None from 5475; 3.12's immortals report 2**32 - 1.
    expect(rt.sys.getrefcount(null)).toBe(5475);
    const rt312 = createRuntime(presets.cpython312);
    expect(rt312.sys.getrefcount(null)).toBe(2 ** 32 - 1);
    expect(rt312.sys.getrefcount(1)).toBe(2 ** 32 - 1);
  });

  it("intern returns the one interned object for equal strings", () => {
    const rt = createRuntime();
    using a = rt.str("not an identifier!", false);
    using b = rt.str("not an identifier!", false);
    using ia = rt.sys.intern(a);
    using ib = rt.sys.intern(b);
    expect(ia.is(a)).toBe(true);
    expect(ib.is(a)).toBe(true);
    expect(ia).toBeInstanceOf(PyStr);
    expect(() => rt.sys.intern(rt.list() as unknown as PyStr)).toThrow(/TypeError/);
  });

  it("getallocatedblocks counts the object domain's live blocks", () => {
    const rt = createRuntime({ freeLists: false });
    const before = rt.sys.getallocatedblocks();
    const xs = rt.list([1000]);
    expect(rt.sys.getallocatedblocks()).toBe(before + 3);
    xs.release();
    expect(rt.sys.getallocatedblocks()).toBe(before);
  });

  it("_debugmallocstats prints pymalloc's report then CPython 3.11's free-list lines", () => {
    const rt = createRuntime();
    const floats = Array.from({ length: 5 }, (_, i) => rt.float(i + 0.5));
    for (const f of floats) f.release();
    const text = rt.sys._debugmallocstats();
    expect(text).toMatch(/Small block threshold = 512, in 32 size classes\./);
    expect(text).toMatch(/# arenas allocated current\s+=\s+1/);
    const tail = text.slice(text.indexOf("free PyDictObjects") - 30);
    const labels = [...tail.matchAll(/free (Py\w+|\d+-sized PyTupleObject)s/g)].map((m) => m[1]);
    expect(labels.slice(0, 4)).toEqual([
      "PyDictObject",
      "PyFloatObject",
      "PyListObject",
      "1-sized PyTupleObject",
    ]);
    expect(text).toContain("5 free PyFloatObjects * 24 bytes each");
  });

  it("_debugmallocstats without pymalloc prints only the free-list lines, as PYTHONMALLOC=malloc does", () => {
    const bare = createRuntime({ objectDomain: "raw", freeLists: false }).sys._debugmallocstats();
    expect(bare).not.toContain("Small block threshold");
    expect(bare).not.toContain("PyFloatObjects");
    const text = createRuntime({ objectDomain: "raw" }).sys._debugmallocstats();
    expect(text).toMatch(/^ {12}0 free PyDictObjects \* 48 bytes each = {20}0\n/);
  });
});
