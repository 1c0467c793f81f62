import { InvalidPointerError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { createRuntime, PyList, PyStr } from "../src/index";

describe("Frame", () => {
  it("reads like the Python it mirrors: the reference-counting example prints 2, 3, 4, 3, 2", () => {
    const rt = createRuntime();
    const f = rt.frame();
    const counts: number[] = [];
    f.set("a", rt.list([1, 2, 3]));
    counts.push(rt.sys.getrefcount(f.get("a")));
    f.set("b", f.get("a"));
    counts.push(rt.sys.getrefcount(f.get("a")));
    f.set("c", f.get("a"));
    counts.push(rt.sys.getrefcount(f.get("a")));
    f.del("b");
    counts.push(rt.sys.getrefcount(f.get("a")));
    f.del("c");
    counts.push(rt.sys.getrefcount(f.get("a")));
    expect(counts).toEqual([2, 3, 4, 3, 2]);
  });

  it("frees a variable's object when its last reference is deleted", () => {
    const rt = createRuntime({ freeLists: false });
    const before = rt.stats().objectDomain.blocksInUse;
    const f = rt.frame();
    f.set("a", rt.list([1000, 2000]));
    expect(rt.stats().objectDomain.blocksInUse).toBe(before + 4); // list, items, two ints
    f.del("a");
    expect(rt.stats().objectDomain.blocksInUse).toBe(before);
  });

  it("rebinding releases the previous value", () => {
    const rt = createRuntime();
    const f = rt.frame();
    f.set("x", rt.list());
    const first = f.get("x").address;
    f.set("keep", f.get("x"));
    f.set("x", "text");
    expect(rt.sys.getrefcount(f.get("keep"))).toBe(2);
    expect(f.get("keep").address).toBe(first);
    expect(f.get("x", PyStr).value).toBe("text");
  });

  it("raises NameError for unbound names and TypeError for the wrong handle class", () => {
    const rt = createRuntime();
    const f = rt.frame();
    expect(() => f.get("nope")).toThrow(/NameError: name 'nope' is not defined/);
    expect(() => f.del("nope")).toThrow(/NameError/);
    f.set("n", 3);
    expect(() => f.get("n", PyList)).toThrow(/TypeError/);
    expect(f.has("n")).toBe(true);
    expect(f.names()).toEqual(["n"]);
  });

  it("drops every variable when released (or at the end of a `using` block)", () => {
    const rt = createRuntime();
    const outer = rt.frame();
    outer.set("l", rt.list());
    {
      using inner = rt.frame("inner");
      inner.set("alias", outer.get("l"));
      expect(rt.sys.getrefcount(outer.get("l"))).toBe(3);
      expect(rt.stats().frames).toBe(3); // globals, outer, inner
    }
    expect(rt.sys.getrefcount(outer.get("l"))).toBe(2);
    outer.release();
    expect(() => outer.get("l")).toThrow(InvalidPointerError);
    expect(rt.stats().frames).toBe(1);
  });

  it("is a root for the mark-sweep collector", () => {
    const rt = createRuntime({ gc: "mark-sweep" });
    const f = rt.frame();
    f.set("l", rt.list());
    f.get("l", PyList).append(f.get("l"));
    expect(rt.gc.collect()).toBe(0);
    expect(f.get("l", PyList).length).toBe(1);
    f.release();
    expect(rt.gc.collect()).toBe(1);
  });
});
