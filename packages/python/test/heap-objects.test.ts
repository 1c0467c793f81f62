import { describe, it } from "vitest";
import { expectLikeCPython, py } from "./helpers";

// Interpreter objects live in the heap with CPython 3.11's sizes and GC tracking.
describe("heap objects", () => {
  it("functions, classes, iterators, generators and exceptions have CPython's sizes", () => {
    expectLikeCPython(
      py`
      import sys
      def f(): pass
      def g(): yield 1
      class C:
          def m(self): pass
      try:
          1 / 0
      except ZeroDivisionError as e:
          err = e
      print(sys.getsizeof(f), sys.getsizeof(C), sys.getsizeof(C().m), sys.getsizeof(C()))
      print(sys.getsizeof(iter([])), sys.getsizeof(iter(())), sys.getsizeof(range(3)), sys.getsizeof(iter(range(3))))
      print(sys.getsizeof(err), sys.getsizeof(err.__traceback__), sys.getsizeof(len))
    `,
      "152 1688 64 56\n48 48 48 48\n88 56 72\n",
    );
  });

  it("GC tracking as CPython: containers tracked, range objects and their iterators not", () => {
    expectLikeCPython(
      py`
      import gc
      def f(): pass
      print(gc.is_tracked(f), gc.is_tracked(iter([])), gc.is_tracked(range(3)), gc.is_tracked(iter(range(3))), gc.is_tracked(1))
    `,
      "True True False False False\n",
    );
  });

  it("a for loop over a list makes a list iterator; gc.get_count() is a heap tuple", () => {
    expectLikeCPython(
      py`
      import gc
      t = gc.get_count()
      print(type(t).__name__, len(t))
      for x in [1]:
          pass
      print(type(iter([])).__name__)
    `,
      "tuple 3\nlist_iterator\n",
    );
  });
});
