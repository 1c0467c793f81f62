// One suite of object-graph scenarios run against every preset and every swap of every
// slot. After each scenario the accounting balances: the object domain's bytes in use equal
// the baseline plus the blocks of what is still reachable (cycles leak only without a
// collector, and then by exactly their blocks).
import { describe, expect, it } from "vitest";
import { createRuntime, type PyClass, PyDict, PyInstance, PyList, type Runtime } from "../src/index";
import { ALL } from "./support/matrix";

/** Empties free lists and pending deallocations, then reports bytes in use and reachable bytes. */
function balance(rt: Runtime): { inUse: number; reachable: number } {
  rt.flush();
  rt.clearFreeLists();
  const report = rt.accounting();
  return { inUse: report.domainBytesInUse, reachable: report.reachableBytes };
}

function ring(rt: Runtime, Node: PyClass, n: number): void {
  const f = rt.frame();
  for (let i = 0; i < n; i++) f.set(`n${i}`, Node.create({ index: i }));
  for (let i = 0; i < n; i++) f.get(`n${i}`, PyInstance).setattr("next", f.get(`n${(i + 1) % n}`));
  f.release();
}

/** Programs that leave only cyclic garbage behind, and the count gc.collect() gives for it. */
const CYCLES: readonly { name: string; build: (rt: Runtime) => void; collected: number }[] = [
  {
    name: "a self-referencing list",
    build: (rt) => {
      using f = rt.frame();
      f.set("l", rt.list([1.5, "x"]));
      f.get("l", PyList).append(f.get("l"));
    },
    collected: 1,
  },
  {
    name: "a 2-list cycle holding one instance",
    build: (rt) => {
      const Thing = rt.defineClass("Thing");
      using f = rt.frame();
      f.set("a", rt.list());
      f.set("b", rt.list([f.get("a")]));
      f.get("a", PyList).append(f.get("b"));
      f.get("a", PyList).append(Thing.create({ weight: 1.5 }));
    },
    collected: 3,
  },
  { name: "a ring of 40 instances", build: (rt) => ring(rt, rt.defineClass("Node"), 40), collected: 40 },
  {
    name: "a dict holding itself and a materialised __dict__",
    build: (rt) => {
      const Node = rt.defineClass("Node");
      using f = rt.frame();
      f.set("d", rt.dict({ n: Node.create({ v: 2n ** 100n }) }));
      f.get("d", PyDict).set("self", f.get("d"));
      const n = f.get("d", PyDict).get("n") as PyInstance;
      n.setattr("owner", f.get("d"));
      void n.__dict__;
    },
    collected: 3,
  },
];

/** Bytes in use beyond what is reachable, with free lists and pending deallocations emptied. */
function leakedBytes(rt: Runtime): number {
  const { inUse, reachable } = balance(rt);
  return inUse - reachable;
}

describe.each(ALL.filter((c) => !c.collectsCycles))("$name leaks exactly the cycles", ({ options }) => {
  it.each(CYCLES)("$name: the bytes a collector reclaims from the same program", ({ build, collected }) => {
    const leaking = createRuntime(options);
    expect(leakedBytes(leaking)).toBe(0);
    build(leaking);
    const leaked = leakedBytes(leaking);
    expect(leaking.gc.collect()).toBe(0);
    expect(leakedBytes(leaking)).toBe(leaked);

    const collecting = createRuntime({ ...options, gc: "generational" });
    collecting.gc.disable();
    build(collecting);
    const garbage = leakedBytes(collecting);
    const before = balance(collecting).inUse;
    expect(collecting.gc.collect()).toBe(collected);
    expect(before - balance(collecting).inUse).toBe(garbage);
    expect(leaked).toBe(garbage);
    expect(leaked).toBeGreaterThan(0);
  });
});

