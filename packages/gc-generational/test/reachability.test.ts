// The three phases of deduce_unreachable, observed in the GC headers.
import {
  type Address,
  COLLECTING_BIT,
  FINALIZED_BIT,
  LAYOUT_64,
  LAYOUT_COMPACT,
  type ObjectLayout,
  type RefcountStrategy,
  UNREACHABLE_BIT,
} from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { CollectorVisitor, GC_REFS_SHIFT, GcList, Reachability, TypeTable } from "../src/index";
import { World } from "./fixtures/world";

function setup(tableThreshold = Number.POSITIVE_INFINITY, layout: ObjectLayout = LAYOUT_64) {
  const w = new World({ layout });
  w.gc.disable();
  const lists = new GcList(w.heap, w.layout);
  const table = new TypeTable(w.types, {});
  const visitor = new CollectorVisitor(w.heap, w.layout, table);
  const reach = new Reachability(w.heap, w.layout, table, w.rc, visitor, tableThreshold);
  const tableReach = new Reachability(w.heap, w.layout, table, w.rc, visitor, 0);
  const base = w.raw.malloc(16);
  const unreachable = w.raw.malloc(16);
  lists.init(base);
  lists.init(unreachable);
  const pi = w.layout.wordSize >>> 2;
  const node = (o: Address) => o - w.hdr;
  const prevWord = (o: Address) => w.heap.u32[(node(o) >>> 2) + pi]!;
  const nextWord = (o: Address) => w.heap.u32[node(o) >>> 2]!;
  const gcRefs = (o: Address) => prevWord(o) >>> GC_REFS_SHIFT;
  /** Moves tracked objects from the World's collector onto our own list, in order. */
  const adopt = (...objs: Address[]) => {
    for (const o of objs) {
      w.gc.untrack(o);
      lists.append(base, node(o));
    }
  };
  const objs = (head: Address) => lists.objects(head);
  return { w, lists, reach, tableReach, base, unreachable, prevWord, nextWord, gcRefs, adopt, objs };
}

describe("Reachability", () => {
  it("update_refs copies refcounts; subtract_refs leaves the references from outside", () => {
    const { w, reach, base, gcRefs, prevWord, adopt } = setup();
    const a = w.newList();
    const b = w.newList([a]);
    w.append(a, b);
    w.append(a, a);
    adopt(a, b);
    w.gc.isTracked(a);
    reach.updateRefs(base);
    expect(gcRefs(a)).toBe(w.refcount(a)); // host + b + a
    expect(gcRefs(b)).toBe(w.refcount(b)); // host + a
    expect(prevWord(a) & COLLECTING_BIT).toBe(COLLECTING_BIT);
    reach.subtractRefs(base);
    expect(gcRefs(a)).toBe(1);
    expect(gcRefs(b)).toBe(1);
  });

  it("move_unreachable splits the list, marking the unreachable part", () => {
    const { w, reach, base, unreachable, objs, prevWord, nextWord, adopt } = setup();
    const live = w.newList();
    const trash = w.newList();
    w.append(trash, trash);
    w.del(trash);
    const reachableFromLive = w.newList();
    w.append(live, reachableFromLive);
    w.del(reachableFromLive);
    adopt(trash, reachableFromLive, live);
    reach.deduceUnreachable(base, unreachable);
    expect(objs(base).sort()).toEqual([live, reachableFromLive].sort());
    expect(nextWord(trash) & UNREACHABLE_BIT).toBe(UNREACHABLE_BIT);
    expect(prevWord(trash) & COLLECTING_BIT).toBe(COLLECTING_BIT);
    for (const o of [live, reachableFromLive]) {
      expect(prevWord(o) & COLLECTING_BIT).toBe(0);
      expect(nextWord(o) & UNREACHABLE_BIT).toBe(0);
    }
  });

  it("reverses a chain built in allocation order, so later scans move nothing", () => {
    // A, B, C created in that order; B -> A, C -> B, C referenced from outside: gc_refs
    // 0, 0, 1. A and B first go to `unreachable`, then come back when C and B are scanned.
    const { w, reach, base, unreachable, objs, lists, adopt } = setup();
    const A = w.newList();
    const B = w.newList([A]);
    const C = w.newList([B]);
    w.del(A, B);
    adopt(A, B, C);
    reach.deduceUnreachable(base, unreachable);
    expect(lists.isEmpty(unreachable)).toBe(true);
    expect(objs(base)).toEqual([C, B, A]);
    reach.deduceUnreachable(base, unreachable);
    expect(objs(base)).toEqual([C, B, A]);
  });

  it("keeps FINALIZED through every phase", () => {
    const { w, reach, base, unreachable, prevWord, adopt, lists } = setup();
    const a = w.newList();
    w.append(a, a);
    w.del(a);
    adopt(a);
    w.heap.u32[((a - w.hdr) >>> 2) + (w.layout.wordSize >>> 2)] |= FINALIZED_BIT;
    reach.deduceUnreachable(base, unreachable);
    expect(lists.objects(unreachable)).toEqual([a]);
    expect(prevWord(a) & FINALIZED_BIT).toBe(FINALIZED_BIT);
  });

  it("treats an object with refcount 0 (queued for deallocation) as reachable", () => {
    const { w, reach, base, unreachable, lists, adopt } = setup();
    const a = w.newList();
    adopt(a);
    w.heap.u32[a >>> 2] = 0; // what a refcount strategy's pending queue looks like
    reach.deduceUnreachable(base, unreachable);
    expect(lists.isEmpty(unreachable)).toBe(true);
    w.heap.u32[a >>> 2] = 1;
  });

  it("detects a refcount that is too small", () => {
    const { w, reach, base, adopt } = setup();
    const a = w.newList();
    const b = w.newList([a, a]);
    adopt(a, b);
    w.rc.decref(a); // a: 2 references from b, count 2 -> host handle gone, count 2 vs 2 + host
    w.rc.decref(a);
    w.heap.u32[a >>> 2] = 1;
    reach.updateRefs(base);
    expect(() => reach.subtractRefs(base)).toThrow(/refcount is too small/);
  });
});

