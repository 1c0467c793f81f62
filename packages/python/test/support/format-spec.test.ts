import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { floatRepr } from "../../src/support/float-repr.js";
import {
  type FormatPart,
  formatFloat,
  formatInt,
  formatStr,
  parseFormatTemplate,
  percentFormat,
} from "../../src/support/format-spec.js";
import { strRepr } from "../../src/support/str-methods.js";
import { decode, expectOutcome, loadFixture, type Outcome, python311, runPython } from "./fixture.js";

interface SpecCase extends Outcome {
  kind: "int" | "float" | "str";
  value: unknown;
  spec: string;
}

function formatAny(kind: string, value: unknown, spec: string): string {
  if (kind === "int") return formatInt(value as bigint, spec);
  if (kind === "float") return formatFloat(value as number, spec);
  return formatStr(value as string, spec);
}

describe("format specs", () => {
  const cases = loadFixture<SpecCase>("format-spec");

  it("format(value, spec) gives python3.11's text or ValueError for every pinned case", () => {
    expect(cases.length).toBeGreaterThan(5000);
    for (const c of cases) {
      const value = decode(c.value);
      expectOutcome(
        () => formatAny(c.kind, value, c.spec),
        c,
        `${c.kind} ${String(value)} ${JSON.stringify(c.spec)}`,
      );
    }
  });

  it("accepts small ints as JS numbers with the same results as bigints", () => {
    for (const c of cases) {
      if (c.kind !== "int" || c.error !== undefined) continue;
      const value = decode(c.value) as bigint;
      if (value > 2n ** 52n || value < -(2n ** 52n)) continue;
      expect([c.spec, formatInt(Number(value), c.spec)]).toEqual([c.spec, formatInt(value, c.spec)]);
    }
  });

  it("rounds exact ties to even and everything else correctly", () => {
    expect(formatFloat(0.5, ".0f")).toBe("0");
    expect(formatFloat(1.5, ".0f")).toBe("2");
    expect(formatFloat(2.5, ".0f")).toBe("2");
    expect(formatFloat(0.125, ".2f")).toBe("0.12");
    expect(formatFloat(0.375, ".2f")).toBe("0.38");
    expect(formatFloat(2.675, ".2f")).toBe("2.67"); // 2.67499999… in binary
    expect(formatFloat(65, ".0e")).toBe("6e+01");
    expect(formatFloat(0.1, ".30f")).toBe("0.100000000000000005551115123126");
    expect(formatFloat(1e300, ",.0f").length).toBe(401);
    expect(formatFloat(5e-324, ".3e")).toBe("4.941e-324");
  });

  it("pads, groups and signs like CPython", () => {
    expect(formatInt(1234n, "08,")).toBe("0,001,234");
    expect(formatInt(-1234n, "#012_x")).toBe("-0x0000_04d2");
    expect(formatFloat(-0, "z")).toBe("0.0");
    expect(formatFloat(-0.001, "z.1f")).toBe("0.0");
    expect(formatFloat(Number.POSITIVE_INFINITY, "010")).toBe("0000000inf");
    expect(formatStr("é😀x", "^9.2")).toBe("   é😀    ");
    expect(formatStr("ab", "05")).toBe("ab000");
  });

  it.runIf(python311() !== null)("matches python3.11 on random floats and specs (differential)", () => {
    const spec = fc
      .record({
        align: fc.constantFrom("", "<", ">", "^", "=", "*^", "0="),
        sign: fc.constantFrom("", "+", "-", " "),
        z: fc.constantFrom("", "z"),
        alt: fc.constantFrom("", "#"),
        zero: fc.constantFrom("", "0"),
        width: fc.constantFrom("", "5", "15"),
        group: fc.constantFrom("", ",", "_"),
        prec: fc.constantFrom("", ".0", ".1", ".3", ".8", ".16", ".17", ".30"),
        type: fc.constantFrom("", "e", "E", "f", "F", "g", "G", "%", "n"),
      })
      .map((r) => Object.values(r).join(""));
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.integer({ min: -100000, max: 100000 }).map((n) => n / 8),
      fc.integer({ min: -1000, max: 1000 }).map((n) => n / 1000),
    );
    const inputs = fc.sample(fc.tuple(value, spec), 3000);
    const expected = runPython<Outcome[]>(
      `import json,sys,struct
out=[]
for h,s in json.load(sys.stdin):
  x=struct.unpack('<d', bytes.fromhex(h))[0]
  try: out.append({"ok": format(x, s)})
  except Exception as e: out.append({"error": type(e).__name__, "message": str(e)})
print(json.dumps(out))`,
      inputs.map(([x, s]) => [Buffer.from(new Float64Array([x]).buffer).toString("hex"), s]),
    );
    inputs.forEach(([x, s], i) => {
      expectOutcome(() => formatFloat(x, s), expected[i], `${x} ${s}`);
    });
  });

  it.runIf(python311() !== null)("matches python3.11 on random ints and specs (differential)", () => {
    const spec = fc
      .record({
        align: fc.constantFrom("", "<", ">", "^", "=", "x>"),
        sign: fc.constantFrom("", "+", " "),
        alt: fc.constantFrom("", "#"),
        zero: fc.constantFrom("", "0"),
        width: fc.constantFrom("", "3", "12", "30"),
        group: fc.constantFrom("", ",", "_"),
        type: fc.constantFrom("", "d", "b", "o", "x", "X", "n", "c"),
      })
      .map((r) => Object.values(r).join(""));
    const inputs = fc.sample(fc.tuple(fc.bigInt({ min: -(2n ** 130n), max: 2n ** 130n }), spec), 3000);
    const expected = runPython<Outcome[]>(
      `import json,sys
out=[]
for v,s in json.load(sys.stdin):
  try: out.append({"ok": format(int(v), s)})
  except Exception as e: out.append({"error": type(e).__name__, "message": str(e)})
print(json.dumps(out))`,
      inputs.map(([v, s]) => [String(v), s]),
    );
    inputs.forEach(([v, s], i) => {
      expectOutcome(() => formatInt(v, s), expected[i], `${v} ${s}`);
    });
  });
});

