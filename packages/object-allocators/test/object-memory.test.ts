import { InvalidPointerError, LAYOUT_64, LAYOUT_COMPACT, SizeError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { ObjectMemory } from "../src/index";
import { makeWorld } from "./fixtures/world";

describe("ObjectMemory sizes (CPython 3.11, 64-bit)", () => {
  const world = makeWorld();
  const memory = (name: keyof typeof world.ids) =>
    new ObjectMemory({ domain: world.domain, types: world.types, typeId: world.ids[name] });

  it("sizes fixed-size objects as tp_basicsize, plus the GC header for containers", () => {
    expect(memory("float").objectBytes(0)).toBe(24);
    expect(memory("float").blockBytes(0)).toBe(24);
    expect(memory("list").blockBytes(0)).toBe(16 + 40);
    expect(memory("dict").blockBytes(0)).toBe(16 + 48);
  });

  it("sizes variable-size objects as _PyObject_VAR_SIZE (rounded up to a word)", () => {
    const tuple = memory("tuple");
    expect(tuple.objectBytes(0)).toBe(24);
    expect(tuple.objectBytes(1)).toBe(32);
    expect(tuple.objectBytes(20)).toBe(184);
    expect(tuple.blockBytes(3)).toBe(16 + 48);
    const int = memory("int");
    expect(int.objectBytes(1)).toBe(32); // 24 + 4 rounded up to 8
    expect(int.objectBytes(2)).toBe(32);
    expect(int.objectBytes(3)).toBe(40);
  });

  it("sizes objects of the compact layout with 4-byte words", () => {
    const w = makeWorld({ layout: LAYOUT_COMPACT });
    const tuple = new ObjectMemory({
      domain: w.domain,
      types: w.types,
      typeId: w.ids.tuple,
      layout: LAYOUT_COMPACT,
    });
    expect(tuple.gcSize).toBe(8);
    expect(tuple.blockBytes(2)).toBe(8 + 12 + 8);
    expect(tuple.bodyStart).toBe(12);
  });

  it("checks item counts", () => {
    const tuple = memory("tuple");
    expect(() => tuple.checkItemCount(0)).not.toThrow();
    expect(() => tuple.checkItemCount(tuple.maxItems)).not.toThrow();
    expect(() => tuple.checkItemCount(tuple.maxItems + 1)).toThrow(SizeError);
    expect(() => tuple.checkItemCount(1.5)).toThrow(SizeError);
    expect(() => memory("float").checkItemCount(1)).toThrow(/fixed-size/);
    expect(tuple.blockBytes(tuple.maxItems)).toBeLessThanOrEqual(2 ** 32);
  });
});

describe("ObjectMemory checks", () => {
  it("finds a corrupt ob_size that its block cannot hold", () => {
    const world = makeWorld();
    const memory = new ObjectMemory({ domain: world.domain, types: world.types, typeId: world.ids.tuple });
    const t = memory.fresh(2);
    world.headers.setSize(t, 50);
    expect(() => memory.checkHeader(t, memory.checkAddress(t))).toThrow(/ob_size 50/);
    world.headers.setSize(t, 2);
    expect(() => memory.checkHeader(t, memory.checkAddress(t))).not.toThrow();
    memory.freeBlock(t);
  });

  it("asks the domain about the block in checked mode only", () => {
    const world = makeWorld();
    const outside = world.raw.malloc(64) + 16; // inside a raw block: no block starts there
    const checked = new ObjectMemory({ domain: world.domain, types: world.types, typeId: world.ids.float });
    const unchecked = new ObjectMemory({
      domain: world.domain,
      types: world.types,
      typeId: world.ids.float,
      checked: false,
      layout: LAYOUT_64,
    });
    expect(() => checked.checkAddress(outside)).toThrow(InvalidPointerError);
    expect(unchecked.checkAddress(outside)).toBe(0);
  });
});
