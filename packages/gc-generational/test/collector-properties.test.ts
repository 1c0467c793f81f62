// Property: on random object graphs with a root set (the host's handles), a full
// collection frees exactly the objects unreachable from the roots; no collection or
// reference-counting step ever frees a reachable object; no finalizer runs twice. Checked
// after every step of long random operation sequences, for the generational, the
// mark-and-sweep and the incremental collectors (whose gc.collect(2) is a full collection),
// against a reachability computation of the test's own.
import type { Address } from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CollectorKind, Reachability } from "../src/index";
import { World } from "./fixtures/world";

type Kind = "list" | "inst" | "fin" | "laz" | "tuple" | "leaf";
interface Obj {
  kind: Kind;
  edges: Address[];
}

const STEPS = 20_000;
const RUNS = 5;
const TABLE_RUNS = 3;
const MAX_ROOTS = 120;

interface Outcome {
  /** deduce_unreachable calls that kept gc_refs in the side table. */
  tableUses: number;
  collected: number;
  finalizers: number;
  resurrections: number;
}

/**
 * Runs `ops` against a fresh world and checks the properties after every step. With
 * `faultAt`, the step of that index also drops a reference the host still claims to hold
 * (a use-after-free in the making), which the checks must report.
 */
function runScenario(
  kind: CollectorKind,
  ops: [number, number, number, number][],
  faultAt = -1,
  table = false,
): Outcome {
  const w = new World({ kind, checked: false, gcRefsTableThreshold: table ? 0 : Number.POSITIVE_INFINITY });
  w.gcm.disable();
  const model = new Map<Address, Obj>();
  const finalized = new Map<Address, number>();
  const problems: string[] = [];
  const add = (obj: Address, k: Kind, edges: Address[] = []) => {
    model.set(obj, { kind: k, edges });
    finalized.delete(obj);
    return obj;
  };
  const keep = add(w.newList(), "list");
  let finalizers = 0;
  let resurrections = 0;
  const onFinalize = (self: Address) => {
    finalizers++;
    const n = (finalized.get(self) ?? 0) + 1;
    finalized.set(self, n);
    if (n > 1) problems.push(`finalizer of ${self} ran ${n} times`);
  };
  const Inst = w.defineClass({ slots: 2, weakrefable: false }, "Inst");
  const Fin = w.defineClass({ slots: 2, weakrefable: false, del: onFinalize }, "Fin");
  const Laz = w.defineClass(
    {
      slots: 2,
      weakrefable: false,
      del: (self) => {
        onFinalize(self);
        resurrections++;
        w.append(keep, self); // resurrect
        model.get(keep)!.edges.push(self);
      },
    },
    "Laz",
  );

  const reachable = (): Set<Address> => {
    const seen = new Set<Address>();
    const stack = [...w.handles.keys()];
    while (stack.length > 0) {
      const o = stack.pop()!;
      if (seen.has(o)) continue;
      seen.add(o);
      for (const e of model.get(o)?.edges ?? []) if (e !== 0 && !seen.has(e)) stack.push(e);
    }
    return seen;
  };

  const check = (full: boolean) => {
    const r = reachable();
    for (const f of w.freeLog) {
      if (!model.has(f)) problems.push(`freed ${f}, unknown to the model`);
      else if (r.has(f)) problems.push(`freed ${f}, reachable from the roots`);
      model.delete(f);
    }
    w.freeLog.length = 0;
    if (full) {
      for (const o of model.keys())
        if (!r.has(o)) problems.push(`${o} unreachable but alive after collect(2)`);
      const tracked = w.gc.getObjects();
      if (new Set(tracked).size !== tracked.length) problems.push("an object is on two lists");
      for (const t of tracked) if (!model.has(t)) problems.push(`tracked ${t} is not alive`);
    }
    if (problems.length > 0) throw new Error(problems.join("\n"));
  };

  for (let step = 0; step < ops.length; step++) {
    const [op, a, b, c] = ops[step]!;
    const objs = [...model.keys()];
    const pick = (n: number) => objs[n % objs.length]!;
    // half the edges go between recent objects, which closes small cycles often
    const pickNear = (n: number) =>
      n % 2 === 0 ? pick(n >>> 1) : objs[objs.length - 1 - ((n >>> 1) % Math.min(8, objs.length))]!;
    const roots = [...w.handles.keys()];
    let full = false;
    let o = op;
    if (roots.length > MAX_ROOTS && o < 5) o = 8;
    switch (o) {
      case 0: {
        const l = add(w.newList(), "list");
        if (c % 3 === 0) {
          w.append(l, l); // a self-loop: garbage only a collection can free
          model.get(l)!.edges.push(l);
        }
        break;
      }
      case 1:
      case 2: {
        const cls = o === 1 ? Inst : b % 2 === 0 ? Fin : Laz;
        const x = add(w.newInstance(cls), o === 1 ? "inst" : b % 2 === 0 ? "fin" : "laz", [0, 0]);
        if (c % 3 === 0) {
          w.setAttr(x, 1, x);
          model.get(x)!.edges[1] = x;
        }
        break;
      }
      case 3: {
        const items = objs.length === 0 ? [] : [pick(a), pick(b)].slice(0, c % 3);
        add(w.newTuple(items), "tuple", items);
        break;
      }
      case 4:
        add(w.newInt(a), "leaf");
        break;
      case 5:
      case 6: {
        const from = pickNear(a);
        const to = pickNear(b);
        const m = model.get(from)!;
        if (m.kind === "list") {
          w.append(from, to);
          m.edges.push(to);
        } else if (m.kind === "inst" || m.kind === "fin" || m.kind === "laz") {
          m.edges[c % 2] = to;
          w.setAttr(from, c % 2, to);
        }
        break;
      }
      case 7: {
        const from = pick(a);
        const m = model.get(from)!;
        if (m.kind === "list" && m.edges.length > 0) {
          m.edges.pop();
          w.del(w.pop(from));
        } else if (m.kind === "inst" || m.kind === "fin" || m.kind === "laz") {
          m.edges[c % 2] = 0;
          w.delAttr(from, c % 2);
        }
        break;
      }
      case 8:
      case 9:
        if (roots.length > 1) {
          const r = roots[a % roots.length]!;
          if (r !== keep) w.del(r);
        }
        break;
      case 10: {
        if (c % 8 !== 0) break;
        // the program forgets what finalizers resurrected
        const k = model.get(keep)!;
        while (k.edges.length > 0) {
          k.edges.pop();
          w.del(w.pop(keep));
        }
        break;
      }
      default: {
        if (a % 4 !== 0) {
          // mostly another edge between recent objects
          const from = pickNear(b);
          const m = model.get(from)!;
          const to = pickNear(c);
          if (m.kind === "list") {
            w.append(from, to);
            m.edges.push(to);
          }
          break;
        }
        const g = c % 3;
        w.gc.collect(g);
        full = g === 2 || kind === "mark-sweep";
      }
    }
    if (step === faultAt) {
      const victim = [...w.handles.keys()].find((r) => r !== keep && w.refcount(r) === 1);
      if (victim !== undefined) w.rc.decref(victim);
    }
    check(full);
  }
  const stats = w.gc.getStats();
  const tableUses = (w.gc as unknown as { reachability: Reachability }).reachability.tableUses;
  return { collected: stats.reduce((n, st) => n + st.collected, 0), finalizers, resurrections, tableUses };
}

