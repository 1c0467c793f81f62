import {
  ArrayBufferHeap,
  COLLECTING_BIT,
  FINALIZED_BIT,
  LAYOUT_64,
  LAYOUT_COMPACT,
  UNREACHABLE_BIT,
} from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GcList } from "../src/index";

function setup(layout = LAYOUT_64) {
  const heap = new ArrayBufferHeap({ initialByteLength: 1 << 16 });
  const lists = new GcList(heap, layout);
  const pi = layout.wordSize >>> 2;
  const prevWord = (node: number) => heap.u32[(node >>> 2) + pi]!;
  const nextWord = (node: number) => heap.u32[node >>> 2]!;
  /** Forward walk, checking every back link on the way. */
  const walk = (head: number): number[] => {
    const out: number[] = [];
    let prev = head;
    for (let n = lists.first(head); n !== head; n = lists.next(n)) {
      expect(prevWord(n) & ~3).toBe(prev);
      out.push(n);
      prev = n;
    }
    expect(prevWord(head)).toBe(prev);
    return out;
  };
  return { heap, lists, walk, prevWord, nextWord, pi };
}

describe("GcList", () => {
  it("appends, moves, merges and removes, keeping flags", () => {
    const { heap, lists, walk, prevWord, nextWord, pi } = setup();
    const a = 1024;
    const b = 1040;
    const [n1, n2, n3] = [2048, 2064, 2080];
    lists.init(a);
    lists.init(b);
    expect(lists.isEmpty(a)).toBe(true);
    heap.u32[(n2 >>> 2) + pi] = FINALIZED_BIT;
    for (const n of [n1, n2, n3]) lists.append(a, n);
    expect(walk(a)).toEqual([n1, n2, n3]);
    expect(prevWord(n2) & FINALIZED_BIT).toBe(FINALIZED_BIT);
    lists.move(n2, b);
    expect(walk(a)).toEqual([n1, n3]);
    expect(walk(b)).toEqual([n2]);
    expect(prevWord(n2) & FINALIZED_BIT).toBe(FINALIZED_BIT);
    lists.merge(a, b);
    expect(lists.isEmpty(a)).toBe(true);
    expect(walk(b)).toEqual([n2, n1, n3]);
    expect(lists.size(b)).toBe(3);
    heap.u32[(n1 >>> 2) + pi] |= COLLECTING_BIT;
    lists.remove(n1);
    expect(nextWord(n1)).toBe(0);
    expect(prevWord(n1)).toBe(0);
    lists.remove(n2);
    expect(prevWord(n2)).toBe(FINALIZED_BIT);
    expect(walk(b)).toEqual([n3]);
    expect(lists.objects(b)).toEqual([n3 + 16]);
  });

  it("clears COLLECTING and UNREACHABLE bits, and repairs a list from its next chain", () => {
    const { heap, lists, walk, prevWord, nextWord, pi } = setup(LAYOUT_COMPACT);
    const head = 512;
    const nodes = [1024, 1032, 1040, 1048];
    lists.init(head);
    for (const n of nodes) lists.append(head, n);
    for (const n of nodes) heap.u32[(n >>> 2) + pi] |= COLLECTING_BIT;
    lists.clearCollecting(head);
    for (const n of nodes) expect(prevWord(n) & COLLECTING_BIT).toBe(0);
    for (const n of nodes) heap.u32[n >>> 2] |= UNREACHABLE_BIT;
    heap.u32[head >>> 2] |= UNREACHABLE_BIT;
    lists.clearUnreachableMask(head);
    for (const n of [head, ...nodes]) expect(nextWord(n) & UNREACHABLE_BIT).toBe(0);
    // gc_refs in gc_prev (as update_refs leaves it), flags on next words, a stale head prev
    heap.u32[(nodes[1]! >>> 2) + pi] = FINALIZED_BIT;
    nodes.forEach((n, i) => {
      heap.u32[(n >>> 2) + pi] = (i << 2) | COLLECTING_BIT | (prevWord(n) & FINALIZED_BIT);
      heap.u32[n >>> 2] |= UNREACHABLE_BIT;
    });
    heap.u32[(head >>> 2) + pi] = nodes[0]!;
    lists.repair(head);
    expect(walk(head)).toEqual(nodes);
    for (const n of nodes) {
      expect(prevWord(n) & COLLECTING_BIT).toBe(0);
      expect(nextWord(n) & UNREACHABLE_BIT).toBe(0);
    }
    expect(prevWord(nodes[1]!) & FINALIZED_BIT).toBe(FINALIZED_BIT);
  });

  it("matches a model under random operation sequences", () => {
    const { lists, walk, nextWord } = setup();
    const heads = [256, 272, 288];
    const nodes = Array.from({ length: 40 }, (_, i) => 4096 + 16 * i);
    const op = fc.tuple(
      fc.constantFrom("track", "untrack", "move", "merge"),
      fc.nat(39),
      fc.nat(2),
      fc.nat(2),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 2000, maxLength: 2000 }), (ops) => {
        for (const h of heads) lists.init(h);
        for (const n of nodes) {
          lists.heap.u32[n >>> 2] = 0;
          lists.heap.u32[(n >>> 2) + 2] = 0;
        }
        const model: number[][] = [[], [], []];
        const where = new Map<number, number>();
        for (const [kind, ni, h1, h2] of ops) {
          const n = nodes[ni]!;
          const at = where.get(n);
          if (kind === "track" && at === undefined) {
            lists.append(heads[h1]!, n);
            model[h1]!.push(n);
            where.set(n, h1);
          } else if (kind === "untrack" && at !== undefined) {
            lists.remove(n);
            model[at]!.splice(model[at]!.indexOf(n), 1);
            where.delete(n);
          } else if (kind === "move" && at !== undefined) {
            lists.move(n, heads[h1]!);
            model[at]!.splice(model[at]!.indexOf(n), 1);
            model[h1]!.push(n);
            where.set(n, h1);
          } else if (kind === "merge" && h1 !== h2) {
            lists.merge(heads[h1]!, heads[h2]!);
            for (const x of model[h1]!) where.set(x, h2);
            model[h2]!.push(...model[h1]!);
            model[h1] = [];
          }
          // invariants: each list equals its model, both directions agree; tracked iff next != 0
          heads.forEach((h, i) => {
            expect(walk(h)).toEqual(model[i]);
            expect(lists.size(h)).toBe(model[i]!.length);
          });
          for (const x of nodes) expect(nextWord(x) !== 0).toBe(where.has(x));
        }
      }),
      { numRuns: 3 },
    );
  });
});
