import {
  ConfigurationError,
  DoubleFreeError,
  HeapCorruptionError,
  InvalidPointerError,
  LAYOUT_COMPACT,
  SizeError,
  type TypeInfo,
} from "@pymem/core";
import { describe, expect, it } from "vitest";
import { FREE_LIST_REFCOUNT, FreeListAllocator, formatFreeListStats } from "../src/index";
import { blocksInUse, bytesInUse, heapDigest, makeWorld } from "./fixtures/world";

function floats(limit?: number) {
  const world = makeWorld();
  const allocator = new FreeListAllocator({
    domain: world.domain,
    types: world.types,
    typeId: world.ids.float,
    limit,
  });
  world.release.set(world.ids.float, (obj) => allocator.release(obj));
  return { world, allocator };
}

describe("FreeListAllocator: reuse", () => {
  it("hands a freed float's address to the next float", () => {
    const { allocator } = floats();
    const a = allocator.allocate();
    allocator.release(a);
    expect(allocator.allocate()).toBe(a);
  });

  it("pops in LIFO order, as CPython's float free list", () => {
    const { allocator } = floats();
    const objs = [allocator.allocate(), allocator.allocate(), allocator.allocate()];
    for (const o of objs) allocator.release(o);
    expect([allocator.allocate(), allocator.allocate(), allocator.allocate()]).toEqual(
      objs.slice().reverse(),
    );
  });

  it("threads the list through ob_type and marks cached objects in the refcount word", () => {
    const { world, allocator } = floats();
    const a = allocator.allocate();
    const b = allocator.allocate();
    allocator.release(a);
    allocator.release(b);
    // head is b; b's ob_type word holds a; a's holds 0 (end of list)
    expect(world.headers.typeId(b)).toBe(a);
    expect(world.headers.typeId(a)).toBe(0);
    expect(world.headers.refcount(a)).toBe(FREE_LIST_REFCOUNT);
    expect(allocator.isCached(a)).toBe(true);
    expect(allocator.isCached(b)).toBe(true);
  });

  it("formats a reused object as a fresh one: refcount 1, type id, payload zeroed", () => {
    const { world, allocator } = floats();
    const a = allocator.allocate();
    world.heap.f64[(a + 16) >>> 3] = 3.25;
    world.headers.setRefcount(a, 0);
    allocator.release(a);
    const b = allocator.allocate();
    expect(b).toBe(a);
    expect(world.headers.refcount(b)).toBe(1);
    expect(world.headers.typeId(b)).toBe(world.ids.float);
    expect(world.heap.f64[(b + 16) >>> 3]).toBe(0);
  });

  it("gives containers a zeroed (untracked) GC header on every allocation", () => {
    const world = makeWorld();
    const lists = new FreeListAllocator({ domain: world.domain, types: world.types, typeId: world.ids.list });
    const l = lists.allocate();
    expect(world.gc.isTracked(l)).toBe(false);
    expect(world.domain.usableSize(l - 16)).toBeGreaterThanOrEqual(56);
    world.gc.setFinalized(l, true);
    lists.release(l);
    expect(lists.allocate()).toBe(l);
    expect(world.gc.isFinalized(l)).toBe(false);
    expect(world.gc.isTracked(l)).toBe(false);
  });

  it("can thread the list through the first field instead", () => {
    const world = makeWorld();
    const allocator = new FreeListAllocator({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.float,
      link: "first-field",
    });
    const a = allocator.allocate();
    const b = allocator.allocate();
    allocator.release(a);
    allocator.release(b);
    expect(world.headers.readWord(b + 16)).toBe(a);
    expect(world.headers.typeId(b)).toBe(world.ids.float);
    expect(allocator.allocate()).toBe(b);
    expect(allocator.allocate()).toBe(a);
  });

  it("works in the compact layout", () => {
    const world = makeWorld({ layout: LAYOUT_COMPACT });
    const allocator = new FreeListAllocator({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.dict,
      layout: LAYOUT_COMPACT,
    });
    const d = allocator.allocate();
    expect(world.headers.typeId(d)).toBe(world.ids.dict);
    expect(world.domain.usableSize(d - 8)).toBeGreaterThanOrEqual(8 + 28);
    allocator.release(d);
    expect(world.headers.readWord(d + 4)).toBe(0);
    expect(allocator.allocate()).toBe(d);
  });
});

