import { describe, expect, it } from "vitest";
import { createRuntime, PyList, PythonError } from "../src/index";
import { heapBytes, heapUnchanged } from "./support/heap-snapshot";

function recursionError(): unknown {
  return expect.objectContaining({ pyType: "RecursionError" });
}

describe("deeply nested structures", () => {
  it("repr() and toJS() of a 200,000-deep list raise RecursionError, not a JS stack overflow", () => {
    const rt = createRuntime();
    const f = rt.frame();
    f.set("a", rt.list());
    for (let i = 0; i < 200_000; i++) f.set("a", rt.list([f.get("a")]));
    const a = f.get("a", PyList);
    expect(() => a.repr()).toThrow(PythonError);
    expect(() => a.repr()).toThrow(recursionError());
    expect(() => a.toJS()).toThrow(recursionError());
    expect(() => a.toString()).toThrow(recursionError());
    // Nothing is left half-done: shallow reprs still work, and dropping it frees everything.
    expect(rt.list([[1]]).repr()).toBe("[[1]]");
    f.release();
  });

  it("hash() and == of 200,000-deep tuples raise RecursionError", () => {
    const rt = createRuntime();
    const f = rt.frame();
    for (const name of ["t", "u"]) {
      f.set(name, rt.tuple([1]));
      for (let i = 0; i < 200_000; i++) f.set(name, rt.tuple([f.get(name)]));
    }
    expect(() => f.get("t").hash()).toThrow(recursionError());
    expect(() => f.get("t").equals(f.get("u"))).toThrow(recursionError());
    expect(() => rt.set([f.get("t")])).toThrow(recursionError());
    expect(rt.tuple([rt.tuple([1])]).hash()).toBe(rt.tuple([rt.tuple([1])]).hash());
    f.release();
  });

  it("repr() works up to the recursion limit", () => {
    const rt = createRuntime();
    let js: unknown[] = [];
    for (let i = 0; i < 900; i++) js = [js];
    using xs = rt.list(js as never);
    expect(xs.repr()).toBe(`${"[".repeat(901)}${"]".repeat(901)}`);
  });

  it("rt.value of a JS array containing itself raises RecursionError and allocates nothing", () => {
    const rt = createRuntime();
    const a: unknown[] = [1, 2];
    a.push(a);
    const before = heapBytes(rt);
    expect(() => rt.value(a as never)).toThrow(recursionError());
    expect(() => rt.list([[a]] as never)).toThrow(recursionError());
    expect(heapUnchanged(rt, before)).toBe(true);
  });

  it("a JS array nested 200,000 deep raises RecursionError", () => {
    const rt = createRuntime();
    let js: unknown[] = [];
    for (let i = 0; i < 200_000; i++) js = [js];
    expect(() => rt.value(js as never)).toThrow(recursionError());
    expect(rt.stats().handles).toBe(0);
  });

  it("a shared (not cyclic) JS array converts to separate lists", () => {
    const rt = createRuntime();
    const shared = [1];
    using xs = rt.value([shared, shared] as never);
    expect(xs.toJS()).toEqual([[1], [1]]);
  });
});
