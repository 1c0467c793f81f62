// Each CPython version profile against the facts measured with that version's interpreter
// (test/fixtures/cpython-versions/*.json; cpython-versions.test.ts re-measures them when the
// interpreter is installed): sys.getrefcount of the singletons, sys.getsizeof of objects
// the runtime builds, gc.get_threshold, gc.get_count and gc.collect() counts of graphs.
// 3.14 has no measured sizes or graph counts (no interpreter): its profile is pinned to the
// figures its facts file states and, for sizes and graphs, to 3.13's.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  createRuntime,
  type PresetName,
  type PyClass,
  PyDict,
  PyInstance,
  PyList,
  type PyObject,
  presets,
  type Runtime,
  type RuntimeOptions,
} from "../src/index";

const here = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "cpython-versions");
interface Facts {
  "gc.get_threshold()": { value: number[] };
  "gc.get_count() growth"?: Record<string, { value: number[] }>;
  "sys.getrefcount": Record<string, { value: number; moves?: number }>;
  "sys.getsizeof": Record<string, { value: number | number[] }>;
  "gc.collect() after dropping each graph": Record<string, { value: number }>;
}
const facts = (file: string): Facts => JSON.parse(readFileSync(join(here, file), "utf8")) as Facts;

interface Profile {
  readonly name: PresetName;
  /** Facts of this version (3.14.5's collector and thresholds are 3.13's). */
  readonly own: Facts;
  /** Facts giving sizes, counts and graphs (3.13's for 3.14, which has none measured). */
  readonly measured: Facts;
}
const f311 = facts("cpython311.json");
const f312 = facts("cpython312.json");
const f313 = facts("cpython313.json");
const f314 = facts("cpython314.json");
const PROFILES: readonly Profile[] = [
  { name: "cpython311", own: f311, measured: f311 },
  { name: "cpython312", own: f312, measured: f312 },
  { name: "cpython313", own: f313, measured: f313 },
  { name: "cpython314", own: f314, measured: f313 },
  { name: "cpython314_5", own: f313, measured: f313 },
];

/** Objects of the facts' sizes that the runtime builds, by the facts' names. */
const SIZED: Record<string, (rt: Runtime, Node: PyClass) => PyObject> = {
  None: (rt) => rt.value(null),
  True: (rt) => rt.value(true),
  "0": (rt) => rt.int(0),
  "1": (rt) => rt.int(1),
  "-1": (rt) => rt.int(-1),
  "2**30 (2 digits)": (rt) => rt.int(2 ** 30),
  "2**60 (3 digits)": (rt) => rt.int(2n ** 60n),
  "1.5": (rt) => rt.float(1.5),
  '""': (rt) => rt.str(""),
  '"a"': (rt) => rt.str("a"),
  '"abc"': (rt) => rt.str("abc"),
  '"\\u00e9" (latin-1)': (rt) => rt.str("\u00e9"),
  '"\\u20ac" (2-byte kind)': (rt) => rt.str("\u20ac"),
  '"\\U0001f600" (4-byte kind)': (rt) => rt.str("\u{1f600}"),
  'b""': (rt) => rt.bytes([]),
  'b"abc"': (rt) => rt.bytes([97, 98, 99]),
  "()": (rt) => rt.tuple(),
  "(1,)": (rt) => rt.tuple([1]),
  "(1, 2)": (rt) => rt.tuple([1, 2]),
  "(1, 2, 3)": (rt) => rt.tuple([1, 2, 3]),
  "[]": (rt) => rt.list(),
  "[1, 2, 3]": (rt) => rt.list([1, 2, 3]),
  "{}": (rt) => rt.dict(),
  '{"a": 1}': (rt) => rt.dict({ a: 1 }),
  "set()": (rt) => rt.set(),
  "instance with __dict__ (class WithDict: pass)": (_rt, Node) => Node.create(),
};

/** sys.getsizeof after each of 20 appends / stores / adds, as the facts' "as it grows". */
function growing(rt: Runtime, kind: "list" | "dict" | "set"): number[] {
  const sizes: number[] = [];
  if (kind === "list") {
    using l = rt.list();
    sizes.push(rt.sys.getsizeof(l));
    for (let i = 0; i < 20; i++) {
      l.append(i);
      sizes.push(rt.sys.getsizeof(l));
    }
  } else if (kind === "dict") {
    using d = rt.dict();
    sizes.push(rt.sys.getsizeof(d));
    for (let i = 0; i < 20; i++) {
      d.set(i, i);
      sizes.push(rt.sys.getsizeof(d));
    }
  } else {
    using s = rt.set();
    sizes.push(rt.sys.getsizeof(s));
    for (let i = 0; i < 20; i++) {
      s.add(i);
      sizes.push(rt.sys.getsizeof(s));
    }
  }
  return sizes.slice(0, 21);
}

