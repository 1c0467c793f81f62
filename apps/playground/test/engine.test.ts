import { describe, expect, it } from "vitest";
import { compositionOf, defaultComposition } from "../src/engine/composition";
import { EXAMPLES, exampleById } from "../src/engine/examples";
import type { RunRequest } from "../src/engine/protocol";
import { chooseEngine } from "../src/engine/python-engine";
import { runStep } from "../src/engine/run-step";
import { runtimeScriptEngine } from "../src/engine/runtime-script-engine";
import type { StepSnapshot } from "../src/engine/snapshot-types";

function run(id: string, stopAt: number | null, composition = defaultComposition()) {
  const request: RunRequest = {
    kind: "run",
    id: 1,
    source: exampleById(id)!.source,
    composition,
    stopAt,
    focus: 0,
  };
  let out = "";
  const snapshot = runStep(request, runtimeScriptEngine, {
    output: (_s, text) => {
      out += text;
    },
    progress: () => {},
  });
  return { snapshot, out };
}

function variable(s: StepSnapshot, name: string) {
  return s.frames.flatMap((f) => f.variables).find((v) => v.name === name);
}

describe("engine", () => {
  it("prints 2, 3, 4, 3, 2 and shows a's refcount after each step", () => {
    expect(run("refcount", null).out).toBe("2\n3\n4\n3\n2\n");
    const seen: number[] = [];
    for (let n = 0; ; n++) {
      const { snapshot } = run("refcount", n);
      const a = variable(snapshot, "a");
      if (a !== undefined && seen[seen.length - 1] !== a.getrefcount) seen.push(a.getrefcount);
      if (snapshot.finished) break;
    }
    expect(seen).toEqual([2, 3, 4, 3, 2]);
  });

  it("shows a cycle as garbage, then frees it in a collection", () => {
    const before = run("cycle", 6).snapshot; // both dels done, gc.collect() next
    expect(before.line).toBe(8);
    const lists = before.graph.nodes.filter((n) => n.type === "list");
    expect(lists).toHaveLength(2);
    expect(lists.every((n) => n.garbage && n.generation === 0)).toBe(true);
    const after = run("cycle", 7).snapshot;
    expect(after.graph.nodes.filter((n) => n.type === "list")).toHaveLength(0);
    expect(after.lastCollection?.freed.map((f) => f.address).sort()).toEqual(
      lists.map((n) => n.address).sort(),
    );
    expect(after.bytesInUse).toBeLessThan(before.bytesInUse);
    const freedBlocks = new Set(lists.map((n) => n.block));
    const stillObjects = after.heapMap.pools.some((p) =>
      [...p.states].some((s, b) => s === 2 && freedBlocks.has(p.pool + p.firstOffset + b * p.blockSize)),
    );
    expect(stillObjects).toBe(false);
  });

  it("keeps the cycle without a collector", () => {
    const composition = { ...defaultComposition(), gc: "none" as const };
    const { snapshot, out } = run("cycle", null, composition);
    expect(out).toContain("unreachable: 0");
    expect(snapshot.graph.nodes.filter((n) => n.type === "list" && n.garbage)).toHaveLength(2);
  });

  it("runs every example on every profile", () => {
    for (const e of EXAMPLES) {
      if (e.id === "loop") continue;
      for (const profile of ["cpython311", "minimal"]) {
        const { snapshot } = run(e.id, null, compositionOf(profile));
        // gc.set_threshold is refused by minimal's collector, which never collects.
        const refused = e.id === "generations" && profile === "minimal";
        expect(snapshot.exitCode, `${e.id} on ${profile}`).toBe(refused ? 1 : 0);
      }
    }
  });

  it("stops a loop at any line event", () => {
    const { snapshot } = run("loop", 5000);
    expect(snapshot.finished).toBe(false);
    expect(variable(snapshot, "n")?.repr).toMatch(/^\d+$/);
  });
});

