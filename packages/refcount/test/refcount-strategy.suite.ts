/**
 * The behaviour every reference-counting strategy must show, run against each strategy by
 * `describeRefcountStrategy(name, factory)`. A strategy may defer deallocation until
 * `flush()`: the suite calls it wherever it expects objects to be gone.
 */
import {
  type Address,
  type Decref,
  HeapCorruptionError,
  IMMORTAL_REFCOUNT,
  InvalidPointerError,
  LAYOUT_COMPACT,
  type ObjectLayout,
} from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_MORTAL_REFCOUNT } from "../src/base-refcount";
import { instanceType } from "./fixtures/instance-type";
import { listFields } from "./fixtures/list-type";
import { Namespace } from "./fixtures/namespace";
import { type StrategyFactory, World, type WorldOptions } from "./fixtures/world";

export interface SuiteOptions {
  /** Run the strategy in checked mode (else fast mode). */
  checked: boolean;
  /** fast-check runs of the random-graph property (each run is a sequence of 400 to 1,600 steps). */
  propertyRuns?: number;
  /** Run the 1,000,000-deep chain test. */
  deepChain?: boolean;
}

/** Index of the first byte where `a` and `b` differ, or -1 when they are equal (fast for whole heaps). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Labels of the objects `obj` releases, in its type's release order (the fixtures' dealloc order). */
function releaseOrder(w: World, obj: Address): Address[] {
  const typeId = w.mem.headers.typeId(obj);
  if (typeId === w.ids.list) {
    const items = w.mem.word(obj, listFields(w.mem).itemsOffset);
    const out: Address[] = [];
    for (let i = w.mem.headers.size(obj) - 1; i >= 0; i--) {
      const x = w.mem.headers.readWord(items + i * w.layout.wordSize);
      if (x !== 0) out.push(x);
    }
    return out;
  }
  if (typeId === w.ids.float || typeId === w.weakrefs.typeId) return [];
  const n = typeId === w.ids.node ? 1 : typeId === w.ids.obj ? 4 : 2;
  const out: Address[] = [];
  for (let i = 0; i < n; i++) {
    const x = w.slot(obj, i);
    if (x !== 0) out.push(x);
  }
  return out;
}

