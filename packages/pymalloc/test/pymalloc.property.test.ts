import { DoubleFreeError, InvalidPointerError } from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PymallocPresetName, resolvePymallocConfig } from "../src/index";
import { setup, snapshot, unchanged } from "./helpers";

type Op =
  | { k: "malloc"; size: number }
  | { k: "calloc"; count: number; size: number }
  | { k: "free"; pick: number }
  | { k: "realloc"; pick: number; size: number }
  | { k: "burst"; size: number; n: number }
  | { k: "drain"; percent: number; pick: number }
  | { k: "invalid"; pick: number; kind: number; offset: number };

const sizeArb = fc.oneof(
  { weight: 85, arbitrary: fc.integer({ min: 1, max: 512 }) },
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 10, arbitrary: fc.integer({ min: 513, max: 8192 }) },
  { weight: 1, arbitrary: fc.integer({ min: 8193, max: 300_000 }) },
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 30, arbitrary: fc.record({ k: fc.constant("malloc" as const), size: sizeArb }) },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant("calloc" as const),
      count: fc.integer({ min: 0, max: 16 }),
      size: fc.integer({ min: 0, max: 64 }),
    }),
  },
  { weight: 30, arbitrary: fc.record({ k: fc.constant("free" as const), pick: fc.nat() }) },
  { weight: 12, arbitrary: fc.record({ k: fc.constant("realloc" as const), pick: fc.nat(), size: sizeArb }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant("burst" as const),
      size: fc.integer({ min: 1, max: 512 }),
      n: fc.integer({ min: 1, max: 600 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant("drain" as const),
      percent: fc.integer({ min: 10, max: 100 }),
      pick: fc.nat(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant("invalid" as const),
      pick: fc.nat(),
      kind: fc.integer({ min: 0, max: 2 }),
      offset: fc.nat(),
    }),
  },
);

const HEAP_MAX = 1 << 26; // 64 MiB

/** A cheap assertion for the hot loop (vitest's expect costs microseconds per call). */
function same(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: got ${String(actual)}, expected ${String(expected)}`);
}
const GRANULE_SHIFT = 3; // occupancy is tracked per 8 bytes

/** Runs `ops` against a fresh allocator and an incremental model, checking invariants after every step. */
function run(preset: PymallocPresetName, ops: Op[], checked: boolean, adoptRawBlocks = false): number {
  const { obj, pages, raw } = setup(preset, {
    initialByteLength: 1 << 16,
    maxByteLength: HEAP_MAX,
    checked,
    adoptRawBlocks,
  });
  const config = resolvePymallocConfig(preset);
  const startMapped = pages.stats().mappedBytes;

  // The model: live blocks with their requested size, usable size and fill byte.
  const addrs: number[] = [];
  const where = new Map<number, number>(); // address -> index in addrs
  const sizeOf = new Map<number, number>();
  const usableOf = new Map<number, number>();
  const tagOf = new Map<number, number>();
  const classIndex = new Map<number, number>();
  const perClass = new Int32Array(config.sizeClassCount);
  let smallBytes = 0;
  let rawBytes = 0;
  // The most bytes ever in use at once (stats().peakBytesInUse must equal it exactly).
  let peakBytes = 0;
  let rawCount = 0;
  let calls = 0;
  let tagCounter = 1;
  const occupied = new Uint32Array(HEAP_MAX >>> (GRANULE_SHIFT + 5));
  // Freed pool blocks, with the class they had, for double-free attempts; per pool, live blocks and the
  // class of the latest block handed out there.
  const recentlyFreed: { address: number; cls: number; gen: number }[] = [];
  const poolLive = new Map<number, number>();
  const poolClass = new Map<number, number>();
  const poolGen = new Map<number, number>(); // bumped when a pool starts serving another class
  const poolOf = (address: number) => address - (address % config.poolSize);
  let reclaimed = 0;
  let invalidChecks = 0;

  const classOf = (size: number) =>
    size >= 1 && size <= config.smallRequestThreshold ? Math.ceil(size / config.alignment) - 1 : -1;

  const mark = (address: number, usable: number, on: boolean) => {
    const first = address >>> GRANULE_SHIFT;
    const last = (address + Math.max(usable, 1) - 1) >>> GRANULE_SHIFT;
    for (let g = first; g <= last; g++) {
      const bit = 1 << (g & 31);
      const isSet = (occupied[g >>> 5]! & bit) !== 0;
      if (on) {
        if (isSet)
          throw new Error(`block ${address} of ${usable} bytes overlaps a live block at granule ${g}`);
        occupied[g >>> 5]! |= bit;
      } else {
        occupied[g >>> 5]! &= ~bit;
      }
    }
  };

  const covered = (address: number) =>
    (occupied[address >>> (GRANULE_SHIFT + 5)]! & (1 << ((address >>> GRANULE_SHIFT) & 31))) !== 0;

  const verifyContents = (address: number) => {
    const tag = tagOf.get(address)!;
    const n = sizeOf.get(address)!;
    const u8 = obj.heap.u8;
    for (let i = 0; i < n; i++) {
      if (u8[address + i] !== tag) throw new Error(`block ${address} lost its contents at byte ${i}`);
    }
  };

  /** Records a new live block; `cls` is its size class (by default the one serving `size`), -1 for raw. */
  const add = (address: number, size: number, cls = classOf(size)) => {
    same(address % obj.alignment, 0, "address alignment");
    const small = obj.owns(address);
    same(small, cls >= 0, "served from a pool");
    const usable = small ? (cls + 1) * config.alignment : raw.usableSize(address);
    same(obj.usableSize(address), usable, "usable size");
    mark(address, usable, true);
    const tag = tagCounter++ & 0xff;
    obj.heap.u8.fill(tag, address, address + size);
    where.set(address, addrs.length);
    addrs.push(address);
    sizeOf.set(address, size);
    usableOf.set(address, usable);
    tagOf.set(address, tag);
    classIndex.set(address, cls);
    if (small) {
      const pool = poolOf(address);
      poolLive.set(pool, (poolLive.get(pool) ?? 0) + 1);
      if (poolClass.get(pool) !== cls) poolGen.set(pool, (poolGen.get(pool) ?? 0) + 1);
      poolClass.set(pool, cls);
      perClass[cls]++;
      smallBytes += usable;
    } else {
      rawBytes += usable;
      rawCount++;
    }
    if (smallBytes + rawBytes > peakBytes) peakBytes = smallBytes + rawBytes;
  };

  const remove = (address: number) => {
    const i = where.get(address)!;
    const last = addrs.pop()!;
    if (last !== address) {
      addrs[i] = last;
      where.set(last, i);
    }
    where.delete(address);
    const usable = usableOf.get(address)!;
    mark(address, usable, false);
    const cls = classIndex.get(address)!;
    if (cls >= 0) {
      const pool = poolOf(address);
      poolLive.set(pool, poolLive.get(pool)! - 1);
      perClass[cls]--;
      smallBytes -= usable;
      recentlyFreed.push({ address, cls, gen: poolGen.get(pool)! });
      if (recentlyFreed.length > 64) recentlyFreed.shift();
    } else {
      rawBytes -= usable;
      rawCount--;
    }
    sizeOf.delete(address);
    usableOf.delete(address);
    tagOf.delete(address);
    classIndex.delete(address);
  };

  const freeOne = (address: number) => {
    verifyContents(address);
    obj.free(address);
    calls++;
    remove(address);
  };

  const checkStats = () => {
    const s = obj.stats();
    const p = s.pymalloc;
    if (p.arenasReclaimed !== reclaimed) {
      // An arena went back to the page provider: a later arena at the same address starts afresh.
      reclaimed = p.arenasReclaimed;
      recentlyFreed.length = 0;
    }
    same(s.blocksInUse, addrs.length, "s.blocksInUse");
    same(s.bytesInUse, smallBytes + rawBytes, "s.bytesInUse");
    same(s.peakBytesInUse, peakBytes, "s.peakBytesInUse");
    same(p.allocatedBytes, smallBytes, "p.allocatedBytes");
    same(p.rawBlocks, rawCount, "p.rawBlocks");
    same(p.allocatedBlocks, addrs.length, "p.allocatedBlocks");
    same(p.totalBytes, p.arenaBytes, "p.totalBytes");
    // usable_arenas: exactly the arenas with free pools, in non-decreasing order of free pools, with
    // nfp2lasta[n] its last arena with n free pools.
    const order = obj.usableArenaOrder();
    let usable = 0;
    for (let slot = 0; slot < obj.arenaSlots; slot++) {
      const a = obj.arenaInfo(slot);
      if (a.address !== 0 && a.freePools > 0) usable++;
    }
    same(order.length, usable, "arenas on usable_arenas");
    for (let i = 0; i < order.length; i++) {
      const n = obj.arenaInfo(order[i]!).freePools;
      if (i + 1 < order.length && obj.arenaInfo(order[i + 1]!).freePools < n)
        throw new Error("usable_arenas out of order");
      const isLast = i + 1 === order.length || obj.arenaInfo(order[i + 1]!).freePools !== n;
      if (isLast) same(obj.lastArenaWithFreePools(n), order[i], `nfp2lasta[${n}]`);
    }
    for (let i = 0; i < perClass.length; i++) {
      if (p.sizeClasses[i]!.blocksInUse !== perClass[i]) {
        throw new Error(
          `class ${i}: ${p.sizeClasses[i]!.blocksInUse} blocks in use, model has ${perClass[i]}`,
        );
      }
    }
  };

  for (const op of ops) {
    switch (op.k) {
      case "malloc": {
        add(obj.malloc(op.size), op.size);
        calls++;
        break;
      }
      case "calloc": {
        const address = obj.calloc(op.count, op.size);
        calls++;
        const n = op.count * op.size;
        const u8 = obj.heap.u8;
        for (let i = 0; i < n; i++)
          if (u8[address + i] !== 0) throw new Error(`calloc block ${address} not zeroed`);
        add(address, n);
        break;
      }
      case "free": {
        if (addrs.length === 0) break;
        freeOne(addrs[op.pick % addrs.length]!);
        break;
      }
      case "realloc": {
        if (addrs.length === 0) break;
        const old = addrs[op.pick % addrs.length]!;
        verifyContents(old);
        const oldSize = sizeOf.get(old)!;
        const tag = tagOf.get(old)!;
        const oldClass = classIndex.get(old)!;
        const oldUsable = usableOf.get(old)!;
        const inUseBefore = smallBytes + rawBytes;
        remove(old);
        const moved = obj.realloc(old, op.size);
        calls++;
        // pymalloc_realloc keeps a pool block in place when the new size fits and is over 3/4 of it.
        const inPlace = oldClass >= 0 && op.size <= oldUsable && 4 * op.size > 3 * oldUsable;
        if (inPlace) same(moved, old, "in-place realloc address");
        // The kept prefix still carries the old fill byte.
        const keep = Math.min(oldSize, op.size);
        const u8 = obj.heap.u8;
        for (let i = 0; i < keep; i++) if (u8[moved + i] !== tag) throw new Error(`realloc lost byte ${i}`);
        // Raw blocks stay raw (unless adopted into a pool at a small size); pool blocks stay in
        // their class in place, else move by size.
        const adopted = oldClass < 0 && adoptRawBlocks && classOf(op.size) >= 0;
        add(moved, op.size, inPlace ? oldClass : oldClass < 0 && !adopted ? -1 : classOf(op.size));
        // A block that moves out of its pool or into one is freed only after its copy is
        // allocated: both count at once.
        if ((oldClass >= 0 && !inPlace) || adopted) {
          peakBytes = Math.max(peakBytes, inUseBefore + usableOf.get(moved)!);
        }
        break;
      }
      case "burst": {
        for (let i = 0; i < op.n; i++) {
          add(obj.malloc(op.size), op.size);
          calls++;
        }
        break;
      }
      case "drain": {
        const n = Math.floor((addrs.length * op.percent) / 100);
        for (let i = 0; i < n && addrs.length > 0; i++) freeOne(addrs[(op.pick + i * 7919) % addrs.length]!);
        break;
      }
      case "invalid": {
        let target = -1;
        let expected: (new (...a: never[]) => Error)[] = [];
        if (op.kind === 0 && addrs.length > 0) {
          const a = addrs[op.pick % addrs.length]!;
          const usable = usableOf.get(a)!;
          if (obj.owns(a) && usable > 1) {
            target = a + 1 + (op.offset % (usable - 1)); // interior pointer
            expected = [InvalidPointerError];
          }
        } else if (op.kind === 1 && recentlyFreed.length > 0) {
          const { address: a, cls, gen } = recentlyFreed[op.pick % recentlyFreed.length]!;
          if (!covered(a)) {
            target = a; // freed before and not handed out again
            // Its pool has served its class ever since (so still holds the block, free): a double free.
            // A pool recycled for another class may put the address inside another block instead.
            const pool = poolOf(a);
            const sameClass =
              (poolLive.get(pool) ?? 0) > 0 && poolClass.get(pool) === cls && poolGen.get(pool) === gen;
            expected = obj.owns(a) && sameClass ? [DoubleFreeError] : [InvalidPointerError, DoubleFreeError];
          }
        } else if (op.kind === 2 && addrs.length > 0) {
          const a = addrs[op.pick % addrs.length]!;
          if (obj.owns(a)) {
            target = a - (a % config.poolSize) + (op.offset % config.poolOverhead); // inside a pool header
            expected = [InvalidPointerError];
          }
        }
        if (target < 0 || !checked) break;
        invalidChecks++;
        const before = invalidChecks % 50 === 0 ? snapshot(obj) : null;
        const statsBefore = JSON.stringify(obj.stats());
        let error: unknown;
        try {
          obj.free(target);
        } catch (e) {
          error = e;
        }
        if (!expected.some((t) => error instanceof t)) {
          throw new Error(
            `free(${target}) (kind ${op.kind}) raised ${String(error)}, expected ${expected.map((t) => t.name)}`,
          );
        }
        same(JSON.stringify(obj.stats()), statsBefore, "figures after a rejected free");
        if (before !== null) same(unchanged(obj, before), true, "heap bytes after a rejected free");
        break;
      }
    }
    checkStats();
  }

  // Everything still holds its bytes; freeing it all gives every arena back.
  for (const a of addrs) verifyContents(a);
  while (addrs.length > 0) freeOne(addrs[addrs.length - 1]!);
  checkStats();
  const s = obj.stats();
  expect(s.bytesInUse).toBe(0);
  expect(s.pymalloc.arenasAllocatedCurrent).toBeLessThanOrEqual(config.retainLastFreeArena ? 1 : 0);
  // The raw allocator keeps no empty region by default, so mapped bytes return to where they
  // started, plus the one arena cpython311 keeps (bpo-37257) until trim().
  expect(raw.stats().bytesReserved).toBe(0);
  expect(pages.stats().mappedBytes).toBe(startMapped + s.pymalloc.arenasAllocatedCurrent * config.arenaSize);
  obj.trim();
  expect(obj.stats().pymalloc.arenasAllocatedCurrent).toBe(0);
  expect(pages.stats().mappedBytes).toBe(startMapped);
  return calls;
}

/** Runs a property, reporting a failure by its seed, path and error rather than its (huge) counterexample. */
function check(property: fc.IProperty<[Op[]]>, numRuns: number): void {
  const out = fc.check(property, { numRuns, endOnFailure: true });
  if (out.failed) {
    const cause =
      out.errorInstance instanceof Error
        ? (out.errorInstance.stack ?? out.errorInstance.message)
        : String(out.errorInstance);
    throw new Error(`property failed (seed ${out.seed}, path "${out.counterexamplePath}"): ${cause}`);
  }
}

const STEPS_PER_RUN = 20_000;
const RUNS = 5;

describe.each(["cpython311", "classic"] as const)("pymalloc %s under random operations", (preset) => {
  it(`keeps blocks disjoint and intact, and its figures equal the model's, over ${RUNS * STEPS_PER_RUN}+ calls`, () => {
    let total = 0;
    check(
      fc.property(fc.array(opArb, { minLength: STEPS_PER_RUN, maxLength: STEPS_PER_RUN }), (ops) => {
        total += run(preset, ops, true);
      }),
      RUNS,
    );
    expect(total).toBeGreaterThanOrEqual(100_000);
  });

  it("keeps the same invariants when realloc adopts raw blocks into pools", () => {
    check(
      fc.property(fc.array(opArb, { minLength: 10_000, maxLength: 10_000 }), (ops) => {
        run(preset, ops, true, true);
      }),
      1,
    );
  });

  it("behaves the same unchecked on valid operations", () => {
    check(
      fc.property(fc.array(opArb, { minLength: 10_000, maxLength: 10_000 }), (ops) => {
        run(preset, ops, false);
      }),
      1,
    );
  });
});
