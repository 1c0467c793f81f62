import { InvalidPointerError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { createRuntime, PyDict, PyFloat, PyInt, PyList, PyObject, PyTuple } from "../src/index";

describe("handles", () => {
  it("constructors return owned handles, counted as live until released", () => {
    const rt = createRuntime();
    const xs = rt.list();
    expect(xs.owned).toBe(true);
    expect(rt.stats().handles).toBe(1);
    expect(rt.sys.getrefcount(xs)).toBe(2);
    xs.release();
    expect(rt.stats().handles).toBe(0);
    expect(xs.alive).toBe(false);
    expect(() => xs.length).toThrow(InvalidPointerError);
    xs.release(); // a second release does nothing
  });

  it("`using` releases at the end of the block", () => {
    const rt = createRuntime();
    {
      using a = rt.dict();
      using b = rt.float(1.5);
      expect(a).toBeInstanceOf(PyDict);
      expect(b).toBeInstanceOf(PyFloat);
      expect(rt.stats().handles).toBe(2);
    }
    expect(rt.stats().handles).toBe(0);
  });

  it("stores move owned handles in, and take a new reference for borrowed ones", () => {
    const rt = createRuntime();
    using holder = rt.list();
    const item = rt.list();
    holder.append(item);
    expect(item.alive).toBe(false);
    expect(rt.stats().handles).toBe(1);
    const borrowed = holder.get(0);
    expect(borrowed.owned).toBe(false);
    holder.append(borrowed);
    expect(borrowed.alive).toBe(true);
    expect(rt.sys.getrefcount(borrowed)).toBe(3);
  });

  it("a store never moves the handle it is called on", () => {
    const rt = createRuntime();
    using xs = rt.list();
    xs.append(xs);
    expect(xs.alive).toBe(true);
    expect(rt.sys.getrefcount(xs)).toBe(3);
    xs.clear();
  });

  it("a failed store leaves the handle usable and the counts unchanged", () => {
    const rt = createRuntime();
    using d = rt.dict();
    using key = rt.list();
    expect(() => d.set(key, 1)).toThrow(/unhashable/);
    expect(key.alive).toBe(true);
    expect(rt.sys.getrefcount(key)).toBe(2);
  });

  it("newRef() makes a second owned handle; pop() returns one", () => {
    const rt = createRuntime();
    using xs = rt.list([rt.list()]);
    using copy = xs.newRef();
    expect(copy.is(xs)).toBe(true);
    expect(rt.sys.getrefcount(xs)).toBe(3);
    using inner = xs.pop();
    expect(inner.owned).toBe(true);
    expect(rt.sys.getrefcount(inner)).toBe(2);
  });

  it("converts JS values: integral numbers to int, others to float, arrays to lists", () => {
    const rt = createRuntime();
    using t = rt.tuple([1, 2.5, 2n ** 70n, "s", true, null, new Uint8Array([1]), [1, [2]]]);
    expect(t.items().map((h) => h.typeName)).toEqual([
      "int",
      "float",
      "int",
      "str",
      "bool",
      "NoneType",
      "bytes",
      "list",
    ]);
    expect(t.get(0)).toBeInstanceOf(PyInt);
    expect(t.get(7)).toBeInstanceOf(PyList);
    expect(t).toBeInstanceOf(PyTuple);
    expect(t.toJS()).toEqual([1, 2.5, 2n ** 70n, "s", true, null, new Uint8Array([1]), [1, [2]]]);
    expect(() => rt.value({} as never)).toThrow(expect.objectContaining({ pyType: "TypeError" }));
  });

  it("refuses handles of another runtime", () => {
    const a = createRuntime();
    const b = createRuntime();
    using xs = a.list();
    using ys = b.list();
    expect(() => xs.append(ys)).toThrow(InvalidPointerError);
    expect(ys.alive).toBe(true);
  });

  it("is() compares identity, equals() Python ==", () => {
    const rt = createRuntime();
    using a = rt.list([1]);
    expect(a.is(a.newRef())).toBe(true);
    expect(a.is(null)).toBe(false);
    expect(rt.None).toBeInstanceOf(PyObject);
    expect(rt.None.repr()).toBe("None");
    expect(rt.None.is(rt.value(null))).toBe(true);
    expect(String(a)).toBe("[1]");
  });
});
