import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  bitLength,
  getIntMaxStrDigits,
  intToBinary,
  intToHex,
  intToOctal,
  intToString,
  parseFloat,
  parseInt,
  setIntMaxStrDigits,
} from "../../src/support/int-text.js";
import {
  decode,
  expectOutcome,
  loadFixture,
  type Outcome,
  outcome,
  python311,
  runPython,
} from "./fixture.js";

interface ParseCase extends Outcome {
  text: string;
  base: number;
}
interface StrCase {
  value: unknown;
  str: Outcome;
  hex: string;
  oct: string | null;
  bin: string | null;
}

describe("int text", () => {
  afterEach(() => setIntMaxStrDigits(4300));

  it("int(text, base) parses or raises exactly as python3.11 did", () => {
    const cases = loadFixture<ParseCase>("int-parse");
    expect(cases.length).toBeGreaterThan(500);
    for (const c of cases)
      expectOutcome(() => parseInt(c.text, c.base), c, `int(${JSON.stringify(c.text)}, ${c.base})`);
  });

  it("str/hex/oct/bin of ints, with the 4300-digit limit", () => {
    for (const c of loadFixture<StrCase>("int-str")) {
      const v = decode(c.value) as bigint;
      expectOutcome(() => intToString(v), c.str, `str(${c.hex})`);
      expect(intToHex(v)).toBe(c.hex);
      if (c.oct !== null) expect(intToOctal(v)).toBe(c.oct);
      if (c.bin !== null) expect(intToBinary(v)).toBe(c.bin);
    }
  });

  it("follows sys.set_int_max_str_digits", () => {
    expect(getIntMaxStrDigits()).toBe(4300);
    expect(outcome(() => setIntMaxStrDigits(100))).toEqual({
      error: "ValueError",
      message: "maxdigits must be 0 or larger than 640",
    });
    setIntMaxStrDigits(0);
    expect(intToString(10n ** 5000n).length).toBe(5001);
    expect(parseInt("1".repeat(5000), 10)).toBe(BigInt("1".repeat(5000)));
    setIntMaxStrDigits(641);
    expect(outcome(() => intToString(10n ** 641n)).error).toBe("ValueError");
    expect(intToString(10n ** 640n).length).toBe(641);
  });

  it("round-trips any bigint through str and int in every base", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }),
        fc.integer({ min: 2, max: 36 }),
        (v, base) => {
          expect(parseInt(intToString(v), 10)).toBe(v);
          expect(parseInt(intToHex(v), 0)).toBe(v);
          expect(parseInt(intToBinary(v), 0)).toBe(v);
          const digits = (v < 0n ? "-" : "") + (v < 0n ? -v : v).toString(base);
          expect(parseInt(digits, base)).toBe(v);
          expect(bitLength(v)).toBe(v === 0n ? 0 : (v < 0n ? -v : v).toString(2).length);
        },
      ),
    );
  });

  it("float(text) parses or raises exactly as python3.11 did", () => {
    for (const c of loadFixture<ParseCase>("float-parse"))
      expectOutcome(() => parseFloat(c.text), c, `float(${JSON.stringify(c.text)})`);
  });

  it.runIf(python311() !== null)(
    "int(text, base) matches python3.11 on random literals (differential)",
    () => {
      const piece = fc.constantFrom(
        "0",
        "1",
        "7",
        "9",
        "a",
        "f",
        "z",
        "_",
        " ",
        "-",
        "+",
        "x",
        "o",
        "b",
        "٣",
        ".",
      );
      const inputs = fc.sample(
        fc.tuple(
          fc.array(piece, { maxLength: 8 }).map((a) => a.join("")),
          fc.constantFrom(0, 2, 8, 10, 16, 36),
        ),
        2000,
      );
      const expected = runPython<Outcome[]>(
        `import json,sys
out=[]
for t,b in json.load(sys.stdin):
  try: out.append({"ok": str(int(t, b))})
  except Exception as e: out.append({"error": type(e).__name__, "message": str(e)})
print(json.dumps(out))`,
        inputs,
      );
      inputs.forEach(([t, b], i) => {
        const e = expected[i];
        expectOutcome(
          () => parseInt(t, b),
          e.error ? e : { ok: { int: e.ok } },
          `int(${JSON.stringify(t)}, ${b})`,
        );
      });
    },
  );
});
