// The incremental collector (CPython 3.14.0): the test_gc behaviours that still hold in 3.14
// (cycles, finalizers, resurrection, weakref callbacks, SAVEALL, freeze, callbacks), each
// found both by a full collection and by increments alone; what 3.14's gc module reports
// (thresholds, counts, objects per generation, stats); and the order in which increments
// visit the old spaces.
import {
  type Address,
  DEBUG_SAVEALL,
  HeapCorruptionError,
  InvalidPointerError,
  LAYOUT_COMPACT,
  SizeError,
} from "@pymem/core";
import { beforeEach, describe, expect, it } from "vitest";
import { IncrementalCollector } from "../src/index";
import { newClass, newObject, setDictAttr } from "./fixtures/python-model";
import { World } from "./fixtures/world";

let w: World;
let gc: World["gcm"];
let inc: IncrementalCollector;

function world(options: ConstructorParameters<typeof World>[0] = {}): void {
  w = new World({ kind: "incremental", ...options });
  gc = w.gcm;
  inc = w.gc as IncrementalCollector;
}

/**
 * Runs increments (gc.collect(1)) until two more scavenges have completed: everything that
 * was garbage when this started has then been in some increment whole.
 * @returns what the increments found, and how many ran
 */
function drain(limit = 10_000): { found: number; increments: number } {
  const target = inc.scavenges + 2;
  let found = 0;
  let increments = 0;
  while (inc.scavenges < target) {
    if (++increments > limit) throw new Error(`no two scavenges within ${limit} increments`);
    found += gc.collect(1);
  }
  return { found, increments };
}

/**
 * 100 long-lived lists: with threshold 1 at 10, an increment owes heap / 10 / 10 objects,
 * and a heap under 100 objects would owe none (as in CPython, a tiny heap is only scanned
 * by young collections and by allocation-driven work).
 */
function ballast(): Address[] {
  const keep: Address[] = [];
  for (let i = 0; i < 100; i++) keep.push(w.newList());
  return keep;
}

beforeEach(() => {
  world({ initialWorkToDo: 0 });
  gc.disable();
  ballast();
  gc.collect();
});

