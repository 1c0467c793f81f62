import { InvalidPointerError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { createRuntime, PyList, PyWeakref } from "../src/index";

describe("weakref", () => {
  it("dereferences to the live referent, then to null once it died; calls the callback once", () => {
    const rt = createRuntime();
    const Box = rt.defineClass("Box");
    const f = rt.frame();
    f.set("x", Box.create({ value: 1 }));
    const seen: boolean[] = [];
    using wr = rt.weakref(f.get("x"), (w) => seen.push(w.dead));
    expect(wr).toBeInstanceOf(PyWeakref);
    expect(rt.sys.getsizeof(wr)).toBe(80);
    {
      using target = wr.get();
      expect(target?.toJS()).toEqual({ value: 1 });
    }
    f.del("x");
    expect(wr.get()).toBeNull();
    expect(wr.dead).toBe(true);
    expect(seen).toEqual([true]);
    expect(wr.repr()).toMatch(/^<weakref at 0x[0-9a-f]+; dead>$/);
  });

  it("shares one callback-less weak reference per referent, as CPython does", () => {
    const rt = createRuntime();
    using x = rt.set();
    using a = rt.weakref(x);
    using b = rt.weakref(x);
    expect(a.is(b)).toBe(true);
    using c = rt.weakref(x, () => {});
    expect(c.is(a)).toBe(false);
    expect(rt.core.weakrefs.count(x.address)).toBe(2);
  });

  it("hashes like its referent and compares through it", () => {
    const rt = createRuntime();
    const A = rt.defineClass("A");
    using o = A.create();
    using w1 = rt.weakref(o);
    using w2 = rt.weakref(o, () => {});
    expect(w1.hash()).toBe(o.hash());
    expect(w1.equals(w2)).toBe(true);
  });

  it("refuses objects whose type has no weak reference list", () => {
    const rt = createRuntime();
    using l = rt.list();
    expect(() => rt.weakref(l)).toThrow(InvalidPointerError);
    expect(rt.stats().handles).toBe(1);
    expect(l).toBeInstanceOf(PyList);
  });
});
