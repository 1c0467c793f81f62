/**
 * Test helpers: run a program and collect what it writes.
 *
 * @module
 */
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
