import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HandleTable } from "../src/index";

describe("HandleTable", () => {
  it("hands out slots, reuses freed ones, and visits exactly the live addresses", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 1, max: 1 << 20 }), fc.constant(-1)), { maxLength: 3000 }),
        (ops) => {
          const table = new HandleTable();
          const live = new Map<number, number>(); // slot -> address
          for (const op of ops) {
            if (op > 0) {
              const slot = table.acquire(op * 8);
              expect(live.has(slot)).toBe(false);
              live.set(slot, op * 8);
            } else if (live.size > 0) {
              const [slot, address] = live.entries().next().value as [number, number];
              expect(table.release(slot)).toBe(address);
              live.delete(slot);
            }
            expect(table.live).toBe(live.size);
          }
          const seen: number[] = [];
          table.forEach((a) => {
            seen.push(a);
          });
          expect(seen.sort((a, b) => a - b)).toEqual([...live.values()].sort((a, b) => a - b));
          for (const [slot, address] of live) expect(table.address(slot)).toBe(address);
        },
      ),
      { numRuns: 50 },
    );
  });
});
