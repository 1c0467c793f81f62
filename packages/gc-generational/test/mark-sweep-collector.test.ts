// The mark-and-sweep collector: reachability from the host's roots (the World's handles)
// and from frozen objects; the same finalizer / weakref / legacy / SAVEALL handling as the
// generational collector; automatic collection by threshold and growth.
import { type Address, ConfigurationError, InvalidPointerError } from "@pymem/core";
import { beforeEach, describe, expect, it } from "vitest";
import { MarkSweepCollector } from "../src/index";
import { World } from "./fixtures/world";

let w: World;
let gc: World["gcm"];

beforeEach(() => {
  w = new World({ kind: "mark-sweep" });
  gc = w.gcm;
  gc.disable();
});

describe("MarkSweepCollector", () => {
  it("has one generation and Python-compatible generation numbers", () => {
    expect(w.gc.name).toBe("mark-sweep");
    expect(w.gc.generationCount).toBe(1);
    expect(gc.get_threshold()).toEqual([700]);
    expect(gc.collect(0)).toBe(0);
    expect(gc.collect(2)).toBe(0);
    expect(gc.get_stats()).toEqual([{ collections: 2, collected: 0, uncollectable: 0 }]);
  });

  it("test_list: frees a cycle unreachable from the roots", () => {
    const l = w.newList();
    w.append(l, l);
    expect(gc.collect()).toBe(0);
    w.del(l);
    expect(gc.collect()).toBe(1);
    expect(w.freed.has(l)).toBe(true);
  });

  it("keeps everything reachable from a root, however deep", () => {
    const root = w.newList();
    let prev = root;
    const chain: Address[] = [];
    for (let i = 0; i < 50; i++) {
      const x = w.newList();
      w.append(prev, x);
      w.append(x, root); // back-edges: every node is in a cycle with the root
      w.del(x);
      chain.push(x);
      prev = x;
    }
    expect(gc.collect()).toBe(0);
    for (const x of chain) expect(w.isLive(x)).toBe(true);
    w.del(root);
    expect(gc.collect()).toBe(51);
    for (const x of chain) expect(w.freed.has(x)).toBe(true);
  });

  it("treats frozen objects as roots and never sweeps them", () => {
    const holder = w.newList();
    const inner = w.newList();
    w.append(holder, inner);
    w.append(holder, holder);
    w.del(inner);
    gc.freeze();
    w.del(holder); // only the frozen holder refers to inner now
    const late = w.newList();
    w.append(inner, late);
    w.del(late);
    expect(gc.collect()).toBe(0);
    expect(w.isLive(late)).toBe(true);
    gc.unfreeze();
    expect(gc.collect()).toBe(3);
  });

  it("test_saveall and legacy finalizers as in the generational collector", () => {
    const Leg = w.defineClass({ slots: 1, legacy: true });
    const u = w.newInstance(Leg);
    w.setAttr(u, 0, u);
    w.del(u);
    expect(gc.collect()).toBe(1);
    expect(gc.garbage).toEqual([u]);
    gc.set_debug(gc.DEBUG_SAVEALL);
    const l = w.newList();
    w.append(l, l);
    w.del(l);
    expect(gc.collect()).toBe(2); // u is garbage again (the garbage list is not a root here)
    expect(gc.garbage).toContain(l);
  });

  it("runs finalizers once and honours resurrection", () => {
    const storage = w.newList();
    let runs = 0;
    const Laz = w.defineClass({
      slots: 1,
      del: (self) => {
        runs++;
        w.append(storage, self);
      },
    });
    const laz = w.newInstance(Laz);
    w.setAttr(laz, 0, laz);
    w.del(laz);
    expect(gc.collect()).toBe(0);
    expect(runs).toBe(1);
    expect(gc.is_finalized(laz)).toBe(true);
    w.clearList(storage);
    expect(gc.collect()).toBe(1);
    expect(runs).toBe(1);
    expect(w.freed.has(laz)).toBe(true);
  });

  it("clears weakrefs to swept objects and calls callbacks of surviving weakrefs", () => {
    const C = w.defineClass({ slots: 1 });
    const c = w.newInstance(C);
    w.setAttr(c, 0, c);
    const calls: Address[] = [];
    const wr = w.weakref(c, (self) => calls.push(w.weakrefs.referent(self)));
    w.del(c);
    expect(gc.collect()).toBe(1);
    expect(calls).toEqual([0]);
    expect(w.deref(wr)).toBe(0);
  });

  it("never clears an object the roots missed while something outside still holds it", () => {
    // The host holds `hidden` but forgets to report it as a root.
    const hidden = w.newList();
    const inner = w.newList();
    w.append(hidden, inner);
    w.append(inner, hidden);
    w.del(inner);
    w.handles.delete(hidden); // the reference count stays: a forgotten root
    expect(gc.collect()).toBe(0);
    expect(w.listItems(hidden)).toEqual([inner]);
    expect(w.listItems(inner)).toEqual([hidden]);
    w.rc.decref(hidden);
    expect(gc.collect()).toBe(2);
  });

  it("collects automatically past the threshold and the growth ratio", () => {
    const v = new World({ kind: "mark-sweep", threshold: 10 });
    const starts: number[] = [];
    v.gc.callbacks.push((phase) => {
      if (phase === "start") starts.push(v.gc.getStats()[0]!.collections);
    });
    const keep: Address[] = [];
    for (let i = 0; i < 10; i++) keep.push(v.newList());
    expect(starts.length).toBe(0);
    keep.push(v.newList());
    expect(starts.length).toBe(1);
    // the 11th list triggered the collection from its allocation, before it was tracked
    expect((v.gc as MarkSweepCollector).survivedLastCollection).toBe(10);
    // 10 survivors * 0.25 < 11 allocations: the next one runs after 11 more allocations
    for (let i = 0; i < 10; i++) keep.push(v.newList());
    expect(starts.length).toBe(1);
    keep.push(v.newList());
    expect(starts.length).toBe(2);
    // with many survivors the growth rule holds collections back: after a collection that
    // left S survivors, the next one waits for more than S / 4 allocations
    for (let i = 0; i < 200; i++) keep.push(v.newList());
    v.gc.collect();
    const survivors = (v.gc as MarkSweepCollector).survivedLastCollection;
    expect(survivors).toBe(keep.length);
    const before = starts.length;
    for (let i = 0; i < Math.floor(survivors / 4); i++) keep.push(v.newList());
    expect(starts.length).toBe(before);
    keep.push(v.newList());
    expect(starts.length).toBe(before + 1);
  });

  it("rejects a bad root, repairing its lists", () => {
    const l = w.newList();
    const bad = new MarkSweepCollector({
      heap: w.heap,
      layout: w.layout,
      types: w.types,
      refcount: w.rc,
      allocateListHead: w.raw,
      roots: { forEachRoot: (visit) => visit(3) },
    });
    w.gc.untrack(l);
    bad.track(l);
    expect(() => bad.collect()).toThrow(InvalidPointerError);
    expect(bad.getObjects()).toEqual([l]);
    expect(bad.isTracked(l)).toBe(true);
    expect(bad.collect.bind(bad)).toThrow(/a root/);
  });

  it("rejects missing roots and bad tunables", () => {
    const base = { heap: w.heap, layout: w.layout, types: w.types, refcount: w.rc, allocateListHead: w.raw };
    expect(() => new MarkSweepCollector({ ...base, roots: undefined as never })).toThrow(ConfigurationError);
    const roots = { forEachRoot: () => {} };
    expect(() => new MarkSweepCollector({ ...base, roots, growth: -1 })).toThrow(/growth/);
    expect(() => new MarkSweepCollector({ ...base, roots, threshold: 1.5 })).toThrow(/thresholds\[0\]/);
  });
});
