// The three phases of deduce_unreachable, observed in the GC headers.
import { type Address, COLLECTING_BIT, FINALIZED_BIT, UNREACHABLE_BIT } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { CollectorVisitor, GC_REFS_SHIFT, GcList, Reachability, TypeTable } from "../src/index";
import { World } from "./fixtures/world";

function setup() {
  const w = new World();
  w.gc.disable();
  const lists = new GcList(w.heap, w.layout);
  const table = new TypeTable(w.types, {});
  const reach = new Reachability(
    w.heap,
    w.layout,
    table,
    w.rc,
    new CollectorVisitor(w.heap, w.layout, table),
  );
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
  return { w, lists, reach, base, unreachable, prevWord, nextWord, gcRefs, adopt, objs };
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
