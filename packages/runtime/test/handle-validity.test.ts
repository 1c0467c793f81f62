import { InvalidPointerError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { createRuntime, PyList, RuntimeClosedError } from "../src/index";
import { heapBytes, heapUnchanged } from "./support/heap-snapshot";

describe("handles of dead objects", () => {
  it("a borrowed handle whose object died raises before touching the heap", () => {
    const rt = createRuntime();
    const f = rt.frame();
    f.set("keep", rt.list([1, 2, 3]));
    const b = f.get("keep", PyList);
    f.del("keep");
    const before = heapBytes(rt);
    expect(() => b.repr()).toThrow(InvalidPointerError);
    expect(() => b.append("some string")).toThrow(InvalidPointerError);
    expect(() => b.append(42)).toThrow(InvalidPointerError);
    expect(() => b.length).toThrow(InvalidPointerError);
    expect(() => rt.sys.getrefcount(b)).toThrow(InvalidPointerError);
    expect(() => rt.list([1, b])).toThrow(InvalidPointerError);
    expect(b.alive).toBe(false);
    expect(heapUnchanged(rt, before)).toBe(true);
    rt.flush();
    rt.clearFreeLists();
    expect(rt.accounting().unaccountedBytes).toBe(0);
    f.release();
  });

  it("a stale handle does not reach a new object at the same address", () => {
    const rt = createRuntime();
    const f = rt.frame();
    f.set("a", rt.list([1, 2, 3]));
    const stale = f.get("a", PyList);
    const address = stale.address;
    f.del("a");
    // Lists come back from the free list: the next one takes the same address.
    f.set("b", rt.list([7]));
    const fresh = f.get("b", PyList);
    expect(fresh.address).toBe(address);
    expect(() => stale.append(42)).toThrow(InvalidPointerError);
    expect(() => stale.get(0)).toThrow(InvalidPointerError);
    expect(fresh.toJS()).toEqual([7]);
    f.release();
  });

  it("released and moved owned handles raise too", () => {
    const rt = createRuntime();
    const xs = rt.list([1]);
    rt.globals.set("xs", xs);
    expect(() => xs.append(2)).toThrow(InvalidPointerError);
    const ys = rt.list([2]);
    ys.release();
    expect(() => ys.toJS()).toThrow(InvalidPointerError);
    expect(rt.globals.get("xs").toJS()).toEqual([1]);
  });

  it("handles of a closed runtime raise RuntimeClosedError", () => {
    const rt = createRuntime();
    const owned = rt.list([1]);
    rt.globals.set("d", rt.dict({ a: 1 }));
    const borrowed = rt.globals.get("d");
    rt.close();
    expect(() => owned.repr()).toThrow(RuntimeClosedError);
    expect(() => borrowed.toJS()).toThrow(RuntimeClosedError);
    expect(owned.alive).toBe(false);
    owned.release(); // a no-op: the reference went with the heap
  });
});
