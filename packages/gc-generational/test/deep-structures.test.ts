// test_trashcan at scale: a 1,000,000-object cycle is found and freed, and a 1,000,000-deep
// nested structure is freed, without recursion on the JS stack anywhere (move_unreachable
// scans a list, and reference counting drains a queue).
import type { Address } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { World } from "./fixtures/world";

const N = 1_000_000;

describe("deep structures", () => {
  it("test_trashcan: collects a 1,000,000-object ring", () => {
    const w = new World({ checked: false, maxHeapBytes: 1 << 30 });
    w.gcm.disable();
    const Node = w.defineClass({ slots: 1, weakrefable: false }, "Node");
    const first = w.newInstance(Node);
    let prev = first;
    for (let i = 1; i < N; i++) {
      const x = w.newInstance(Node);
      w.setAttr(prev, 0, x);
      if (prev !== first) w.del(prev);
      prev = x;
    }
    w.setAttr(prev, 0, first); // close the ring
    w.del(prev);
    expect(w.gcm.collect()).toBe(0);
    const blocks = w.raw.stats().blocksInUse;
    w.del(first);
    expect(w.gcm.collect()).toBe(N);
    expect(w.raw.stats().blocksInUse).toBe(blocks - N);
    expect(w.gcm.get_objects().length).toBe(0);
  });

  it("test_trashcan: frees a 1,000,000-deep nested tuple chain by reference counting", () => {
    const w = new World({ checked: false, maxHeapBytes: 1 << 30 });
    w.gcm.disable();
    const zero = w.newInt(0);
    let t: Address = w.newTuple([zero]);
    w.del(zero);
    for (let i = 0; i < N; i++) {
      const next = w.newTuple([t]);
      w.del(t);
      t = next;
    }
    const before = w.rc.deallocations;
    w.del(t);
    expect(w.rc.deallocations - before).toBe(N + 2);
    expect(w.gcm.get_objects().length).toBe(0);
  });
});
