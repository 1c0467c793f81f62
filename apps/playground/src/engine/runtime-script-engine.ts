/**
 * The examples driven through @pymem/runtime's TypeScript API, line for line: the engine the
 * page uses while no Python interpreter with a trace hook is available. Each script does to a
 * real runtime what its Python lines do — the same objects, in the same heap, through the
 * same allocators and collector — and yields the line number before each line, as a
 * `sys.settrace` line event would fire. Every number printed is read from the runtime.
 *
 * ```
 *  Python line              script
 *  a = [1, 2, 3]            yield 3; g.set("a", rt.list([1, 2, 3]));
 *  print(getrefcount(a))    yield 4; print(rt.sys.getrefcount(g.get("a")));
 * ```
 *
 * Only the menu's programs run here, recognised by their exact source; any other program
 * needs the interpreter (see python-engine.ts).
 *
 * @module
 */
import { type Frame, PyList, PyObject, type PyWeakref, type Runtime } from "@pymem/runtime";
import { EXAMPLES } from "./examples";
import type { ProgramContext, ProgramEngine } from "./program-engine";

/** A value `print` formats as Python would: arrays print as tuples. */
type PrintValue = string | number | boolean | null | PyObject | readonly PrintValue[];

/** What a script works with. */
interface ScriptContext {
  readonly rt: Runtime;
  /** The module's globals. */
  readonly g: Frame;
  /** Python's `print`. */
  print(...values: PrintValue[]): void;
}

/** A script: yields each line number before running that line. */
type Script = (s: ScriptContext) => Generator<number, void, void>;

function formatValue(v: PrintValue, top: boolean): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return top ? v : `'${v}'`;
  if (v instanceof PyObject) return top && v.typeName === "str" ? String(v.toJS()) : v.repr();
  const items = (v as readonly PrintValue[]).map((x) => formatValue(x, false));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
}

const SCRIPTS: Record<string, Script> = {
  *refcount({ rt, g, print }) {
    yield 1;
    yield 3;
    g.set("a", rt.list([1, 2, 3]));
    yield 4;
    print(rt.sys.getrefcount(g.get("a")));
    yield 6;
    g.set("b", g.get("a"));
    yield 7;
    print(rt.sys.getrefcount(g.get("a")));
    yield 9;
    g.set("c", g.get("a"));
    yield 10;
    print(rt.sys.getrefcount(g.get("a")));
    yield 12;
    g.del("b");
    yield 13;
    print(rt.sys.getrefcount(g.get("a")));
    yield 15;
    g.del("c");
    yield 16;
    print(rt.sys.getrefcount(g.get("a")));
    yield 18;
    g.del("a");
  },

  *cycle({ rt, g, print }) {
    yield 1;
    yield 3;
    g.set("a", rt.list());
    yield 4;
    g.set("b", rt.list([g.get("a")]));
    yield 5;
    g.get("a", PyList).append(g.get("b"));
    yield 6;
    g.del("a");
    yield 7;
    g.del("b");
    yield 8;
    print("unreachable:", rt.gc.collect());
    yield 9;
    print("count:", rt.gc.get_count());
  },

  *"gc-tuning"({ rt, g, print }) {
    yield 1;
    yield 4;
    rt.gc.disable();
    yield 7;
    const temp = rt.list();
    for (let i = 0; i < 10000; i++) temp.append(i);
    g.set("temp_list", temp);
    yield 8;
    g.set("temp_list", null);
    yield 11;
    rt.gc.collect();
    yield 14;
    rt.gc.enable();
    yield 17;
    print("Garbage collection thresholds:", rt.gc.get_threshold());
    yield 18;
    print("Number of objects in each generation:", rt.gc.get_count());
  },

  *resurrection({ rt, g, print }) {
    yield 1;
    const phoenix = rt.defineClass("Phoenix", {
      __del__: (self) => {
        g.set("saved", self);
        print("__del__ ran: the object is saved again");
      },
    });
    yield 7;
    g.set("p", phoenix.create());
    yield 8;
    g.del("p");
    yield 9;
    print(g.get("saved"));
    yield 10;
    g.del("saved");
    yield 11;
    print("gone for good: __del__ runs once");
  },

  *weakref({ rt, g, print }) {
    yield 1;
    yield 3;
    const node = rt.defineClass("Node");
    yield 6;
    yield 9;
    g.set("n", node.create());
    yield 10;
    g.set(
      "r",
      rt.weakref(g.get("n"), () => print("callback: the referent died")),
    );
    yield 11;
    const target = (g.get("r") as PyWeakref).get();
    print(target?.is(g.get("n")) ?? false);
    target?.release();
    yield 12;
    g.del("n");
    yield 13;
    const after = (g.get("r") as PyWeakref).get();
    print(after);
    after?.release();
  },

  *generations({ rt, g, print }) {
    yield 1;
    yield 3;
    rt.gc.set_threshold(10, 2, 2);
    yield 4;
    g.set("keep", rt.list());
    for (let i = 0; i < 40; i++) {
      yield 5;
      g.set("i", i);
      yield 6;
      g.get("keep", PyList).append(rt.list([g.get("i")]));
      yield 7;
      print(i, rt.gc.get_count());
    }
    yield 5;
  },

  *pools({ rt, g }) {
    yield 1;
    g.set("floats", rt.list(Array.from({ length: 1000 }, (_, i) => rt.float(i))));
    yield 2;
    g.set("pairs", rt.list(Array.from({ length: 1000 }, (_, i) => rt.tuple([i, i]))));
    yield 3;
    g.set(
      "lists",
      rt.list(Array.from({ length: 600 }, (_, i) => rt.list(new Array<number>(i % 64).fill(i)))),
    );
    yield 4;
    g.del("pairs");
  },

  *incremental({ rt, g, print }) {
    yield 1;
    for (let i = 0; i < 3000; i++) {
      yield 3;
      g.set("i", i);
      yield 4;
      g.set("a", rt.list());
      yield 5;
      g.set("b", rt.list([g.get("a")]));
      yield 6;
      g.get("a", PyList).append(g.get("b"));
    }
    yield 3;
    yield 7;
    print("count:", rt.gc.get_count());
  },

  *loop({ rt, g }) {
    yield 1;
    g.set("n", 0);
    for (;;) {
      yield 2;
      yield 3;
      g.set("n", rt.int((g.get("n").toJS() as number) + 1));
      yield 4;
      g.set("x", rt.list([g.get("n")]));
    }
  },
};

/** Line numbers each script yields, for checking them against the sources. */
export function scriptFor(source: string): Script | undefined {
  const example = EXAMPLES.find((e) => e.source.trimEnd() === source.trimEnd());
  return example === undefined ? undefined : SCRIPTS[example.id];
}

/** Runs the menu's programs through the runtime's TypeScript API. */
export const runtimeScriptEngine: ProgramEngine = {
  name: "runtime API (examples only)",

  accepts(source) {
    return scriptFor(source) !== undefined
      ? true
      : "Only the examples run in this build: they drive @pymem/runtime line by line. Other programs need @pymem/python's interpreter with a trace hook.";
  },

  run(source, context: ProgramContext) {
    const script = scriptFor(source);
    if (script === undefined) throw new Error(String(this.accepts(source)));
    const rt = context.runtime;
    const print = (...values: PrintValue[]): void => {
      context.stdout(`${values.map((v) => formatValue(v, true)).join(" ")}\n`);
    };
    const steps = script({ rt, g: rt.globals, print });
    for (let next = steps.next(); !next.done; next = steps.next()) context.onLine(next.value);
    return 0;
  },
};