export function describeRefcountStrategy(name: string, factory: StrategyFactory, suite: SuiteOptions): void {
  const { checked } = suite;
  const world = (options: WorldOptions = {}) => new World(factory, { checked, ...options });

  describe(`${name} (${checked ? "checked" : "fast"})`, () => {
    describe("counting", () => {
      it("reproduces the reference-counting example: getrefcount gives 2, 3, 4, 3, 2", () => {
        const w = world();
        const ns = new Namespace(w.rc);
        const one = w.newFloat(1);
        const two = w.newFloat(2);
        const three = w.newFloat(3);
        ns.bindNew("a", w.newList([one, two, three]));
        for (const x of [one, two, three]) w.rc.decref(x);
        const seen = [w.getrefcount(ns.get("a"))];
        ns.assign("b", "a");
        seen.push(w.getrefcount(ns.get("a")));
        ns.assign("c", "a");
        seen.push(w.getrefcount(ns.get("a")));
        ns.del("b");
        seen.push(w.getrefcount(ns.get("a")));
        ns.del("c");
        seen.push(w.getrefcount(ns.get("a")));
        expect(seen).toEqual([2, 3, 4, 3, 2]);
        ns.del("a");
        w.rc.flush();
        expect(w.rc.deallocations).toBe(4);
        expect(w.bytesInUse()).toBe(0);
        expect(w.blocksInUse()).toBe(0);
      });

      it("counts increfs and decrefs exactly and deallocates at zero", () => {
        const w = world();
        const x = w.newFloat(1.5);
        expect(w.rc.refcount(x)).toBe(1);
        for (let i = 0; i < 10; i++) w.rc.incref(x);
        expect(w.rc.refcount(x)).toBe(11);
        for (let i = 0; i < 10; i++) w.rc.decref(x);
        expect(w.rc.refcount(x)).toBe(1);
        expect(w.rc.deallocations).toBe(0);
        w.rc.decref(x);
        w.rc.flush();
        expect(w.rc.deallocations).toBe(1);
        expect(w.blocksInUse()).toBe(0);
      });

      it("untracks containers and tells the collector, but not for plain objects", () => {
        const w = world();
        const f = w.newFloat();
        const l = w.newList([f]);
        w.rc.decref(f);
        expect(w.trackedCount()).toBe(1);
        w.rc.decref(l);
        w.rc.flush();
        expect(w.trackedCount()).toBe(0);
        expect(w.containerDeallocations).toBe(1);
        expect(w.rc.deallocations).toBe(2);
      });

      it("keeps a shared object alive until its last holder dies", () => {
        const w = world({ log: true });
        const x = w.newFloat(0, "x");
        const l1 = w.newList([x], "l1");
        const l2 = w.newList([x], "l2");
        w.rc.decref(x);
        expect(w.rc.refcount(x)).toBe(2);
        w.rc.decref(l1);
        w.rc.flush();
        expect(w.log).toEqual(["dealloc:l1"]);
        expect(w.rc.refcount(x)).toBe(1);
        w.rc.decref(l2);
        w.rc.flush();
        expect(w.log).toEqual(["dealloc:l1", "dealloc:l2", "dealloc:x"]);
      });

      it("works in the compact layout too", () => {
        const layout: ObjectLayout = LAYOUT_COMPACT;
        const w = world({ layout, log: true });
        const a = w.newFloat(1, "a");
        const o = w.newInstance(w.ids.obj, [a, a], "o");
        w.rc.decref(a);
        expect(w.rc.refcount(a)).toBe(2);
        const wr = w.weakref(o, undefined, "wr");
        expect(w.weakrefs.type.sizeOf(wr)).toBe(40);
        w.rc.decref(o);
        w.rc.flush();
        expect(w.log).toEqual(["dealloc:o", "dealloc:a"]);
        expect(w.weakrefs.referent(wr)).toBe(0);
        w.rc.decref(wr);
        w.rc.flush();
        expect(w.blocksInUse()).toBe(0);
      });
    });

    describe("destruction order", () => {
      it("is depth first, each object's referents in the order its dealloc releases them", () => {
        const w = world({ log: true });
        const a1 = w.newFloat(0, "a1");
        const a2 = w.newFloat(0, "a2");
        const A = w.newInstance(w.ids.obj, [a1, a2], "A");
        const b1 = w.newFloat(0, "b1");
        const b2 = w.newFloat(0, "b2");
        const B = w.newList([b1, b2], "B");
        const C = w.newFloat(0, "C");
        const L = w.newList([A, B, C], "L");
        for (const x of [a1, a2, A, b1, b2, B, C]) w.rc.decref(x);
        w.rc.decref(L);
        w.rc.flush();
        // list_dealloc releases items last to first; instances release slots first to last.
        expect(w.log).toEqual([
          "dealloc:L",
          "dealloc:C",
          "dealloc:B",
          "dealloc:b2",
          "dealloc:b1",
          "dealloc:A",
          "dealloc:a1",
          "dealloc:a2",
        ]);
        expect(w.blocksInUse()).toBe(0);
      });

      it("applies a dealloc's releases at once until one reaches zero, the later ones after its deallocation", () => {
        const w = world({ log: true });
        const seen: number[] = [];
        const probe = w.types.register({
          ...instanceType(w.mem, { name: "Probe", slotCount: 3 }),
          dealloc(obj: Address, decref: Decref): void {
            const a = w.slot(obj, 0);
            const b = w.slot(obj, 1);
            const c = w.slot(obj, 2);
            decref(a); // still held elsewhere: decremented now, as Py_DECREF does
            seen.push(w.rc.refcount(a));
            decref(b); // reaches zero: waits (count unchanged) until this dealloc returns
            seen.push(w.rc.refcount(b));
            decref(c); // released after b: decremented once b's deallocation is done
            seen.push(w.rc.refcount(c));
            w.mem.release(obj);
          },
        });
        const a = w.newFloat(0, "a");
        const b = w.newInstance(w.ids.fin, [], "b");
        const c = w.newFloat(0, "c");
        const p = w.newInstance(probe, [a, b, c], "p");
        w.rc.decref(b);
        let cDuringB = -1;
        w.onFinalize = () => {
          cDuringB = w.rc.refcount(c);
        };
        w.rc.decref(p);
        w.rc.flush();
        expect(seen).toEqual([1, 1, 2]);
        expect(cDuringB).toBe(2); // recursion finalizes b inside decref(b), before decref(c)
        expect(w.log).toEqual(["fin:b", "dealloc:b"]);
        expect(w.rc.refcount(a)).toBe(1);
        expect(w.rc.refcount(c)).toBe(1);
        w.rc.decref(a);
        w.rc.decref(c);
        w.rc.flush();
        expect(w.blocksInUse()).toBe(0);
      });

      it("equals recursive deallocation on random shared graphs", () => {
        fc.assert(
          fc.property(
            fc.array(fc.tuple(fc.nat(3), fc.array(fc.nat(), { maxLength: 4 })), {
              minLength: 1,
              maxLength: 40,
            }),
            fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
            (specs, rootPicks) => {
              const w = world({ log: true });
              const objs: Address[] = [];
              specs.forEach(([kind, picks], k) => {
                const refs = objs.length === 0 ? [] : picks.map((p) => objs[p % objs.length]!);
                const label = `o${k}`;
                let o: Address;
                if (kind === 0 || refs.length === 0) o = w.newFloat(k, label);
                else if (kind === 1) o = w.newList(refs, label);
                else if (kind === 2) o = w.newInstance(w.ids.obj, refs, label);
                else o = w.newInstance(w.ids.node, refs.slice(0, 1), label);
                objs.push(o);
              });
              // Roots: a namespace holding some objects; everything else only reachable from them.
              const ns = new Namespace(w.rc);
              rootPicks.forEach((p, r) => {
                w.rc.incref(objs[p % objs.length]!);
                ns.bindNew(`r${r}`, objs[p % objs.length]!);
              });
              for (const o of objs) w.rc.decref(o);
              w.rc.flush();
              // Model: recursive release over the heap graph as it is now.
              const counts = new Map<Address, number>();
              const live = new Set<Address>();
              for (const o of objs) {
                if (w.log.includes(`dealloc:${w.labels.get(o)}`)) continue;
                live.add(o);
                counts.set(o, w.rc.refcount(o));
              }
              const children = new Map<Address, Address[]>();
              for (const o of live) children.set(o, releaseOrder(w, o));
              const expected: string[] = [];
              const release = (o: Address): void => {
                const n = counts.get(o)! - 1;
                counts.set(o, n);
                if (n > 0) return;
                expected.push(`dealloc:${w.labels.get(o)}`);
                for (const c of children.get(o)!) release(c);
              };
              w.log.length = 0;
              for (const r of ns.names()) {
                release(ns.get(r));
                ns.del(r);
                w.rc.flush();
                expect(w.log).toEqual(expected);
              }
              expect(w.blocksInUse()).toBe(0);
            },
          ),
          { numRuns: 60 },
        );
      });
    });

    describe("finalizers (PEP 442)", () => {
      it("runs the finalizer once, before weakref callbacks and dealloc, with a temporary reference", () => {
        const w = world({ log: true });
        const f = w.newInstance(w.ids.fin, [], "F");
        let countInside = -1;
        w.onFinalize = (obj) => {
          countInside = w.rc.refcount(obj);
        };
        const wr = w.weakref(f, () => w.log.push("cb"), "wr");
        w.rc.decref(f);
        w.rc.flush();
        expect(countInside).toBe(1);
        expect(w.log).toEqual(["fin:F", "cb", "dealloc:F"]);
        expect(w.rc.stats().finalizations).toBe(1);
        w.rc.decref(wr);
        w.rc.flush();
        expect(w.blocksInUse()).toBe(0);
      });

      it("lets the finalizer resurrect the object, which is later freed without a second call", () => {
        const w = world({ log: true });
        const ns = new Namespace(w.rc);
        const child = w.newFloat(0, "child");
        ns.bindNew("f", w.newInstance(w.ids.fin, [child], "F"));
        w.rc.decref(child);
        const f = ns.get("f");
        w.onFinalize = (obj) => {
          w.rc.incref(obj);
          ns.bindNew("saved", obj); // resurrected: a global refers to it again
        };
        ns.del("f");
        w.rc.flush();
        expect(w.log).toEqual(["fin:F"]);
        expect(w.rc.refcount(f)).toBe(1);
        expect(w.mem.gc.isFinalized(f)).toBe(true);
        expect(w.mem.gc.isTracked(f)).toBe(true);
        expect(w.rc.stats().resurrections).toBe(1);
        expect(w.rc.refcount(child)).toBe(1);
        ns.del("saved");
        w.rc.flush();
        expect(w.log).toEqual(["fin:F", "dealloc:F", "dealloc:child"]);
        expect(w.rc.stats().finalizations).toBe(1);
        expect(w.blocksInUse()).toBe(0);
      });

      it("deallocates what a finalizer releases before the object's own referents, as recursion does", () => {
        const w = world({ log: true });
        const ns = new Namespace(w.rc);
        const y1 = w.newFloat(0, "y1");
        ns.bindNew("y", w.newInstance(w.ids.obj, [y1], "y"));
        w.rc.decref(y1);
        const a = w.newFloat(0, "a");
        const b = w.newFloat(0, "b");
        const f = w.newInstance(w.ids.fin, [a, b], "F");
        w.rc.decref(a);
        w.rc.decref(b);
        let countOfF = -1;
        w.onFinalize = (obj) => {
          ns.del("y");
          countOfF = w.rc.refcount(obj);
        };
        w.rc.decref(f);
        w.rc.flush();
        expect(countOfF).toBe(1);
        expect(w.log).toEqual(["fin:F", "dealloc:y", "dealloc:y1", "dealloc:F", "dealloc:a", "dealloc:b"]);
        expect(w.blocksInUse()).toBe(0);
      });

      it("reports a failing finalizer instead of throwing, and still frees the object", () => {
        const reports: string[] = [];
        const w = world({
          onUnraisable: (error, where) => reports.push(`${where}: ${(error as Error).message}`),
        });
        const f = w.newInstance(w.ids.fin, [], "F");
        w.onFinalize = () => {
          throw new Error("boom");
        };
        w.rc.decref(f);
        w.rc.flush();
        expect(reports).toHaveLength(1);
        expect(reports[0]).toMatch(/^<finalizer of Finalizable object at 0x[0-9a-f]{8}>: boom$/);
        expect(w.blocksInUse()).toBe(0);
      });
    });

    describe("weak references", () => {
      it("calls the callback with the weakref, whose referent then reads as dead", () => {
        const w = world();
        const r = w.newInstance(w.ids.obj, [], "R");
        const seen: Address[] = [];
        let referentInside = -1;
        const wr = w.weakref(r, (ref) => {
          seen.push(ref);
          referentInside = w.weakrefs.referent(ref);
        });
        expect(w.weakrefs.referent(wr)).toBe(r);
        expect(w.weakrefs.count(r)).toBe(1);
        w.rc.decref(r);
        w.rc.flush();
        expect(seen).toEqual([wr]);
        expect(referentInside).toBe(0);
        expect(w.weakrefs.referent(wr)).toBe(0);
        expect(w.rc.refcount(wr)).toBe(1);
        expect(w.weakrefs.callbackCount).toBe(0);
        w.rc.decref(wr);
        w.rc.flush();
        expect(w.blocksInUse()).toBe(0);
      });

      it("calls callbacks newest first, deallocating what each one releases before the next", () => {
        const w = world({ log: true });
        const ns = new Namespace(w.rc);
        ns.bindNew("z", w.newFloat(0, "z"));
        const r = w.newInstance(w.ids.obj, [], "R");
        const basic = w.weakref(r, undefined, "w0");
        const w1 = w.weakref(r, () => w.log.push("cb:w1"), "w1");
        const w2 = w.weakref(
          r,
          () => {
            w.log.push("cb:w2");
            ns.del("z");
          },
          "w2",
        );
        expect(w.weakrefs.weakrefsTo(r)).toEqual([basic, w2, w1]);
        w.rc.decref(r);
        w.rc.flush();
        expect(w.log).toEqual(["cb:w2", "dealloc:z", "cb:w1", "dealloc:R"]);
        for (const x of [basic, w1, w2]) w.rc.decref(x);
        w.rc.flush();
        expect(w.blocksInUse()).toBe(0);
      });

      it("shares the callback-less weak reference, as weakref.ref(x) is weakref.ref(x)", () => {
        const w = world();
        const r = w.newInstance(w.ids.obj, []);
        const a = w.weakref(r);
        const b = w.weakref(r);
        expect(b).toBe(a);
        expect(w.rc.refcount(a)).toBe(2);
        const c = w.weakref(r, () => {});
        expect(c).not.toBe(a);
        expect(w.weakrefs.count(r)).toBe(2);
        w.rc.decref(r);
        w.rc.flush();
        for (const x of [a, b, c]) w.rc.decref(x);
        w.rc.flush();
        expect(w.blocksInUse()).toBe(0);
      });

      it("calls no callback for a weakref that died before its referent", () => {
        const w = world();
        const r = w.newInstance(w.ids.obj, []);
        let calls = 0;
        const wr = w.weakref(r, () => calls++);
        w.rc.decref(wr);
        w.rc.flush();
        expect(w.weakrefs.count(r)).toBe(0);
        w.rc.decref(r);
        w.rc.flush();
        expect(calls).toBe(0);
        expect(w.weakrefs.callbackCount).toBe(0);
        expect(w.blocksInUse()).toBe(0);
      });

      it("calls no callback for a weakref released with its referent, before it", () => {
        const w = world();
        const r = w.newInstance(w.ids.obj, []);
        let calls = 0;
        const wr = w.weakref(r, () => calls++);
        const holder = w.newInstance(w.ids.obj, [wr, r]);
        w.rc.decref(wr);
        w.rc.decref(r);
        w.rc.decref(holder);
        w.rc.flush();
        expect(calls).toBe(0);
        expect(w.blocksInUse()).toBe(0);
      });

      it("still calls the callback of a weakref its dying holder releases after the referent", () => {
        const w = world();
        const r = w.newInstance(w.ids.obj, []);
        const calls: number[] = [];
        const wr = w.weakref(r, (ref) => calls.push(w.rc.refcount(ref)));
        const holder = w.newInstance(w.ids.obj, [r, wr]);
        w.rc.decref(wr);
        w.rc.decref(r);
        w.rc.decref(holder);
        w.rc.flush();
        // The holder still owns its reference to wr when r dies (plus the +1 held during the call).
        expect(calls).toEqual([2]);
        expect(w.blocksInUse()).toBe(0);
      });

      it("reports a failing callback and goes on", () => {
        const errors: unknown[] = [];
        const w = world({ onCallbackError: (e) => errors.push(e) });
        const r = w.newInstance(w.ids.obj, []);
        let second = 0;
        const w1 = w.weakref(r, () => second++);
        const w2 = w.weakref(r, () => {
          throw new Error("callback failed");
        });
        w.rc.decref(r);
        w.rc.flush();
        expect(errors).toHaveLength(1);
        expect(second).toBe(1);
        w.rc.decref(w1);
        w.rc.decref(w2);
        w.rc.flush();
        expect(w.blocksInUse()).toBe(0);
      });
    });

    describe("immortal objects (PEP 683)", () => {
      it("never change their count and are never freed", () => {
        const w = world();
        const x = w.newFloat(7);
        w.rc.makeImmortal(x);
        expect(w.rc.isImmortal(x)).toBe(true);
        expect(w.rc.refcount(x)).toBe(IMMORTAL_REFCOUNT);
        for (let i = 0; i < 5; i++) w.rc.incref(x);
        for (let i = 0; i < 20; i++) w.rc.decref(x);
        const l = w.newList([x, x]);
        w.rc.decref(l);
        w.rc.flush();
        expect(w.rc.refcount(x)).toBe(IMMORTAL_REFCOUNT);
        expect(w.mem.headers.refcount(x)).toBe(IMMORTAL_REFCOUNT);
        expect(w.rc.deallocations).toBe(1);
        expect(w.heap.f64[(x + w.layout.headerSize) >>> 3]).toBe(7);
      });

      it("are what a count reaching 2**31 becomes", () => {
        const w = world();
        const x = w.newFloat();
        w.mem.headers.setRefcount(x, MAX_MORTAL_REFCOUNT - 1);
        w.rc.incref(x);
        expect(w.rc.isImmortal(x)).toBe(false);
        expect(w.rc.refcount(x)).toBe(MAX_MORTAL_REFCOUNT);
        w.rc.incref(x);
        expect(w.rc.isImmortal(x)).toBe(true);
        expect(w.rc.refcount(x)).toBe(IMMORTAL_REFCOUNT);
      });
    });

    describe("misuse", () => {
      it("rejects NULL everywhere", () => {
        const w = world();
        expect(() => w.rc.incref(0)).toThrow(InvalidPointerError);
        expect(() => w.rc.decref(0)).toThrow(InvalidPointerError);
        expect(() => w.rc.refcount(0)).toThrow(InvalidPointerError);
        expect(() => w.rc.makeImmortal(0)).toThrow(InvalidPointerError);
        expect(() => w.rc.isImmortal(0)).toThrow(InvalidPointerError);
      });

      it("raises when a count would go below zero, writing nothing", () => {
        const w = world();
        const x = w.newFloat();
        w.mem.headers.setRefcount(x, 0); // a corrupted count
        const before = w.raw.stats().bytesInUse;
        const err = (() => {
          try {
            w.rc.decref(x);
          } catch (e) {
            return e;
          }
        })();
        expect(err).toBeInstanceOf(HeapCorruptionError);
        expect((err as HeapCorruptionError).kind).toBe("refcount");
        expect((err as HeapCorruptionError).address).toBe(x);
        expect(w.mem.headers.refcount(x)).toBe(0);
        expect(w.raw.stats().bytesInUse).toBe(before);
      });

      it("raises for an unregistered type id when a count reaches zero, writing nothing", () => {
        const w = world();
        const x = w.newFloat();
        const typeId = w.mem.headers.typeId(x);
        w.mem.headers.setTypeId(x, 999);
        expect(() => w.rc.decref(x)).toThrow(HeapCorruptionError);
        expect(w.mem.headers.refcount(x)).toBe(1);
        w.mem.headers.setTypeId(x, typeId);
        w.rc.decref(x);
        w.rc.flush();
        expect(w.blocksInUse()).toBe(0);
      });

      it("raises for incref, decref, refcount and makeImmortal of a freed object, writing nothing", () => {
        const w = world();
        const x = w.newFloat();
        const y = w.newInstance(w.ids.obj, []);
        w.rc.decref(x);
        w.rc.decref(y);
        w.rc.flush();
        const bytes = w.raw.stats().bytesInUse;
        const image = w.heap.u8.slice();
        for (const dead of [x, y]) {
          expect(() => w.rc.decref(dead)).toThrow(InvalidPointerError);
          expect(() => w.rc.incref(dead)).toThrow(InvalidPointerError);
          expect(() => w.rc.refcount(dead)).toThrow(InvalidPointerError);
          expect(() => w.rc.makeImmortal(dead)).toThrow(InvalidPointerError);
          expect(() => w.rc.isImmortal(dead)).toThrow(InvalidPointerError);
          expect(() => w.rc.incref(dead + 8)).toThrow(InvalidPointerError);
          expect(() => w.weakref(dead)).toThrow(InvalidPointerError);
        }
        expect(firstDifference(w.heap.u8, image)).toBe(-1);
        expect(w.raw.stats().bytesInUse).toBe(bytes);
        expect(w.rc.deallocations).toBe(2);
      });

      it("never writes into blocks the allocator took back: its free lists stay intact", () => {
        // Freed blocks are threaded through their first words (TLSF: next/prev free), which
        // are the count words of plain objects. A strategy that wrote a dangling count would
        // corrupt the allocator's free lists, and a later malloc would return a bad address.
        const w = world();
        const keep: Address[] = [];
        const dead: Address[] = [];
        for (let i = 0; i < 16; i++) {
          const x = i % 2 === 0 ? w.newFloat(i) : w.newInstance(w.ids.node, []);
          (i % 4 < 2 ? dead : keep).push(x);
        }
        for (const x of dead) w.rc.decref(x);
        w.rc.flush();
        const image = w.heap.u8.slice();
        for (const x of dead) {
          for (const op of [w.rc.incref, w.rc.decref, w.rc.makeImmortal]) {
            expect(() => op.call(w.rc, x)).toThrow(InvalidPointerError);
          }
        }
        expect(firstDifference(w.heap.u8, image)).toBe(-1);
        w.raw.check();
        const again = [w.raw.malloc(24), w.raw.malloc(24), w.newFloat(), w.newInstance(w.ids.node, [])];
        for (const p of again) expect(p % 16 === 0 || p % 16 === w.layout.gcHeaderSize % 16).toBe(true);
        w.raw.check();
        for (const x of keep) w.rc.decref(x);
        w.rc.flush();
      });

      it.runIf(checked)("raises for interior and foreign addresses, and for addresses never noted", () => {
        const w = world();
        const x = w.newInstance(w.ids.obj, []);
        expect(() => w.rc.incref(x + 8)).toThrow(InvalidPointerError);
        expect(() => w.rc.incref(x + 3)).toThrow(
          /invalid pointer 0x[0-9a-f]+: expected a live object for incref/,
        );
        expect(() => w.rc.decref(w.heap.byteLength + 64)).toThrow(InvalidPointerError);
        expect(() => w.rc.incref(-8)).toThrow(InvalidPointerError);
        expect(() => w.rc.incref(Number.NaN)).toThrow(InvalidPointerError);
        const raw = w.raw.malloc(64);
        expect(() => w.rc.decref(raw)).toThrow(InvalidPointerError);
        expect(w.rc.refcount(x)).toBe(1);
      });

      it.runIf(checked)("validates noteAllocated", () => {
        const w = world();
        const x = w.newFloat();
        expect(() => w.rc.noteAllocated(x)).toThrow(/already recorded/);
        expect(() => w.rc.noteAllocated(0)).toThrow(InvalidPointerError);
        expect(() => w.rc.noteAllocated(x + 4)).toThrow(InvalidPointerError);
        const raw = w.raw.malloc(64);
        w.heap.u8.fill(0, raw, raw + 64);
        expect(() => w.rc.noteAllocated(raw)).toThrow(/not registered/);
        expect(w.rc.isLive(raw)).toBe(false);
        expect(w.rc.isLive(x)).toBe(true);
      });

      it.runIf(!checked)("records fresh objects without reading their headers in fast mode", () => {
        const w = world();
        const x = w.newFloat();
        expect(w.rc.isLive(x)).toBe(true);
        expect(() => w.rc.decref(x + 4)).toThrow(InvalidPointerError);
        expect(() => w.rc.noteAllocated(x)).toThrow(/already recorded/);
        const raw = w.raw.malloc(64);
        w.heap.u8.fill(0, raw, raw + 64); // type id 0: only checked mode reads it
        w.rc.noteAllocated(raw);
        expect(w.rc.isLive(raw)).toBe(true);
        expect(w.rc.refcount(x)).toBe(1);
      });
    });

    describe.runIf(suite.deepChain ?? false)("deep structures", () => {
      it("frees a 1,000,000-deep chain of nested containers without recursion", () => {
        const w = world();
        const depth = 1_000_000;
        let head = w.newInstance(w.ids.node, []);
        for (let i = 1; i < depth; i++) {
          const next = w.newInstance(w.ids.node, [head]);
          w.rc.decref(head);
          head = next;
        }
        expect(w.trackedCount()).toBe(depth);
        w.rc.decref(head);
        w.rc.flush();
        expect(w.rc.deallocations).toBe(depth);
        expect(w.containerDeallocations).toBe(depth);
        expect(w.blocksInUse()).toBe(0);
        expect(w.trackedCount()).toBe(0);
        expect(w.rc.pendingCount).toBe(0);
      });

      it("frees a list of 200,000 items and a 100,000-deep chain of single-item lists", () => {
        const w = world();
        const items: Address[] = [];
        for (let i = 0; i < 200_000; i++) items.push(w.newFloat(i));
        const big = w.newList(items);
        for (const x of items) w.rc.decref(x);
        let chain = w.newList([big]);
        w.rc.decref(big);
        for (let i = 1; i < 100_000; i++) {
          const next = w.newList([chain]);
          w.rc.decref(chain);
          chain = next;
        }
        w.rc.decref(chain);
        w.rc.flush();
        expect(w.rc.deallocations).toBe(300_001);
        expect(w.blocksInUse()).toBe(0);
      });
    });

    describe("random acyclic graphs (property)", () => {
      it("track the model's counts after every step and leave the heap as it started", () => {
        fc.assert(
          fc.property(fc.array(operation, { minLength: 400, maxLength: 1600 }), (ops) => {
            const unraisable: unknown[] = [];
            const w = world({ onUnraisable: (error) => unraisable.push(error) });
            runRandomGraph(w, ops);
            expect(unraisable).toEqual([]);
          }),
          { numRuns: suite.propertyRuns ?? 40 },
        );
      });

      it("do the same in the compact layout", () => {
        fc.assert(
          fc.property(fc.array(operation, { minLength: 400, maxLength: 1600 }), (ops) => {
            const unraisable: unknown[] = [];
            const w = world({ layout: LAYOUT_COMPACT, onUnraisable: (error) => unraisable.push(error) });
            runRandomGraph(w, ops);
            expect(unraisable).toEqual([]);
          }),
          { numRuns: Math.max(5, Math.ceil((suite.propertyRuns ?? 40) / 10)) },
        );
      });
    });
  });
}

