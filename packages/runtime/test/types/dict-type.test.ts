import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRuntime, PyDict, type PyValue } from "../../src/index";

/** CPython 3.11's dict sizing, as an independent model of one dict's keys table. */
class KeysModel {
  log2 = 0; // 0: the shared empty keys
  unicode = true;
  usable = 0;
  nentries = 0;
  used = 0;

  private static calc(minsize: number): number {
    let log2 = 3;
    while (2 ** log2 < minsize) log2++;
    return log2;
  }

  private resize(log2: number, unicode: boolean): void {
    this.log2 = log2;
    this.unicode = this.unicode && unicode;
    this.nentries = this.used;
    this.usable = Math.floor((2 << log2) / 3) - this.used;
  }

  insertNew(isStr: boolean): void {
    if (this.log2 === 0) {
      this.log2 = 3;
      this.unicode = isStr;
      this.usable = 5;
      this.nentries = 0;
    } else {
      if (this.unicode && !isStr) this.resize(KeysModel.calc(this.used * 3), false);
      if (this.usable <= 0) this.resize(KeysModel.calc(this.used * 3), true);
    }
    this.nentries++;
    this.usable--;
    this.used++;
  }

  replace(isStr: boolean): void {
    if (this.log2 !== 0 && this.unicode && !isStr) this.resize(KeysModel.calc(this.used * 3), false);
  }

  remove(): void {
    this.used--;
  }

  clear(): void {
    this.log2 = 0;
    this.unicode = true;
    this.used = 0;
  }

  sizeof(): number {
    if (this.log2 === 0) return 64;
    const slots = 2 ** this.log2;
    const indexBytes = slots * (this.log2 < 8 ? 1 : this.log2 < 16 ? 2 : 4);
    return 64 + 32 + indexBytes + Math.floor((2 * slots) / 3) * (this.unicode ? 16 : 24);
  }
}

type Key = number | string | null | boolean | readonly [number, string];

function canon(k: Key): string {
  if (k === null) return "None";
  if (typeof k === "boolean") return `n:${k ? 1 : 0}`;
  if (typeof k === "number") return `n:${k}`;
  if (typeof k === "string") return `s:${k}`;
  return `t:${k[0]},${k[1]}`;
}

