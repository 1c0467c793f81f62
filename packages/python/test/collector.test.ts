import { describe, it } from "vitest";
import { expectLikeCPython, py } from "./helpers";

// The cycle collector as CPython 3.11 reports it: collect()'s counts, __del__ and weakref callbacks.
describe("the cycle collector from Python", () => {
  it("counts a two-list cycle and a self-referencing instance with __del__", () => {
    expectLikeCPython(
      py`
      import gc
      gc.disable()
      a = []; b = [a]; a.append(b)
      del a, b
      print(gc.collect())
      class A:
          def __del__(self):
              print("del A")
      x = A(); x.me = x
      del x
      print(gc.collect())
    `,
      "2\ndel A\n1\n",
    );
  });

  it("a function↔globals cycle is not garbage while the module lives", () => {
    expectLikeCPython(
      py`
      import gc
      def f():
          return f
      gc.collect()
      print(gc.collect())
    `,
      "0\n",
    );
  });

  it("weakref callbacks run when the referent dies", () => {
    expectLikeCPython(
      py`
      import weakref
      class B:
          pass
      b = B()
      w = weakref.ref(b, lambda r: print("callback", r() is None))
      print(w() is b, weakref.getweakrefcount(b))
      del b
      print(w())
    `,
      "True 1\ncallback True\nNone\n",
    );
  });

  it("thresholds and gc.callbacks", () => {
    expectLikeCPython(
      py`
      import gc
      phases = []
      gc.callbacks.append(lambda phase, info: phases.append((phase, info["generation"])))
      gc.collect()
      gc.callbacks.clear()
      print(gc.get_threshold(), phases)
    `,
      "(700, 10, 10) [('start', 2), ('stop', 2)]\n",
    );
  });
});
