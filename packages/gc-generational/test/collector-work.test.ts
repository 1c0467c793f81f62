// The collector's work as every collector of the package reports it: objects examined per
// collection, their total, and the largest single collection (the longest pause, in objects).
import { describe, expect, it } from "vitest";
import { World } from "./fixtures/world";

describe.each(["generational", "incremental", "mark-sweep"] as const)("%s collector's work", (kind) => {
  it("counts the objects each full collection examines, their total and the largest", () => {
    const w = new World({ kind });
    w.gc.collect();
    const before = w.gc.examined;
    const live: number[] = [];
    for (let i = 0; i < 10; i++) live.push(w.newList());
    // three 2-cycles of lists, dropped
    for (let i = 0; i < 3; i++) {
      const a = w.newList();
      const b = w.newList();
      w.append(a, b);
      w.append(b, a);
      w.del(a, b);
    }
    expect(w.gc.collect()).toBe(6);
    const tracked = w.gc.getObjects().length;
    // A full collection examines every tracked container: the survivors and the 6 found.
    expect(w.gc.lastExamined).toBe(tracked + 6);
    expect(w.gc.examined - before).toBe(tracked + 6);
    expect(w.gc.largestExamined).toBeGreaterThanOrEqual(tracked + 6);
    w.gc.collect();
    expect(w.gc.lastExamined).toBe(tracked);
    expect(w.gc.examined - before).toBe(2 * tracked + 6);
    w.del(...live);
  });
});