describe("FreeListAllocator: limit and accounting", () => {
  it("keeps 100 floats and sends the 101st back to the domain", () => {
    const { world, allocator } = floats();
    const baseline = bytesInUse(world);
    const objs = Array.from({ length: 101 }, () => allocator.allocate());
    const perFloat = world.domain.usableSize(objs[0]!);
    expect(bytesInUse(world) - baseline).toBe(101 * perFloat);
    for (let i = 0; i < 100; i++) allocator.release(objs[i]!);
    expect(bytesInUse(world) - baseline).toBe(101 * perFloat); // all cached: nothing freed
    const blocks = blocksInUse(world);
    allocator.release(objs[100]!);
    expect(blocksInUse(world)).toBe(blocks - 1);
    expect(bytesInUse(world) - baseline).toBe(100 * perFloat);
    expect(allocator.isCached(objs[100]!)).toBe(false);
    expect(allocator.stats()).toEqual({
      name: "float",
      freeListLength: 100,
      freeListLimit: 100,
      hits: 0,
      misses: 101,
      live: 0,
    });
  });

  it("counts hits, misses, the list length and live objects", () => {
    const { allocator } = floats();
    const a = allocator.allocate();
    const b = allocator.allocate();
    allocator.release(a);
    expect(allocator.stats()).toMatchObject({ freeListLength: 1, hits: 0, misses: 2, live: 1 });
    allocator.allocate();
    allocator.allocate();
    expect(allocator.stats()).toMatchObject({ freeListLength: 0, hits: 1, misses: 3, live: 3 });
    allocator.release(b);
    expect(allocator.stats()).toMatchObject({ freeListLength: 1, live: 2 });
  });

  it("uses CPython's limits for list and dict, and no caching with limit 0", () => {
    const world = makeWorld();
    const { domain, types, ids } = world;
    expect(new FreeListAllocator({ domain, types, typeId: ids.list }).limit).toBe(80);
    expect(new FreeListAllocator({ domain, types, typeId: ids.dict }).limit).toBe(80);
    const none = new FreeListAllocator({ domain, types, typeId: ids.float, limit: 0 });
    const baseline = bytesInUse(world);
    const a = none.allocate();
    none.release(a);
    expect(bytesInUse(world)).toBe(baseline);
    expect(none.stats().freeListLength).toBe(0);
  });

  it("clearFreeList returns every cached block to the domain", () => {
    const { world, allocator } = floats();
    const baseline = bytesInUse(world);
    const baseBlocks = blocksInUse(world);
    const objs = Array.from({ length: 150 }, () => allocator.allocate());
    for (const o of objs) allocator.release(o);
    expect(allocator.stats().freeListLength).toBe(100);
    allocator.clearFreeList();
    expect(allocator.stats().freeListLength).toBe(0);
    expect(bytesInUse(world)).toBe(baseline);
    expect(blocksInUse(world)).toBe(baseBlocks);
    const fresh = allocator.allocate();
    expect(allocator.stats().misses).toBe(151);
    allocator.release(fresh);
  });

  it("is the deallocation path of the refcount strategy", () => {
    const { world, allocator } = floats();
    const a = allocator.allocate();
    world.refcount.noteAllocated(a);
    world.refcount.incref(a);
    world.refcount.decref(a);
    expect(allocator.isCached(a)).toBe(false);
    world.refcount.decref(a); // reaches 0: float dealloc -> release
    expect(allocator.isCached(a)).toBe(true);
    expect(allocator.stats().live).toBe(0);
  });

  it("prints CPython's free-list line", () => {
    const { allocator } = floats();
    const objs = Array.from({ length: 12 }, () => allocator.allocate());
    for (const o of objs) allocator.release(o);
    expect(formatFreeListStats([allocator])).toBe(
      "          12 free PyFloatObjects * 24 bytes each =                  288\n",
    );
  });
});

