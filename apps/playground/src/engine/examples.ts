/**
 * The examples menu: Python programs from the design notes and about each part of the memory
 * manager. Plain data, shared by the page (the menu) and the worker.
 *
 * @module
 */

/** One program of the examples menu. */
export interface Example {
  /** Stable id (used in tests and the URL). */
  readonly id: string;
  /** Menu title. */
  readonly title: string;
  /** What to look at while stepping. */
  readonly hint: string;
  /** The Python source. */
  readonly source: string;
}

const lines = (...text: string[]): string => `${text.join("\n")}\n`;

/** Every example, in menu order. */
export const EXAMPLES: readonly Example[] = [
  {
    id: "refcount",
    title: "Reference counts: 2, 3, 4, 3, 2",
    hint: "Step and watch the refcount of a's list rise with each new name and fall with each del.",
    source: lines(
      "import sys",
      "",
      "a = [1, 2, 3]",
      "print(sys.getrefcount(a))  # 2",
      "",
      "b = a",
      "print(sys.getrefcount(a))  # 3",
      "",
      "c = a",
      "print(sys.getrefcount(a))  # 4",
      "",
      "del b",
      "print(sys.getrefcount(a))  # 3",
      "",
      "del c",
      "print(sys.getrefcount(a))  # 2",
      "",
      "del a",
    ),
  },
  {
    id: "cycle",
    title: "A reference cycle and the collector",
    hint: "After the two dels the lists are only reachable from each other; gc.collect() frees them — unless the composition has no collector.",
    source: lines(
      "import gc",
      "",
      "a = []",
      "b = [a]",
      "a.append(b)",
      "del a",
      "del b",
      'print("unreachable:", gc.collect())',
      'print("count:", gc.get_count())',
    ),
  },
  {
    id: "gc-tuning",
    title: "Tuning the collector (design notes)",
    hint: "10,000 ints in a list, dropped at once; then the thresholds and counts.",
    source: lines(
      "import gc",
      "",
      "# Disable automatic garbage collection",
      "gc.disable()",
      "",
      "# Perform operations that generate a lot of temporary objects",
      "temp_list = [i for i in range(10000)]",
      "temp_list = None  # Remove the reference to the list",
      "",
      "# Manually trigger garbage collection",
      "gc.collect()",
      "",
      "# Re-enable automatic garbage collection",
      "gc.enable()",
      "",
      "# Inspect the state of the garbage collector",
      'print("Garbage collection thresholds:", gc.get_threshold())',
      'print("Number of objects in each generation:", gc.get_count())',
    ),
  },
  {
    id: "resurrection",
    title: "__del__ and resurrection",
    hint: "__del__ stores self in a global: the object survives its refcount reaching zero, and its finalizer never runs again (PEP 442).",
    source: lines(
      "class Phoenix:",
      "    def __del__(self):",
      "        global saved",
      "        saved = self",
      '        print("__del__ ran: the object is saved again")',
      "",
      "p = Phoenix()",
      "del p",
      "print(saved)",
      "del saved",
      'print("gone for good: __del__ runs once")',
    ),
  },
  {
    id: "weakref",
    title: "Weak references and their callbacks",
    hint: "The weak reference does not count: del n frees the object and runs the callback.",
    source: lines(
      "import weakref",
      "",
      "class Node:",
      "    pass",
      "",
      "def gone(ref):",
      '    print("callback: the referent died")',
      "",
      "n = Node()",
      "r = weakref.ref(n, gone)",
      "print(r() is n)",
      "del n",
      "print(r())",
    ),
  },
  {
    id: "generations",
    title: "Generations and thresholds",
    hint: "With threshold 10 the youngest generation is collected every ten containers; survivors move to generation 1, then 2.",
    source: lines(
      "import gc",
      "",
      "gc.set_threshold(10, 2, 2)",
      "keep = []",
      "for i in range(40):",
      "    keep.append([i])",
      "    print(i, gc.get_count())",
    ),
  },
  {
    id: "pools",
    title: "pymalloc: arenas and pools filling",
    hint: "Floats, tuples and lists of many lengths fill pools of several size classes; del frees whole pools.",
    source: lines(
      "floats = [float(i) for i in range(1000)]",
      "pairs = [(i, i) for i in range(1000)]",
      "lists = [[i] * (i % 64) for i in range(600)]",
      "del pairs",
    ),
  },
  {
    id: "incremental",
    title: "Generational against incremental collection",
    hint: "Run it under two profiles side by side (Compare) and look at the timelines.",
    source: lines(
      "import gc",
      "",
      "for i in range(3000):",
      "    a = []",
      "    b = [a]",
      "    a.append(b)",
      'print("count:", gc.get_count())',
    ),
  },
  {
    id: "loop",
    title: "A loop that never ends (press Stop)",
    hint: "The program runs in a worker: the page stays responsive and Stop ends it at once.",
    source: lines("n = 0", "while True:", "    n = n + 1", "    x = [n]"),
  },
];

/** The example with this id. */
export function exampleById(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