describe.each(ALL)("$name", ({ options, collectsCycles }) => {
  const run = (
    scenario: (rt: Runtime) => { expectedCollected: number; keeps?: boolean; check?: () => void },
  ) => {
    const rt = createRuntime(options);
    rt.gc.disable();
    const before = balance(rt);
    expect(before.inUse).toBe(before.reachable);
    const { expectedCollected, keeps, check } = scenario(rt);
    const collected = rt.gc.collect();
    expect(collected).toBe(collectsCycles ? expectedCollected : 0);
    check?.();
    const after = balance(rt);
    const leaked = after.inUse - after.reachable;
    if (collectsCycles || expectedCollected === 0) expect(leaked).toBe(0);
    else expect(leaked).toBeGreaterThan(0);
    if (!keeps && leaked === 0) {
      // Nothing is left but what the runtime had at the start.
      expect(after.inUse - before.inUse).toBe(after.reachable - before.reachable);
    }
    expect(rt.stats().handles).toBe(0);
    rt.close();
    return { rt, leaked };
  };

  it("frees an acyclic graph by reference counting alone", () => {
    run((rt) => {
      const f = rt.frame();
      f.set(
        "data",
        rt.dict({ name: "pymem", sizes: [1, 2.5, 2n ** 80n], nested: rt.tuple(["a", "bc", null, true]) }),
      );
      f.get("data", PyDict).set(rt.tuple([1, 2]), rt.set([1, 2, 3, "x"]));
      f.set("copy", f.get("data"));
      f.release();
      return { expectedCollected: 0 };
    });
  });

  it("collects a self-referencing list (gc.collect() == 1)", () => {
    run((rt) => {
      const f = rt.frame();
      f.set("l", rt.list());
      f.get("l", PyList).append(f.get("l"));
      f.release();
      return { expectedCollected: 1 };
    });
  });

  it("collects a 2-list cycle holding one instance (gc.collect() == 3)", () => {
    run((rt) => {
      const Thing = rt.defineClass("Thing");
      const f = rt.frame();
      f.set("a", rt.list());
      f.set("b", rt.list([f.get("a")]));
      f.get("a", PyList).append(f.get("b"));
      f.get("a", PyList).append(Thing.create({ weight: 1.5 }));
      f.release();
      return { expectedCollected: 3 };
    });
  });

  it("collects a ring of 50 instances (gc.collect() == 50)", () => {
    run((rt) => {
      ring(rt, rt.defineClass("Node"), 50);
      return { expectedCollected: 50 };
    });
  });

  it("collects a dict that contains itself (gc.collect() == 1)", () => {
    run((rt) => {
      const f = rt.frame();
      f.set("d", rt.dict());
      f.get("d", PyDict).set("self", f.get("d"));
      f.release();
      return { expectedCollected: 1 };
    });
  });

  it("counts an instance and its materialised __dict__ as two objects", () => {
    run((rt) => {
      const Node = rt.defineClass("Node");
      const f = rt.frame();
      f.set("n", Node.create());
      const n = f.get("n", PyInstance);
      n.setattr("me", n);
      expect(n.__dict__.size).toBe(1);
      f.release();
      return { expectedCollected: 2 };
    });
  });

  it("runs __del__ once for a cycle and then frees it", () => {
    const deleted: number[] = [];
    run((rt) => {
      const Res = rt.defineClass("Res", {
        __del__: (self) => deleted.push(Number(self.getattr("id").toJS())),
      });
      const f = rt.frame();
      f.set("a", Res.create({ id: 1 }));
      f.set("b", Res.create({ id: 2, other: f.get("a") }));
      f.get("a", PyInstance).setattr("other", f.get("b"));
      f.release();
      return { expectedCollected: 2 };
    });
    expect(deleted.sort()).toEqual(collectsCycles ? [1, 2] : []);
  });

  it("keeps what is reachable intact through a collection", () => {
    run((rt) => {
      const Node = rt.defineClass("Node");
      const g = rt.globals;
      g.set("keep", rt.list([1, "two", rt.dict({ k: [3.5] })]));
      g.set("node", Node.create({ payload: g.get("keep") }));
      g.get("node", PyInstance).setattr("self", g.get("node"));
      ring(rt, Node, 3); // garbage next to it
      const repr = g.get("keep").repr();
      return {
        expectedCollected: 3,
        keeps: true,
        check: () => {
          expect(g.get("keep").repr()).toBe(repr);
          expect(g.get("node", PyInstance).getattr("payload").is(g.get("keep"))).toBe(true);
        },
      };
    });
  });

  it("calls the callback of a weak reference to a collected cycle", () => {
    let called = 0;
    run((rt) => {
      const Node = rt.defineClass("Node");
      const g = rt.globals;
      g.set("a", Node.create());
      g.get("a", PyInstance).setattr("self", g.get("a"));
      g.set(
        "wr",
        rt.weakref(g.get("a"), () => called++),
      );
      g.del("a");
      expect(called).toBe(0);
      return { expectedCollected: 1, keeps: true };
    });
    expect(called).toBe(collectsCycles ? 1 : 0);
  });
});