interface TemplateCase extends Outcome {
  template: string;
}

describe("parseFormatTemplate", () => {
  it("splits templates into literals and fields as str.format does, errors included", () => {
    const cases = loadFixture<TemplateCase>("format-template");
    for (const c of cases) {
      const result = (() => {
        try {
          return { ok: JSON.parse(JSON.stringify(parseFormatTemplate(c.template))) as FormatPart[] };
        } catch (e) {
          return {
            error: (e as { pyType?: string }).pyType,
            message: (e as Error).message.replace(/^\w+: /, ""),
          };
        }
      })();
      if (c.error !== undefined)
        expect([c.template, result]).toEqual([c.template, { error: c.error, message: c.message }]);
      else expect([c.template, result]).toEqual([c.template, { ok: JSON.parse(c.ok as string) }]);
    }
  });

  it("numbers automatic fields through nested specs", () => {
    const parts = parseFormatTemplate("{:{}}|{}");
    expect(parts).toEqual([
      {
        first: 0,
        path: [],
        conversion: null,
        spec: "",
        specParts: [{ first: 1, path: [], conversion: null, spec: "", specParts: null }],
      },
      "|",
      { first: 2, path: [], conversion: null, spec: "", specParts: null },
    ]);
  });
});

interface PercentCase extends Outcome {
  template: string;
  args: unknown;
  mapping: boolean;
}

/** Stand-in for the interpreter's repr/str of the values the fixture uses. */
function pyRepr(v: unknown): string {
  if (typeof v === "bigint") return String(v);
  if (typeof v === "number") return floatRepr(v);
  if (typeof v === "string") return strRepr(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null) return "None";
  if (Array.isArray(v)) return `(${v.map(pyRepr).join(", ")}${v.length === 1 ? "," : ""})`;
  return `{${Object.entries(v as object)
    .map(([k, x]) => `${strRepr(k)}: ${pyRepr(x)}`)
    .join(", ")}}`;
}
function pyStr(v: unknown): string {
  return typeof v === "string" ? v : pyRepr(v);
}

describe("percentFormat", () => {
  it("formats %-templates as python3.11 did, errors included", () => {
    const cases = loadFixture<PercentCase>("percent-format");
    expect(cases.length).toBeGreaterThan(1000);
    for (const c of cases) {
      const args = decode(c.args);
      const label = `${JSON.stringify(c.template)} % ${pyRepr(args)}`;
      if (c.mapping) {
        const map = args as Record<string, unknown>;
        expectOutcome(
          () =>
            percentFormat(c.template, [map], pyRepr, pyStr, {
              typeName: (v) => (Array.isArray(v) ? "tuple" : "dict"),
              lookup: (k) => {
                if (!(k in map)) throw new Error(`KeyError ${k}`);
                return map[k];
              },
            }),
          c,
          label,
        );
      } else {
        expectOutcome(
          () => percentFormat(c.template, args as unknown[], pyRepr, pyStr, { typeName: () => "NoneType" }),
          c,
          label,
        );
      }
    }
  });
});