// --- random graph property ---------------------------------------------------------------

/** One step of the random-graph property. */
export type Op =
  | { op: "float"; name: number }
  | { op: "list"; name: number; picks: number[] }
  | { op: "obj"; name: number; picks: number[] }
  | { op: "fin"; name: number; picks: number[]; resurrect: boolean }
  | { op: "set"; target: number; slot: number; value: number }
  | { op: "assign"; name: number; source: number }
  | { op: "del"; name: number }
  | { op: "weakref"; name: number; target: number; callback: boolean }
  | { op: "stale"; pick: number }
  | { op: "flush" };

const NAMES = 12;
const name = fc.nat(NAMES - 1);
const picks = fc.array(fc.nat(), { maxLength: 4 });
/** Random operations on a namespace of up to 12 variables and the objects they reach. */
export const operation: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant("float" as const), name }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("list" as const), name, picks }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("obj" as const), name, picks }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant("fin" as const), name, picks, resurrect: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("set" as const),
      target: fc.nat(),
      slot: fc.nat(3),
      value: fc.nat(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("assign" as const), name, source: name }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("flush" as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("stale" as const), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("del" as const), name }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("weakref" as const),
      name,
      target: fc.nat(),
      callback: fc.boolean(),
    }),
  },
);

interface ModelObject {
  addr: Address;
  /** Creation order: references only go from newer to older objects, so graphs stay acyclic. */
  serial: number;
  kind: "float" | "list" | "obj" | "fin" | "weakref";
  /** References in release order (list: last item first; instance slots: first to last). */
  slots: number[];
  count: number;
  blocks: number;
  resurrect: boolean;
  finalized: boolean;
  /** weakref: referent serial, or -1 once dead; callback present and not called yet. */
  referent: number;
  callback: boolean;
  /** Made immortal before the first step: its count never changes and it is never freed. */
  immortal?: boolean;
}

