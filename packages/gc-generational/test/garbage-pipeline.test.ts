// What happens to the unreachable set: weak references (ports of CPython 3.11's
// Lib/test/test_weakref.py cycle tests), legacy finalizers, PEP 442 finalizers and
// resurrection, clearing.
import type { Address } from "@pymem/core";
import { beforeEach, describe, expect, it } from "vitest";
import { boundMethod, newClass, newObject } from "./fixtures/python-model";
import { World } from "./fixtures/world";

let w: World;
let gc: World["gcm"];

beforeEach(() => {
  w = new World();
  gc = w.gcm;
  gc.disable();
  gc.collect();
});

describe("ReferencesTestCase (test_weakref.py)", () => {
  it("test_callback_in_cycle", () => {
    // I holds a strong reference to class J and a weakref to it whose callback reads I.J.
    // All three are trash: the weakref is cleared with its callback never running, so the
    // callback cannot see objects that clear already emptied.
    const J = newClass(w);
    const II = newClass(w);
    const I = newObject(w, II);
    w.setAttr(I, 2, J); // I.J = J
    let called = 0;
    const wr = w.weakref(J, () => {
      called++;
      w.getAttr(I, 2);
    });
    w.setAttr(I, 3, wr); // I.wr = ...
    w.del(wr, I, J, II);
    expect(gc.collect()).toBeGreaterThan(0);
    expect(called).toBe(0);
    expect(w.freed.has(I) && w.freed.has(J) && w.freed.has(wr)).toBe(true);
  });

  for (const name of ["test_callback_reachable_one_way", "test_callback_different_classes"]) {
    it(name, () => {
      // c2 reaches c1 but not vice versa; c2.wr (weakref to c1 with callback c2.cb) is trash.
      const C = newClass(w);
      const D = name === "test_callback_different_classes" ? newClass(w) : C;
      const c1 = newObject(w, D);
      const c2 = newObject(w, C);
      let called = 0;
      w.setAttr(c2, 0, c2); // c2.me = c2
      w.setAttr(c2, 2, c1); // c2.c1 = c1
      const wr = w.weakref(c1, () => called++);
      w.setAttr(c2, 3, wr); // c2.wr = weakref.ref(c1, c2.cb)
      w.del(wr, c1, c2, C);
      if (D !== C) w.del(D);
      gc.collect();
      expect(called).toBe(0);
      expect(w.freed.has(c1) && w.freed.has(c2)).toBe(true);
    });
  }

  it("test_callback_in_cycle_resurrection", () => {
    // Weakrefs that are part of the cyclic trash are cleared early, so their callbacks never
    // run; the weakref to C is held from outside, so its callback does run.
    const alist: string[] = [];
    const C = newClass(w);
    const c1 = newObject(w, C);
    const c2 = newObject(w, C);
    w.setAttr(c1, 2, c2); // c1.c = c2
    w.setAttr(c2, 2, c1); // c2.c = c1
    const acallback = (self: Address) => () => {
      alist.push("resurrected");
      w.hold(w.getAttr(self, 2));
    };
    const wr1 = w.weakref(c2, acallback(c1));
    w.setAttr(c1, 3, wr1);
    const wr2 = w.weakref(c1, acallback(c2));
    w.setAttr(c2, 3, wr2);
    w.del(wr1, wr2);
    const wr = w.weakref(C, () => alist.push("C went away"));
    w.del(c1, c2, C); // make them all trash
    expect(alist).toEqual([]); // del isn't enough to reclaim anything
    gc.collect();
    expect(alist).toEqual(["C went away"]);
    expect(w.deref(wr)).toBe(0);
    alist.length = 0;
    gc.collect();
    expect(alist).toEqual([]);
  });

  it("test_callbacks_on_callback", () => {
    const alist: string[] = [];
    const C = newClass(w);
    const c = newObject(w, C);
    const d = newObject(w, C);
    w.setAttr(c, 2, d); // c.other = d
    w.setAttr(d, 2, c); // d.other = c
    const callback = boundMethod(w, c); // callback = c.cb
    w.setAttr(c, 0, callback);
    const cwr = w.weakref(d, () => alist.push("cb called")); // this won't trigger
    w.setAttr(c, 3, cwr);
    const dwr = w.weakref(callback, () => alist.push("cb called")); // ditto
    w.setAttr(d, 3, dwr);
    const externalWr = w.weakref(callback, () => alist.push("safe_callback called")); // but this will
    expect(w.weakrefs.referent(externalWr)).toBe(callback);
    w.del(cwr, dwr, callback, c, d, C);
    expect(alist).toEqual([]); // del isn't enough to clean up cycles
    gc.collect();
    expect(alist).toEqual(["safe_callback called"]);
    expect(w.deref(externalWr)).toBe(0);
    alist.length = 0;
    gc.collect();
    expect(alist).toEqual([]);
  });
});