describe("test_gc behaviours under the incremental collector", () => {
  it("collects a self-referencing list, by gc.collect() and by increments", () => {
    const l = w.newList();
    w.append(l, l);
    w.del(l);
    expect(gc.collect()).toBe(1);
    expect(w.freed.has(l)).toBe(true);
    const m = w.newList();
    w.append(m, m);
    w.del(m);
    expect(drain().found).toBe(1);
    expect(w.freed.has(m)).toBe(true);
  });

  it("collects cycles through dicts, tuples, classes and instances", () => {
    const d = w.newDict();
    const one = w.newInt(1);
    w.dictSet(d, one, d);
    w.del(d, one);
    expect(gc.collect()).toBe(1);
    const l = w.newList();
    const t = w.newTuple([l]);
    w.append(l, t);
    w.del(t, l);
    expect(gc.collect()).toBe(2);
    const A = newClass(w);
    setDictAttr(w, A, 1, A);
    w.del(A);
    expect(gc.collect()).toBe(3); // the class, its __mro__ tuple and its __dict__
    const B = newClass(w);
    const a = newObject(w, B);
    setDictAttr(w, a, 1, a);
    w.del(a);
    expect(drain().found).toBe(2); // the instance and its __dict__
    w.del(B);
  });

  it("keeps what the host still holds, whatever the increments take", () => {
    const held = w.newList();
    const cycle = w.newList([held]);
    w.append(cycle, cycle);
    w.append(held, cycle);
    w.del(cycle);
    drain();
    expect(w.isLive(held) && w.isLive(cycle)).toBe(true);
    w.del(held);
    expect(drain().found).toBe(2);
  });

  it("puts legacy-finalizer cycles in gc.garbage", () => {
    const A = w.defineClass({ legacy: true });
    const a = w.newInstance(A);
    w.setAttr(a, 0, a);
    w.del(a);
    expect(gc.collect()).toBe(1);
    expect(gc.garbage).toEqual([a]);
    expect(gc.get_stats()[2]!.uncollectable).toBe(1);
    w.delAttr(a, 0);
    gc.garbage.length = 0;
    w.rc.decref(a);
    expect(w.freed.has(a)).toBe(true);
  });

  it("runs a PEP 442 finalizer once; a resurrected object survives and dies later", () => {
    let calls = 0;
    const storage = w.newList();
    const Lazarus = w.defineClass({
      del: (self) => {
        calls++;
        w.append(storage, self);
      },
    });
    const laz = w.newInstance(Lazarus);
    w.setAttr(laz, 0, laz);
    w.del(laz);
    expect(drain().found).toBe(0);
    expect(calls).toBe(1);
    expect(gc.is_finalized(laz)).toBe(true);
    expect(w.listItems(storage)).toEqual([laz]);
    w.clearList(storage);
    expect(drain().found).toBe(1);
    expect(calls).toBe(1);
    expect(w.freed.has(laz)).toBe(true);
  });

  it("resurrection is transitive", () => {
    const instances = w.newList();
    const Cargo = w.defineClass({ slots: 2 });
    const Lazarus = w.defineClass({ slots: 1, del: (self) => w.append(instances, self) });
    const laz = w.newInstance(Lazarus);
    const cargo = w.newInstance(Cargo);
    w.setAttr(cargo, 0, cargo);
    w.setAttr(laz, 0, cargo);
    w.setAttr(cargo, 1, laz);
    w.del(laz, cargo);
    gc.collect();
    expect(w.isLive(cargo) && w.getAttr(cargo, 1) === laz).toBe(true);
    w.clearList(instances);
    gc.collect();
    expect(w.freed.has(laz) && w.freed.has(cargo)).toBe(true);
  });

  it("clears weakrefs to garbage and runs the callbacks of weakrefs that survive", () => {
    const seen: Address[] = [];
    const C = w.defineClass({ slots: 1 });
    const c = w.newInstance(C);
    w.setAttr(c, 0, c);
    const wr = w.weakref(c, (ref) => seen.push(ref));
    w.del(c);
    drain();
    expect(seen).toEqual([wr]);
    expect(w.deref(wr)).toBe(0);
    // a weakref that is garbage with its referent: no callback
    const d = w.newInstance(C);
    const wr2 = w.weakref(d, () => seen.push(-1));
    const box = w.newList([wr2, d]);
    w.setAttr(d, 0, box);
    w.del(wr2, box, d);
    expect(gc.collect()).toBe(3);
    expect(seen).toEqual([wr]);
  });

  it("DEBUG_SAVEALL keeps the cycles, uncleared, in gc.garbage", () => {
    const L = w.newList();
    w.append(L, L);
    gc.set_debug(DEBUG_SAVEALL);
    w.del(L);
    expect(drain().found).toBe(1);
    gc.set_debug(0);
    expect(gc.garbage).toEqual([L]);
    expect(w.listItems(L)).toEqual([L]);
    gc.garbage.length = 0;
    w.rc.decref(L);
    expect(gc.collect()).toBe(1);
  });

  it("frozen objects are never collected; unfreeze puts them in the visited space", () => {
    const l = w.newList();
    w.append(l, l);
    gc.freeze();
    expect(gc.get_freeze_count()).toBeGreaterThan(0);
    expect(inc.whereIs(l)).toBe("permanent");
    expect(gc.get_count()).toEqual([0, 0, 0]);
    w.del(l);
    expect(gc.collect()).toBe(0);
    expect(drain().found).toBe(0);
    expect(w.isLive(l)).toBe(true);
    gc.unfreeze();
    expect(gc.get_freeze_count()).toBe(0);
    expect(inc.whereIs(l)).toBe("visited");
    expect(gc.collect()).toBe(1);
  });

  it("calls gc.callbacks around every collection with its generation and result", () => {
    const calls: [string, number, number][] = [];
    gc.callbacks.push((phase, info) => calls.push([phase, info.generation, info.collected]));
    const l = w.newList();
    w.append(l, l);
    w.del(l);
    gc.collect(0);
    expect(calls).toEqual([
      ["start", 0, 0],
      ["stop", 0, 1],
    ]);
    calls.length = 0;
    gc.collect(1);
    expect(calls).toEqual([
      ["start", 1, 0],
      ["stop", 1, 0],
    ]);
  });

  it("returns 0 for a collection requested while one runs", () => {
    let nested = -1;
    const D = w.defineClass({
      del: () => {
        nested = gc.collect();
      },
    });
    const d = w.newInstance(D);
    w.setAttr(d, 0, d);
    w.del(d);
    gc.collect();
    expect(nested).toBe(0);
  });

  for (const generation of [0, 1, 2]) {
    it(`reports a refcount that is too small in gc.collect(${generation}), and repairs every list first`, () => {
      world({ initialWorkToDo: 0, markRoots: false });
      gc.disable();
      ballast();
      if (generation === 1) gc.collect(1); // the mark increment: the next one collects
      const a = w.newList([w.newInt(1)]);
      const b = w.newList([a]);
      const holder = w.newList([a, b]);
      w.del(a, b);
      w.rc.decref(a); // one reference fewer than the lists hold
      let error: unknown;
      try {
        gc.collect(generation);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(HeapCorruptionError);
      expect((error as HeapCorruptionError).address).toBe(a);
      const objects = gc.get_objects();
      expect(new Set(objects).size).toBe(objects.length);
      for (const o of [a, b, holder]) expect(objects).toContain(o);
      w.rc.incref(a);
      expect(gc.collect()).toBe(0);
      expect(drain().found).toBe(0);
      expect(w.listItems(holder)).toEqual([a, b]);
    });
  }

  it("works in the compact layout (space bits in a bitmap beside the heap)", () => {
    world({ layout: LAYOUT_COMPACT, initialWorkToDo: 0 });
    gc.disable();
    const keep = ballast();
    for (let i = 0; i < 20; i++) {
      const l = w.newList();
      w.append(l, l);
      w.del(l);
    }
    expect(drain().found).toBe(20);
    expect(keep.every((k) => w.isLive(k))).toBe(true);
  });
});

describe("what the gc module reports in 3.14", () => {
  it("get_threshold is (2000, 10, 0); set_threshold sets the first two", () => {
    expect(gc.get_threshold()).toEqual([2000, 10, 0]);
    gc.set_threshold(700, 5, 3);
    expect(gc.get_threshold()).toEqual([700, 5, 0]);
  });

  it("get_count: young count, then the visited and pending spaces' young-collection counts", () => {
    expect(gc.get_count()).toEqual([0, 0, 0]);
    const a = w.newList();
    const b = w.newList();
    expect(gc.get_count()).toEqual([2, 0, 0]);
    w.del(b);
    expect(gc.get_count()).toEqual([1, 0, 0]);
    gc.collect(0);
    expect(gc.get_count()).toEqual([0, 1, 0]);
    gc.collect(0);
    expect(gc.get_count()).toEqual([0, 2, 0]);
    gc.collect(2);
    expect(gc.get_count()).toEqual([0, 0, 0]);
    w.del(a);
  });

  it("get_objects: 0 the young generation, 1 nothing, 2 the old spaces", () => {
    const a = w.newList();
    expect(gc.get_objects(0)).toEqual([a]);
    gc.collect(0);
    expect(gc.get_objects(0)).toEqual([]);
    expect(gc.get_objects(1)).toEqual([]);
    expect(gc.get_objects(2)).toContain(a);
    expect(gc.get_objects()).toContain(a);
    expect(() => gc.get_objects(3)).toThrow(SizeError);
  });

  it("get_stats counts young collections, increments and full collections; a mark increment is none", () => {
    const before = gc.get_stats().map((s) => s.collections);
    gc.collect(0);
    expect(inc.phase).toBe("mark");
    gc.collect(1); // marks, collects nothing
    expect(inc.phase).toBe("collect");
    gc.collect(1);
    gc.collect(2);
    const after = gc.get_stats().map((s) => s.collections);
    expect(after.map((n, i) => n - before[i]!)).toEqual([1, 1, 1]);
  });

  it("starts an increment when the young count exceeds threshold 0", () => {
    gc.enable();
    gc.set_threshold(5);
    const seen: number[] = [];
    gc.callbacks.push((phase, info) => {
      if (phase === "start") seen.push(info.generation);
    });
    for (let i = 0; i < 6; i++) w.newList();
    expect(seen).toEqual([1]);
    expect(gc.get_count()[0]).toBe(0);
    gc.set_threshold(0);
    for (let i = 0; i < 20; i++) w.newList();
    expect(seen).toEqual([1]);
  });

  it("counts the heap: GC objects allocated less those freed", () => {
    const h = inc.heapSize;
    const a = w.newList();
    const d = w.newDict(); // allocated untracked: still part of the heap
    expect(inc.heapSize).toBe(h + 2);
    w.del(a, d);
    expect(inc.heapSize).toBe(h);
  });

  it("DEBUG_STATS lists the young generation, then the visited and the pending space", () => {
    const young = w.newList();
    gc.collect(0); // young -> visited
    const a = w.newList();
    const b = w.newList();
    const pending = gc.get_objects(2).length - 1; // all but `young`, which is visited
    gc.set_debug(gc.DEBUG_STATS);
    w.logLines.length = 0;
    gc.collect(1);
    gc.set_debug(0);
    expect(w.logLines[0]).toBe("gc: collecting generation 1...");
    expect(w.logLines[1]).toBe(`gc: objects in each generation: 2 1 ${pending}`);
    expect(w.logLines[2]).toBe("gc: objects in permanent generation: 0");
    w.del(young, a, b);
  });

  it("checks generations and thresholds before changing anything", () => {
    expect(() => gc.collect(3)).toThrow(SizeError);
    expect(() => gc.collect(-1)).toThrow(SizeError);
    expect(() => gc.set_threshold(1.5)).toThrow(/threshold0/);
    expect(gc.get_threshold()).toEqual([2000, 10, 0]);
  });

  it("rejects bad roots with a typed error and keeps every object", () => {
    const l = w.newList();
    const bad = new IncrementalCollector({
      heap: w.heap,
      layout: w.layout,
      types: w.types,
      refcount: w.rc,
      allocateListHead: w.raw,
      roots: { forEachRoot: (visit) => visit(3) },
    });
    expect(() => bad.collect(1)).toThrow(InvalidPointerError);
    expect(w.isLive(l)).toBe(true);
  });
});

describe("the order in which increments visit the old spaces", () => {
  it("young survivors join the visited space; increments take pending objects oldest first, with what they reach; the spaces swap when pending is empty", () => {
    world({ initialWorkToDo: 0, thresholds: [2000, 2, 0] });
    gc.disable();
    // No roots are marked: the host's handles are the World's roots, so drop them from
    // the collector's view by holding everything through one list that is never visited.
    const keep: Address[] = [];
    for (let i = 0; i < 60; i++) keep.push(w.newList()); // heap of 60: 60 / 10 / 2 = 3 per increment
    const [a, b, c, d] = keep as [Address, Address, Address, Address];
    w.append(a, b); // a -> b: taking a takes b
    gc.collect(2); // everything in the visited space; scavenge ends: spaces swap
    expect(inc.visitedSpace).toBe(1);
    expect(inc.phase).toBe("mark");
    expect(keep.every((k) => inc.whereIs(k) === "pending")).toBe(true);
    expect(gc.get_objects(2).slice(0, 4)).toEqual([a, b, c, d]);

    gc.collect(1); // the mark increment: the World's roots are every list, all marked visited
    expect(inc.phase).toBe("collect");
    expect(keep.every((k) => inc.whereIs(k) === "visited")).toBe(true);
    expect(inc.workToDo).toBeLessThan(0); // 2 x 60 marked
    // The mark emptied the pending space, so the next increment ends the scavenge.
    gc.collect(1);
    expect(inc.scavenges).toBe(2);
    expect(inc.visitedSpace).toBe(0);
  });

  it("without roots, increments walk the pending space from its head", () => {
    world({ initialWorkToDo: 0, thresholds: [2000, 2, 0] });
    const plain = new IncrementalCollector({
      heap: w.heap,
      layout: w.layout,
      types: w.types,
      refcount: w.rc,
      allocateListHead: w.raw,
      initialWorkToDo: 0,
      thresholds: [2000, 2, 0],
    });
    w.rc.attachCollector(plain);
    plain.disable();
    const lists: Address[] = [];
    const track = (): Address => {
      const l = w.allocate(w.listId, w.types.get(w.listId).basicSize, 0);
      plain.onAllocate();
      plain.track(l);
      lists.push(l);
      return l;
    };
    for (let i = 0; i < 60; i++) track();
    // lists[0] -> lists[1] -> lists[2]: taking lists[0] takes the chain
    w.append(lists[0]!, lists[1]!);
    w.append(lists[1]!, lists[2]!);
    plain.collect(2); // all pending now; visited = 1
    expect(plain.visitedSpace).toBe(1);
    const visitedOrder = (): number[] =>
      lists.map((l, i) => (plain.whereIs(l) === "visited" ? i : -1)).filter((i) => i >= 0);
    plain.collect(1); // mark increment (no roots): nothing moves, work += 0
    expect(visitedOrder()).toEqual([]);
    // heap 60 (+ the world's own objects) -> per increment floor(heap / 10 / 2)
    const per = perIncrement(plain);
    plain.collect(1); // work = 0 < 1? no: 0 < 0 is false, nothing taken; work += per
    expect(visitedOrder()).toEqual([]);
    plain.collect(1); // work = per: lists[0] and its chain [1, 2], then 3, 4 ... while size < work
    const first = visitedOrder();
    expect(first.slice(0, 3)).toEqual([0, 1, 2]);
    expect(first).toEqual(Array.from({ length: first.length }, (_, i) => i));
    expect(first.length).toBe(Math.max(3, per));
    // the pending space is walked head to tail, increment after increment, until it swaps
    let prev = first.length;
    while (plain.scavenges === 1) {
      plain.collect(1);
      if (plain.scavenges > 1) break;
      const now = visitedOrder();
      expect(now).toEqual(Array.from({ length: now.length }, (_, i) => i));
      expect(now.length).toBeGreaterThanOrEqual(prev);
      prev = now.length;
    }
    expect(plain.visitedSpace).toBe(0);
    expect(lists.every((l) => plain.whereIs(l) === "pending")).toBe(true);
    expect(plain.getCount()).toEqual([0, 0, 0]);
  });
});

/** floor(heap_size / 10 / max(2, threshold1)): the objects an increment owes for the heap. */
function perIncrement(c: IncrementalCollector): number {
  return Math.trunc(Math.trunc(c.heapSize / 10) / Math.max(2, c.getThreshold()[1]!));
}
