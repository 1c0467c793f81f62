import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AddressStack } from "../src/address-stack";

describe("AddressStack", () => {
  it("pushes and pops in LIFO order, growing past its initial capacity", () => {
    const s = new AddressStack(2);
    for (let i = 1; i <= 100; i++) s.push(i * 8);
    expect(s.length).toBe(100);
    expect(s.capacity).toBeGreaterThanOrEqual(100);
    for (let i = 100; i >= 1; i--) expect(s.pop()).toBe(i * 8);
    expect(s.length).toBe(0);
  });

  it("keeps addresses above 2**31 intact", () => {
    const s = new AddressStack(1);
    s.push(0xfffffff8);
    s.push(0x80000000);
    expect(s.pop()).toBe(0x80000000);
    expect(s.pop()).toBe(0xfffffff8);
  });

  it("reverses a top segment, inserts below it, and reads and writes entries", () => {
    const s = new AddressStack(4);
    for (const a of [8, 16, 24, 32, 40]) s.push(a);
    s.reverseFrom(2);
    expect([0, 1, 2, 3, 4].map((i) => s.at(i))).toEqual([8, 16, 40, 32, 24]);
    s.insertAt(2, 99 * 8);
    expect([0, 1, 2, 3, 4, 5].map((i) => s.at(i))).toEqual([8, 16, 792, 40, 32, 24]);
    s.set(0, 1000);
    expect(s.at(0)).toBe(1000);
    s.clear();
    expect(s.length).toBe(0);
  });

  it("behaves like an array model under random operations", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant("push" as const), v: fc.nat(0x1fffffff) }),
            fc.record({ op: fc.constant("pop" as const) }),
            fc.record({ op: fc.constant("reverse" as const), from: fc.nat() }),
            fc.record({ op: fc.constant("insert" as const), at: fc.nat(), v: fc.nat(0x1fffffff) }),
          ),
          { maxLength: 300 },
        ),
        (ops) => {
          const s = new AddressStack(1);
          const model: number[] = [];
          for (const o of ops) {
            if (o.op === "push") {
              s.push(o.v * 8);
              model.push(o.v * 8);
            } else if (o.op === "pop") {
              if (model.length === 0) continue;
              expect(s.pop()).toBe(model.pop());
            } else if (o.op === "reverse") {
              const from = model.length === 0 ? 0 : o.from % (model.length + 1);
              s.reverseFrom(from);
              const tail = model.splice(from).reverse();
              model.push(...tail);
            } else {
              const at = o.at % (model.length + 1);
              s.insertAt(at, o.v * 8);
              model.splice(at, 0, o.v * 8);
            }
            expect(s.length).toBe(model.length);
          }
          expect(Array.from({ length: s.length }, (_, i) => s.at(i))).toEqual(model);
        },
      ),
      { numRuns: 200 },
    );
  });
});
