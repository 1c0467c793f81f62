import {
  ArrayBufferHeap,
  ConfigurationError,
  InvalidPointerError,
  LAYOUT_64,
  LAYOUT_COMPACT,
  MemoryError,
  TypeRegistry,
} from "@pymem/core";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ImmediateRefcount } from "../src/immediate-refcount";
import type { RefcountOptions } from "../src/refcount-options";
import { printCallbackError, WeakrefTable } from "../src/weakref-table";
import { World, type WorldOptions } from "./fixtures/world";

const world = (options: WorldOptions = {}) =>
  new World((o: RefcountOptions) => new ImmediateRefcount(o), options);

describe("WeakrefTable", () => {
  afterEach(() => vi.restoreAllMocks());

  it("registers its weakref type, sized as CPython 3.11's (80 bytes with the GC header)", () => {
    const w = world();
    expect(w.types.get(w.weakrefs.typeId)).toBe(w.weakrefs.type);
    const r = w.newInstance(w.ids.obj, []);
    const wr = w.weakref(r);
    expect(w.weakrefs.type.sizeOf(wr)).toBe(80);
    expect(w.weakrefs.isWeakref(wr)).toBe(true);
    expect(w.weakrefs.isWeakref(r)).toBe(false);
    expect(w.weakrefs.isWeakref(0)).toBe(false);
    expect(w.mem.gc.isTracked(wr)).toBe(true);
  });

  it("refuses referents that cannot be weakly referenced, leaving everything unchanged", () => {
    const w = world();
    const f = w.newFloat();
    const blocks = w.blocksInUse();
    expect(() => w.weakref(f, () => {})).toThrow(/cannot create weak reference to 'float' object/);
    expect(() => w.weakref(0)).toThrow(InvalidPointerError);
    expect(() => w.weakref(f + 3)).toThrow(InvalidPointerError);
    const raw = w.raw.malloc(32);
    w.heap.u8.fill(0, raw, raw + 32);
    expect(() => w.weakref(raw)).toThrow(/not registered/);
    const r = w.newInstance(w.ids.obj, []);
    w.mem.headers.setRefcount(r, 0);
    expect(() => w.weakref(r)).toThrow(/live referent/);
    w.mem.headers.setRefcount(r, 1);
    expect(w.blocksInUse()).toBe(blocks + 2);
    expect(w.weakrefs.callbackCount).toBe(0);
    expect(w.weakrefs.count(r)).toBe(0);
  });

  it("leaves the referent's list and the callbacks alone when allocate fails", () => {
    const heap = new ArrayBufferHeap();
    const types = new TypeRegistry();
    const rc = new ImmediateRefcount({ heap, layout: LAYOUT_64, types });
    const table = new WeakrefTable({
      heap,
      layout: LAYOUT_64,
      types,
      refcounts: rc,
      allocate: () => {
        throw new MemoryError(72);
      },
      release: () => {},
    });
    const objType = types.register({
      name: "O",
      basicSize: 24,
      itemSize: 0,
      isContainer: true,
      weaklistOffset: 16,
      traverse() {},
      dealloc() {},
      sizeOf: () => 40,
    });
    const obj = 4096;
    heap.u32[obj >>> 2] = 1;
    heap.u32[(obj + 8) >>> 2] = objType;
    rc.noteAllocated(obj);
    expect(() => table.create(obj, () => {})).toThrow(MemoryError);
    expect(table.callbackCount).toBe(0);
    expect(table.count(obj)).toBe(0);
  });

  it("rejects an allocate() that returns memory of another type", () => {
    const w = world();
    const bad = new WeakrefTable({
      heap: w.heap,
      layout: w.layout,
      types: w.types,
      typeName: "weakref2",
      refcounts: w.rc,
      allocate: () => w.newFloat(),
      release: () => {},
    });
    const r = w.newInstance(w.ids.obj, []);
    expect(() => bad.create(r)).toThrow(InvalidPointerError);
    expect(bad.count(r)).toBe(0);
  });

  it("refuses a second table with the same type name", () => {
    const w = world();
    expect(
      () =>
        new WeakrefTable({
          heap: w.heap,
          layout: w.layout,
          types: w.types,
          refcounts: w.rc,
          allocate: () => 0,
          release: () => {},
        }),
    ).toThrow(ConfigurationError);
  });

  it("answers referent, isDead and count, and describes itself as CPython's repr does", () => {
    const w = world();
    const r = w.newInstance(w.ids.obj, []);
    const wr = w.weakref(r);
    expect(w.weakrefs.referent(wr)).toBe(r);
    expect(w.weakrefs.isDead(wr)).toBe(false);
    expect(w.weakrefs.describe(wr)).toMatch(/^<weakref at 0x[0-9a-f]{8}; to 'Obj' at 0x[0-9a-f]{8}>$/);
    expect(w.weakrefs.count(r)).toBe(1);
    expect(w.weakrefs.count(w.newFloat())).toBe(0);
    w.rc.decref(r);
    expect(w.weakrefs.isDead(wr)).toBe(true);
    expect(w.weakrefs.describe(wr)).toMatch(/^<weakref at 0x[0-9a-f]{8}; dead>$/);
    expect(() => w.weakrefs.referent(r)).toThrow(InvalidPointerError);
  });

  it("reads a referent whose deallocation is pending as dead", () => {
    const w = world();
    const r = w.newInstance(w.ids.obj, []);
    const wr = w.weakref(r);
    w.mem.headers.setRefcount(r, 0);
    expect(w.weakrefs.referent(wr)).toBe(0);
    w.mem.headers.setRefcount(r, 1);
    expect(w.weakrefs.referent(wr)).toBe(r);
  });

  it("caches a 64-bit hash, -1 until set (32-bit in the compact layout)", () => {
    for (const layout of [LAYOUT_64, LAYOUT_COMPACT]) {
      const w = world({ layout });
      const wr = w.weakref(w.newInstance(w.ids.obj, []));
      expect(w.weakrefs.hash(wr)).toBe(-1n);
      w.weakrefs.setHash(wr, 0x1234_5678n);
      expect(w.weakrefs.hash(wr)).toBe(0x1234_5678n);
      w.weakrefs.setHash(wr, -42n);
      expect(w.weakrefs.hash(wr)).toBe(-42n);
    }
    const w = world();
    const wr = w.weakref(w.newInstance(w.ids.obj, []));
    w.weakrefs.setHash(wr, -(2n ** 62n));
    expect(w.weakrefs.hash(wr)).toBe(-(2n ** 62n));
  });

  it("keeps the callback across clearWeakref, calls it once, and drops it on detach", () => {
    const w = world();
    const r = w.newInstance(w.ids.obj, []);
    const calls: number[] = [];
    const wr = w.weakref(r, (x) => calls.push(x));
    w.weakrefs.clearWeakref(wr);
    expect(w.weakrefs.referent(wr)).toBe(0);
    expect(w.weakrefs.count(r)).toBe(0);
    expect(w.weakrefs.hasCallback(wr)).toBe(true);
    w.weakrefs.clearWeakref(wr); // already cleared: nothing happens
    w.weakrefs.invokeCallback(wr);
    w.weakrefs.invokeCallback(wr);
    expect(calls).toEqual([wr]);
    expect(w.weakrefs.hasCallback(wr)).toBe(false);
    const wr2 = w.weakref(r, () => calls.push(-1));
    w.weakrefs.detach(wr2);
    expect(w.weakrefs.hasCallback(wr2)).toBe(false);
    expect(w.weakrefs.callbackCount).toBe(0);
    expect(() => w.weakrefs.hasCallback(r)).toThrow(InvalidPointerError);
  });

  it("prints a failing callback as CPython does by default", () => {
    const lines: unknown[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      lines.push(args[0]);
    });
    function onDeath(): void {
      throw new Error("bad callback");
    }
    printCallbackError(new Error("x"), 16, onDeath);
    printCallbackError(new Error("y"), 16, () => {});
    expect(lines[0]).toBe("Exception ignored in: <function onDeath>");
    expect(lines[2]).toBe("Exception ignored in: <function <lambda>>");
  });

  it("keeps each referent's list in CPython's order under random creation and deaths", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant("ref" as const), target: fc.nat(2), callback: fc.boolean() }),
            fc.record({ op: fc.constant("drop" as const), pick: fc.nat() }),
          ),
          { maxLength: 120 },
        ),
        (ops) => {
          const w = world();
          const targets = [0, 1, 2].map(() => w.newInstance(w.ids.obj, []));
          // Model: per target, [basic?, newest callback ref, ..., oldest]; holders: our references.
          const lists = targets.map(() => [] as number[]);
          const held: number[] = [];
          const basic = new Set<number>();
          for (const o of ops) {
            if (o.op === "ref") {
              const t = o.target;
              const wr = w.weakref(targets[t]!, o.callback ? () => {} : undefined);
              held.push(wr);
              const list = lists[t]!;
              if (!o.callback) {
                if (!list.includes(wr)) {
                  list.unshift(wr);
                  basic.add(wr);
                }
              } else {
                const at = list.length > 0 && basic.has(list[0]!) ? 1 : 0;
                list.splice(at, 0, wr);
              }
            } else if (held.length > 0) {
              const wr = held.splice(o.pick % held.length, 1)[0]!;
              if (!held.includes(wr)) {
                for (const list of lists) {
                  const i = list.indexOf(wr);
                  if (i >= 0) list.splice(i, 1);
                }
                basic.delete(wr);
              }
              w.rc.decref(wr);
            }
            targets.forEach((t, i) => {
              expect(w.weakrefs.weakrefsTo(t)).toEqual(lists[i]);
              expect(w.weakrefs.hasWeakrefs(t)).toBe(lists[i]!.length > 0);
            });
          }
          for (const wr of held) w.rc.decref(wr);
          for (const t of targets) w.rc.decref(t);
          expect(w.weakrefs.callbackCount).toBe(0);
          expect(w.blocksInUse()).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
  });
});
