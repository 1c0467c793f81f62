import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { floatRepr } from "../../src/support/float-repr.js";
import { decodeFloat, loadFixture, python311, runPython } from "./fixture.js";

interface ReprCase {
  x: { float: string };
  repr: string;
}

describe("floatRepr", () => {
  it("prints what python3.11 printed for pinned values", () => {
    const cases = loadFixture<ReprCase>("float-repr");
    expect(cases.length).toBeGreaterThan(300);
    for (const c of cases) expect([c.repr, floatRepr(decodeFloat(c.x.float))]).toEqual([c.repr, c.repr]);
  });

  it("lays out the boundaries between fixed and exponent notation", () => {
    expect(floatRepr(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(floatRepr(1e16)).toBe("1e+16");
    expect(floatRepr(1e15)).toBe("1000000000000000.0");
    expect(floatRepr(1.5e-7)).toBe("1.5e-07");
    expect(floatRepr(0.0001)).toBe("0.0001");
    expect(floatRepr(0.00001)).toBe("1e-05");
    expect(floatRepr(-0)).toBe("-0.0");
    expect(floatRepr(Number.NaN)).toBe("nan");
    expect(floatRepr(Number.NEGATIVE_INFINITY)).toBe("-inf");
    expect(floatRepr(5e-324)).toBe("5e-324");
    expect(floatRepr(1.7976931348623157e308)).toBe("1.7976931348623157e+308");
  });

  it("reads back as the same float (round trip) for any double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        const text = floatRepr(x);
        const back =
          text === "inf"
            ? Number.POSITIVE_INFINITY
            : text === "-inf"
              ? Number.NEGATIVE_INFINITY
              : Number(text);
        expect(Object.is(back, x)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it.runIf(python311() !== null)("matches python3.11 on random doubles (differential)", () => {
    const xs = fc.sample(fc.double({ noNaN: true }), 3000);
    const expected = runPython<string[]>(
      "import json,sys,struct\nxs=json.load(sys.stdin)\nprint(json.dumps([repr(struct.unpack('<d', bytes.fromhex(h))[0]) for h in xs]))",
      xs.map((x) => Buffer.from(new Float64Array([x]).buffer).toString("hex")),
    );
    xs.forEach((x, i) => {
      expect([x, floatRepr(x)]).toEqual([x, expected[i]]);
    });
  });
});