describe("FreeListAllocator: bad input leaves everything unchanged", () => {
  function snapshot(world: ReturnType<typeof makeWorld>, allocator: FreeListAllocator) {
    return { bytes: bytesInUse(world), stats: allocator.stats(), heap: heapDigest(world) };
  }

  it("rejects a second release of a cached object with DoubleFreeError", () => {
    const { world, allocator } = floats();
    const a = allocator.allocate();
    allocator.release(a);
    const before = snapshot(world, allocator);
    expect(() => allocator.release(a)).toThrow(DoubleFreeError);
    expect(snapshot(world, allocator)).toEqual(before);
  });

  it("reports a release of a block already freed to the domain as the domain diagnoses it", () => {
    const { world, allocator } = floats(0);
    const a = allocator.allocate();
    allocator.release(a);
    const before = snapshot(world, allocator);
    expect(() => allocator.release(a)).toThrow(DoubleFreeError);
    expect(snapshot(world, allocator)).toEqual(before);
  });

  it.each([
    ["NULL", 0],
    ["a negative address", -16],
    ["NaN", Number.NaN],
    ["a fractional address", 4096.5],
    ["an address past the heap", 2 ** 31],
  ])("rejects %s with InvalidPointerError", (_what, address) => {
    const { world, allocator } = floats();
    allocator.allocate();
    const before = snapshot(world, allocator);
    expect(() => allocator.release(address)).toThrow(InvalidPointerError);
    expect(snapshot(world, allocator)).toEqual(before);
  });

  it("rejects interior pointers, objects of another type and tracked containers", () => {
    const world = makeWorld();
    const { domain, types, ids } = world;
    const fl = new FreeListAllocator({ domain, types, typeId: ids.float });
    const lists = new FreeListAllocator({ domain, types, typeId: ids.list });
    const f = fl.allocate();
    const l = lists.allocate();
    world.gc.setNextWord(world.gc.node(l), 8); // as if tracked
    const before = snapshot(world, fl);
    expect(() => fl.release(f + 8)).toThrow(InvalidPointerError);
    expect(() => fl.release(l)).toThrow(InvalidPointerError);
    expect(() => lists.release(f)).toThrow(InvalidPointerError);
    expect(() => lists.release(l)).toThrow(/untracked/);
    expect(snapshot(world, fl)).toEqual(before);
  });

  it("rejects a non-zero item count with SizeError", () => {
    const { allocator } = floats();
    expect(() => allocator.allocate(1)).toThrow(SizeError);
    expect(() => allocator.allocate(-1)).toThrow(SizeError);
    expect(allocator.stats().misses).toBe(0);
  });

  it("raises MemoryError on an exhausted domain and keeps its counters", () => {
    const world = makeWorld({ domain: "tlsf", maxHeap: 1 << 21 });
    const allocator = new FreeListAllocator({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.float,
    });
    // Fill the heap with large blocks, then floats until the domain gives up.
    const hogs: number[] = [];
    expect(() => {
      for (;;) hogs.push(world.domain.malloc(4096));
    }).toThrow();
    let count = 0;
    expect(() => {
      for (;;) {
        allocator.allocate();
        count++;
      }
    }).toThrow(/cannot allocate/);
    expect(allocator.stats()).toMatchObject({ misses: count, live: count });
  });
});

describe("FreeListAllocator: configuration", () => {
  it("requires an explicit limit for types CPython has no free list for", () => {
    const world = makeWorld();
    expect(
      () => new FreeListAllocator({ domain: world.domain, types: world.types, typeId: world.ids.NoneType }),
    ).toThrow(ConfigurationError);
    expect(
      new FreeListAllocator({
        domain: world.domain,
        types: world.types,
        typeId: world.ids.NoneType,
        limit: 5,
      }).limit,
    ).toBe(5);
  });

  it("rejects variable-size types, bad limits, bad links and links outside the object", () => {
    const world = makeWorld();
    const { domain, types, ids } = world;
    expect(() => new FreeListAllocator({ domain, types, typeId: ids.tuple, limit: 5 })).toThrow(
      /SizedFreeList/,
    );
    expect(() => new FreeListAllocator({ domain, types, typeId: ids.float, limit: -1 })).toThrow(
      ConfigurationError,
    );
    expect(
      () => new FreeListAllocator({ domain, types, typeId: ids.float, link: "next" as unknown as "ob_type" }),
    ).toThrow(ConfigurationError);
    expect(
      () => new FreeListAllocator({ domain, types, typeId: ids.NoneType, limit: 5, link: "first-field" }),
    ).toThrow(/no field after its header/);
    expect(() => new FreeListAllocator({ domain, types, typeId: 999 })).toThrow(RangeError);
  });

  it("labels unknown types generically", () => {
    const world = makeWorld();
    const widget: TypeInfo = { ...world.types.get(world.ids.float), name: "widget" };
    const id = world.types.register(widget);
    const allocator = new FreeListAllocator({
      domain: world.domain,
      types: world.types,
      typeId: id,
      limit: 3,
    });
    expect(allocator.freeListStats()).toEqual([{ label: "free widget", count: 0, objectSize: 24 }]);
  });
});

describe("FreeListAllocator: verify", () => {
  it("accepts a consistent list and reports a corrupted node", () => {
    const { world, allocator } = floats();
    const objs = Array.from({ length: 3 }, () => allocator.allocate());
    for (const o of objs) allocator.release(o);
    expect(() => allocator.verify()).not.toThrow();
    world.headers.setRefcount(objs[1]!, 5); // a cached object overwritten
    expect(() => allocator.verify()).toThrow(HeapCorruptionError);
    world.headers.setRefcount(objs[1]!, FREE_LIST_REFCOUNT);
    world.headers.setTypeId(objs[0]!, objs[2]!); // the tail links somewhere instead of ending
    expect(() => allocator.verify()).toThrow(/does not end/);
  });
});
