// Properties of the incremental collector on random object graphs under random
// interleavings of allocation, mutation, deletion, young collections and increments (some
// started by allocations, with a random threshold 0), with and without roots marked:
//
//  1. safety: after every step, no object reachable from the host's handles has been freed,
//     and no finalizer ran twice;
//  2. completeness within a stated bound: once the program stops, every object unreachable
//     from the handles is freed by increments alone before 2 + D scavenges complete, where
//     D is the longest chain of garbage cycles (cycle -> cycle -> ...), and that takes at most
//
//        B = ceil(max(0, -work) / c) + (2 + D) * (3 + H + ceil(4H / c))      increments,
//
//     where H is the heap size (GC objects alive, an upper bound on the objects tracked),
//     c = floor(H / 10 / max(2, threshold1)) >= 1 the credit each increment adds, and work
//     the counter when the program stops.
//     Increments per scavenge: with no allocation, an increment either takes at least one
//     pending object (at most H such increments) or finds work <= 0 and adds c; the work
//     taken in one scavenge (pending objects, the young generation once, roots marked twice)
//     is at most 4H; the mark increment and the last one add 2; the debt at the start is
//     paid at c per increment.
//     Scavenges: the one under way when the program stops may miss everything; in the next
//     one a cycle whose members are partly young is split (the young part survives into the
//     visited space, referenced by the pending part); after it every object starts a
//     scavenge in the pending space, where taking one member of a cycle takes all of it and
//     all the garbage it reaches. A cycle survives such a scavenge only when a garbage cycle
//     referring to it was taken later, so each scavenge removes at least the first cycle of
//     every chain.
import type { Address } from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IncrementalCollector } from "../src/index";
import { World } from "./fixtures/world";

type Kind = "list" | "inst" | "fin" | "laz" | "leaf";
interface Obj {
  kind: Kind;
  edges: Address[];
}

const STEPS = 3000;
const RUNS = 4;
const MAX_ROOTS = 80;
const BALLAST = 40;

interface Outcome {
  collected: number;
  increments: number;
  bound: number;
  drained: number;
  depth: number;
}

function runScenario(
  ops: [number, number, number, number][],
  markRoots: boolean,
  threshold0: number,
): Outcome {
  const w = new World({
    kind: "incremental",
    checked: false,
    markRoots,
    thresholds: [threshold0, 2, 0],
    initialWorkToDo: 0,
  });
  const inc = w.gc as IncrementalCollector;
  const model = new Map<Address, Obj>();
  const finalized = new Map<Address, number>();
  const problems: string[] = [];
  const add = (obj: Address, k: Kind, edges: Address[] = []) => {
    model.set(obj, { kind: k, edges });
    finalized.delete(obj);
    return obj;
  };
  const keep = add(w.newList(), "list");
  // long-lived objects, so that the heap owes work to increments (H / 10 / 2 >= 1)
  for (let i = 0; i < BALLAST; i++) w.append(keep, add(w.newList(), "list"));
  model.get(keep)!.edges.push(...w.listItems(keep));
  for (const b of w.listItems(keep)) w.del(b);
  const onFinalize = (self: Address) => {
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
        w.append(keep, self); // resurrect
        model.get(keep)!.edges.push(self);
      },
    },
    "Laz",
  );
  let increments = 0;
  w.gcm.callbacks.push((phase, info) => {
    if (phase === "start" && info.generation === 1) increments++;
  });

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
  const check = () => {
    const r = reachable();
    for (const f of w.freeLog) {
      if (!model.has(f)) problems.push(`freed ${f}, unknown to the model`);
      else if (r.has(f)) problems.push(`freed ${f}, reachable from the roots`);
      model.delete(f);
    }
    w.freeLog.length = 0;
    if (problems.length > 0) throw new Error(problems.join("\n"));
  };

  for (let step = 0; step < ops.length; step++) {
    const [op, a, b, c] = ops[step]!;
    const objs = [...model.keys()];
    const pick = (n: number) => objs[n % objs.length]!;
    const pickNear = (n: number) =>
      n % 2 === 0 ? pick(n >>> 1) : objs[objs.length - 1 - ((n >>> 1) % Math.min(8, objs.length))]!;
    const roots = [...w.handles.keys()];
    let o = op;
    if (roots.length > MAX_ROOTS && o < 4) o = 7;
    switch (o) {
      case 0: {
        const l = add(w.newList(), "list");
        if (c % 3 === 0) {
          w.append(l, l);
          model.get(l)!.edges.push(l);
        }
        break;
      }
      case 1:
      case 2: {
        const kind = o === 1 ? "inst" : b % 2 === 0 ? "fin" : "laz";
        const cls = kind === "inst" ? Inst : kind === "fin" ? Fin : Laz;
        const x = add(w.newInstance(cls), kind, [0, 0]);
        if (c % 3 === 0) {
          w.setAttr(x, 1, x);
          model.get(x)!.edges[1] = x;
        }
        break;
      }
      case 3:
        add(w.newInt(a), "leaf");
        break;
      case 4:
      case 5: {
        const from = pickNear(a);
        const to = pickNear(b);
        const m = model.get(from)!;
        if (m.kind === "list") {
          w.append(from, to);
          m.edges.push(to);
        } else if (m.kind !== "leaf") {
          m.edges[c % 2] = to;
          w.setAttr(from, c % 2, to);
        }
        break;
      }
      case 6: {
        const from = pick(a);
        const m = model.get(from)!;
        if (m.kind === "list" && from !== keep && m.edges.length > 0) {
          m.edges.pop();
          w.del(w.pop(from));
        } else if (m.kind === "inst" || m.kind === "fin" || m.kind === "laz") {
          m.edges[c % 2] = 0;
          w.delAttr(from, c % 2);
        }
        break;
      }
      case 7:
      case 8:
        if (roots.length > 1) {
          const r = roots[a % roots.length]!;
          if (r !== keep) w.del(r);
        }
        break;
      case 9:
        w.gc.collect(c % 4 === 0 ? 0 : 1);
        break;
      default:
        w.gc.collect(1);
    }
    check();
  }

  // The program stops: forget what finalizers resurrected (keeping the ballast), then
  // increments alone must find all garbage within the bound.
  const k = model.get(keep)!;
  while (k.edges.length > BALLAST) {
    k.edges.pop();
    w.del(w.pop(keep));
  }
  check();
  const H = inc.heapSize;
  const credit = Math.trunc(Math.trunc(H / 10) / 2);
  expect(credit).toBeGreaterThanOrEqual(1);
  const D = garbageChainDepth(reachable(), model);
  const perScavenge = 3 + H + Math.ceil((4 * H) / credit);
  const bound = Math.ceil(Math.max(0, -inc.workToDo) / credit) + (2 + D) * perScavenge;
  const target = inc.scavenges + 2 + D;
  let drained = 0;
  while (inc.scavenges < target) {
    if (++drained > bound) throw new Error(`two scavenges took more than ${bound} increments`);
    w.gc.collect(1);
    check();
  }
  const r = reachable();
  for (const obj of model.keys()) {
    if (!r.has(obj)) problems.push(`${obj} (${model.get(obj)!.kind}) is garbage and still alive`);
  }
  if (problems.length > 0) throw new Error(problems.join("\n"));
  const collected = w.gc.getStats().reduce((n, st) => n + st.collected, 0);
  return { collected, increments, bound, drained, depth: D };
}