describe("engine choice and the interpreter", () => {
  function runWith(source: string, stopAt: number | null, composition = defaultComposition()) {
    const engine = chooseEngine(source, stopAt);
    if (typeof engine === "string") return { refused: engine };
    let out = "";
    const request: RunRequest = { kind: "run", id: 1, source, composition, stopAt, focus: 0 };
    const snapshot = runStep(request, engine, {
      output: (_s, text) => {
        out += text;
      },
      progress: () => {},
    });
    return { snapshot, out, engine: engine.name };
  }

  it("runs a program of the visitor's own with runPython, to its end", () => {
    const r = runWith("x = [1, 2]\ny = (x, x)\nprint(len(y), x[1])\n", null);
    expect(r.engine).toBe("@pymem/python");
    expect(r.out).toBe("2 2\n");
    const list = r.snapshot!.graph.nodes.find((n) => n.type === "list" && n.label === "[1, 2]");
    expect(list?.garbage).toBe(false);
  });

  it("shows a leaked cycle of an interpreted program as garbage", () => {
    const source = "a = []\nb = [a]\na.append(b)\ndel a, b\nprint('done')\n";
    const leaked = runWith(source, null, { ...defaultComposition(), gc: "none" });
    expect(leaked.out).toBe("done\n");
    const lists = leaked.snapshot!.graph.nodes.filter((n) => n.type === "list" && n.garbage);
    expect(lists).toHaveLength(2);
  });

  it("runs the examples with the interpreter as CPython prints them", () => {
    expect(runWith(exampleById("refcount")!.source, null).out).toBe("2\n3\n4\n3\n2\n");
    expect(runWith(exampleById("cycle")!.source, null).out).toBe("unreachable: 2\ncount: (0, 0, 0)\n");
  });

  it("steps the examples through the runtime scripts and refuses to step other programs", () => {
    expect(runWith(exampleById("refcount")!.source, 3).engine).toBe(runtimeScriptEngine.name);
    expect(runWith("x = 1\n", 1).refused).toMatch(/trace hook/);
  });
});

describe("snapshot details", () => {
  it("labels an object's bytes with the header fields that hold its values", () => {
    const { snapshot } = run("refcount", 3); // a = [1, 2, 3] done
    const a = snapshot.frames[0]!.variables.find((v) => v.name === "a")!;
    const node = snapshot.graph.nodes.find((n) => n.address === a.address)!;
    const word = (name: string): number => {
      const f = node.fields.find((x) => x.name === name)!;
      return new DataView(node.bytes.buffer, node.bytes.byteOffset).getUint32(f.offset, true);
    };
    expect(node.block).toBe(node.address - 16);
    expect(word("ob_refcnt")).toBe(a.getrefcount - 1);
    expect(word("ob_size")).toBe(3);
    expect(word("allocated")).toBe(4);
    const items = word("ob_item");
    const ints = snapshot.graph.edges.filter(
      (_, i) => i % 2 === 1 && snapshot.graph.edges[i - 1] === a.address,
    );
    expect(ints).toHaveLength(3);
    expect(items).toBeGreaterThan(0);
  });

  it("counts in each pool as many blocks in use as the pool header says", () => {
    const { snapshot } = run("pools", null);
    const m = snapshot.heapMap;
    expect(m.pools.length).toBeGreaterThan(10);
    const used = new Map<number, number>();
    for (const arena of m.arenas) {
      for (let p = 0; p < arena.states.length; p++) used.set(arena.address + p * m.poolSize, arena.used[p]!);
    }
    for (const pool of m.pools) {
      const inUse = pool.states.reduce((s, x) => s + (x === 0 ? 0 : 1), 0);
      expect(inUse, `pool 0x${pool.pool.toString(16)}`).toBe(used.get(pool.pool));
    }
    const objects = new Set(snapshot.graph.nodes.map((n) => n.block));
    const marked = m.pools.flatMap((p) =>
      [...p.states].flatMap((s, b) => (s === 2 ? [p.pool + p.firstOffset + b * p.blockSize] : [])),
    );
    expect(marked.filter((b) => objects.has(b)).length).toBeGreaterThan(0);
  });
});
