import { describe, expect, it } from "vitest";
import { createRuntime, PyList } from "../src/index";

describe("Runtime", () => {
  it("reports stats: handles, frames, heap, parts", () => {
    const rt = createRuntime();
    const s0 = rt.stats();
    expect(s0.handles).toBe(0);
    expect(s0.frames).toBe(1);
    expect(s0.heapBytes).toBe(rt.parts.heap.byteLength);
    expect(s0.pages.mappedBytes).toBeGreaterThan(0);
    expect(s0.objectDomain.name).toBe("pymalloc");
    const leaked = rt.list();
    expect(rt.stats().handles).toBe(1);
    expect(rt.stats().gcCount[0]).toBeGreaterThan(0);
    leaked.release();
  });

  it("wrap() and value() make handles for addresses and JS values", () => {
    const rt = createRuntime();
    using xs = rt.list([7]);
    const view = rt.wrap(xs.address);
    expect(view).toBeInstanceOf(PyList);
    expect(view.owned).toBe(false);
    using v = rt.value([1, "a"]);
    expect(v.repr()).toBe("[1, 'a']");
  });

  it("close() releases every frame, the module frame included", () => {
    const rt = createRuntime({ freeLists: false });
    const before = rt.stats().objectDomain.blocksInUse;
    rt.globals.set("xs", rt.list([1000]));
    rt.frame().set("ys", rt.list([2000]));
    rt.close();
    expect(rt.core.frames.size).toBe(0);
    expect(rt.parts.objectDomain.stats().blocksInUse).toBeLessThanOrEqual(before);
  });

  it("a deferred refcount strategy frees at safe points", () => {
    const rt = createRuntime({ refcount: "deferred", freeLists: false });
    const before = rt.stats().objectDomain.blocksInUse;
    rt.list([1000, 2000]).release();
    expect(rt.stats().objectDomain.blocksInUse).toBeGreaterThan(before);
    rt.flush();
    expect(rt.stats().objectDomain.blocksInUse).toBe(before);
  });
});