describe("dict", () => {
  it("has CPython 3.11's sizes", () => {
    const rt = createRuntime();
    expect(rt.sys.getsizeof(rt.dict())).toBe(64);
    expect(rt.sys.getsizeof(rt.dict({ a: 1 }))).toBe(184);
    expect(rt.sys.getsizeof(rt.dict({ a: 1, b: 2, c: 3, d: 4, e: 5 }))).toBe(184);
    expect(rt.sys.getsizeof(rt.dict({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 }))).toBe(64 + 32 + 16 + 10 * 16);
    expect(rt.sys.getsizeof(rt.dict([[1, 1]]))).toBe(64 + 32 + 8 + 5 * 24);
  });

  it("matches a Map through 100,000 random operations, with CPython's table sizes", () => {
    const rt = createRuntime();
    rt.gc.disable();
    using d = rt.dict();
    const model = new Map<string, { key: Key; value: PyValue }>();
    const keys = new KeysModel();
    let tracked = false;
    const key: fc.Arbitrary<Key> = fc.oneof(
      fc.integer({ min: -8, max: 300 }),
      fc.constantFrom("a", "b", "name", "x y", "é", "€", "k1", "k2", "k3"),
      fc.constantFrom(1.0, 2.0, 0.5, -1.5),
      fc.boolean(),
      fc.constant(null),
      fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom("p", "q")),
    );
    const op = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({ k: fc.constant("set" as const), key, v: fc.integer({ min: 0, max: 3 }) }),
      },
      { weight: 3, arbitrary: fc.record({ k: fc.constant("del" as const), key }) },
      { weight: 3, arbitrary: fc.record({ k: fc.constant("get" as const), key }) },
      {
        weight: 1,
        arbitrary: fc.record({ k: fc.constant("clear" as const), p: fc.integer({ min: 0, max: 40 }) }),
      },
    );
    // Tuple keys as JS arrays would become lists: build tuples, and release those not stored.
    const toPy = (k: Key): PyValue => (Array.isArray(k) ? rt.tuple(k as [number, string]) : (k as PyValue));
    const withKey = <R>(k: Key, use: (key: PyValue) => R): R => {
      const key = toPy(k);
      try {
        return use(key);
      } finally {
        if (typeof key === "object" && key !== null && "release" in key) key.release();
      }
    };
    fc.assert(
      fc.property(fc.array(op, { minLength: 100_000, maxLength: 100_000 }), (ops) => {
        let step = 0;
        for (const o of ops) {
          step++;
          if (o.k === "set") {
            const c = canon(o.key);
            const isStr = typeof o.key === "string";
            const value: PyValue = o.v === 3 ? rt.list() : o.v;
            const existing = model.get(c);
            if (existing === undefined) keys.insertNew(isStr);
            else keys.replace(isStr);
            d.set(toPy(o.key), value);
            model.set(c, { key: existing?.key ?? o.key, value: o.v === 3 ? [] : o.v });
            // MAINTAIN_TRACKING: a list value, or a (tracked) tuple key, tracks the dict.
            if (o.v === 3 || Array.isArray(o.key)) tracked = true;
          } else if (o.k === "del") {
            const c = canon(o.key);
            if (model.has(c)) {
              withKey(o.key, (k) => d.del(k));
              model.delete(c);
              keys.remove();
            } else expect(() => withKey(o.key, (k) => d.del(k))).toThrow(/KeyError/);
          } else if (o.k === "get") {
            const found = withKey(o.key, (k) => d.get(k));
            const expected = model.get(canon(o.key));
            if (expected === undefined) expect(found).toBeUndefined();
            else expect(found?.toJS()).toEqual(expected.value);
          } else if (o.p === 0) {
            d.clear();
            model.clear();
            keys.clear();
          }
          expect(d.size).toBe(model.size);
          expect(rt.sys.getsizeof(d)).toBe(keys.sizeof());
          expect(rt.gc.is_tracked(d)).toBe(tracked);
          if (step % 997 === 0) {
            // Insertion order, and every key maps to its value.
            expect(d.keys().map((k) => k.repr())).toEqual(
              [...model.values()].map((e) =>
                withKey(e.key, (k) => rt.core.withRef(k, (a) => rt.core.repr(a))),
              ),
            );
          }
        }
        expect(rt.stats().handles).toBe(1);
      }),
      { numRuns: 1, endOnFailure: true },
    );
  });

  it("keeps the first key object when an equal key replaces the value", () => {
    const rt = createRuntime();
    using d = rt.dict([[1, "int"]]);
    d.set(1.0, "float");
    d.set(true, "bool");
    expect(d.entries().map(([k, v]) => [k.repr(), v.toJS()])).toEqual([["1", "bool"]]);
  });

  it("starts untracked and is tracked once it holds a container (MAINTAIN_TRACKING)", () => {
    const rt = createRuntime();
    using d = rt.dict({ a: 1, b: "x" });
    expect(rt.gc.is_tracked(d)).toBe(false);
    d.set("c", rt.tuple([1, 2]));
    expect(rt.gc.is_tracked(d)).toBe(true);
  });

  it("is untracked again by a full collection when its contents became atomic", () => {
    const rt = createRuntime();
    rt.globals.set("d", rt.dict({ l: [] }));
    const d = rt.globals.get("d", PyDict);
    expect(rt.gc.is_tracked(d)).toBe(true);
    d.set("l", 0);
    rt.gc.collect(0);
    expect(rt.gc.is_tracked(d)).toBe(true);
    rt.gc.collect(2);
    expect(rt.gc.is_tracked(d)).toBe(false);
  });

  it("rejects unhashable keys with TypeError and changes nothing", () => {
    const rt = createRuntime();
    using d = rt.dict({ a: 1 });
    using key = rt.list();
    expect(() => d.set(key, 1)).toThrow(/unhashable type: 'list'/);
    expect(key.alive).toBe(true);
    expect(d.size).toBe(1);
    expect(() => d.get(rt.dict())).toThrow(/unhashable type: 'dict'/);
  });

  it("reuses 8-slot str-keyed keys objects from the keys free list", () => {
    const rt = createRuntime();
    const d = rt.dict({ a: 1 });
    const keys = rt.core.dicts.keysOf(d.address);
    d.release();
    using e = rt.dict({ b: 2 });
    expect(rt.core.dicts.keysOf(e.address)).toBe(keys);
    expect(rt.core.keysFreeList.stats().hits).toBeGreaterThan(0);
  });
});