describe("Reachability, gc_refs in the side table", () => {
  /** Puts `order` back on `base` as it was before a deduce_unreachable (flags cleared). */
  function restore(ctx: ReturnType<typeof setup>, order: Address[]) {
    const { w, lists, base, unreachable } = ctx;
    const pi = w.layout.wordSize >>> 2;
    lists.init(base);
    lists.init(unreachable);
    for (const o of order) {
      const n = (o - w.hdr) >>> 2;
      w.heap.u32[n] = 0;
      w.heap.u32[n + pi] = w.heap.u32[n + pi]! & FINALIZED_BIT;
      lists.append(base, o - w.hdr);
    }
  }

  function checkFlags(ctx: ReturnType<typeof setup>, table: boolean) {
    const { base, unreachable, objs, prevWord, nextWord } = ctx;
    for (const o of objs(base)) {
      expect(prevWord(o) & COLLECTING_BIT).toBe(0);
      expect(nextWord(o) & UNREACHABLE_BIT).toBe(0);
    }
    for (const o of objs(unreachable)) {
      expect(prevWord(o) & COLLECTING_BIT).toBe(COLLECTING_BIT);
      if (table) expect(nextWord(o) & UNREACHABLE_BIT).toBe(0);
    }
  }

  for (const layout of [LAYOUT_64, LAYOUT_COMPACT]) {
    it(`splits random graphs exactly as the header mode does, order and flags included (${layout.wordSize * 8}-bit words)`, () => {
      const graphArb = fc.record({
        n: fc.integer({ min: 1, max: 40 }),
        edges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 3 })), { maxLength: 80 }),
        // one object referenced 250-300 times from one list: gc_refs beyond a table byte
        big: fc.option(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 250, max: 300 }))),
        held: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        order: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        finalized: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      });
      fc.assert(
        fc.property(graphArb, (g) => {
          const ctx = setup(Number.POSITIVE_INFINITY, layout);
          const { w, reach, tableReach, base, unreachable, objs, adopt, lists } = ctx;
          const os: Address[] = [];
          for (let i = 0; i < g.n; i++) os.push(w.newList());
          for (const [a, b, k] of g.edges) for (let i = 0; i < k; i++) w.append(os[a % g.n]!, os[b % g.n]!);
          if (g.big !== null) {
            const [a, b, k] = g.big;
            for (let i = 0; i < k; i++) w.append(os[a % g.n]!, os[b % g.n]!);
          }
          // the host lets go of objects that something else references (none is freed)
          for (let i = 0; i < g.n; i++) if (!g.held[i] && w.refcount(os[i]!) > 1) w.del(os[i]!);
          const order = os
            .map((o, i) => [o, g.order[i]!] as const)
            .sort((x, y) => x[1] - y[1])
            .map((x) => x[0]);
          adopt(...order);
          const pi = w.layout.wordSize >>> 2;
          for (let i = 0; i < g.n; i++)
            if (g.finalized[i]) w.heap.u32[((os[i]! - w.hdr) >>> 2) + pi] |= FINALIZED_BIT;
          const keptHeader = reach.deduceUnreachable(base, unreachable);
          const baseHeader = objs(base);
          const unreachableHeader = objs(unreachable);
          checkFlags(ctx, false);
          const finalizedHeader = os.map((o) => ctx.prevWord(o) & FINALIZED_BIT);
          restore(ctx, order);
          const keptTable = tableReach.deduceUnreachable(base, unreachable);
          expect(tableReach.tableUses).toBe(1);
          expect(keptTable).toBe(keptHeader);
          expect(objs(base)).toEqual(baseHeader);
          expect(objs(unreachable)).toEqual(unreachableHeader);
          checkFlags(ctx, true);
          expect(os.map((o) => ctx.prevWord(o) & FINALIZED_BIT)).toEqual(finalizedHeader);
          // both lists well formed in both directions
          for (const head of [base, unreachable]) {
            let prev = head;
            for (let node = lists.first(head); node !== head; node = lists.next(node)) {
              expect(w.heap.u32[(node >>> 2) + pi]! & ~3).toBe(prev);
              prev = node;
            }
            expect(w.heap.u32[(head >>> 2) + pi]).toBe(prev);
          }
        }),
        { numRuns: 100 },
      );
    });
  }

  it("uses the table only for sets of at least tableThreshold objects", () => {
    const { w, base, unreachable, adopt, lists } = setup();
    const visitor = new CollectorVisitor(w.heap, w.layout, new TypeTable(w.types, {}));
    const reach3 = new Reachability(w.heap, w.layout, new TypeTable(w.types, {}), w.rc, visitor, 3);
    const a = w.newList();
    const b = w.newList();
    adopt(a, b);
    reach3.deduceUnreachable(base, unreachable);
    expect(reach3.tableUses).toBe(0);
    const c = w.newList();
    adopt(c);
    reach3.deduceUnreachable(base, unreachable);
    expect(reach3.tableUses).toBe(1);
    expect(lists.size(base)).toBe(3);
  });

  it("treats an object with refcount 0 (queued for deallocation) as reachable", () => {
    const { w, tableReach, base, unreachable, lists, adopt } = setup();
    const a = w.newList();
    const b = w.newList();
    w.append(a, b);
    w.del(b);
    adopt(a, b);
    w.heap.u32[a >>> 2] = 0;
    tableReach.deduceUnreachable(base, unreachable);
    expect(tableReach.tableUses).toBe(1);
    expect(lists.isEmpty(unreachable)).toBe(true);
    w.heap.u32[a >>> 2] = 1;
  });

  it("detects a refcount that is too small, small or large, and leaves the table clean", () => {
    for (const refs of [2, 260]) {
      const ctx = setup();
      const { w, tableReach, base, unreachable, adopt, objs } = ctx;
      const a = w.newList();
      const b = w.newList();
      for (let i = 0; i < refs; i++) w.append(b, a);
      adopt(a, b);
      const real = w.heap.u32[a >>> 2]!;
      w.heap.u32[a >>> 2] = refs - 1; // fewer than b's references
      expect(() => tableReach.deduceUnreachable(base, unreachable)).toThrow(/refcount is too small/);
      expect(objs(base)).toEqual([a, b]); // nothing moved
      w.heap.u32[a >>> 2] = real;
      restore(ctx, [a, b]);
      expect(tableReach.deduceUnreachable(base, unreachable)).toBe(2);
      expect(tableReach.tableUses).toBe(2);
    }
  });
});