const opArb = fc.tuple(fc.nat(12), fc.nat(1 << 20), fc.nat(1 << 20), fc.nat(1 << 20));

describe("collector properties", () => {
  const variants = [
    { kind: "generational", table: false, runs: RUNS },
    { kind: "mark-sweep", table: false, runs: RUNS },
    { kind: "incremental", table: false, runs: RUNS },
    // gc_refs in the side table (Reachability's table mode) for every collection
    { kind: "generational", table: true, runs: TABLE_RUNS },
    { kind: "mark-sweep", table: true, runs: TABLE_RUNS },
  ] as const;
  for (const { kind, table, runs } of variants) {
    const mode = table ? "gc_refs table" : "gc_refs in headers";
    it(`${kind} (${mode}): frees exactly the unreachable objects, never a reachable one, finalizers once`, () => {
      fc.assert(
        fc.property(fc.array(opArb, { minLength: STEPS, maxLength: STEPS }), (ops) => {
          const outcome = runScenario(kind, ops, -1, table);
          // the sequence exercised what the property is about
          expect(outcome.collected).toBeGreaterThan(STEPS / 100);
          expect(outcome.finalizers).toBeGreaterThan(0);
          expect(outcome.resurrections).toBeGreaterThan(0);
          if (table) expect(outcome.tableUses).toBeGreaterThan(STEPS / 200);
          else expect(outcome.tableUses).toBe(0);
        }),
        { numRuns: runs, endOnFailure: true },
      );
    });
  }

  it("reports a reachable object being freed", () => {
    const ops: [number, number, number, number][] = [];
    for (let i = 0; i < 40; i++) ops.push([i % 2, i, i, i]);
    expect(() => runScenario("generational", ops, 30)).toThrow(/reachable from the roots/);
  });
});
