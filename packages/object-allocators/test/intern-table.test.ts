import { ConfigurationError, InvalidPointerError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { DirectObjectAllocator, type InternMode, InternTable } from "../src/index";
import { bytesInUse, makeWorld } from "./fixtures/world";

function strWorld(mode?: InternMode) {
  const world = makeWorld();
  const strs = new DirectObjectAllocator({ domain: world.domain, types: world.types, typeId: world.ids.str });
  const table = new InternTable({ refcount: world.refcount, mode });
  // A mortal interned string leaves the table when it dies, as CPython 3.11's unicode_dealloc does.
  world.release.set(world.ids.str, (obj) => {
    table.forget(obj);
    strs.release(obj);
  });
  let creations = 0;
  const create = (s: string) => {
    creations++;
    const obj = strs.allocate(s.length);
    world.refcount.noteAllocated(obj); // the host's allocation path tells the strategy
    for (let i = 0; i < s.length; i++) world.heap.u8[obj + 48 + i] = s.charCodeAt(i);
    return obj;
  };
  const text = (obj: number) => {
    const n = world.headers.size(obj);
    return String.fromCharCode(...world.heap.u8.subarray(obj + 48, obj + 48 + n));
  };
  return { world, strs, table, create, text, creations: () => creations };
}

describe("InternTable: sharing", () => {
  it("makes equal interned strings one object, created once", () => {
    const { table, create, text, creations } = strWorld();
    const a = table.intern("spam", create);
    const b = table.intern("sp" + "am", create);
    expect(b).toBe(a);
    expect(text(a)).toBe("spam");
    expect(creations()).toBe(1);
    expect(table.intern("eggs", create)).not.toBe(a);
    expect(table.size).toBe(2);
    expect(table.lookup("spam")).toBe(a);
    expect(table.lookup("ham")).toBe(0);
    expect(table.isInterned(a)).toBe(true);
    expect(table.stringOf(a)).toBe("spam");
    expect(table.stats()).toEqual({ size: 2, hits: 1, misses: 2, mode: "strong" });
  });

  it("distinguishes strings JS considers different, including the empty string", () => {
    const { table, create } = strWorld();
    const objs = ["", "a", "A", "a ", "\u00e9", "e\u0301"].map((s) => table.intern(s, create));
    expect(new Set(objs).size).toBe(6);
  });
});

describe("InternTable: modes", () => {
  it('"strong" holds one counted reference and frees the strings when it lets go', () => {
    const { world, table, create } = strWorld("strong");
    const baseline = bytesInUse(world);
    const a = table.intern("spam", create);
    expect(world.refcount.refcount(a)).toBe(2); // the caller's and the table's
    expect(table.intern("spam", create)).toBe(a);
    expect(world.refcount.refcount(a)).toBe(3);
    world.refcount.decref(a);
    world.refcount.decref(a);
    expect(world.refcount.refcount(a)).toBe(1); // alive: the table holds it
    const b = table.intern("eggs", create);
    world.refcount.decref(b);
    expect(table.remove("eggs")).toBe(true);
    expect(table.remove("eggs")).toBe(false);
    expect(table.clear()).toBe(1);
    expect(bytesInUse(world)).toBe(baseline);
  });

  it('"immortal" makes interned strings immortal, as CPython 3.12', () => {
    const { world, table, create } = strWorld("immortal");
    const a = table.intern("spam", create);
    expect(world.refcount.isImmortal(a)).toBe(true);
    const before = bytesInUse(world);
    table.clear();
    expect(table.lookup("spam")).toBe(0);
    expect(world.refcount.isImmortal(a)).toBe(true);
    expect(bytesInUse(world)).toBe(before);
  });

  it('"mortal" counts no reference, as CPython 3.11, and forgets strings as they die', () => {
    const { world, table, create } = strWorld("mortal");
    const baseline = bytesInUse(world);
    const a = table.intern("spam", create);
    expect(world.refcount.refcount(a)).toBe(1);
    expect(table.intern("spam", create)).toBe(a);
    expect(world.refcount.refcount(a)).toBe(2);
    world.refcount.decref(a);
    world.refcount.decref(a); // the last reference: dealloc forgets it
    expect(table.lookup("spam")).toBe(0);
    expect(table.size).toBe(0);
    expect(bytesInUse(world)).toBe(baseline);
    const b = table.intern("spam", create);
    expect(table.lookup("spam")).toBe(b);
  });
});

describe("InternTable: bad input", () => {
  it("rejects non-strings, bad create results and unknown modes, leaving the table unchanged", () => {
    const { world, table, create } = strWorld();
    const a = table.intern("spam", create);
    expect(() => table.intern(7 as unknown as string, create)).toThrow(TypeError);
    expect(() => table.intern("x", () => 0)).toThrow(InvalidPointerError);
    expect(() => table.intern("x", () => -8)).toThrow(InvalidPointerError);
    world.refcount.incref(a);
    expect(() => table.intern("eggs", () => a)).toThrow(/interned for "spam"/);
    expect(world.refcount.refcount(a)).toBe(2);
    expect(table.size).toBe(1);
    expect(table.lookup("x")).toBe(0);
    expect(() => new InternTable({ refcount: world.refcount, mode: "weak" as InternMode })).toThrow(
      ConfigurationError,
    );
  });

  it("forget reports whether the object was interned", () => {
    const { table, create } = strWorld();
    const a = table.intern("spam", create);
    expect(table.forget(a + 8)).toBe(false);
    expect(table.forget(a)).toBe(true);
    expect(table.isInterned(a)).toBe(false);
  });
});