type Frame = ReturnType<Runtime["frame"]>;
/** Graphs of the facts' names that the runtime builds, in a frame released before collecting. */
const GRAPHS: Record<string, (rt: Runtime, f: Frame, Node: PyClass, WithDel: PyClass) => void> = {
  "self-referencing list": (rt, f) => {
    f.set("l", rt.list());
    f.get("l", PyList).append(f.get("l"));
  },
  "two lists referencing each other": (rt, f) => {
    f.set("a", rt.list());
    f.set("b", rt.list([f.get("a")]));
    f.get("a", PyList).append(f.get("b"));
  },
  "dict referencing itself": (rt, f) => {
    f.set("d", rt.dict());
    f.get("d", PyDict).set("me", f.get("d"));
  },
  "tuple and list cycle": (rt, f) => {
    f.set("l", rt.list());
    f.set("t", rt.tuple([f.get("l")]));
    f.get("l", PyList).append(f.get("t"));
  },
  "instance with __dict__ referencing itself": (_rt, f, Node) => {
    f.set("a", Node.create());
    f.get("a", PyInstance).setattr("me", f.get("a"));
  },
  "two instances with __dict__ referencing each other": (_rt, f, Node) => {
    f.set("a", Node.create());
    f.set("b", Node.create());
    f.get("a", PyInstance).setattr("other", f.get("b"));
    f.get("b", PyInstance).setattr("other", f.get("a"));
  },
  "instance with __del__ in a cycle": (_rt, f, _Node, WithDel) => {
    f.set("w", WithDel.create());
    f.get("w", PyInstance).setattr("me", f.get("w"));
  },
  "100 self-referencing lists": (rt, f) => {
    for (let i = 0; i < 100; i++) {
      f.set("l", rt.list());
      f.get("l", PyList).append(f.get("l"));
    }
  },
  "list of 100 ints, no cycle": (rt, f) => {
    f.set("l", rt.list(Array.from({ length: 100 }, (_, i) => i)));
  },
};
/** More graphs, with the count CPython 3.11.7, 3.12.1 and 3.13.0 each give (measured with all three). */
const MORE_GRAPHS: readonly {
  name: string;
  count: number;
  /** The same graph in Python (a function body; `Node` is a plain class). */
  python: string;
  build: (rt: Runtime, f: Frame, Node: PyClass) => void;
}[] = [
  {
    name: "a 2-list cycle holding one instance",
    count: 3,
    python: "a = []; b = [a]; a.append(b); a.append(Node())",
    build: (rt, f, Node) => {
      f.set("a", rt.list());
      f.set("b", rt.list([f.get("a")]));
      f.get("a", PyList).append(f.get("b"));
      f.get("a", PyList).append(Node.create());
    },
  },
  {
    name: "a list in a dict in a list that the first list holds",
    count: 3,
    python: "l = []; d = {'k': l}; o = [d]; l.append(o)",
    build: (rt, f) => {
      f.set("l", rt.list());
      f.set("d", rt.dict({ k: f.get("l") }));
      f.set("o", rt.list([f.get("d")]));
      f.get("l", PyList).append(f.get("o"));
    },
  },
  {
    name: "a ring of 10 instances",
    count: 10,
    python:
      "first = prev = Node()\n    for _ in range(9):\n        n = Node(); n.next = prev; prev = n\n    first.next = prev",
    build: (_rt, f, Node) => {
      f.set("first", Node.create());
      f.set("prev", f.get("first"));
      for (let i = 0; i < 9; i++) {
        f.set("n", Node.create({ next: f.get("prev") }));
        f.set("prev", f.get("n"));
      }
      f.get("first", PyInstance).setattr("next", f.get("prev"));
    },
  },
  {
    name: "a dict and a list referencing each other",
    count: 2,
    python: "d = {}; l = [d]; d['l'] = l",
    build: (rt, f) => {
      f.set("d", rt.dict());
      f.set("l", rt.list([f.get("d")]));
      f.get("d", PyDict).set("l", f.get("l"));
    },
  },
  {
    name: "a list cycle holding a set of ints and a float",
    count: 3,
    python: "l = [{1, 2, 3}, 1.5]; l.append(l); m = [l]; l.append(m)",
    build: (rt, f) => {
      f.set("l", rt.list([rt.set([1, 2, 3]), 1.5]));
      f.get("l", PyList).append(f.get("l"));
      f.set("m", rt.list([f.get("l")]));
      f.get("l", PyList).append(f.get("m"));
    },
  },
  {
    name: "an acyclic tree of lists",
    count: 0,
    python: "t = [[[]], []]",
    build: (rt, f) => {
      f.set("t", rt.list([rt.list([rt.list()]), rt.list()]));
    },
  },
];

const opts = (p: Profile): RuntimeOptions => presets[p.name];

/** gc.collect() after each of MORE_GRAPHS with the interpreter `PYENV_VERSION=pyenv`, or null. */
function liveGraphCounts(pyenv: string, version: string): number[] | null {
  const script = [
    "import gc, json, sys",
    "gc.disable()",
    "class Node: pass",
    ...MORE_GRAPHS.map((g, i) => `def g${i}():\n    ${g.python}`),
    "out = []",
    `for g in [${MORE_GRAPHS.map((_, i) => `g${i}`).join(", ")}]:`,
    "    gc.collect(); g(); out.append(gc.collect())",
    "print(json.dumps({'version': sys.version.split()[0], 'counts': out}))",
  ].join("\n");
  try {
    const out = execFileSync("python3", ["-I", "-c", script], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, PYENV_VERSION: pyenv },
      stdio: ["ignore", "pipe", "ignore"],
    });
    const r = JSON.parse(out) as { version: string; counts: number[] };
    return r.version.startsWith(`${version}.`) ? r.counts : null;
  } catch {
    return null;
  }
}

