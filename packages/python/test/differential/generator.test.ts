// The random-program generator of the differential test: its programs parse as Python, are
// reproducible from a seed, and — checked against CPython 3.11 when one is on the PATH — run
// to completion without an uncaught exception and print the same under any str-hash seed.
import { parser } from "@lezer/python";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findCpython311 } from "../corpus/cpython";
import { pythonProgram, pythonStringLiteral } from "./program-generator";
import { runCpython } from "./run-cpython";

const RUNS = Number(process.env.PYMEM_DIFFERENTIAL_RUNS ?? 40);

/** The error nodes @lezer/python finds in `source`, as "line:column" positions. */
function syntaxErrors(source: string): string[] {
  const errors: string[] = [];
  parser.parse(source).iterate({
    enter: (node) => {
      if (node.type.isError) {
        const before = source.slice(0, node.from).split("\n");
        errors.push(`${before.length}:${before[before.length - 1].length + 1}`);
      }
    },
  });
  return errors;
}

describe("the program generator", () => {
  it("writes programs @lezer/python parses without an error node", () => {
    fc.assert(
      fc.property(pythonProgram(), (source) => {
        expect(syntaxErrors(source)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("writes the same programs for the same seed, and varied programs", () => {
    const a = fc.sample(pythonProgram(), { numRuns: 20, seed: 42 });
    const b = fc.sample(pythonProgram(), { numRuns: 20, seed: 42 });
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(20);
    const all = a.join("\n");
    for (const construct of ["def f0", "class C", "for v0 in", "while w0", "try:", "print("]) {
      expect(all).toContain(construct);
    }
  });

  it("escapes str literals the way Python reads them", () => {
    expect(pythonStringLiteral('a"b\\c\nd\te')).toBe('"a\\"b\\\\c\\nd\\te"');
  });
});

const python = findCpython311();

describe.runIf(python !== undefined)("generated programs under CPython 3.11", () => {
  it("run to completion with an empty stderr, printing the same under two str-hash seeds", () => {
    fc.assert(
      fc.property(pythonProgram(), (source) => {
        const first = runCpython(python!, source, 1);
        expect(first.stderr).toBe("");
        expect(first.exitCode).toBe(0);
        expect(first.stdout).not.toBe("");
        const second = runCpython(python!, source, 2);
        expect(second.stdout).toBe(first.stdout);
      }),
      { numRuns: RUNS },
    );
  });
});
