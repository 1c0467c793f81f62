import { describe, expect, it } from "vitest";
import { createRuntime, PyInstance, PyList, PythonError } from "../src/index";

describe("PyFunction", () => {
  it("binds parameters as the callee's strong references: getrefcount inside is 3, as in CPython", () => {
    // def f(x): return sys.getrefcount(x)     -> 3
    // def g(x): y = x; return sys.getrefcount(x) -> 4
    const rt = createRuntime();
    const g = rt.globals;
    g.set("a", rt.list());
    const f1 = rt.def("f", ["x"], (f) => rt.sys.getrefcount(f.get("x")));
    const f2 = rt.def("g", ["x"], (f) => {
      f.set("y", f.get("x"));
      return rt.sys.getrefcount(f.get("x"));
    });
    using r1 = f1.call(g.get("a"));
    using r2 = f2.call(g.get("a"));
    expect(r1.toJS()).toBe(3);
    expect(r2.toJS()).toBe(4);
    expect(rt.sys.getrefcount(g.get("a"))).toBe(2); // the locals went with the frames
    expect(rt.stats().frames).toBe(1); // only the module frame is open
  });

  it("returns a local that outlives the frame, and frees every other local", () => {
    // def h(): zero = [0]; tmp = zero * 100; l = [1, 2, 3]; return l
    const rt = createRuntime({ freeLists: false });
    const before = rt.stats().objectDomain.bytesInUse;
    const h = rt.def("h", [], (f) => {
      f.set("zero", rt.list([0]));
      f.set("tmp", f.get("zero", PyList).repeat(100));
      f.set("l", rt.list([1, 2, 3]));
      return f.get("l");
    });
    const r = h.call();
    expect(r.toJS()).toEqual([1, 2, 3]);
    expect(rt.sys.getrefcount(r)).toBe(2);
    r.release();
    expect(rt.stats().objectDomain.bytesInUse).toBe(before);
    expect(rt.stats().handles).toBe(0);
  });

  it("moves owned arguments in, returns None for undefined, and recurses with a frame per call", () => {
    const rt = createRuntime();
    const depth: number[] = [];
    // def build(n): return [] if n == 0 else [n, build(n - 1)]
    const build = rt.def("build", ["n"], (f) => {
      depth.push(build.activeCalls);
      const n = Number(f.get("n").toJS());
      if (n === 0) return rt.list();
      return [n, build.call(n - 1)];
    });
    using nested = build.call(rt.int(3));
    expect(nested.toJS()).toEqual([3, [2, [1, []]]]);
    expect(Math.max(...depth)).toBe(4);
    const noop = rt.def("noop", [], () => undefined);
    using none = noop.call();
    expect(none.is(rt.None)).toBe(true);
    expect(rt.stats().handles).toBe(2);
    expect(rt.stats().frames).toBe(1);
  });

  it("releases the frame when the body throws, and checks the argument count", () => {
    const rt = createRuntime();
    const boom = rt.def("boom", ["x"], (f) => {
      f.set("local", rt.list([f.get("x")]));
      throw new PythonError("ValueError", "boom");
    });
    rt.globals.set("a", rt.list());
    expect(() => boom.call(rt.globals.get("a"))).toThrow(/ValueError: boom/);
    expect(rt.sys.getrefcount(rt.globals.get("a"))).toBe(2);
    expect(rt.stats().frames).toBe(1);
    expect(() => boom.call()).toThrow(/TypeError: boom\(\) takes 1 positional argument but 0 were given/);
    expect(() => rt.def("bad", ["x", "x"], () => undefined)).toThrow(/SyntaxError/);
  });

  it("leaves a cycle made in the callee to the collector once the call returns", () => {
    // def make(): a = Node(); b = Node(); a.p = b; b.p = a   -> gc.collect() == 2
    const rt = createRuntime();
    rt.gc.disable();
    const Node = rt.defineClass("Node");
    const make = rt.def("make", [], (f) => {
      f.set("a", Node.create());
      f.set("b", Node.create({ p: f.get("a") }));
      f.get("a", PyInstance).setattr("p", f.get("b"));
      expect(rt.gc.collect()).toBe(0); // reachable from the open frame
    });
    make.call().release();
    expect(rt.gc.collect()).toBe(2);
    const keep = rt.def("keep", ["xs"], (f) => {
      f.get("xs", PyList).append(f.get("xs"));
    });
    rt.globals.set("xs", rt.list());
    keep.call(rt.globals.get("xs")).release();
    expect(rt.gc.collect()).toBe(0);
    rt.globals.del("xs");
    expect(rt.gc.collect()).toBe(1);
  });
});
