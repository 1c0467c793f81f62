import {
  ConfigurationError,
  DoubleFreeError,
  HeapCorruptionError,
  InvalidPointerError,
  LAYOUT_64,
  LAYOUT_COMPACT,
  SizeError,
} from "@pymem/core";
import { describe, expect, it } from "vitest";
import { DictKeysFreeList, dictKeysBytes, formatFreeListStats } from "../src/index";
import { blocksInUse, bytesInUse, heapDigest, makeWorld } from "./fixtures/world";

describe("dictKeysBytes (CPython 3.11's new_keys_object)", () => {
  it("sizes 64-bit keys objects: 32-byte header, indices, entries for 2/3 of the slots", () => {
    expect(dictKeysBytes(3, true, LAYOUT_64)).toBe(32 + 8 + 5 * 16); // 120
    expect(dictKeysBytes(3, false, LAYOUT_64)).toBe(32 + 8 + 5 * 24); // 160
    expect(dictKeysBytes(4, true, LAYOUT_64)).toBe(32 + 16 + 10 * 16); // 208
    expect(dictKeysBytes(8, false)).toBe(32 + 256 * 2 + 170 * 24); // 2-byte indices from 256 slots
    expect(dictKeysBytes(16, true)).toBe(32 + 65536 * 4 + 43690 * 16);
  });

  it("sizes compact keys objects with 4-byte words", () => {
    expect(dictKeysBytes(3, true, LAYOUT_COMPACT)).toBe(20 + 8 + 5 * 8);
  });

  it("rejects log2 sizes outside 1..26", () => {
    expect(() => dictKeysBytes(0, true)).toThrow(SizeError);
    expect(() => dictKeysBytes(27, true)).toThrow(SizeError);
    expect(() => dictKeysBytes(3.5, true)).toThrow(SizeError);
  });
});

describe("DictKeysFreeList", () => {
  function keysList(limit?: number) {
    const world = makeWorld();
    return { world, keys: new DictKeysFreeList({ domain: world.domain, limit }) };
  }

  it("caches only 8-slot tables with str keys", () => {
    const { world, keys } = keysList();
    const small = keys.allocate(3, true);
    const general = keys.allocate(3, false);
    const larger = keys.allocate(4, true);
    expect(world.domain.usableSize(small)).toBeGreaterThanOrEqual(120);
    const blocks = blocksInUse(world);
    keys.release(general, 3, false);
    keys.release(larger, 4, true);
    expect(blocksInUse(world)).toBe(blocks - 2);
    keys.release(small, 3, true);
    expect(blocksInUse(world)).toBe(blocks - 2);
    expect(keys.isCached(small)).toBe(true);
    expect(keys.allocate(4, true)).not.toBe(small);
    expect(keys.allocate(3, false)).not.toBe(small);
    expect(keys.allocate(3, true)).toBe(small);
    expect(keys.stats()).toEqual({
      name: "dict keys",
      freeListLength: 0,
      freeListLimit: 80,
      hits: 1,
      misses: 5,
      live: 3,
    });
  });

  it("keeps at most 80 and clears back to the baseline", () => {
    const { world, keys } = keysList();
    const baseline = bytesInUse(world);
    const blocks = Array.from({ length: 81 }, () => keys.allocate(3, true));
    for (const b of blocks) keys.release(b, 3, true);
    expect(keys.stats().freeListLength).toBe(80);
    expect(keys.isCached(blocks[80]!)).toBe(false);
    keys.clearFreeList();
    expect(bytesInUse(world)).toBe(baseline);
    expect(formatFreeListStats([keys])).toBe("");
  });

  it("rejects double releases, bad blocks and blocks too small for their table, changing nothing", () => {
    const { world, keys } = keysList();
    const a = keys.allocate(3, true);
    const b = keys.allocate(3, true);
    keys.release(a, 3, true);
    const digest = heapDigest(world);
    expect(() => keys.release(a, 3, true)).toThrow(DoubleFreeError);
    expect(() => keys.release(0, 3, true)).toThrow(InvalidPointerError);
    expect(() => keys.release(b + 4, 3, true)).toThrow(InvalidPointerError);
    expect(() => keys.release(b, 5, true)).toThrow(/at least/);
    expect(() => keys.release(b, 0, true)).toThrow(SizeError);
    expect(heapDigest(world)).toBe(digest);
    expect(keys.stats().live).toBe(1);
  });

  it("validates its tunables", () => {
    const world = makeWorld();
    expect(() => new DictKeysFreeList({ domain: world.domain, limit: -1 })).toThrow(ConfigurationError);
    expect(() => new DictKeysFreeList({ domain: world.domain, log2Size: 0 })).toThrow(ConfigurationError);
    expect(new DictKeysFreeList({ domain: world.domain, log2Size: 4 }).blockSize).toBe(208);
  });
});

describe("DictKeysFreeList: verify", () => {
  it("reports a cached block whose mark was overwritten", () => {
    const world = makeWorld();
    const keys = new DictKeysFreeList({ domain: world.domain });
    const blocks = [keys.allocate(3, true), keys.allocate(3, true)];
    for (const b of blocks) keys.release(b, 3, true);
    expect(() => keys.verify()).not.toThrow();
    world.heap.u32[(blocks[0]! >>> 2) + 1] = 0;
    expect(() => keys.verify()).toThrow(HeapCorruptionError);
  });
});