/**
 * The longest chain of garbage cycles: strongly connected components of the garbage (the
 * model's objects unreachable from the handles) that hold a cycle, counted along the edges
 * between components.
 */
function garbageChainDepth(reachable: Set<Address>, model: Map<Address, Obj>): number {
  const garbage = [...model.keys()].filter((o) => !reachable.has(o));
  const isGarbage = new Set(garbage);
  const succ = (o: Address) => (model.get(o)?.edges ?? []).filter((e) => e !== 0 && isGarbage.has(e));
  // Tarjan's algorithm
  const index = new Map<Address, number>();
  const low = new Map<Address, number>();
  const onStack = new Set<Address>();
  const stack: Address[] = [];
  const component = new Map<Address, number>();
  const cyclic: boolean[] = [];
  let next = 0;
  const strongConnect = (v: Address): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const u of succ(v)) {
      if (!index.has(u)) {
        strongConnect(u);
        low.set(v, Math.min(low.get(v)!, low.get(u)!));
      } else if (onStack.has(u)) low.set(v, Math.min(low.get(v)!, index.get(u)!));
    }
    if (low.get(v) === index.get(v)) {
      const id = cyclic.length;
      const members: Address[] = [];
      let u: Address;
      do {
        u = stack.pop()!;
        onStack.delete(u);
        component.set(u, id);
        members.push(u);
      } while (u !== v);
      cyclic.push(members.length > 1 || succ(v).includes(v));
    }
  };
  for (const g of garbage) if (!index.has(g)) strongConnect(g);
  // Components come out in reverse topological order: successors first.
  const depth = new Array<number>(cyclic.length).fill(0);
  const preds = new Map<number, Set<number>>();
  for (const g of garbage)
    for (const s of succ(g)) {
      const a = component.get(g)!;
      const b = component.get(s)!;
      if (a !== b) {
        if (!preds.has(b)) preds.set(b, new Set());
        preds.get(b)!.add(a);
      }
    }
  let best = 0;
  for (let id = cyclic.length - 1; id >= 0; id--) {
    let d = 0;
    for (const p of preds.get(id) ?? []) d = Math.max(d, depth[p]!);
    depth[id] = d + (cyclic[id] ? 1 : 0);
    best = Math.max(best, depth[id]!);
  }
  return best;
}

const opArb = fc.tuple(fc.nat(11), fc.nat(1 << 20), fc.nat(1 << 20), fc.nat(1 << 20));

describe("incremental collector properties", () => {
  for (const markRoots of [true, false]) {
    it(`never frees a reachable object and finds all garbage within the bound (${markRoots ? "roots marked" : "no roots"})`, () => {
      fc.assert(
        fc.property(
          fc.array(opArb, { minLength: STEPS, maxLength: STEPS }),
          fc.integer({ min: 5, max: 60 }),
          (ops, threshold0) => {
            const outcome = runScenario(ops, markRoots, threshold0);
            // the sequence exercised what the property is about
            expect(outcome.collected).toBeGreaterThan(STEPS / 100);
            expect(outcome.increments).toBeGreaterThan(STEPS / 20);
            expect(outcome.drained).toBeLessThanOrEqual(outcome.bound);
          },
        ),
        { numRuns: RUNS, endOnFailure: true },
      );
    });
  }
});