describe("the graphs' pinned counts, with the interpreters installed here", () => {
  for (const [pyenv, version] of [
    ["3.11.7", "3.11"],
    ["3.12.1", "3.12"],
    ["3.13.0", "3.13"],
  ] as const) {
    const live = liveGraphCounts(pyenv, version);
    it.runIf(live !== null)(`python ${version} gives the pinned counts`, () => {
      expect(live).toEqual(MORE_GRAPHS.map((g) => g.count));
    });
  }
});

describe.each(PROFILES)("profile $name", (p) => {
  it("sys.getrefcount of None, True and the small ints", () => {
    const rt = createRuntime(opts(p));
    using f = rt.frame();
    for (const [name, value] of [
      ["None", null],
      ["True", true],
      ["0", 0],
      ["1", 1],
      ["256", 256],
    ] as const) {
      const before = rt.sys.getrefcount(value);
      f.set("a", rt.list(Array(10).fill(value)));
      const after = rt.sys.getrefcount(value);
      f.del("a");
      if (p.name === "cpython311") {
        // Counted, not immortal: each new reference is one more (3.11 moves by 10 too).
        expect(after - before).toBe(p.own["sys.getrefcount"][name]!.moves);
      } else {
        // 3.14's immortals (3.14.5 keeps 3.14.0's object model) report 3 << 30.
        const own = p.name.startsWith("cpython314") ? f314 : p.own;
        const fact = own["sys.getrefcount"][name] ?? own["sys.getrefcount"].None!;
        expect([before, after]).toEqual([fact.value, fact.value]);
      }
    }
    if (p.name === "cpython311") {
      // The documented starting counts (python3.11.7 -I -c; the small ints' 999999999 + 1).
      const fresh = createRuntime(opts(p));
      expect([null, true, false, 0].map((v) => fresh.sys.getrefcount(v))).toEqual([
        5475, 408, 387, 1_000_000_000,
      ]);
    }
  });

  it("sys.getsizeof of at least 40 objects, as the version's interpreter reports", () => {
    const rt = createRuntime(opts(p));
    const Node = rt.defineClass("WithDict");
    const sizes = p.measured["sys.getsizeof"];
    let checked = 0;
    for (const [name, build] of Object.entries(SIZED)) {
      using obj = build(rt, Node);
      expect([name, rt.sys.getsizeof(obj)]).toEqual([name, sizes[name]!.value]);
      checked++;
    }
    for (const kind of ["list", "dict", "set"] as const) {
      const want = sizes[`${kind} as it grows`]!.value as number[];
      expect(growing(rt, kind)).toEqual(want);
      checked += want.length;
    }
    expect(checked).toBeGreaterThanOrEqual(40);
  });

  it("gc.get_threshold()", () => {
    expect(createRuntime(opts(p)).gc.get_threshold()).toEqual(p.own["gc.get_threshold()"].value);
  });

  it("gc.get_count() grows by one per container and gc.collect(0) moves the young ones", () => {
    const rt = createRuntime(opts(p));
    rt.gc.disable();
    rt.gc.collect();
    const growth = p.measured["gc.get_count() growth"]!;
    expect(rt.gc.get_count()).toEqual(growth["after gc.collect()"]!.value);
    using f = rt.frame();
    f.set("keep", rt.list(Array.from({ length: 100 }, () => rt.list())));
    // CPython's figure also counts the comprehension's function object (one more container).
    expect(rt.gc.get_count()[0]! + 1).toBe(
      growth["after 100 new lists (plus the list holding them)"]!.value[0],
    );
    f.del("keep");
    rt.gc.collect(0);
    const after0 = rt.gc.get_count();
    if (p.name === "cpython314") {
      // (young, visited space, pending space): collect(0) counts one on the visited space.
      expect(after0).toEqual([0, 1, 0]);
    } else {
      expect(after0).toEqual(growth["after gc.collect(0)"]!.value);
    }
  });

  const graphFacts = p.measured["gc.collect() after dropping each graph"];
  const cases = [
    ...Object.entries(GRAPHS).map(([name, build]) => ({ name, count: graphFacts[name]!.value, build })),
    ...MORE_GRAPHS,
  ];
  it(`gc.collect() counts of ${cases.length} graphs`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    for (const { name, count, build } of cases) {
      const rt = createRuntime(opts(p));
      rt.gc.disable();
      const Node = rt.defineClass("Node");
      const WithDel = rt.defineClass("WithDel", { __del__: () => {} });
      rt.gc.collect();
      const f = rt.frame();
      build(rt, f, Node, WithDel);
      f.release();
      expect([name, rt.gc.collect()]).toEqual([name, count]);
      expect([name, rt.gc.collect()]).toEqual([name, 0]);
    }
  });
});
