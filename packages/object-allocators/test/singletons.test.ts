import { InvalidPointerError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import {
  DirectObjectAllocator,
  SINGLETON_NAMES,
  type SingletonFactories,
  Singletons,
  TupleFreeLists,
} from "../src/index";
import { bytesInUse, makeWorld } from "./fixtures/world";

function singletonWorld() {
  const world = makeWorld();
  const { domain, types, ids, refcount } = world;
  const nones = new DirectObjectAllocator({ domain, types, typeId: ids.NoneType });
  const bools = new DirectObjectAllocator({ domain, types, typeId: ids.bool });
  const tuples = new TupleFreeLists({ domain, types, typeId: ids.tuple, refcount });
  world.release.set(ids.NoneType, (o) => nones.release(o));
  world.release.set(ids.bool, (o) => bools.release(o));
  // The host's allocation path tells the strategy about every new object.
  const noted = (obj: number) => {
    refcount.noteAllocated(obj);
    return obj;
  };
  const create: SingletonFactories = {
    none: () => noted(nones.allocate()),
    true: () => {
      const b = noted(bools.allocate(1));
      world.heap.u32[(b + 24) >>> 2] = 1;
      return b;
    },
    false: () => noted(bools.allocate(0)),
    ellipsis: () => noted(nones.allocate()),
    emptyTuple: () => tuples.emptyTuple,
  };
  return { world, create, tuples };
}

describe("Singletons", () => {
  it("makes each singleton once, distinct and immortal", () => {
    const { world, create, tuples } = singletonWorld();
    const s = new Singletons({ refcount: world.refcount, create });
    const all = SINGLETON_NAMES.map((n) => s.get(n));
    expect(new Set(all).size).toBe(5);
    for (const obj of all) expect(world.refcount.isImmortal(obj)).toBe(true);
    expect(s.emptyTuple).toBe(tuples.emptyTuple);
    expect(world.heap.u32[(s.true + 24) >>> 2]).toBe(1);
    world.refcount.decref(s.none);
    expect(world.refcount.isImmortal(s.none)).toBe(true);
  });

  it("answers identity questions", () => {
    const { world, create } = singletonWorld();
    const s = new Singletons({ refcount: world.refcount, create });
    expect(s.bool(true)).toBe(s.true);
    expect(s.bool(false)).toBe(s.false);
    expect(s.get("ellipsis")).toBe(s.ellipsis);
    expect(s.isSingleton(s.none)).toBe(true);
    expect(s.isSingleton(0)).toBe(false);
    expect(s.isSingleton(s.none + 8)).toBe(false);
    expect(s.nameOf(s.false)).toBe("false");
    expect(s.nameOf(12345)).toBeUndefined();
  });

  it("rejects factories that return NULL or an address twice, dropping what was made", () => {
    const { world, create } = singletonWorld();
    const baseline = bytesInUse(world);
    let none = 0;
    const twice: SingletonFactories = {
      ...create,
      none: () => {
        none = create.none();
        return none;
      },
      false: () => none,
    };
    expect(() => new Singletons({ refcount: world.refcount, create: twice })).toThrow(/distinct from none/);
    expect(bytesInUse(world)).toBe(baseline);
    expect(
      () => new Singletons({ refcount: world.refcount, create: { ...create, ellipsis: () => 0 } }),
    ).toThrow(InvalidPointerError);
    expect(bytesInUse(world)).toBe(baseline);
  });
});
