import { describe, expect, it } from "vitest";
import { createRuntime, PyList, RuntimeClosedError } from "../src/index";

describe("rt.close()", () => {
  it("refuses every later call with one typed error", () => {
    const rt = createRuntime();
    const f = rt.frame();
    f.set("xs", rt.list([1, 2]));
    const xs = f.get("xs", PyList);
    const Node = rt.defineClass("Node");
    const { getsizeof } = rt.sys;
    rt.close();
    const calls: (() => unknown)[] = [
      () => rt.list(),
      () => rt.int(5),
      () => rt.frame(),
      () => rt.globals.set("a", 1),
      () => rt.globals.get("a"),
      () => f.get("xs"),
      () => xs.length,
      () => xs.append(3),
      () => rt.sys.getsizeof(1),
      () => getsizeof([]),
      () => rt.gc.collect(),
      () => rt.tracemalloc.start(),
      () => rt.stats(),
      () => rt.None,
      () => Node.create(),
      () => rt.value(1),
      () => rt.defineClass("Other"),
    ];
    for (const call of calls) {
      expect(call).toThrow(RuntimeClosedError);
      expect(call).toThrow(/^runtime is closed: /);
    }
  });

  it("is idempotent, releases the heap's objects and works with using", () => {
    const pages = (() => {
      using rt = createRuntime();
      rt.globals.set("big", rt.list(Array.from({ length: 200_000 }, (_, i) => i * 1000)));
      const keep = rt.list([rt.str("x".repeat(100), false)]);
      void keep;
      return { pages: rt.parts.pages, mapped: rt.parts.pages.stats().mappedBytes, rt };
    })();
    expect(() => pages.rt.list()).toThrow(RuntimeClosedError);
    expect(pages.pages.stats().mappedBytes).toBeLessThan(pages.mapped);
    pages.rt.close();
    pages.rt.close();
  });
});
