/**
 * Runs a Python program, given as source text, under a CPython executable and returns what it
 * printed and how it ended.
 */
import { spawnSync } from "node:child_process";

/** What a program run printed and how it ended. */
export interface ProgramRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `source` with `python -c`, under the given str-hash seed when one is given. */
export function runCpython(python: string, source: string, hashSeed?: number): ProgramRun {
  const result = spawnSync(python, ["-c", source], {
    encoding: "utf8",
    timeout: 30_000,
    env: {
      ...process.env,
      PYTHONIOENCODING: "utf-8",
      ...(hashSeed === undefined ? {} : { PYTHONHASHSEED: String(hashSeed) }),
    },
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status ?? 1 };
}
