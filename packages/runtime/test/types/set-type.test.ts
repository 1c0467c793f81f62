import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/index";

describe("set", () => {
  it("is 216 bytes with its 8-entry table inside, then 16 bytes per slot of its own table", () => {
    const rt = createRuntime();
    expect(rt.sys.getsizeof(rt.set())).toBe(216);
    expect(rt.sys.getsizeof(rt.set([1, 2, 3, 4]))).toBe(216);
    // A display of constants is a frozenset merged in one step: set_merge resizes to 2 * 5.
    expect(rt.sys.getsizeof(rt.set([1, 2, 3, 4, 5]))).toBe(216 + 16 * 16);
    expect(rt.sys.getsizeof(rt.set([1, 2, 1, 2, 3, 3, 4, 4, 5, 5]))).toBe(216 + 16 * 16);
    expect(rt.sys.getsizeof(rt.set(Array.from({ length: 20 }, (_, i) => i)))).toBe(216 + 64 * 16);
    // Names are added one by one: the fifth add fills 5 of 8 slots (5 * 5 >= 7 * 3), the
    // table grows to 32 slots — as set([1, 2, 3, 4, 5]) or {a, b, c, d, e}.
    rt.globals.set("x", 1000);
    using named = rt.set([rt.globals.get("x"), 2, 3, 4, 5]);
    expect(rt.sys.getsizeof(named)).toBe(216 + 32 * 16);
    using added = rt.set();
    for (let i = 0; i < 20; i++) added.add(i);
    expect(rt.sys.getsizeof(added)).toBe(216 + 128 * 16);
    expect(added.size).toBe(20);
  });

  it("matches a JS Set through 100,000 random adds and discards", () => {
    const rt = createRuntime();
    using s = rt.set();
    const model = new Set<string>();
    const op = fc.record({
      add: fc.boolean(),
      v: fc.oneof(fc.integer({ min: -50, max: 2000 }), fc.constantFrom("a", "bb", "ccc", "dé")),
    });
    fc.assert(
      fc.property(fc.array(op, { minLength: 100_000, maxLength: 100_000 }), (ops) => {
        for (const o of ops) {
          const key = `${typeof o.v}:${o.v}`;
          if (o.add) expect(s.add(o.v)).toBe(!model.has(key));
          else expect(s.discard(o.v)).toBe(model.has(key));
          if (o.add) model.add(key);
          else model.delete(key);
          expect(s.size).toBe(model.size);
          const size = rt.sys.getsizeof(s);
          const slots = (size - 216) / 16;
          expect(slots === 0 || (slots >= 16 && Number.isInteger(Math.log2(slots)))).toBe(true);
        }
        const values = new Set(s.values().map((v) => `${typeof v.toJS()}:${v.toJS()}`));
        expect(values).toEqual(model);
      }),
      { numRuns: 1, endOnFailure: true },
    );
  });

  it("treats equal numbers as one element and rejects unhashable ones", () => {
    const rt = createRuntime();
    using s = rt.set([1, 1.0, true, 2]);
    expect(s.size).toBe(2);
    expect(s.has(2.0)).toBe(true);
    expect(() => s.add([])).toThrow(/unhashable type: 'list'/);
    expect(s.size).toBe(2);
    expect(rt.gc.is_tracked(s)).toBe(true);
    expect(s.repr()).toMatch(/^\{.*\}$/);
    expect(rt.set().repr()).toBe("set()");
  });

  it("frees its own table when cleared", () => {
    const rt = createRuntime();
    using s = rt.set(Array.from({ length: 100 }, (_, i) => i + 1000));
    s.clear();
    expect(rt.sys.getsizeof(s)).toBe(216);
    expect(s.size).toBe(0);
  });
});
