// Random allocate / release / clear sequences over every allocator of the package at once,
// against a model of what the domain must hold: the blocks of live objects plus the blocks
// cached on free lists. Checked after every step; at the end everything is released and the
// free lists cleared, which must bring the domain back to its baseline.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DictKeysFreeList,
  DirectObjectAllocator,
  FreeListAllocator,
  type SizedFreeListAllocator,
  TupleFreeLists,
} from "../src/index";
import { type DomainKind, makeWorld } from "./fixtures/world";

const STEPS_PER_RUN = 100_000;

/** One allocator under test, seen through a uniform interface. */
interface Subject {
  name: string;
  /** Allocates for parameter p; returns the address. */
  allocate(p: number): number;
  /** Releases a live object. */
  release(obj: number, p: number): void;
  clear(): void;
  /** The free list an object of parameter p goes to, or -1 when it is never cached. */
  listOf(p: number): number;
  /** Whether an allocation for parameter p may be served from its free list (CPython 3.11 never serves 20-tuples). */
  reused?(p: number): boolean;
  limit: number;
  /** The block address of an object. */
  block(obj: number): number;
  stats(): { freeListLength: number; hits: number; misses: number; live: number };
  /** Walks the free lists and checks their invariants. */
  verify(): void;
}

interface LiveObject {
  subject: number;
  obj: number;
  p: number;
  usable: number;
}

