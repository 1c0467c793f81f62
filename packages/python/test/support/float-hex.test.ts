import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { asIntegerRatio, floatFromHex, floatHex } from "../../src/support/float-hex.js";
import { decode, expectOutcome, loadFixture, type Outcome } from "./fixture.js";

describe("float hex and integer ratio", () => {
  it("float.hex and as_integer_ratio are python3.11's", () => {
    for (const c of loadFixture<{ x: unknown; hex: string; ratio: Outcome }>("float-hex")) {
      const x = decode(c.x) as number;
      expect([x, floatHex(x)]).toEqual([x, c.hex]);
      expectOutcome(() => asIntegerRatio(x), c.ratio, `${x}.as_integer_ratio()`);
    }
  });

  it("float.fromhex reads or rejects text as python3.11 did", () => {
    for (const c of loadFixture<Outcome & { text: string }>("float-fromhex")) {
      expectOutcome(() => floatFromHex(c.text), c, `float.fromhex(${JSON.stringify(c.text)})`);
    }
  });

  it("fromhex(hex(x)) is x for every double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        expect(Object.is(floatFromHex(floatHex(x)), x)).toBe(true);
        if (Number.isFinite(x)) {
          const [n, d] = asIntegerRatio(x);
          expect(Number(n) / Number(d) === x || d > 2n ** 1000n).toBe(true);
        }
      }),
    );
  });
});
