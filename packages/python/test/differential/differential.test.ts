// Differential property test: random programs over ints, strings, lists, dicts, functions and
// classes print exactly the same through pymem's `runPython` as through CPython 3.11. Without a
// CPython 3.11 on the PATH, pymem must still run every program to completion with an empty
// stderr. The block runs once `runPython` is exported by the package's entry point, and is
// skipped until then.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as pymemPython from "../../src/index";
import { findCpython311 } from "../corpus/cpython";
import { pythonProgram } from "./program-generator";
import { type ProgramRun, runCpython } from "./run-cpython";

/** The part of `runPython`'s contract this test relies on. */
type RunPython = (
  source: string,
  options: { filename?: string; stdout?: (text: string) => void; stderr?: (text: string) => void },
) => { exitCode: number };

const runPython = (pymemPython as Record<string, unknown>).runPython as RunPython | undefined;
const RUNS = Number(process.env.PYMEM_DIFFERENTIAL_RUNS ?? 40);
const python = findCpython311();

function runPymem(source: string): ProgramRun {
  let stdout = "";
  let stderr = "";
  const { exitCode } = runPython!(source, {
    filename: "generated.py",
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { stdout, stderr, exitCode };
}

describe.skipIf(typeof runPython !== "function")("pymem against CPython 3.11 on random programs", () => {
  it("prints exactly what CPython prints", () => {
    fc.assert(
      fc.property(pythonProgram(), (source) => {
        const pymem = runPymem(source);
        expect(pymem.stderr).toBe("");
        expect(pymem.exitCode).toBe(0);
        if (python !== undefined) expect(pymem.stdout).toBe(runCpython(python, source).stdout);
        else expect(pymem.stdout).not.toBe("");
      }),
      { numRuns: RUNS },
    );
  });
});
