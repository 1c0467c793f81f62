import { ConfigurationError, InvalidPointerError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { DirectObjectAllocator, SmallIntCache } from "../src/index";
import { bytesInUse, makeWorld } from "./fixtures/world";

function intWorld() {
  const world = makeWorld();
  const ints = new DirectObjectAllocator({ domain: world.domain, types: world.types, typeId: world.ids.int });
  world.release.set(world.ids.int, (obj) => ints.release(obj));
  const made: number[] = [];
  const create = (value: number) => {
    const obj = ints.allocate(1);
    world.refcount.noteAllocated(obj); // the host's allocation path tells the strategy
    world.heap.i32[(obj + 24) >>> 2] = Math.abs(value); // one digit
    world.headers.setSize(obj, value < 0 ? 2 ** 32 - 1 : value === 0 ? 0 : 1);
    made.push(value);
    return obj;
  };
  return { world, ints, create, made };
}

describe("SmallIntCache", () => {
  it("preallocates -5..256 in increasing order, each once", () => {
    const { world, create, made } = intWorld();
    const cache = new SmallIntCache({ refcount: world.refcount, create });
    expect(made).toEqual(Array.from({ length: 262 }, (_, i) => i - 5));
    expect(cache.size).toBe(262);
    expect([cache.min, cache.max]).toEqual([-5, 256]);
  });

  it("shares one immortal object per value", () => {
    const { world, create } = intWorld();
    const cache = new SmallIntCache({ refcount: world.refcount, create });
    const seven = cache.get(7);
    expect(cache.get(3 + 4)).toBe(seven);
    expect(world.heap.i32[(seven + 24) >>> 2]).toBe(7);
    expect(world.refcount.isImmortal(seven)).toBe(true);
    world.refcount.decref(seven);
    world.refcount.decref(seven);
    expect(world.refcount.isImmortal(seven)).toBe(true);
    const all = new Set(Array.from({ length: 262 }, (_, i) => cache.get(i - 5)));
    expect(all.size).toBe(262);
  });

  it("returns 0 outside the range and for non-integers", () => {
    const { world, create } = intWorld();
    const cache = new SmallIntCache({ refcount: world.refcount, create });
    for (const v of [-6, 257, 1e9, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(cache.get(v)).toBe(0);
      expect(cache.isCached(v)).toBe(false);
    }
    expect(cache.isCached(-5)).toBe(true);
    expect(cache.isCached(256)).toBe(true);
  });

  it("recognises its objects by address", () => {
    const { world, ints, create } = intWorld();
    const cache = new SmallIntCache({ refcount: world.refcount, create });
    expect(cache.contains(cache.get(-5))).toBe(true);
    expect(cache.contains(cache.get(256))).toBe(true);
    expect(cache.contains(cache.get(100))).toBe(true);
    const other = ints.allocate(1);
    expect(cache.contains(other)).toBe(false);
    expect(cache.contains(0)).toBe(false);
  });

  it("takes a configurable range", () => {
    const { world, create, made } = intWorld();
    const cache = new SmallIntCache({ refcount: world.refcount, create, min: 0, max: 1000 });
    expect(made).toHaveLength(1001);
    expect(cache.get(1000)).not.toBe(0);
    expect(cache.get(-1)).toBe(0);
    expect(() => new SmallIntCache({ refcount: world.refcount, create, min: 3, max: 2 })).toThrow(
      ConfigurationError,
    );
  });

  it("drops what it made when create fails, leaving the domain at its baseline", () => {
    const { world, create } = intWorld();
    const baseline = bytesInUse(world);
    const failing = (v: number) => {
      if (v === 100) throw new Error("no memory for 100");
      return create(v);
    };
    expect(() => new SmallIntCache({ refcount: world.refcount, create: failing })).toThrow(
      "no memory for 100",
    );
    expect(bytesInUse(world)).toBe(baseline);
    expect(
      () => new SmallIntCache({ refcount: world.refcount, create: (v) => (v === 3 ? 0 : create(v)) }),
    ).toThrow(InvalidPointerError);
    expect(bytesInUse(world)).toBe(baseline);
  });

  it("rejects a create that returns one object for two values", () => {
    const { world, create } = intWorld();
    const baseline = bytesInUse(world);
    let shared = 0;
    const dup = (v: number) => {
      if (v === 1) {
        shared = create(v);
        return shared;
      }
      if (v === 2) {
        world.refcount.incref(shared);
        return shared;
      }
      return create(v);
    };
    expect(() => new SmallIntCache({ refcount: world.refcount, create: dup })).toThrow(/distinct/);
    expect(bytesInUse(world)).toBe(baseline);
  });
});
