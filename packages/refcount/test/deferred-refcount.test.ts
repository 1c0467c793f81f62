import { HeapCorruptionError } from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DeferredRefcount } from "../src/deferred-refcount";
import type { RefcountOptions } from "../src/refcount-options";
import { World } from "./fixtures/world";
import { describeRefcountStrategy, operation, runRandomGraph } from "./refcount-strategy.suite";

const factory = (options: RefcountOptions) => new DeferredRefcount(options);

describeRefcountStrategy("DeferredRefcount", factory, { checked: true, deepChain: true, propertyRuns: 100 });
describeRefcountStrategy("DeferredRefcount", factory, { checked: false, deepChain: true, propertyRuns: 15 });

function deferred(w: World): DeferredRefcount {
  return w.rc as DeferredRefcount;
}

describe("DeferredRefcount specifics", () => {
  it("queues objects reaching zero and frees them at the flush", () => {
    const w = new World(factory, { log: true });
    const x = w.newFloat(0, "x");
    const l = w.newList([x], "l");
    w.rc.decref(x);
    w.rc.decref(l);
    expect(w.log).toEqual([]);
    expect(w.rc.refcount(l)).toBe(0);
    expect(deferred(w).queuedCount).toBe(1);
    expect(w.blocksInUse()).toBe(3);
    w.rc.flush();
    expect(w.log).toEqual(["dealloc:l", "dealloc:x"]);
    expect(deferred(w).queuedCount).toBe(0);
    expect(deferred(w).flushes).toBe(1);
    expect(w.blocksInUse()).toBe(0);
  });

  it("does not free an object incref'd again before the flush", () => {
    const w = new World(factory);
    const x = w.newFloat(3);
    w.rc.decref(x);
    expect(w.rc.refcount(x)).toBe(0);
    w.rc.incref(x);
    w.rc.flush();
    expect(w.rc.deallocations).toBe(0);
    expect(w.rc.refcount(x)).toBe(1);
    // Dropped again: queued again, freed once.
    w.rc.decref(x);
    w.rc.incref(x);
    w.rc.decref(x);
    expect(deferred(w).queuedCount).toBe(1);
    w.rc.flush();
    expect(w.rc.deallocations).toBe(1);
    expect(w.blocksInUse()).toBe(0);
  });

  it("frees in the order counts reached zero", () => {
    const w = new World(factory, { log: true });
    const xs = ["a", "b", "c", "d"].map((n) => w.newFloat(0, n));
    for (const i of [2, 0, 3, 1]) w.rc.decref(xs[i]!);
    w.rc.flush();
    expect(w.log).toEqual(["dealloc:c", "dealloc:a", "dealloc:d", "dealloc:b"]);
  });

  it("flushes automatically when the table would exceed queueLimit", () => {
    const w = new World(factory, { config: { queueLimit: 8 } });
    const xs = Array.from({ length: 20 }, () => w.newFloat());
    for (let i = 0; i < 8; i++) w.rc.decref(xs[i]!);
    expect(w.rc.deallocations).toBe(0);
    w.rc.decref(xs[8]!);
    expect(w.rc.deallocations).toBe(9);
    expect(deferred(w).queuedCount).toBe(0);
    for (let i = 9; i < 20; i++) w.rc.decref(xs[i]!);
    expect(deferred(w).flushes).toBe(2);
    w.rc.flush();
    expect(w.blocksInUse()).toBe(0);
  });

  it("raises when a queued object is decref'd again (count below zero)", () => {
    const w = new World(factory);
    const x = w.newFloat();
    w.rc.decref(x);
    const err = (() => {
      try {
        w.rc.decref(x);
      } catch (e) {
        return e as HeapCorruptionError;
      }
    })();
    expect(err).toBeInstanceOf(HeapCorruptionError);
    expect(err?.kind).toBe("refcount");
    w.rc.flush();
    expect(w.blocksInUse()).toBe(0);
  });

  it("deallocates what finalizers release during a flush at once, as the immediate strategy", () => {
    const w = new World(factory, { log: true });
    const other = w.newFloat(0, "other");
    const f = w.newInstance(w.ids.fin, [], "F");
    w.onFinalize = () => w.rc.decref(other);
    w.rc.decref(f);
    w.rc.flush();
    expect(w.log).toEqual(["fin:F", "dealloc:other", "dealloc:F"]);
    expect(deferred(w).queuedCount).toBe(0);
    expect(w.blocksInUse()).toBe(0);
  });

  it("ignores flush() called from inside a flush", () => {
    const w = new World(factory);
    const f = w.newInstance(w.ids.fin, []);
    let inner = -1;
    w.onFinalize = () => {
      w.rc.flush();
      inner = deferred(w).flushes;
    };
    w.rc.decref(f);
    w.rc.flush();
    expect(inner).toBe(1);
    expect(w.blocksInUse()).toBe(0);
  });

  it("calls no callback for a weakref queued for deallocation when its referent is flushed", () => {
    const w = new World(factory);
    const r = w.newInstance(w.ids.obj, []);
    let calls = 0;
    const wr = w.weakref(r, () => calls++);
    w.rc.decref(r);
    w.rc.decref(wr); // both queued, r first
    w.rc.flush();
    expect(calls).toBe(0);
    expect(w.blocksInUse()).toBe(0);
  });

  it("keeps counts exact between flushes and frees everything by the last one (property)", () => {
    fc.assert(
      fc.property(fc.array(operation, { minLength: 400, maxLength: 1600 }), (ops) => {
        const unraisable: unknown[] = [];
        const w = new World(factory, { config: { queueLimit: 16 }, onUnraisable: (e) => unraisable.push(e) });
        runRandomGraph(w, ops, { flushEveryStep: false });
        expect(unraisable).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