describe("Reachability, counts read from the refcount word", () => {
  /** A strategy that forwards to `rc` without declaring countsInHeader: the collector must ask it. */
  function renamed(rc: RefcountStrategy): RefcountStrategy {
    return new Proxy(rc, {
      get: (target, key) => {
        if (key === "name") return "forwarding";
        if (key === "countsInHeader") return undefined;
        const v = Reflect.get(target, key, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  }

  for (const checked of [false, true]) {
    it(`gives the strategy's counts (0, 1, 300, immortal), asking it ${checked ? "when checked" : "never in fast mode"}`, () => {
      const w = new World({ checked });
      w.gc.disable();
      const lists = new GcList(w.heap, w.layout);
      const table = new TypeTable(w.types, {});
      const visitor = new CollectorVisitor(w.heap, w.layout, table);
      const direct = new Reachability(w.heap, w.layout, table, w.rc, visitor, Number.POSITIVE_INFINITY);
      const asked = new Reachability(
        w.heap,
        w.layout,
        table,
        renamed(w.rc),
        visitor,
        Number.POSITIVE_INFINITY,
      );
      const base = w.raw.malloc(16);
      lists.init(base);
      const objs = [w.newList(), w.newList(), w.newList(), w.newList()];
      for (const o of objs) {
        w.gc.untrack(o);
        lists.append(base, o - w.hdr);
      }
      w.heap.u32[objs[0]! >>> 2] = 0; // queued for deallocation
      for (let i = 0; i < 299; i++) w.rc.incref(objs[2]!);
      w.rc.makeImmortal(objs[3]!);
      const pi = w.layout.wordSize >>> 2;
      const refsWords = () => objs.map((o) => w.heap.u32[((o - w.hdr) >>> 2) + pi]!);
      const before = refsWords();
      const spy = vi.spyOn(w.rc, "refcount");
      asked.updateRefs(base);
      const expected = refsWords();
      expect(expected.map((x) => x >>> GC_REFS_SHIFT)).toEqual([1, 1, 300, 0x3fffffff]);
      const calls = spy.mock.calls.length;
      objs.forEach((o, i) => {
        w.heap.u32[((o - w.hdr) >>> 2) + pi] = before[i]!;
      });
      direct.updateRefs(base);
      expect(refsWords()).toEqual(expected);
      expect(spy.mock.calls.length - calls).toBe(checked ? objs.length : 0);
      spy.mockRestore();
      w.heap.u32[objs[0]! >>> 2] = 1;
    });
  }

  it("splits a set in the table mode as when asking the strategy (fast mode, large counts)", () => {
    const w = new World({ checked: false });
    w.gc.disable();
    const lists = new GcList(w.heap, w.layout);
    const table = new TypeTable(w.types, {});
    const visitor = new CollectorVisitor(w.heap, w.layout, table);
    const base = w.raw.malloc(16);
    const unreachable = w.raw.malloc(16);
    const run = (rc: RefcountStrategy, order: Address[]) => {
      const reach = new Reachability(w.heap, w.layout, table, rc, visitor, 0);
      lists.init(base);
      lists.init(unreachable);
      for (const o of order) lists.append(base, o - w.hdr);
      const kept = reach.deduceUnreachable(base, unreachable);
      expect(reach.tableUses).toBe(1);
      const out = { kept, base: lists.objects(base), unreachable: lists.objects(unreachable) };
      for (const o of order) w.heap.u32[((o - w.hdr) >>> 2) + (w.layout.wordSize >>> 2)] &= ~COLLECTING_BIT;
      return out;
    };
    const live = w.newList();
    const big = w.newList(); // 300 references from a cycle that is garbage, plus the host
    const trash = w.newList();
    for (let i = 0; i < 300; i++) w.append(trash, big);
    w.append(trash, trash);
    w.del(trash);
    const imm = w.newList([live]);
    w.rc.makeImmortal(imm);
    const order = [live, big, trash, imm];
    for (const o of order) w.gc.untrack(o);
    const a = run(renamed(w.rc), order);
    const b = run(w.rc, order);
    expect(b).toEqual(a);
    expect(a.unreachable).toEqual([trash]);
  });
});
