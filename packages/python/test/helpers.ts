/**
 * Test helpers: run a program and collect what it writes.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { expect } from "vitest";
import { type RunPythonOptions, runPython } from "../src/index";

/** Output of one run. */
export interface RunOutput {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Runs `source` and returns its output. */
export function run(source: string, options: RunPythonOptions = {}): RunOutput {
  let stdout = "";
  let stderr = "";
  const r = runPython(source, {
    filename: "program.py",
    ...options,
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  });
  return { stdout, stderr, exitCode: r.exitCode };
}

/** Dedents a template literal program. */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values);
  const lines = text.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)![0].length));
  return `${lines
    .map((l) => l.slice(indent))
    .join("\n")
    .trimEnd()}\n`;
}

let python311: boolean | null = null;

/** Whether `python3` on the PATH is CPython 3.11 (the reference). */
export function hasPython311(): boolean {
  if (python311 === null) {
    const r = spawnSync("python3", ["-c", "import sys; print(sys.version_info[:2] == (3, 11))"], {
      encoding: "utf8",
    });
    python311 = r.status === 0 && r.stdout.trim() === "True";
  }
  return python311;
}

/**
 * Asserts that `source` prints `expected` under pymem — and, when CPython 3.11 is on the PATH,
 * that it prints the same there (the pinned value is CPython's).
 */
export function expectLikeCPython(source: string, expected: string): void {
  const out = run(source);
  expect(out.stderr).toBe("");
  expect(out.stdout).toBe(expected);
  if (hasPython311()) {
    const r = spawnSync("python3", ["-c", source], { encoding: "utf8" });
    expect(r.stdout).toBe(expected);
  }
}
