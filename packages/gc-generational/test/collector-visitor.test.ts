// The shared visit callback, mode by mode, on hand-made headers.
import { COLLECTING_BIT, FINALIZED_BIT, UNREACHABLE_BIT } from "@pymem/core";
import { describe, expect, it } from "vitest";
import {
  CollectorVisitor,
  GC_REFS_ONE,
  GcList,
  REFERENT_BUFFER_INITIAL,
  TypeTable,
  VISIT_DECREF,
  VISIT_MOVE,
  VISIT_REACHABLE,
} from "../src/index";
import { World } from "./fixtures/world";

function setup() {
  const w = new World();
  w.gc.disable();
  const table = new TypeTable(w.types, {});
  const v = new CollectorVisitor(w.heap, w.layout, table);
  const lists = new GcList(w.heap, w.layout);
  const pi = w.layout.wordSize >>> 2;
  const prevIndex = (o: number) => ((o - w.hdr) >>> 2) + pi;
  const prev = (o: number) => w.heap.u32[prevIndex(o)]!;
  const setPrev = (o: number, x: number) => {
    w.heap.u32[prevIndex(o)] = x;
  };
  return { w, v, lists, prev, setPrev, table };
}

describe("CollectorVisitor", () => {
  it("DECREF lowers gc_refs of collecting containers only, and reports an underflow", () => {
    const { w, v, prev, setPrev } = setup();
    const a = w.newList();
    const other = w.newList();
    const leaf = w.newInt(1);
    setPrev(a, (3 << 2) | COLLECTING_BIT | FINALIZED_BIT);
    const otherWord = prev(other);
    v.begin(VISIT_DECREF, 0);
    v.visit(a);
    v.visit(other); // not collecting: untouched
    v.visit(leaf); // not a container: untouched
    expect(prev(a)).toBe((2 << 2) | COLLECTING_BIT | FINALIZED_BIT);
    expect(prev(other)).toBe(otherWord);
    setPrev(a, COLLECTING_BIT);
    v.visit(a);
    expect(prev(a)).toBe(COLLECTING_BIT);
    expect(v.takeUnderflow()).toBe(a);
    expect(v.takeUnderflow()).toBe(0);
  });

  it("REACHABLE sets gc_refs 0 to 1, keeps others, and leaves non-collecting nodes unchanged", () => {
    const { w, v, prev, setPrev } = setup();
    const zero = w.newList();
    const two = w.newList();
    const scanned = w.newList();
    setPrev(zero, COLLECTING_BIT | FINALIZED_BIT);
    setPrev(two, (2 << 2) | COLLECTING_BIT);
    const scannedWord = prev(scanned); // a prev pointer, COLLECTING clear
    v.begin(VISIT_REACHABLE, 0);
    for (const o of [zero, two, scanned]) v.visit(o);
    expect(prev(zero)).toBe(GC_REFS_ONE | COLLECTING_BIT | FINALIZED_BIT);
    expect(prev(two)).toBe((2 << 2) | COLLECTING_BIT);
    expect(prev(scanned)).toBe(scannedWord);
  });

  it("REACHABLE brings a node back from the tentatively-unreachable list", () => {
    const { w, v, lists, prev } = setup();
    const young = w.raw.malloc(16);
    const unreachable = w.raw.malloc(16);
    lists.init(young);
    lists.init(unreachable);
    const [a, b, c] = [w.newList(), w.newList(), w.newList()];
    for (const o of [a, b, c]) {
      w.gc.untrack(o);
      lists.append(unreachable, o - w.hdr);
      w.heap.u32[((o - w.hdr) >>> 2) + (w.layout.wordSize >>> 2)] |= COLLECTING_BIT;
    }
    for (const o of [a, b, c]) w.heap.u32[(o - w.hdr) >>> 2] |= UNREACHABLE_BIT;
    v.begin(VISIT_REACHABLE, young);
    v.visit(b);
    expect(lists.objects(young)).toEqual([b]);
    expect(prev(b)).toBe(GC_REFS_ONE | COLLECTING_BIT);
    // a -> c keeps its UNREACHABLE marks
    expect(w.heap.u32[(a - w.hdr) >>> 2]).toBe(c - w.hdr + UNREACHABLE_BIT);
    lists.clearUnreachableMask(unreachable);
    expect(lists.objects(unreachable)).toEqual([a, c]);
  });

  it("MOVE appends collecting nodes to the target and clears COLLECTING", () => {
    const { w, v, lists, prev } = setup();
    const from = w.raw.malloc(16);
    const to = w.raw.malloc(16);
    lists.init(from);
    lists.init(to);
    const [a, b] = [w.newList(), w.newList()];
    for (const o of [a, b]) {
      w.gc.untrack(o);
      lists.append(from, o - w.hdr);
    }
    w.heap.u32[((a - w.hdr) >>> 2) + (w.layout.wordSize >>> 2)] |= COLLECTING_BIT | FINALIZED_BIT;
    v.begin(VISIT_MOVE, to);
    v.visit(a);
    v.visit(b); // not collecting: stays
    expect(lists.objects(to)).toEqual([a]);
    expect(lists.objects(from)).toEqual([b]);
    expect(prev(a) & (COLLECTING_BIT | FINALIZED_BIT)).toBe(FINALIZED_BIT);
  });

  it("GATHER buffers the referents in traversal order, atomic ones included", () => {
    const { w, v, table, prev } = setup();
    const a = w.newList();
    const i = w.newInt(7);
    const l = w.newList([a, i, a]);
    const before = prev(a);
    const n = v.gather(table.infos[w.listId]!, l);
    expect(n).toBe(3);
    expect(Array.from(v.buffer.subarray(0, n))).toEqual([a, i, a]);
    expect(prev(a)).toBe(before); // nothing else happens to them
    expect(v.gather(table.infos[w.listId]!, a)).toBe(0); // each gather starts empty
  });

  it("GATHER grows the buffer for an object with many referents; release lets it go", () => {
    const { w, v, table } = setup();
    const x = w.newInt(1);
    const count = (1 << 16) + 5;
    const l = w.newList(new Array<number>(count).fill(x));
    expect(v.gather(table.infos[w.listId]!, l)).toBe(count);
    expect(v.buffer.length).toBeGreaterThanOrEqual(count);
    expect(v.buffer[count - 1]).toBe(x);
    v.release();
    expect(v.buffer.length).toBe(REFERENT_BUFFER_INITIAL);
  });
});
