import { DoubleFreeError, InvalidPointerError, SizeError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { DirectObjectAllocator, formatFreeListStats } from "../src/index";
import { blocksInUse, bytesInUse, heapDigest, makeWorld } from "./fixtures/world";

describe("DirectObjectAllocator", () => {
  it("mallocs for every allocation and frees on every release", () => {
    const world = makeWorld();
    const floats = new DirectObjectAllocator({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.float,
    });
    const baseBlocks = blocksInUse(world);
    const baseline = bytesInUse(world);
    const a = floats.allocate();
    const b = floats.allocate();
    expect(blocksInUse(world)).toBe(baseBlocks + 2);
    floats.release(a);
    expect(blocksInUse(world)).toBe(baseBlocks + 1);
    floats.release(b);
    expect(bytesInUse(world)).toBe(baseline);
    expect(floats.stats()).toEqual({
      name: "float",
      freeListLength: 0,
      freeListLimit: 0,
      hits: 0,
      misses: 2,
      live: 0,
    });
  });

  it("formats variable-size objects: ob_size set, items zeroed, GC header cleared", () => {
    const world = makeWorld({ domain: "tlsf" });
    const tuples = new DirectObjectAllocator({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.tuple,
    });
    const junk = world.domain.malloc(16 + 24 + 3 * 8);
    world.heap.u8.fill(0xab, junk, junk + 64);
    world.domain.free(junk);
    const t = tuples.allocate(3);
    expect(t).toBe(junk + 16); // the same block, reused by the raw allocator
    expect(world.headers.refcount(t)).toBe(1);
    expect(world.headers.typeId(t)).toBe(world.ids.tuple);
    expect(world.headers.size(t)).toBe(3);
    expect(world.gc.isTracked(t)).toBe(false);
    for (let i = 0; i < 3; i++) expect(world.headers.readWord(t + 24 + 8 * i)).toBe(0);
    expect([...world.heap.u8.subarray(t - 16, t)]).toEqual(new Array(16).fill(0));
    tuples.release(t);
  });

  it("zeroes bodies of every size, word-aligned or not", () => {
    const world = makeWorld({ domain: "tlsf" });
    const { domain, types, ids } = world;
    const tuples = new DirectObjectAllocator({ domain, types, typeId: ids.tuple });
    const bytes = new DirectObjectAllocator({ domain, types, typeId: ids.bytes });
    for (const [allocator, n, start] of [
      [tuples, 30, 24], // 240-byte body: zeroed with fill
      [bytes, 5, 24], // ends at byte 38: not word-aligned
      [bytes, 7, 24], // ends at byte 40
    ] as const) {
      const junk = domain.malloc(512);
      world.heap.u8.fill(0xcd, junk, junk + 512);
      domain.free(junk);
      const obj = allocator.allocate(n);
      const end = obj + allocator.memory.objectBytes(n);
      expect(obj).toBeGreaterThanOrEqual(junk);
      expect(world.heap.u8.subarray(obj + start, end).every((b) => b === 0)).toBe(true);
      allocator.release(obj);
    }
  });

  it("rejects double releases, foreign addresses and bad counts without changing anything", () => {
    const world = makeWorld();
    const ints = new DirectObjectAllocator({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.int,
    });
    const floats = new DirectObjectAllocator({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.float,
    });
    const i = ints.allocate(2);
    const f = floats.allocate();
    floats.release(f);
    const digest = heapDigest(world);
    expect(() => floats.release(f)).toThrow(DoubleFreeError);
    expect(() => ints.release(0)).toThrow(InvalidPointerError);
    expect(() => floats.release(i)).toThrow(InvalidPointerError);
    expect(() => ints.allocate(-1)).toThrow(SizeError);
    expect(() => ints.allocate(2 ** 40)).toThrow(SizeError);
    expect(() => floats.allocate(1)).toThrow(SizeError);
    expect(heapDigest(world)).toBe(digest);
    expect(ints.stats().live).toBe(1);
  });

  it("contributes no free-list lines and has nothing to clear", () => {
    const world = makeWorld();
    const floats = new DirectObjectAllocator({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.float,
    });
    const a = floats.allocate();
    floats.clearFreeList();
    expect(floats.stats().live).toBe(1);
    expect(formatFreeListStats([floats])).toBe("");
    floats.release(a);
  });
});
