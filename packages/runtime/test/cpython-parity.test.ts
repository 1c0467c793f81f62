// The same programs in Python and through the runtime, with the answers CPython 3.11.7
// (64-bit Linux) gives: sys.getsizeof of builtin objects, gc.collect()'s count for object
// graphs dropped into garbage, gc.is_tracked. Each case carries its Python source; when a
// python3 of version 3.11 is on the PATH, the pinned answers are checked against it too.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  createRuntime,
  type PyClass,
  PyDict,
  PyInstance,
  PyList,
  type PyObject,
  PyTuple,
  type PyValue,
  presets,
  type Runtime,
} from "../src/index";

interface SizeCase {
  /** Python statements that bind `r` (with `x = 1000` defined). */
  readonly python: string;
  /** The same object through the runtime (an owned handle); `x` is a borrowed 1000. */
  readonly build: (rt: Runtime, x: PyObject) => PyObject;
  /** sys.getsizeof(r) on CPython 3.11.7. */
  readonly cpython: number;
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const repeated = (rt: Runtime, values: PyValue[], n: number): PyList => {
  using xs = rt.list(values);
  return xs.repeat(n);
};
const appended = (rt: Runtime, n: number): PyList => {
  const xs = rt.list();
  for (let i = 0; i < n; i++) xs.append(i);
  return xs;
};

const SIZES: readonly SizeCase[] = [
  { python: "r = []", build: (rt) => rt.list(), cpython: 56 },
  { python: "r = [1, 2, 3]", build: (rt) => rt.list([1, 2, 3]), cpython: 88 },
  { python: "r = [1]", build: (rt) => rt.list([1]), cpython: 64 },
  { python: "r = [x, x, x]", build: (rt, x) => rt.list([x, x, x]), cpython: 80 },
  { python: "r = [1, 2, 3, 4, 5]", build: (rt) => rt.list([1, 2, 3, 4, 5]), cpython: 104 },
  { python: "r = [1] * 10", build: (rt) => repeated(rt, [1], 10), cpython: 136 },
  {
    python: "r = [1] * 10; r.append(1)",
    build: (rt) => {
      const r = repeated(rt, [1], 10);
      r.append(1);
      return r;
    },
    cpython: 184,
  },
  { python: "r = [1, 2] * 5", build: (rt) => repeated(rt, [1, 2], 5), cpython: 136 },
  {
    python: `r = [${Array(31).fill("x").join(", ")}]`,
    build: (rt, x) => rt.list(Array(31).fill(x)),
    cpython: 312,
  },
  { python: "r = []\nfor i in range(5): r.append(i)", build: (rt) => appended(rt, 5), cpython: 120 },
  { python: "r = []\nfor i in range(9): r.append(i)", build: (rt) => appended(rt, 9), cpython: 184 },
  { python: "r = []\nfor i in range(70): r.append(i)", build: (rt) => appended(rt, 70), cpython: 664 },
  { python: "r = [i for i in range(10000)]", build: (rt) => appended(rt, 10000), cpython: 85176 },
  {
    python: "r = []\nfor i in range(10): r.append(i)\nwhile r: r.pop()",
    build: (rt) => {
      const r = appended(rt, 10);
      while (r.length > 0) r.pop().release();
      return r;
    },
    cpython: 56,
  },
  {
    python: "r = []; r.extend([1, 2, 3]); r.extend([4, 5, 6, 7, 8, 9, 10])",
    build: (rt) => {
      const r = rt.list();
      r.extend([1, 2, 3]);
      r.extend([4, 5, 6, 7, 8, 9, 10]);
      return r;
    },
    cpython: 152,
  },
  { python: "r = ()", build: (rt) => rt.tuple(), cpython: 40 },
  { python: "r = (1, 2, 3)", build: (rt) => rt.tuple([1, 2, 3]), cpython: 64 },
  { python: "r = (x,)", build: (rt, x) => rt.tuple([x]), cpython: 48 },
  { python: "r = tuple(range(10))", build: (rt) => rt.tuple(range(10)), cpython: 120 },
  { python: "r = {}", build: (rt) => rt.dict(), cpython: 64 },
  { python: "r = {'a': 1}", build: (rt) => rt.dict({ a: 1 }), cpython: 184 },
  {
    python: "r = {'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5}",
    build: (rt) => rt.dict({ a: 1, b: 2, c: 3, d: 4, e: 5 }),
    cpython: 184,
  },
  {
    python: "r = {'a': 1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6}",
    build: (rt) => rt.dict({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }),
    cpython: 272,
  },
  {
    python: "r = {}\nfor i in range(11): r['k%d' % i] = i",
    build: (rt) => {
      const r = rt.dict();
      for (let i = 0; i < 11; i++) r.set(rt.str(`k${i}`, false), i);
      return r;
    },
    cpython: 464,
  },
  {
    python: "r = {}\nfor i in range(6): r[i] = i",
    build: (rt) => {
      const r = rt.dict();
      for (let i = 0; i < 6; i++) r.set(i, i);
      return r;
    },
    cpython: 352,
  },
  { python: "r = set()", build: (rt) => rt.set(), cpython: 216 },
  { python: "r = {1, 2, 3}", build: (rt) => rt.set([1, 2, 3]), cpython: 216 },
  { python: "r = {1, 2, 3, 4, 5}", build: (rt) => rt.set([1, 2, 3, 4, 5]), cpython: 472 },
  { python: "r = {x, 2, 3, 4, 5}", build: (rt, x) => rt.set([x, 2, 3, 4, 5]), cpython: 728 },
  {
    python: "r = set()\nfor i in range(100): r.add(i)",
    build: (rt) => {
      const r = rt.set();
      for (let i = 0; i < 100; i++) r.add(i);
      return r;
    },
    cpython: 8408,
  },
  { python: "r = 1.0", build: (rt) => rt.float(1), cpython: 24 },
  { python: "r = 1", build: (rt) => rt.int(1), cpython: 28 },
  { python: "r = 0", build: (rt) => rt.int(0), cpython: 28 },
  { python: "r = True", build: (rt) => rt.bool(true), cpython: 28 },
  { python: "r = 2**30 - 1", build: (rt) => rt.int(2 ** 30 - 1), cpython: 28 },
  { python: "r = 2**30", build: (rt) => rt.int(2 ** 30), cpython: 32 },
  { python: "r = 2**60", build: (rt) => rt.int(2n ** 60n), cpython: 36 },
  { python: "r = 2**64", build: (rt) => rt.int(2n ** 64n), cpython: 36 },
  { python: "r = -2**100", build: (rt) => rt.int(-(2n ** 100n)), cpython: 40 },
  { python: "r = 10**100", build: (rt) => rt.int(10n ** 100n), cpython: 72 },
  { python: "r = ''", build: (rt) => rt.str(""), cpython: 49 },
  { python: "r = 'a'", build: (rt) => rt.str("a"), cpython: 50 },
  { python: "r = 'hello world'", build: (rt) => rt.str("hello world"), cpython: 60 },
  { python: "r = 'abc' * 100", build: (rt) => rt.str("abc".repeat(100), false), cpython: 349 },
  { python: "r = '\\u00e9'", build: (rt) => rt.str("é"), cpython: 74 },
  { python: "r = '\\u20ac'", build: (rt) => rt.str("€"), cpython: 76 },
  { python: "r = '\\U0001f600'", build: (rt) => rt.str("😀"), cpython: 80 },
  { python: "r = b''", build: (rt) => rt.bytes([]), cpython: 33 },
  { python: "r = b'abc'", build: (rt) => rt.bytes([97, 98, 99]), cpython: 36 },
  { python: "r = bytes(100)", build: (rt) => rt.bytes(new Uint8Array(100)), cpython: 133 },
  { python: "r = None", build: (rt) => rt.None, cpython: 16 },
  {
    python: "class C: pass\nr = C(); r.x = 1",
    build: (rt) => rt.defineClass("C").create({ x: 1 }),
    cpython: 56,
  },
  {
    python: "import weakref\nclass C: pass\nc = C()\nr = weakref.ref(c)",
    build: (rt) => {
      rt.globals.set("c", rt.defineClass("C").create());
      return rt.weakref(rt.globals.get("c"));
    },
    cpython: 80,
  },
];

interface GcCase {
  readonly name: string;
  /** Python statements that leave garbage behind (`Node` and `D` are fresh classes, `D` with `__del__`). */
  readonly python: string;
  /** The same program through the runtime, in a frame it releases. */
  readonly build: (rt: Runtime, f: ReturnType<Runtime["frame"]>, Node: PyClass, D: PyClass) => void;
  /** gc.collect() afterwards on CPython 3.11.7. */
  readonly cpython: number;
}

const inst = (f: ReturnType<Runtime["frame"]>, name: string) => f.get(name, PyInstance);

const GRAPHS: readonly GcCase[] = [
  {
    name: "a self-referencing list",
    python: "l = []; l.append(l)",
    build: (_rt, f) => {
      f.set("l", _rt.list());
      f.get("l", PyList).append(f.get("l"));
    },
    cpython: 1,
  },
  {
    name: "a 2-list cycle holding one instance",
    python: "a = []; b = [a]; a.append(b); a.append(Node())",
    build: (rt, f, Node) => {
      f.set("a", rt.list());
      f.set("b", rt.list([f.get("a")]));
      f.get("a", PyList).append(f.get("b"));
      f.get("a", PyList).append(Node.create());
    },
    cpython: 3,
  },
  {
    name: "a ring of 10 instances",
    python: "ns = [Node() for _ in range(10)]\nfor i in range(10): ns[i].next = ns[(i + 1) % 10]\ndel ns",
    build: (_rt, f, Node) => {
      for (let i = 0; i < 10; i++) f.set(`n${i}`, Node.create());
      for (let i = 0; i < 10; i++) inst(f, `n${i}`).setattr("next", f.get(`n${(i + 1) % 10}`));
    },
    cpython: 10,
  },
  {
    name: "a ring of 29 instances made before their two attributes (the shared keys run out)",
    python:
      "ns = [Node() for _ in range(29)]\nfor i in range(29): ns[i].next = ns[(i + 1) % 29]; ns[i].index = i\ndel ns",
    build: (_rt, f, Node) => {
      for (let i = 0; i < 29; i++) f.set(`n${i}`, Node.create());
      for (let i = 0; i < 29; i++) {
        inst(f, `n${i}`).setattr("next", f.get(`n${(i + 1) % 29}`));
        inst(f, `n${i}`).setattr("index", i);
      }
    },
    cpython: 58,
  },
  {
    name: "an instance whose __dict__ was asked for",
    python: "n = Node(); n.me = n; n.__dict__",
    build: (_rt, f, Node) => {
      f.set("n", Node.create());
      inst(f, "n").setattr("me", f.get("n"));
      void inst(f, "n").__dict__;
    },
    cpython: 2,
  },
  {
    name: "a __dict__ made untracked (atomic values), tracked by a later store",
    python: "n = Node(); n.x = 1; n.__dict__; n.me = n",
    build: (_rt, f, Node) => {
      f.set("n", Node.create({ x: 1 }));
      void inst(f, "n").__dict__;
      inst(f, "n").setattr("me", f.get("n"));
    },
    cpython: 2,
  },
  {
    name: "a pair of instances, one with its __dict__",
    python: "a = Node(); b = Node(); a.p = b; b.p = a; a.__dict__",
    build: (_rt, f, Node) => {
      f.set("a", Node.create());
      f.set("b", Node.create({ p: f.get("a") }));
      inst(f, "a").setattr("p", f.get("b"));
      void inst(f, "a").__dict__;
    },
    cpython: 3,
  },
  {
    name: "a dict that contains itself",
    python: "d = {}; d['self'] = d",
    build: (rt, f) => {
      f.set("d", rt.dict());
      f.get("d", PyDict).set("self", f.get("d"));
    },
    cpython: 1,
  },
  {
    name: "two dicts in a cycle",
    python: "a = {}; b = {'a': a}; a['b'] = b",
    build: (rt, f) => {
      f.set("a", rt.dict());
      f.set("b", rt.dict({ a: f.get("a") }));
      f.get("a", PyDict).set("b", f.get("b"));
    },
    cpython: 2,
  },
  {
    name: "a list and a dict in a cycle",
    python: "l = []; d = {'l': l}; l.append(d)",
    build: (rt, f) => {
      f.set("l", rt.list());
      f.set("d", rt.dict({ l: f.get("l") }));
      f.get("l", PyList).append(f.get("d"));
    },
    cpython: 2,
  },
  {
    name: "an instance cycle holding a dict of atomic values (untracked)",
    python: "a = Node(); a.d = {'k': 1, 'f': 1.5, 's': 'x'}; a.me = a",
    build: (rt, f, Node) => {
      f.set("a", Node.create({ d: rt.dict({ k: 1, f: 1.5, s: "x" }) }));
      inst(f, "a").setattr("me", f.get("a"));
    },
    cpython: 1,
  },
  {
    name: "an instance cycle holding a dict with a list",
    python: "a = Node(); a.d = {'k': []}; a.me = a",
    build: (rt, f, Node) => {
      f.set("a", Node.create({ d: rt.dict({ k: rt.list() }) }));
      inst(f, "a").setattr("me", f.get("a"));
    },
    cpython: 3,
  },
  {
    name: "an instance and a 1-tuple holding it",
    python: "a = Node(); a.t = (a,)",
    build: (rt, f, Node) => {
      f.set("a", Node.create());
      inst(f, "a").setattr("t", rt.tuple([f.get("a")]));
    },
    cpython: 2,
  },
  {
    name: "a tuple and a list in a cycle",
    python: "t = ([],); t[0].append(t)",
    build: (rt, f) => {
      f.set("t", rt.tuple([rt.list()]));
      (f.get("t", PyTuple).get(0) as PyList).append(f.get("t"));
    },
    cpython: 2,
  },
  {
    name: "a self-referencing list of tuples of ints (still tracked until examined)",
    python: "l = [(i, i + 1) for i in range(3)]; l.append(l)",
    build: (rt, f) => {
      f.set("l", rt.list(range(3).map((i) => rt.tuple([i, i + 1]))));
      f.get("l", PyList).append(f.get("l"));
    },
    cpython: 4,
  },
  {
    name: "a self-referencing list of atomic values",
    python: "l = [1.5, 2.5, 'abc', 10**30, None]; l.append(l)",
    build: (rt, f) => {
      f.set("l", rt.list([1.5, 2.5, "abc", 10n ** 30n, null]));
      f.get("l", PyList).append(f.get("l"));
    },
    cpython: 1,
  },
  {
    name: "a self-referencing list of empty containers",
    python: "l = [[], [], {}, set(), ()]; l.append(l)",
    build: (rt, f) => {
      f.set("l", rt.list([rt.list(), rt.list(), rt.dict(), rt.set(), rt.tuple()]));
      f.get("l", PyList).append(f.get("l"));
    },
    cpython: 4,
  },
  {
    name: "an instance in a set it holds",
    python: "a = Node(); a.s = {a}",
    build: (rt, f, Node) => {
      f.set("a", Node.create());
      inst(f, "a").setattr("s", rt.set([f.get("a")]));
    },
    cpython: 2,
  },
  {
    name: "two instances with __del__ in a cycle",
    python: "a = D(); b = D(); a.p = b; b.p = a",
    build: (_rt, f, _Node, D) => {
      f.set("a", D.create());
      f.set("b", D.create({ p: f.get("a") }));
      inst(f, "a").setattr("p", f.get("b"));
    },
    cpython: 2,
  },
  {
    name: "a cycle under a live weak reference with a callback",
    python: "a = Node(); a.me = a; keep.append(weakref.ref(a, lambda r: None))",
    build: (rt, f, Node) => {
      f.set("a", Node.create());
      inst(f, "a").setattr("me", f.get("a"));
      rt.globals.get("keep", PyList).append(rt.weakref(inst(f, "a"), () => {}));
    },
    cpython: 1,
  },
  {
    name: "an instance holding a weak reference to itself",
    python: "a = Node(); a.w = weakref.ref(a); a.me = a",
    build: (rt, f, Node) => {
      f.set("a", Node.create());
      inst(f, "a").setattr("w", rt.weakref(inst(f, "a")));
      inst(f, "a").setattr("me", f.get("a"));
    },
    cpython: 2,
  },
];

interface TrackedCase {
  readonly python: string;
  readonly build: (rt: Runtime, x: PyObject) => PyValue;
  readonly cpython: boolean;
}

const TRACKED: readonly TrackedCase[] = [
  { python: "{}", build: (rt) => rt.dict(), cpython: false },
  { python: "{'a': 1}", build: (rt) => rt.dict({ a: 1 }), cpython: false },
  { python: "{'a': []}", build: (rt) => rt.dict({ a: rt.list() }), cpython: true },
  { python: "tuple([1, 2])", build: (rt) => rt.tuple([1, 2]), cpython: true },
  { python: "(x, x)", build: (rt, x) => rt.tuple([x, x]), cpython: true },
  { python: "[]", build: (rt) => rt.list(), cpython: true },
  { python: "set()", build: (rt) => rt.set(), cpython: true },
  { python: "1", build: (rt) => rt.int(1), cpython: false },
  { python: "'a'", build: (rt) => rt.str("a"), cpython: false },
  { python: "1.5", build: (rt) => rt.float(1.5), cpython: false },
];

interface RefcountCase {
  /** Python statements run with a fresh class `Node` (globals are the frame's variables). */
  readonly python: string;
  /** The same program through the runtime, with its variables in `f`. */
  readonly build: (rt: Runtime, f: ReturnType<Runtime["frame"]>, Node: PyClass) => void;
  /** sys.getrefcount(a) afterwards on CPython 3.11.7. */
  readonly cpython: number;
}

const REFCOUNTS: readonly RefcountCase[] = [
  {
    python: "a = []",
    build: (rt, f) => f.set("a", rt.list()),
    cpython: 2,
  },
  {
    python: "a = []; l = [a, a]",
    build: (rt, f) => {
      f.set("a", rt.list());
      f.set("l", rt.list([f.get("a"), f.get("a")]));
    },
    cpython: 4,
  },
  {
    python: "a = []; d = {'k': a, 'j': a}; del d['j']",
    build: (rt, f) => {
      f.set("a", rt.list());
      f.set("d", rt.dict({ k: f.get("a"), j: f.get("a") }));
      f.get("d", PyDict).del("j");
    },
    cpython: 3,
  },
  {
    python: "a = []; t = (a,); s = t",
    build: (rt, f) => {
      f.set("a", rt.list());
      f.set("t", rt.tuple([f.get("a")]));
      f.set("s", f.get("t"));
    },
    cpython: 3,
  },
  {
    python: "a = []; n = Node(); n.x = a; n.y = a; n.__dict__; del n.y",
    build: (rt, f, Node) => {
      f.set("a", rt.list());
      f.set("n", Node.create({ x: f.get("a"), y: f.get("a") }));
      void inst(f, "n").__dict__;
      inst(f, "n").delattr("y");
    },
    cpython: 3,
  },
  {
    python: "a = Node(); w = weakref.ref(a); s = {a}",
    build: (rt, f, Node) => {
      f.set("a", Node.create());
      f.set("w", rt.weakref(inst(f, "a")));
      f.set("s", rt.set([f.get("a")]));
    },
    cpython: 3,
  },
  {
    python: "a = []; l = [a] * 5; l2 = l * 2; del l",
    build: (rt, f) => {
      f.set("a", rt.list());
      f.set("l", rt.list([f.get("a")]));
      f.set("l", f.get("l", PyList).repeat(5));
      f.set("l2", f.get("l", PyList).repeat(2));
      f.del("l");
    },
    cpython: 12,
  },
];

interface CountCase {
  /** Python statements, run right after a full collection (which empties the free lists). */
  readonly python: string;
  /** The same program through the runtime, with its variables in `f`. */
  readonly build: (rt: Runtime, f: ReturnType<Runtime["frame"]>, Node: PyClass) => void;
  /** How much gc.get_count()[0] grows on CPython 3.11.7 (beyond what `pass` costs). */
  readonly cpython: number;
}

const lists = (rt: Runtime, n: number) => range(n).map(() => rt.list());

const COUNTS: readonly CountCase[] = [
  { python: "a = []", build: (rt, f) => f.set("a", rt.list()), cpython: 1 },
  // A dead list waits in the free list: it still counts, and the next list reuses it.
  {
    python: "a = []; del a",
    build: (rt, f) => {
      f.set("a", rt.list());
      f.del("a");
    },
    cpython: 1,
  },
  {
    python: "a = []; del a; b = []",
    build: (rt, f) => {
      f.set("a", rt.list());
      f.del("a");
      f.set("b", rt.list());
    },
    cpython: 1,
  },
  {
    python: "a = {}; del a; b = {}; c = {}",
    build: (rt, f) => {
      f.set("a", rt.dict());
      f.del("a");
      f.set("b", rt.dict());
      f.set("c", rt.dict());
    },
    cpython: 2,
  },
  {
    python: "a = [x, x]; b = (x, x); del a, b; c = (x, x)",
    build: (rt, f) => {
      rt.globals.set("x", 1000);
      const x = rt.globals.get("x");
      f.set("a", rt.list([x, x]));
      f.set("b", rt.tuple([x, x]));
      f.del("a");
      f.del("b");
      f.set("c", rt.tuple([x, x]));
    },
    cpython: 2,
  },
  // 101 lists die; 80 fill the list free list, 21 go back to the domain and count off.
  {
    python: "a = [[] for _ in range(100)]; del a; b = [[] for _ in range(100)]",
    build: (rt, f) => {
      f.set("a", rt.list(lists(rt, 100)));
      f.del("a");
      f.set("b", rt.list(lists(rt, 100)));
    },
    cpython: 101,
  },
  {
    python: "a = Node(); del a",
    build: (_rt, f, Node) => {
      f.set("a", Node.create());
      f.del("a");
    },
    cpython: 0,
  },
  {
    python: "a = set(); del a; b = set()",
    build: (rt, f) => {
      f.set("a", rt.set());
      f.del("a");
      f.set("b", rt.set());
    },
    cpython: 1,
  },
];

/** The Python side: runs every case in one interpreter and prints the answers as JSON. */
function pythonScript(): string {
  const graphs = GRAPHS.map((g) => g.python);
  return `
import gc, json, sys, weakref
sizes = []
for src in json.loads(${JSON.stringify(JSON.stringify(SIZES.map((s) => s.python)))}):
    env = {"x": 1000}
    exec(src, env)
    sizes.append(sys.getsizeof(env["r"]))
tracked = [gc.is_tracked(eval(src, {"x": 1000})) for src in json.loads(${JSON.stringify(JSON.stringify(TRACKED.map((t) => t.python)))})]
gc.disable()
keep = []
counts = []
for i, src in enumerate(json.loads(${JSON.stringify(JSON.stringify(graphs))})):
    env = {"Node": type("Node%d" % i, (), {}), "D": type("D%d" % i, (), {"__del__": lambda self: None}),
           "weakref": weakref, "keep": keep}
    keep.append(env["Node"]); keep.append(env["D"])
    gc.collect()
    exec(src, env)
    for name in [k for k in env if k not in ("Node", "D", "weakref", "keep", "__builtins__")]:
        del env[name]
    counts.append(gc.collect())
refcounts = []
for i, src in enumerate(json.loads(${JSON.stringify(JSON.stringify(REFCOUNTS.map((r) => r.python)))})):
    env = {"Node": type("R%d" % i, (), {}), "weakref": weakref}
    exec(src, env)
    refcounts.append(sys.getrefcount(env["a"]))
def count_growth(src, i):
    env = {"x": 1000, "Node": type("C%d" % i, (), {})}
    keep.append(env["Node"])
    code = compile(src, "case", "exec")
    gc.collect()
    before = gc.get_count()[0]
    exec(code, env)
    return gc.get_count()[0] - before
baseline = count_growth("pass", -1)
growth = [count_growth(src, i) - baseline
          for i, src in enumerate(json.loads(${JSON.stringify(JSON.stringify(COUNTS.map((c) => c.python)))}))]
print(json.dumps({"version": list(sys.version_info[:2]), "sizes": sizes, "tracked": tracked, "counts": counts,
                  "refcounts": refcounts, "growth": growth}))
`;
}

interface LiveAnswers {
  version: number[];
  sizes: number[];
  tracked: boolean[];
  counts: number[];
  refcounts: number[];
  growth: number[];
}

function livePython(): LiveAnswers | null {
  try {
    const out = execFileSync("python3", ["-c", pythonScript()], { encoding: "utf8", timeout: 60_000 });
    const result = JSON.parse(out) as LiveAnswers;
    return result.version[0] === 3 && result.version[1] === 11 ? result : null;
  } catch {
    return null;
  }
}

describe("parity with CPython 3.11", () => {
  it.each(SIZES)("sys.getsizeof after `$python` is $cpython", ({ build, cpython }) => {
    const rt = createRuntime();
    rt.globals.set("x", 1000);
    using r = build(rt, rt.globals.get("x"));
    expect(rt.sys.getsizeof(r)).toBe(cpython);
  });

  it.each(TRACKED)("gc.is_tracked($python) is $cpython", ({ build, cpython }) => {
    const rt = createRuntime();
    rt.globals.set("x", 1000);
    const value = build(rt, rt.globals.get("x"));
    expect(rt.gc.is_tracked(value as PyObject)).toBe(cpython);
    (value as PyObject).release();
  });

  it.each(REFCOUNTS)("sys.getrefcount(a) after `$python` is $cpython", ({ build, cpython }) => {
    const rt = createRuntime();
    const Node = rt.defineClass("Node");
    using f = rt.frame();
    build(rt, f, Node);
    expect(rt.sys.getrefcount(f.get("a"))).toBe(cpython);
    expect(rt.stats().handles).toBe(0);
  });

  it.each(COUNTS)("gc.get_count()[0] grows by $cpython for `$python`", ({ build, cpython }) => {
    const rt = createRuntime();
    rt.gc.disable();
    const Node = rt.defineClass("Node");
    using f = rt.frame();
    rt.gc.collect();
    const before = rt.gc.get_count()[0]!;
    build(rt, f, Node);
    expect(rt.gc.get_count()[0]! - before).toBe(cpython);
  });

  describe.each([
    { name: "generational", options: presets.cpython311 },
    { name: "mark-sweep", options: { ...presets.cpython311, gc: "mark-sweep" } as const },
    { name: "deferred refcount", options: { ...presets.cpython311, refcount: "deferred" } as const },
  ])("gc.collect() with $name", ({ options }) => {
    it.each(GRAPHS)("counts $cpython for $name", ({ build, cpython }) => {
      const rt = createRuntime(options);
      rt.gc.disable();
      rt.globals.set("keep", rt.list());
      const Node = rt.defineClass("Node");
      const D = rt.defineClass("D", { __del__: () => {} });
      rt.gc.collect();
      const f = rt.frame();
      build(rt, f, Node, D);
      f.release();
      expect(rt.gc.collect()).toBe(cpython);
      expect(rt.gc.collect()).toBe(0);
      expect(rt.stats().handles).toBe(0);
      rt.globals.get("keep", PyList).clear();
      rt.flush();
      rt.clearFreeLists();
      expect(rt.accounting().unaccountedBytes).toBe(0);
    });
  });

  const live = livePython();
  it.runIf(live !== null)("the pinned answers are those of the python3 3.11 on this machine", () => {
    expect(live?.sizes).toEqual(SIZES.map((s) => s.cpython));
    expect(live?.tracked).toEqual(TRACKED.map((t) => t.cpython));
    expect(live?.counts).toEqual(GRAPHS.map((g) => g.cpython));
    expect(live?.refcounts).toEqual(REFCOUNTS.map((r) => r.cpython));
    expect(live?.growth).toEqual(COUNTS.map((c) => c.cpython));
  });
});
