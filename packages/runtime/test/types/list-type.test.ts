import { SizeError } from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRuntime, displayCapacity, PyList } from "../../src/index";

/** CPython 3.11's list_resize, for the model. */
function resized(allocated: number, size: number, newSize: number): number {
  if (allocated >= newSize && newSize >= allocated >> 1) return allocated;
  let next = (newSize + (newSize >> 3) + 6) & ~3;
  if (newSize - size > next - newSize) next = (newSize + 3) & ~3;
  return newSize === 0 ? 0 : next;
}

describe("list", () => {
  it("has CPython 3.11's sizes: [] 56, literal [1, 2, 3] 88 (preallocated to even)", () => {
    const rt = createRuntime();
    expect(rt.sys.getsizeof([])).toBe(56);
    expect(rt.sys.getsizeof([1, 2, 3])).toBe(88);
    expect(rt.sys.getsizeof([1, 2, 3, 4])).toBe(88);
    expect(rt.sys.getsizeof([1, 2, 3, 4, 5])).toBe(104);
    // One or two items: BUILD_LIST n, exactly n slots.
    expect(rt.sys.getsizeof([1])).toBe(64);
    expect(rt.sys.getsizeof([1, 2])).toBe(72);
  });

  it("sizes a display as CPython's compiler builds it: constants, names, long displays", () => {
    const rt = createRuntime();
    rt.globals.set("x", 1000);
    const x = rt.globals.get("x");
    const size = (values: unknown[]) => {
      using xs = rt.list(values as never);
      return rt.sys.getsizeof(xs);
    };
    expect(size([x])).toBe(64); // [x]
    expect(size([x, x, x])).toBe(80); // [x, x, x]: BUILD_LIST 3
    expect(size([x, 1, 2])).toBe(80); // one name makes it no constant
    expect(size([[1], 2, 3])).toBe(80); // a nested display is no constant either
    expect(size([null, true, "s", new Uint8Array([98]), 1.5, 2n ** 70n])).toBe(104);
    expect(size(Array(29).fill(x))).toBe(288);
    expect(size(Array(30).fill(x))).toBe(296); // STACK_USE_GUIDELINE: still BUILD_LIST
    expect(size(Array(31).fill(x))).toBe(312); // 31 appends
    expect(size(Array(40).fill(x))).toBe(376);
    expect(size(Array(41).fill(1))).toBe(392); // a constant tuple: rounded up to even
    expect(displayCapacity(31, false)).toBe(32);
    expect(displayCapacity(3, true)).toBe(4);
    expect(rt.globals.get("x").toJS()).toBe(1000);
  });

  it("extends by a sequence with one resize, and repeats to exactly n * len slots", () => {
    const rt = createRuntime();
    using xs = rt.list();
    xs.extend([1, 2, 3]);
    expect(rt.sys.getsizeof(xs)).toBe(88); // list_preallocate_exact(3) -> 4
    xs.extend([4, 5, 6, 7, 8, 9, 10]);
    expect(rt.sys.getsizeof(xs)).toBe(152); // list_resize(10) -> 12
    xs.extend([xs]);
    expect(xs.repr()).toBe("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, [...]]");
    expect(xs.owned).toBe(true);
    xs.pop();
    using one = rt.list([1]);
    using ten = one.repeat(10);
    expect(rt.sys.getsizeof(ten)).toBe(136); // [1] * 10
    expect(ten.toJS()).toEqual(Array(10).fill(1));
    ten.append(1);
    expect(rt.sys.getsizeof(ten)).toBe(184);
    using two = rt.list([1, 2]);
    using pairs = two.repeat(5);
    expect(rt.sys.getsizeof(pairs)).toBe(136);
    using none = xs.repeat(0);
    expect(rt.sys.getsizeof(none)).toBe(56);
    expect(() => xs.repeat(1.5)).toThrow(/TypeError/);
    const blocks = rt.stats().objectDomain.blocksInUse;
    expect(() => rt.core.lists.create([], 4)).toThrow(SizeError);
    expect(() => rt.core.lists.create([rt.None.address, rt.None.address], 1)).toThrow(SizeError);
    expect(rt.stats().objectDomain.blocksInUse).toBe(blocks);
  });

  it("drops the references of a repeated list with it", () => {
    const rt = createRuntime({ freeLists: false });
    const before = rt.stats().objectDomain.bytesInUse;
    using big = rt.list([rt.int(2n ** 100n)]);
    const item = big.get(0);
    const many = big.repeat(4);
    expect(rt.sys.getrefcount(item)).toBe(1 + 4 + 1);
    many.release();
    expect(rt.sys.getrefcount(item)).toBe(2);
    big.release();
    expect(rt.stats().objectDomain.bytesInUse).toBe(before);
  });

  it("grows by appends in CPython's pattern 0, 4, 8, 16, 24, 32, 40, 52, 64, 76", () => {
    const rt = createRuntime();
    using xs = rt.list();
    const seen = [xs.allocated];
    for (let i = 0; i < 70; i++) {
      xs.append(i);
      if (xs.allocated !== seen[seen.length - 1]) seen.push(xs.allocated);
    }
    expect(seen).toEqual([0, 4, 8, 16, 24, 32, 40, 52, 64, 76]);
  });

  it("gives [i for i in range(10000)] CPython's size, 85176", () => {
    const rt = createRuntime();
    using xs = rt.list();
    for (let i = 0; i < 10000; i++) xs.append(i);
    expect(rt.sys.getsizeof(xs)).toBe(85176);
  });

  it("matches a JS array through 100,000 random operations, with list_resize's capacity", () => {
    const rt = createRuntime();
    using xs = rt.list();
    const model: number[] = [];
    let allocated = 0;
    const op = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({ k: fc.constant("append" as const), v: fc.integer({ min: -1000, max: 1000 }) }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ k: fc.constant("pop" as const), i: fc.integer({ min: -50, max: 50 }) }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          k: fc.constant("insert" as const),
          i: fc.integer({ min: -60, max: 60 }),
          v: fc.integer(),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          k: fc.constant("set" as const),
          i: fc.integer({ min: -60, max: 60 }),
          v: fc.double({ noNaN: true }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ k: fc.constant("clear" as const), p: fc.integer({ min: 0, max: 30 }) }),
      },
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 100_000, maxLength: 100_000 }), (ops) => {
        for (const o of ops) {
          const n = model.length;
          if (o.k === "append") {
            xs.append(o.v);
            model.push(o.v);
            allocated = resized(allocated, n, n + 1);
          } else if (o.k === "pop") {
            const index = o.i < 0 ? o.i + n : o.i;
            if (n === 0 || index < 0 || index >= n) {
              expect(() => xs.pop(o.i)).toThrow(/IndexError/);
              continue;
            }
            using popped = xs.pop(o.i);
            expect(popped.toJS()).toBe(model.splice(index, 1)[0]);
            allocated = resized(allocated, n, n - 1);
          } else if (o.k === "insert") {
            xs.insert(o.i, o.v);
            const at = o.i < 0 ? Math.max(0, o.i + n) : Math.min(o.i, n);
            model.splice(at, 0, o.v);
            allocated = resized(allocated, n, n + 1);
          } else if (o.k === "set") {
            const index = o.i < 0 ? o.i + n : o.i;
            if (index < 0 || index >= n) {
              expect(() => xs.set(o.i, o.v)).toThrow(/IndexError/);
              continue;
            }
            xs.set(o.i, o.v);
            // Integral numbers become ints (bigints beyond 2**53), others floats.
            model[index] =
              Number.isInteger(o.v) && !Number.isSafeInteger(o.v)
                ? (BigInt(o.v) as unknown as number)
                : Object.is(o.v, -0)
                  ? 0
                  : o.v;
          } else if (o.p === 0) {
            xs.clear();
            model.length = 0;
            allocated = 0;
          }
          // Invariants after every step.
          expect(xs.length).toBe(model.length);
          expect(xs.allocated).toBe(allocated);
          expect(rt.sys.getsizeof(xs)).toBe(56 + 8 * allocated);
          if (model.length > 0) expect(xs.get(-1).toJS()).toBe(model[model.length - 1]);
        }
        expect(xs.toJS()).toEqual(model);
      }),
      { numRuns: 1 },
    );
  });

  it("leaves the list unchanged when an index is out of range", () => {
    const rt = createRuntime();
    using xs = rt.list([1, 2]);
    using value = rt.int(9999);
    expect(() => xs.set(5, value)).toThrow(/IndexError/);
    expect(value.alive).toBe(true);
    expect(rt.sys.getrefcount(value)).toBe(2);
    expect(xs.toJS()).toEqual([1, 2]);
    expect(() => rt.list().pop()).toThrow(/pop from empty list/);
  });

  it("is tracked from creation and reprs recursive lists with [...]", () => {
    const rt = createRuntime();
    using xs = rt.list();
    expect(rt.gc.is_tracked(xs)).toBe(true);
    xs.append(xs);
    expect(xs.repr()).toBe("[[...]]");
    xs.clear();
    expect(xs).toBeInstanceOf(PyList);
  });
});
