import { describe, it } from "vitest";
import { expectLikeCPython, py } from "./helpers";

// sys.getrefcount in every kind of scope: the evaluation-stack discipline of CPython 3.11.
describe("reference counts", () => {
  it("a module global: the globals dict holds one, the argument one", () => {
    expectLikeCPython(
      py`
      import sys
      a = [1, 2]
      b = a
      print(sys.getrefcount(a))
      del b
      print(sys.getrefcount(a))
    `,
      "3\n2\n",
    );
  });

  it("a local: the fast-locals slot holds one; a parameter also the caller's variable", () => {
    expectLikeCPython(
      py`
      import sys
      def local():
          x = []
          return sys.getrefcount(x)
      def param(x):
          return sys.getrefcount(x)
      a = []
      print(local(), param(a))
    `,
      "2 3\n",
    );
  });

  it("containers hold one reference per slot", () => {
    expectLikeCPython(
      py`
      import sys
      x = []
      l = [x, x, x]
      d = {"k": x}
      t = (x,)
      print(sys.getrefcount(x))
      l.pop()
      print(sys.getrefcount(x))
    `,
      "7\n6\n",
    );
  });

  it("a class: its module, its MRO tuple and the __dict__/__weakref__ descriptors", () => {
    expectLikeCPython(
      py`
      import sys
      class C:
          pass
      print(sys.getrefcount(C))
      c = C()
      print(sys.getrefcount(C))
    `,
      "5\n6\n",
    );
  });

  it("closures share a cell", () => {
    expectLikeCPython(
      py`
      import sys
      def outer():
          v = []
          def inner():
              return v
          return inner, sys.getrefcount(v)
      f, n = outer()
      print(n, sys.getrefcount(f()))
    `,
      "2 2\n",
    );
  });
});