describe("handle_weakrefs", () => {
  it("counts a weakref freed when its callback drops the last reference to it", () => {
    // A reachable registry maps to a weakref; the callback removes it, so the reference the
    // collector held during the call was the last one: CPython adds it to `collected`.
    const registry = w.newList();
    const trash = w.newInstance(w.defineClass({ slots: 1 }));
    w.setAttr(trash, 0, trash);
    const wr = w.weakref(trash, () => {
      w.del(w.pop(registry));
    });
    w.append(registry, wr);
    w.del(wr, trash);
    expect(gc.collect()).toBe(2); // the instance, and the weakref freed by its callback
    expect(w.freed.has(wr)).toBe(true);
  });

  it("moves a surviving callback weakref into the next generation", () => {
    const trash = w.newInstance(w.defineClass({ slots: 1 }));
    w.setAttr(trash, 0, trash);
    let seen = -1;
    const wr = w.weakref(trash, (self) => {
      seen = w.weakrefs.referent(self);
    });
    w.del(trash);
    gc.collect(0);
    expect(seen).toBe(0);
    expect(gc.get_objects(1)).toContain(wr);
  });
});

describe("finalizers", () => {
  it("runs each PEP 442 finalizer once, before any clear, and collects the cycle", () => {
    const order: string[] = [];
    const F = w.defineClass({
      slots: 1,
      del: (self) => {
        // the partner has not been cleared yet
        order.push(`del ${w.getAttr(w.getAttr(self, 0), 0) === self}`);
      },
    });
    const a = w.newInstance(F);
    const b = w.newInstance(F);
    w.setAttr(a, 0, b);
    w.setAttr(b, 0, a);
    w.del(a, b);
    expect(gc.collect()).toBe(2);
    expect(order).toEqual(["del true", "del true"]);
    expect(w.freed.has(a) && w.freed.has(b)).toBe(true);
  });

  it("moves resurrected objects and what they reach to the older generation", () => {
    const storage = w.newList();
    const F = w.defineClass({ slots: 2, del: (self) => w.append(storage, self) });
    const f = w.newInstance(F);
    const cargo = w.newList();
    w.append(cargo, cargo);
    w.setAttr(f, 0, f);
    w.setAttr(f, 1, cargo);
    w.del(f, cargo);
    expect(gc.collect(0)).toBe(0);
    expect(gc.get_objects(1)).toEqual(expect.arrayContaining([f, cargo]));
    expect(gc.is_finalized(f)).toBe(true);
  });

  it("keeps objects reachable from a legacy finalizer uncollectable", () => {
    const Leg = w.defineClass({ slots: 1, legacy: true });
    const u = w.newInstance(Leg);
    const tail = w.newList();
    const other = w.newList();
    w.append(tail, u); // tail -> u -> tail: a cycle through a legacy finalizer
    w.setAttr(u, 0, tail);
    w.append(other, other);
    w.del(u, tail, other);
    let info = { collected: -1, uncollectable: -1 };
    gc.callbacks.push((phase, i) => {
      if (phase === "stop") info = i;
    });
    expect(gc.collect()).toBe(3);
    expect(info).toEqual({ generation: 2, collected: 1, uncollectable: 2 });
    // only the object with the legacy finalizer goes to gc.garbage
    expect(gc.garbage).toEqual([u]);
    expect(w.isLive(tail)).toBe(true);
    expect(w.freed.has(other)).toBe(true);
  });

  it("leaves objects without clear to the other members of their cycle", () => {
    const l = w.newList();
    const t = w.newTuple([l]);
    w.append(l, t);
    w.del(l, t);
    expect(gc.collect()).toBe(2);
    expect(w.freed.has(t) && w.freed.has(l)).toBe(true);
    expect(gc.get_objects()).not.toContain(t);
  });

  it("keeps a collected object alive while something outside still refers to it after clear", () => {
    // clear breaks the cycle, but the finalizer stored a new reference: the object was
    // resurrected and is not counted.
    const keep = w.newList();
    const F = w.defineClass({ slots: 1, del: (self) => w.append(keep, self) });
    const a = w.newInstance(F);
    const b = w.newList();
    w.setAttr(a, 0, b);
    w.append(b, a);
    w.del(a, b);
    expect(gc.collect()).toBe(0);
    expect(w.isLive(a) && w.isLive(b)).toBe(true);
    w.clearList(keep);
    expect(gc.collect()).toBe(2);
  });
});
