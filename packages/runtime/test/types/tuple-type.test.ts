import { describe, expect, it } from "vitest";
import { createRuntime, PyList, PyTuple } from "../../src/index";

describe("tuple", () => {
  it("is 40 + 8 per item, with one immortal, untracked empty tuple", () => {
    const rt = createRuntime();
    expect(rt.sys.getsizeof(rt.tuple())).toBe(40);
    expect(rt.sys.getsizeof(rt.tuple([1, 2, 3]))).toBe(64);
    expect(rt.tuple().is(rt.tuple([]))).toBe(true);
    expect(rt.gc.is_tracked(rt.tuple())).toBe(false);
  });

  it("is tracked when made, and untracked by a collection when its items are atomic", () => {
    const rt = createRuntime();
    const g = rt.globals;
    g.set("atomic", rt.tuple([1, "a", 2.5, null]));
    g.set("holder", rt.tuple([1, rt.list()]));
    g.set("nested", rt.tuple([rt.tuple([1, 2])]));
    expect(rt.gc.is_tracked(g.get("atomic"))).toBe(true);
    expect(rt.gc.is_tracked(g.get("nested"))).toBe(true);
    rt.gc.collect(0);
    expect(rt.gc.is_tracked(g.get("atomic"))).toBe(false);
    expect(rt.gc.is_tracked(g.get("holder"))).toBe(true);
    // The inner tuple was untracked; its holder (now in generation 1) follows at the next
    // collection that examines it.
    rt.gc.collect(1);
    expect(rt.gc.is_tracked(g.get("nested"))).toBe(false);
  });

  it("indexes like Python and reprs 1-tuples with a comma", () => {
    const rt = createRuntime();
    using t = rt.tuple([1, "b", [2]]);
    expect(t.get(-1)).toBeInstanceOf(PyList);
    expect(t.get(1).toJS()).toBe("b");
    expect(() => t.get(3)).toThrow(/IndexError/);
    expect(rt.tuple([1]).repr()).toBe("(1,)");
    expect(t.repr()).toBe("(1, 'b', [2])");
    expect(rt.tuple([1, 2]).equals(rt.tuple([1.0, 2]))).toBe(true);
    expect(t).toBeInstanceOf(PyTuple);
  });

  it("reuses tuples of the same length from the free lists", () => {
    const rt = createRuntime();
    const t = rt.tuple([1000, 2000]);
    const address = t.address;
    t.release();
    using u = rt.tuple([3000, 4000]);
    expect(u.address).toBe(address);
    expect(rt.sys._debugmallocstats()).toMatch(/0 free 2-sized PyTupleObjects \* 40 bytes each/);
  });
});
