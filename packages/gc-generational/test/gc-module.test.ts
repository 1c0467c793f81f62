// The gc module facade: Python's names, shapes and argument rules over each collector.
import { SizeError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { COLLECTOR_KINDS } from "../src/index";
import { World } from "./fixtures/world";

describe("GcModule", () => {
  it("has Python's debug constants", () => {
    const gc = new World().gcm;
    expect([
      gc.DEBUG_STATS,
      gc.DEBUG_COLLECTABLE,
      gc.DEBUG_UNCOLLECTABLE,
      gc.DEBUG_SAVEALL,
      gc.DEBUG_LEAK,
    ]).toEqual([1, 2, 4, 32, 38]);
  });

  it("shares garbage and callbacks with the collector", () => {
    const w = new World();
    expect(w.gcm.garbage).toBe(w.gc.garbage);
    expect(w.gcm.callbacks).toBe(w.gc.callbacks);
  });

  it("enable / disable / isenabled", () => {
    const gc = new World().gcm;
    expect(gc.isenabled()).toBe(true);
    gc.disable();
    expect(gc.isenabled()).toBe(false);
    gc.enable();
    expect(gc.isenabled()).toBe(true);
  });

  it("get_referrers finds every tracked container referring to any argument", () => {
    const w = new World();
    const gc = w.gcm;
    const x = w.newInt(5);
    const y = w.newList();
    const a = w.newList([x]);
    const b = w.newTuple([y, x]);
    const c = w.newList();
    w.append(c, c);
    expect(gc.get_referrers(x).sort()).toEqual([a, b].sort());
    expect(gc.get_referrers(y)).toEqual([b]);
    expect(gc.get_referrers(c)).toEqual([c]);
    expect(gc.get_referrers(x, y, c).sort()).toEqual([a, b, c].sort());
    // frozen objects are not searched
    gc.freeze();
    expect(gc.get_referrers(x)).toEqual([]);
  });

  it("get_referents ignores atomic objects and rejects non-objects", () => {
    const w = new World();
    const x = w.newInt(1);
    expect(w.gcm.get_referents(x)).toEqual([]);
    expect(() => w.gcm.get_referents(0)).toThrow(/object address/);
  });

  for (const kind of COLLECTOR_KINDS) {
    it(`accepts generations 0..2 and rejects others (${kind})`, () => {
      const w = new World({ kind });
      const gc = w.gcm;
      for (const g of [0, 1, 2]) expect(gc.collect(g)).toBe(0);
      expect(() => gc.collect(3)).toThrow(SizeError);
      expect(() => gc.collect(-1)).toThrow(SizeError);
      const l = w.newList();
      w.append(l, l);
      w.del(l);
      expect(gc.collect()).toBe(kind === "none" ? 0 : 1);
      expect(gc.get_count().length).toBe(w.gc.generationCount);
      expect(gc.get_threshold().length).toBe(w.gc.generationCount);
    });
  }

  it("set_threshold and get_count", () => {
    const w = new World();
    const gc = w.gcm;
    gc.disable();
    gc.set_threshold(100, 5);
    expect(gc.get_threshold()).toEqual([100, 5, 10]);
    gc.collect();
    w.newList();
    w.newList();
    expect(gc.get_count()).toEqual([2, 0, 0]);
  });
});