function run(domainKind: DomainKind, ops: [number, number][]): void {
  const world = makeWorld({ domain: domainKind, maxHeap: 1 << 30 });
  const { domain, types, ids, refcount } = world;
  const floats = new FreeListAllocator({ domain, types, typeId: ids.float });
  const lists = new FreeListAllocator({ domain, types, typeId: ids.list });
  const dicts = new FreeListAllocator({ domain, types, typeId: ids.dict, limit: 5, link: "first-field" });
  const tuples = new TupleFreeLists({ domain, types, typeId: ids.tuple, refcount, limit: 3 });
  const ints = new DirectObjectAllocator({ domain, types, typeId: ids.int });
  const keys = new DictKeysFreeList({ domain, limit: 4 });

  const fixed = (a: FreeListAllocator, gc: number): Subject => ({
    name: a.name,
    allocate: () => a.allocate(),
    release: (obj) => a.release(obj),
    clear: () => a.clearFreeList(),
    listOf: () => 0,
    limit: a.limit,
    block: (obj) => obj - gc,
    stats: () => a.stats(),
    verify: () => a.verify(),
  });
  const sized = (a: SizedFreeListAllocator): Subject => ({
    name: a.name,
    // length 0 is the empty-tuple singleton: modelled as a length that is never cached
    allocate: (p) => a.allocate(1 + (p % 25)),
    release: (obj) => a.release(obj),
    clear: () => a.clearFreeList(),
    listOf: (p) => (1 + (p % 25) <= a.maxSaveSize ? 1 + (p % 25) : -1),
    // CPython 3.11's maybe_freelist_pop serves lengths below PyTuple_MAXSAVESIZE only.
    reused: (p) => 1 + (p % 25) < a.maxSaveSize,
    limit: a.limit,
    block: (obj) => obj - 16,
    stats: () => a.stats(),
    verify: () => a.verify(),
  });
  const subjects: Subject[] = [
    fixed(floats, 0),
    fixed(lists, 16),
    fixed(dicts, 16),
    sized(tuples),
    {
      name: "int",
      allocate: (p) => ints.allocate(p % 4),
      release: (obj) => ints.release(obj),
      clear: () => ints.clearFreeList(),
      listOf: () => -1,
      limit: 0,
      block: (obj) => obj,
      stats: () => ints.stats(),
      verify: () => {},
    },
    {
      name: "dict keys",
      allocate: (p) => keys.allocate(3 + (p & 1), (p & 2) !== 0),
      release: (obj, p) => keys.release(obj, 3 + (p & 1), (p & 2) !== 0),
      clear: () => keys.clearFreeList(),
      listOf: (p) => ((p & 3) === 2 ? 0 : -1),
      limit: keys.limit,
      block: (obj) => obj,
      stats: () => keys.stats(),
      verify: () => keys.verify(),
    },
  ];

  // Model: live objects, the LIFO stack of each free list (with each block's usable size),
  // counters, and the bytes the domain must have in use beyond its baseline.
  const live: LiveObject[] = [];
  const stacks = subjects.map(() => new Map<number, { obj: number; usable: number }[]>());
  const counts = subjects.map(() => ({ cached: 0, hits: 0, misses: 0, live: 0 }));
  let modelBytes = 0;
  const baseline = domain.stats();

  const check = (step: number) => {
    for (let s = 0; s < subjects.length; s++) {
      const st = subjects[s]!.stats();
      const c = counts[s]!;
      if (
        st.freeListLength !== c.cached ||
        st.hits !== c.hits ||
        st.misses !== c.misses ||
        st.live !== c.live
      ) {
        expect({ step, subject: subjects[s]!.name, ...st }).toEqual({
          step,
          subject: subjects[s]!.name,
          ...c,
        });
      }
    }
    if (step % 1000 === 0) for (const subject of subjects) subject.verify();
    const d = domain.stats();
    if (d.bytesInUse - baseline.bytesInUse !== modelBytes) {
      expect({ step, bytes: d.bytesInUse - baseline.bytesInUse }).toEqual({ step, bytes: modelBytes });
    }
  };

  for (let step = 0; step < ops.length; step++) {
    const [op, p] = ops[step]!;
    const s = op % subjects.length;
    const subject = subjects[s]!;
    const c = counts[s]!;
    if (op < 55) {
      const list = subject.listOf(p);
      const reused = subject.reused === undefined || subject.reused(p);
      const stack = list >= 0 && reused ? stacks[s]!.get(list) : undefined;
      const obj = subject.allocate(p);
      if (stack !== undefined && stack.length > 0) {
        const expected = stack.pop()!;
        if (obj !== expected.obj) expect({ step, obj }).toEqual({ step, obj: expected.obj });
        live.push({ subject: s, obj, p, usable: expected.usable });
        c.cached--;
        c.hits++;
      } else {
        const usable = domain.usableSize(subject.block(obj));
        modelBytes += usable;
        live.push({ subject: s, obj, p, usable });
        c.misses++;
      }
      c.live++;
    } else if (op < 98) {
      if (live.length === 0) continue;
      const i = p % live.length;
      const victim = live[i]!;
      live[i] = live[live.length - 1]!;
      live.pop();
      const vs = subjects[victim.subject]!;
      const vc = counts[victim.subject]!;
      vs.release(victim.obj, victim.p);
      vc.live--;
      const list = vs.listOf(victim.p);
      if (list >= 0) {
        const m = stacks[victim.subject]!;
        const stack = m.get(list) ?? [];
        m.set(list, stack);
        if (stack.length < vs.limit) {
          stack.push({ obj: victim.obj, usable: victim.usable });
          vc.cached++;
          continue;
        }
      }
      modelBytes -= victim.usable;
    } else {
      subject.clear();
      for (const stack of stacks[s]!.values()) {
        for (const entry of stack) modelBytes -= entry.usable;
        stack.length = 0;
      }
      c.cached = 0;
    }
    check(step);
  }

  // Release everything, clear every free list: back to the baseline.
  for (const victim of live) {
    subjects[victim.subject]!.release(victim.obj, victim.p);
    counts[victim.subject]!.live--;
  }
  for (const subject of subjects) subject.clear();
  const end = domain.stats();
  expect(end.bytesInUse).toBe(baseline.bytesInUse);
  expect(end.blocksInUse).toBe(baseline.blocksInUse);
  for (const subject of subjects) expect(subject.stats()).toMatchObject({ freeListLength: 0, live: 0 });
}

const opsArbitrary = fc.array(fc.tuple(fc.nat(99), fc.nat()), {
  minLength: STEPS_PER_RUN,
  maxLength: STEPS_PER_RUN,
});

describe("object allocators against a model of the domain's accounting", () => {
  it.each([
    "pymalloc",
    "tlsf",
  ] as DomainKind[])("keeps %s's bytes in use equal to live plus cached blocks, and clears back to the baseline", (domainKind) => {
    fc.assert(
      fc.property(opsArbitrary, (ops) => run(domainKind, ops)),
      // A failure names its step and allocator; shrinking 100,000-step sequences would take minutes.
      { numRuns: 2, endOnFailure: true },
    );
  });
});
