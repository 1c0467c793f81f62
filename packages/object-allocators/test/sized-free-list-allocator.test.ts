import { ConfigurationError, LAYOUT_COMPACT } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { formatFreeListStats, SizedFreeListAllocator } from "../src/index";
import { bytesInUse, makeWorld } from "./fixtures/world";

describe("SizedFreeListAllocator", () => {
  it("caches any variable-size type by item count, linked through ob_type when items are narrow", () => {
    const world = makeWorld();
    const bytes = new SizedFreeListAllocator({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.bytes,
      maxSaveSize: 4,
      limit: 2,
      link: "ob_type",
    });
    const baseline = bytesInUse(world);
    const a = bytes.allocate(3);
    const b = bytes.allocate(3);
    const c = bytes.allocate(3);
    bytes.release(a);
    bytes.release(b);
    bytes.release(c); // the list of 3-byte objects is full: freed
    expect(bytes.lengthStats(3).freeListLength).toBe(2);
    expect(world.headers.typeId(b)).toBe(a);
    expect(bytes.allocate(3)).toBe(b);
    expect(bytes.allocate(3)).toBe(a);
    bytes.release(a);
    bytes.release(b);
    bytes.clearFreeList();
    expect(bytesInUse(world)).toBe(baseline);
  });

  it("rejects a first-item link that does not fit a one-item object, and fixed-size types", () => {
    const world = makeWorld();
    const { domain, types, ids } = world;
    expect(() => new SizedFreeListAllocator({ domain, types, typeId: ids.bytes })).toThrow(/ob_type/);
    expect(() => new SizedFreeListAllocator({ domain, types, typeId: ids.float })).toThrow(
      /FreeListAllocator/,
    );
    expect(() => new SizedFreeListAllocator({ domain, types, typeId: ids.tuple, maxSaveSize: -2 })).toThrow(
      ConfigurationError,
    );
    expect(
      () =>
        new SizedFreeListAllocator({ domain, types, typeId: ids.tuple, link: "x" as unknown as "ob_type" }),
    ).toThrow(ConfigurationError);
  });

  it("with maxSaveSize 0 caches nothing", () => {
    const world = makeWorld();
    const ints = new SizedFreeListAllocator({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.int,
      maxSaveSize: 0,
    });
    const baseline = bytesInUse(world);
    ints.release(ints.allocate(1));
    expect(bytesInUse(world)).toBe(baseline);
    expect(formatFreeListStats([ints])).toBe("");
  });

  it("labels its lines with the type name by default and works in the compact layout", () => {
    const world = makeWorld({ layout: LAYOUT_COMPACT });
    const ints = new SizedFreeListAllocator({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.int,
      layout: LAYOUT_COMPACT,
      maxSaveSize: 2,
    });
    const i = ints.allocate(2);
    expect(world.headers.size(i)).toBe(2);
    ints.release(i);
    expect(world.headers.readWord(i + 12)).toBe(0); // first digit holds the link: end of list
    expect(ints.freeListStats()).toEqual([
      { label: "free 1-sized int", count: 0, objectSize: 16 },
      { label: "free 2-sized int", count: 1, objectSize: 20 },
    ]);
  });

  it("files an int by the magnitude of ob_size, where CPython keeps the sign", () => {
    const world = makeWorld();
    const ints = new SizedFreeListAllocator({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.int,
      link: "ob_type",
    });
    const negative = ints.allocate(2);
    world.heap.i32[(negative + 16) >>> 2] = -2; // -(2 digits)
    ints.release(negative);
    expect(ints.lengthStats(2).freeListLength).toBe(1);
    expect(ints.isCached(negative)).toBe(true);
    const again = ints.allocate(2);
    expect(again).toBe(negative);
    expect(world.headers.size(again)).toBe(2);
  });
});
