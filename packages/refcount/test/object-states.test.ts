import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ObjectStates } from "../src/object-states";

describe("ObjectStates", () => {
  it("keeps a live and a queued bit per 8-byte-aligned address, cleared together by release", () => {
    const s = new ObjectStates(256);
    expect(s.setLive(0x1010)).toBe(true);
    expect(s.setLive(0x1010)).toBe(false);
    expect(s.isLive(0x1010)).toBe(true);
    expect(s.isLive(0x1018)).toBe(false);
    expect(s.isQueued(0x1010)).toBe(false);
    expect(s.markQueued(0x1010)).toBe(true);
    expect(s.markQueued(0x1010)).toBe(false);
    expect(s.isQueued(0x1010)).toBe(true);
    expect(s.isLive(0x1010)).toBe(true);
    s.clearQueued(0x1010);
    expect(s.isQueued(0x1010)).toBe(false);
    expect(s.isLive(0x1010)).toBe(true);
    s.markQueued(0x1010);
    s.release(0x1010);
    expect(s.isLive(0x1010)).toBe(false);
    expect(s.isQueued(0x1010)).toBe(false);
  });

  it("never reports misaligned, negative, fractional or NaN addresses as live", () => {
    const s = new ObjectStates();
    s.setLive(16);
    for (const bad of [17, 20, 16.5, -16, Number.NaN, 2 ** 32 + 16]) expect(s.isLive(bad)).toBe(false);
  });

  it("grows to cover high addresses, which read as neither before", () => {
    const s = new ObjectStates(256);
    expect(s.isLive(0xfffffff8)).toBe(false);
    expect(s.isQueued(0xfffffff8)).toBe(false);
    s.setLive(0xfffffff8);
    expect(s.isLive(0xfffffff8)).toBe(true);
    expect(s.isLive(0xfffffff0)).toBe(false);
  });

  it("agrees with two Sets under random operations, neighbours unaffected", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(1 << 12)), { maxLength: 500 }), (ops) => {
        const s = new ObjectStates(64);
        const live = new Set<number>();
        const queued = new Set<number>();
        for (const [op, g] of ops) {
          const a = g * 8;
          if (op === 0) {
            expect(s.setLive(a)).toBe(!live.has(a));
            live.add(a);
          } else if (!live.has(a)) {
          } else if (op === 1) {
            expect(s.markQueued(a)).toBe(!queued.has(a));
            queued.add(a);
          } else if (op === 2) {
            s.clearQueued(a);
            queued.delete(a);
          } else {
            s.release(a);
            live.delete(a);
            queued.delete(a);
          }
        }
        for (let g = 0; g <= 1 << 12; g++) {
          expect(s.isLive(g * 8)).toBe(live.has(g * 8));
          expect(s.isQueued(g * 8)).toBe(queued.has(g * 8));
        }
      }),
      { numRuns: 50 },
    );
  });
});