/** Immortal objects made before the first step of a random graph. */
const IMMORTALS = 3;

export interface RandomGraphOptions {
  /**
   * Flush after every step and check everything after each (true), or flush only on "flush"
   * steps (and when the strategy decides to), checking counts and memory after those.
   * Without eager flushes, finalizers do not resurrect and weakref callbacks are not counted:
   * a deferred strategy legitimately deallocates in a different order then.
   */
  flushEveryStep: boolean;
}

/**
 * Runs `ops` against `w` and a recursive model of reference counting, checking after every
 * step that counts, weak references, memory and callbacks agree; tears everything down and
 * checks the heap is back to where it started.
 */
export function runRandomGraph(
  w: World,
  ops: Op[],
  options: RandomGraphOptions = { flushEveryStep: true },
): void {
  const eager = options.flushEveryStep;
  const model = new Map<number, ModelObject>();
  const byAddr = new Map<Address, number>();
  const names = new Map<number, number>();
  const resurrected: number[] = [];
  /** Every object address handed out so far (some freed since, some reused). */
  const everAllocated: Address[] = [];
  let serial = 0;
  let blocks = 0;
  let callbacksExpected = 0;
  let callbacksSeen = 0;
  const callbackFn = () => {
    callbacksSeen++;
  };
  // Finalizable objects that resurrect themselves, by address (kept apart from the model,
  // which a deferred strategy's flush may run behind).
  const resurrecting = new Map<Address, number>();
  w.onFinalize = (obj) => {
    const s = resurrecting.get(obj);
    if (s !== undefined) {
      // Keep it in a side list (a strong reference), released a few steps later.
      w.rc.incref(obj);
      resurrected.push(s);
    }
  };

  const liveSerials = (): number[] => [...model.keys()];
  const pick = (n: number, below = Number.POSITIVE_INFINITY): number | undefined => {
    const candidates = liveSerials().filter((s) => s < below && model.get(s)!.kind !== "weakref");
    return candidates.length === 0 ? undefined : candidates[n % candidates.length];
  };

  // Recursive model of deallocation, in the strategy's (recursive) order.
  const release = (s: number): void => {
    const m = model.get(s)!;
    if (m.immortal === true) return;
    m.count--;
    if (m.count > 0) return;
    if (m.kind === "fin" && !m.finalized) {
      m.finalized = true;
      if (m.resurrect) {
        m.count = 1;
        return;
      }
    }
    // Weak references to it: those still alive with a callback fire (newest first).
    for (const wm of [...model.values()].reverse()) {
      if (wm.kind === "weakref" && wm.referent === s) {
        wm.referent = -1;
        if (wm.callback) {
          wm.callback = false;
          callbacksExpected++;
        }
      }
    }
    model.delete(s);
    byAddr.delete(m.addr);
    blocks -= m.blocks;
    for (const c of m.slots) if (c >= 0) release(c);
  };
  const add = (
    m: Omit<ModelObject, "serial" | "count" | "finalized" | "referent" | "callback"> & Partial<ModelObject>,
  ) => {
    const s = serial++;
    const full: ModelObject = { serial: s, count: 1, finalized: false, referent: -1, callback: false, ...m };
    model.set(s, full);
    byAddr.set(full.addr, s);
    everAllocated.push(full.addr);
    blocks += full.blocks;
    return s;
  };
  const bind = (n: number, s: number) => {
    const old = names.get(n);
    names.set(n, s);
    if (old !== undefined) {
      w.rc.decref(model.get(old)!.addr);
      release(old);
    }
  };
  const referents = (ps: number[]): number[] =>
    ps.map((p) => pick(p)).filter((s): s is number => s !== undefined);

  const check = (flushed: boolean) => {
    if (eager) w.rc.flush();
    else if (!flushed) return; // deferred cascades make counts lag until the flush
    for (const m of model.values()) {
      if (w.rc.refcount(m.addr) !== (m.immortal === true ? IMMORTAL_REFCOUNT : m.count)) {
        throw new Error(`count of ${m.kind} #${m.serial}: ${w.rc.refcount(m.addr)} != model ${m.count}`);
      }
      if (m.kind === "weakref") {
        const r = w.weakrefs.referent(m.addr);
        const expected = m.referent < 0 ? 0 : model.get(m.referent)!.addr;
        if (r !== expected) throw new Error(`weakref #${m.serial} referent ${r} != ${expected}`);
      }
    }
    expect(w.blocksInUse()).toBe(blocks);
    if (eager) expect(callbacksSeen).toBe(callbacksExpected);
  };

  // A few immortal objects (PEP 683) that the graph may reference: the heap's baseline.
  for (let i = 0; i < IMMORTALS; i++) {
    const addr = w.newFloat(-i);
    w.rc.makeImmortal(addr);
    add({ addr, kind: "float", slots: [], blocks: 1, resurrect: false, immortal: true });
  }
  const immortalBytes = w.bytesInUse();

  for (const o of ops) {
    switch (o.op) {
      case "float":
        bind(o.name, add({ addr: w.newFloat(), kind: "float", slots: [], blocks: 1, resurrect: false }));
        break;
      case "list": {
        const refs = referents(o.picks);
        const addr = w.newList(refs.map((s) => model.get(s)!.addr));
        for (const s of refs) model.get(s)!.count++;
        bind(
          o.name,
          add({
            addr,
            kind: "list",
            slots: [...refs].reverse(),
            blocks: refs.length > 0 ? 2 : 1,
            resurrect: false,
          }),
        );
        break;
      }
      case "obj":
      case "fin": {
        const refs = referents(o.picks).slice(0, o.op === "obj" ? 4 : 2);
        const typeId = o.op === "obj" ? w.ids.obj : w.ids.fin;
        const addr = w.newInstance(
          typeId,
          refs.map((s) => model.get(s)!.addr),
        );
        for (const s of refs) model.get(s)!.count++;
        const slots = [...refs];
        while (slots.length < (o.op === "obj" ? 4 : 2)) slots.push(-1);
        const resurrect = o.op === "fin" && o.resurrect && eager;
        const s = add({ addr, kind: o.op, slots, blocks: 1, resurrect });
        if (resurrect) resurrecting.set(addr, s);
        else resurrecting.delete(addr);
        bind(o.name, s);
        break;
      }
      case "set": {
        const candidates = liveSerials().filter((s) => {
          const k = model.get(s)!.kind;
          return k === "obj" || k === "fin";
        });
        if (candidates.length === 0) break;
        const t = model.get(candidates[o.target % candidates.length]!)!;
        const slot = o.slot % t.slots.length;
        const value = o.value % 5 === 0 ? undefined : pick(o.value, t.serial);
        const old = t.slots[slot]!;
        if (value !== undefined) model.get(value)!.count++;
        t.slots[slot] = value ?? -1;
        w.setSlot(t.addr, slot, value === undefined ? 0 : model.get(value)!.addr);
        if (old >= 0) release(old);
        break;
      }
      case "assign": {
        const s = names.get(o.source);
        if (s === undefined) break;
        w.rc.incref(model.get(s)!.addr);
        model.get(s)!.count++;
        bind(o.name, s);
        break;
      }
      case "del": {
        const s = names.get(o.name);
        if (s === undefined) break;
        names.delete(o.name);
        w.rc.decref(model.get(s)!.addr);
        release(s);
        break;
      }
      case "flush":
        w.rc.flush();
        break;
      case "stale": {
        // A dangling address: freed and not reused (a deferred strategy may still hold it queued).
        const stale = everAllocated.filter((a) => !byAddr.has(a) && !w.rc.isLive(a));
        if (stale.length === 0) break;
        const addr = stale[o.pick % stale.length]!;
        const before = w.heap.u8.slice(addr - 16, addr + 32);
        expect(() => w.rc.incref(addr)).toThrow(InvalidPointerError);
        expect(() => w.rc.decref(addr)).toThrow(InvalidPointerError);
        expect(w.heap.u8.slice(addr - 16, addr + 32)).toEqual(before);
        break;
      }
      case "weakref": {
        const t = pick(o.target);
        if (t === undefined) break;
        const tm = model.get(t)!;
        if (tm.kind === "float" || tm.kind === "list") break; // no weak reference support
        const addr = w.weakrefs.create(tm.addr, o.callback ? callbackFn : undefined);
        const existing = byAddr.get(addr);
        if (existing !== undefined) {
          model.get(existing)!.count++; // the shared callback-less weakref
          bind(o.name, existing);
        } else {
          bind(
            o.name,
            add({
              addr,
              kind: "weakref",
              slots: [],
              blocks: 1,
              resurrect: false,
              referent: t,
              callback: o.callback,
            }),
          );
        }
        break;
      }
    }
    // Resurrected objects are dropped again after a while (their finalizer does not run again).
    if (resurrected.length > 0 && serial % 7 === 0) {
      const s = resurrected.shift()!;
      const m = model.get(s)!;
      m.resurrect = false;
      resurrecting.delete(m.addr);
      w.rc.decref(m.addr);
      release(s);
    }
    check(o.op === "flush");
  }
  // Tear everything down: names, then resurrected objects (whose finalizers do not run again).
  for (const n of [...names.keys()]) {
    const s = names.get(n)!;
    names.delete(n);
    w.rc.decref(model.get(s)!.addr);
    release(s);
    w.rc.flush();
  }
  while (resurrected.length > 0) {
    const s = resurrected.shift()!;
    resurrecting.delete(model.get(s)!.addr);
    w.rc.decref(model.get(s)!.addr);
    release(s);
    w.rc.flush();
  }
  w.rc.flush();
  check(true);
  expect(model.size).toBe(IMMORTALS);
  for (const m of model.values()) expect(w.rc.refcount(m.addr)).toBe(IMMORTAL_REFCOUNT);
  w.raw.check(); // the allocator's free lists and boundary tags are intact
  expect(w.bytesInUse()).toBe(immortalBytes);
  expect(w.blocksInUse()).toBe(IMMORTALS);
  expect(w.trackedCount()).toBe(0);
  expect(w.weakrefs.callbackCount).toBe(0);
}
