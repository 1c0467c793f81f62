import { describe, expect, it } from "vitest";
import { ArrayBufferHeap, GcHeaders, LAYOUT_64, LAYOUT_COMPACT } from "../src/index";

describe.each([LAYOUT_64, LAYOUT_COMPACT])("GcHeaders ($name)", (layout) => {
  const setup = () => {
    const heap = new ArrayBufferHeap({ initialByteLength: 8192 });
    const g = new GcHeaders(heap, layout);
    const headA = 64;
    const headB = 128;
    g.initList(headA);
    g.initList(headB);
    const objs = [256, 512, 768, 1024].map((base) => base + layout.gcHeaderSize);
    for (const o of objs) g.clearHeader(o);
    return { heap, g, headA, headB, objs };
  };

  it("an object is tracked iff it is on a list", () => {
    const { g, headA, objs } = setup();
    expect(g.isTracked(objs[0]!)).toBe(false);
    g.append(headA, g.node(objs[0]!));
    expect(g.isTracked(objs[0]!)).toBe(true);
    g.unlink(g.node(objs[0]!));
    expect(g.isTracked(objs[0]!)).toBe(false);
    expect(g.isEmpty(headA)).toBe(true);
  });

  it("appends in order, moves and merges lists", () => {
    const { g, headA, headB, objs } = setup();
    for (const o of objs) g.append(headA, g.node(o));
    const order = (head: number) => {
      const out: number[] = [];
      for (let n = g.next(head); n !== head; n = g.next(n)) out.push(g.object(n));
      return out;
    };
    expect(order(headA)).toEqual(objs);
    g.move(g.node(objs[1]!), headB);
    expect(order(headA)).toEqual([objs[0], objs[2], objs[3]]);
    expect(order(headB)).toEqual([objs[1]]);
    g.merge(headA, headB);
    expect(g.isEmpty(headA)).toBe(true);
    expect(order(headB)).toEqual([objs[1], objs[0], objs[2], objs[3]]);
    expect(g.length(headB)).toBe(4);
    // prev links are consistent
    for (let n = g.next(headB); n !== headB; n = g.next(n)) expect(g.next(g.prev(n))).toBe(n);
  });

  it("the finalized flag survives list operations", () => {
    const { g, headA, headB, objs } = setup();
    g.append(headA, g.node(objs[0]!));
    g.setFinalized(objs[0]!, true);
    g.move(g.node(objs[0]!), headB);
    expect(g.isFinalized(objs[0]!)).toBe(true);
    g.unlink(g.node(objs[0]!));
    expect(g.isFinalized(objs[0]!)).toBe(true);
    g.setFinalized(objs[0]!, false);
    expect(g.isFinalized(objs[0]!)).toBe(false);
  });
});
