import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AddressBitmap } from "../src/address-bitmap";

describe("AddressBitmap", () => {
  it("records 8-byte-aligned addresses and counts them", () => {
    const b = new AddressBitmap(256);
    expect(b.set(0x1010)).toBe(true);
    expect(b.set(0x1010)).toBe(false);
    expect(b.has(0x1010)).toBe(true);
    expect(b.has(0x1018)).toBe(false);
    expect(b.size).toBe(1);
    expect(b.delete(0x1010)).toBe(true);
    expect(b.delete(0x1010)).toBe(false);
    expect(b.has(0x1010)).toBe(false);
    expect(b.size).toBe(0);
  });

  it("never reports misaligned, negative, fractional or NaN addresses as members", () => {
    const b = new AddressBitmap();
    b.set(16);
    for (const bad of [17, 20, 16.5, -16, Number.NaN, 2 ** 32 + 16]) expect(b.has(bad)).toBe(false);
  });

  it("grows to cover high addresses, which read as clear before", () => {
    const b = new AddressBitmap(256);
    expect(b.has(0xfffffff8)).toBe(false);
    expect(b.delete(0xfffffff8)).toBe(false);
    b.set(0xfffffff8);
    expect(b.has(0xfffffff8)).toBe(true);
    expect(b.has(0xfffffff0)).toBe(false);
    b.clear();
    expect(b.has(0xfffffff8)).toBe(false);
    expect(b.size).toBe(0);
  });

  it("agrees with a Set under random operations", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(1 << 20)), { maxLength: 500 }), (ops) => {
        const b = new AddressBitmap(64);
        const model = new Set<number>();
        for (const [add, g] of ops) {
          const a = g * 8;
          if (add) expect(b.set(a)).toBe(!model.has(a));
          else expect(b.delete(a)).toBe(model.has(a));
          if (add) model.add(a);
          else model.delete(a);
          expect(b.has(a)).toBe(model.has(a));
        }
        expect(b.size).toBe(model.size);
      }),
      { numRuns: 200 },
    );
  });
});
