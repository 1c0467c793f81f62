import { DoubleFreeError, HeapCorruptionError, InvalidPointerError, SizeError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { FREE_LIST_REFCOUNT, formatFreeListStats, TupleFreeLists } from "../src/index";
import { blocksInUse, bytesInUse, heapDigest, makeWorld } from "./fixtures/world";

function tuples(options: { limit?: number; maxSaveSize?: number; reuseLongest?: boolean } = {}) {
  const world = makeWorld();
  const allocator = new TupleFreeLists({
    domain: world.domain,
    types: world.types,
    typeId: world.ids.tuple,
    refcount: world.refcount,
    ...options,
  });
  world.release.set(world.ids.tuple, (obj) => allocator.release(obj));
  return { world, allocator };
}

describe("TupleFreeLists: per-length free lists", () => {
  it("hands a freed tuple back only to a tuple of the same length", () => {
    const { allocator } = tuples();
    const t2 = allocator.allocate(2);
    const t3 = allocator.allocate(3);
    allocator.release(t2);
    allocator.release(t3);
    expect(allocator.allocate(3)).toBe(t3);
    const other = allocator.allocate(4);
    expect(other).not.toBe(t2);
    expect(allocator.allocate(2)).toBe(t2);
  });

  it("links each list through ob_item[0] and keeps ob_size", () => {
    const { world, allocator } = tuples();
    const a = allocator.allocate(1);
    const b = allocator.allocate(1);
    allocator.release(a);
    allocator.release(b);
    expect(world.headers.readWord(b + 24)).toBe(a);
    expect(world.headers.readWord(a + 24)).toBe(0);
    expect(world.headers.size(b)).toBe(1);
    expect(world.headers.refcount(b)).toBe(FREE_LIST_REFCOUNT);
    expect(world.headers.typeId(b)).toBe(world.ids.tuple);
  });

  it("caches lengths 1..20 and never 21", () => {
    const { world, allocator } = tuples();
    for (let n = 1; n <= 21; n++) {
      const t = allocator.allocate(n);
      const blocks = blocksInUse(world);
      allocator.release(t);
      expect(blocksInUse(world)).toBe(n <= 20 ? blocks : blocks - 1);
      expect(allocator.isCached(t)).toBe(n <= 20);
    }
    expect(allocator.stats().freeListLength).toBe(20);
    expect(allocator.stats().freeListLimit).toBe(20 * 2000);
  });

  it("files dead 20-tuples but never hands them out again, as CPython 3.11 (gh-121439)", () => {
    const { world, allocator } = tuples();
    const t19 = allocator.allocate(19);
    const t20 = allocator.allocate(20);
    allocator.release(t19);
    allocator.release(t20);
    expect(allocator.isCached(t20)).toBe(true);
    expect(allocator.allocate(19)).toBe(t19); // lengths 1..19 are reused
    const blocks = blocksInUse(world);
    const fresh = allocator.allocate(20);
    expect(fresh).not.toBe(t20); // a new block: the cached 20-tuple stays where it is
    expect(blocksInUse(world)).toBe(blocks + 1);
    expect(allocator.lengthStats(20)).toMatchObject({ freeListLength: 1, hits: 0, misses: 2 });
    allocator.release(fresh);
    expect(formatFreeListStats([allocator])).toContain("2 free 20-sized PyTupleObjects * 184 bytes each");
    allocator.clearFreeList();
    expect(allocator.lengthStats(20).freeListLength).toBe(0);
  });

  it("hands 20-tuples out again with reuseLongest, as CPython 3.12 and 3.13", () => {
    const { allocator } = tuples({ reuseLongest: true });
    const t20 = allocator.allocate(20);
    allocator.release(t20);
    expect(allocator.allocate(20)).toBe(t20);
    expect(allocator.lengthStats(20)).toMatchObject({ freeListLength: 0, hits: 1, misses: 1 });
    expect(() => tuples({ reuseLongest: "yes" as unknown as boolean })).toThrow(/reuseLongest/);
  });

  it("keeps at most 2000 tuples per length", () => {
    const { world, allocator } = tuples();
    const baseline = bytesInUse(world);
    const objs = Array.from({ length: 2001 }, () => allocator.allocate(2));
    const each = world.domain.usableSize(objs[0]! - 16);
    for (const t of objs) allocator.release(t);
    expect(allocator.lengthStats(2)).toMatchObject({
      name: "tuple[2]",
      freeListLength: 2000,
      freeListLimit: 2000,
    });
    expect(bytesInUse(world) - baseline).toBe(2000 * each);
    allocator.clearFreeList();
    expect(bytesInUse(world)).toBe(baseline);
  });

  it("counts hits and misses per length, and misses of uncached lengths in the total", () => {
    const { allocator } = tuples();
    const a = allocator.allocate(5);
    allocator.release(a);
    allocator.allocate(5);
    allocator.allocate(5);
    allocator.allocate(30);
    expect(allocator.lengthStats(5)).toMatchObject({ hits: 1, misses: 2, freeListLength: 0 });
    expect(allocator.stats()).toMatchObject({ hits: 1, misses: 3, live: 3 });
    expect(() => allocator.lengthStats(0)).toThrow(SizeError);
    expect(() => allocator.lengthStats(21)).toThrow(SizeError);
  });

  it("zeroes the items of a reused tuple and re-initialises its header", () => {
    const { world, allocator } = tuples();
    const t = allocator.allocate(3);
    for (let i = 0; i < 3; i++) world.headers.writeWord(t + 24 + 8 * i, 0x1234);
    world.headers.setRefcount(t, 0);
    allocator.release(t);
    expect(allocator.allocate(3)).toBe(t);
    expect(world.headers.refcount(t)).toBe(1);
    for (let i = 0; i < 3; i++) expect(world.headers.readWord(t + 24 + 8 * i)).toBe(0);
  });

  it("serves tuples larger than pymalloc's threshold from its raw allocator", () => {
    const { world, allocator } = tuples();
    const big = allocator.allocate(100); // 16 + 24 + 800 bytes
    expect(world.domain.owns(big - 16)).toBe(false);
    const blocks = world.raw.stats().blocksInUse;
    allocator.release(big);
    expect(world.raw.stats().blocksInUse).toBe(blocks - 1);
  });

  it("prints CPython 3.11's twenty tuple lines", () => {
    const { allocator } = tuples();
    const t = allocator.allocate(1);
    allocator.release(t);
    const lines = formatFreeListStats([allocator]).split("\n");
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe("   1 free 1-sized PyTupleObjects * 32 bytes each =                   32");
    expect(lines[1]).toBe("   0 free 2-sized PyTupleObjects * 40 bytes each =                    0");
    expect(lines[19]).toBe(" 0 free 20-sized PyTupleObjects * 184 bytes each =                    0");
  });
});

describe("TupleFreeLists: the empty tuple", () => {
  it("is one immortal, untracked singleton for every allocate(0)", () => {
    const { world, allocator } = tuples();
    const e = allocator.emptyTuple;
    expect(allocator.allocate(0)).toBe(e);
    expect(allocator.allocate()).toBe(e);
    expect(world.refcount.isImmortal(e)).toBe(true);
    expect(world.headers.size(e)).toBe(0);
    expect(world.gc.isTracked(e)).toBe(false);
    world.refcount.decref(e);
    expect(world.refcount.isImmortal(e)).toBe(true);
    expect(allocator.stats().live).toBe(0);
  });

  it("is never released", () => {
    const { world, allocator } = tuples();
    const digest = heapDigest(world);
    expect(() => allocator.release(allocator.emptyTuple)).toThrow(InvalidPointerError);
    expect(heapDigest(world)).toBe(digest);
  });

  it("survives clearFreeList", () => {
    const { world, allocator } = tuples();
    const baseline = bytesInUse(world);
    allocator.release(allocator.allocate(3));
    allocator.clearFreeList();
    expect(bytesInUse(world)).toBe(baseline);
    expect(allocator.allocate(0)).toBe(allocator.emptyTuple);
  });
});

describe("TupleFreeLists: bad input", () => {
  it("rejects double releases, wrong types and bad lengths without changing anything", () => {
    const { world, allocator } = tuples();
    const t = allocator.allocate(4);
    const u = allocator.allocate(4);
    allocator.release(t);
    const digest = heapDigest(world);
    const stats = allocator.stats();
    expect(() => allocator.release(t)).toThrow(DoubleFreeError);
    expect(() => allocator.release(u + 8)).toThrow(InvalidPointerError);
    expect(() => allocator.allocate(-1)).toThrow(SizeError);
    expect(() => allocator.allocate(0.5)).toThrow(SizeError);
    expect(() => allocator.allocate(2 ** 32)).toThrow(SizeError);
    expect(heapDigest(world)).toBe(digest);
    expect(allocator.stats()).toEqual(stats);
  });

  it("decref of a tuple releases its items and then the tuple itself", () => {
    const { world, allocator } = tuples();
    const inner = allocator.allocate(1);
    const outer = allocator.allocate(2);
    world.refcount.noteAllocated(inner);
    world.refcount.noteAllocated(outer);
    world.headers.writeWord(outer + 24, inner);
    world.refcount.decref(outer);
    expect(allocator.isCached(outer)).toBe(true);
    expect(allocator.isCached(inner)).toBe(true);
    expect(allocator.stats().live).toBe(0);
  });
});

describe("TupleFreeLists: verify", () => {
  it("checks every list, including each node's length", () => {
    const { world, allocator } = tuples();
    const objs = [1, 1, 2, 7].map((n) => allocator.allocate(n));
    for (const o of objs) allocator.release(o);
    expect(() => allocator.verify()).not.toThrow();
    world.headers.setSize(objs[0]!, 3); // a node of list 1 now claims 3 items
    expect(() => allocator.verify()).toThrow(HeapCorruptionError);
  });
});
