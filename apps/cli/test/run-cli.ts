// Spawns the built CLI (dist/cli.js, built by global-setup.ts) and captures what it printed.
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const appDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const cliPath = join(appDir, "dist", "cli.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: readonly string[],
  options: { input?: string; env?: Record<string, string>; cwd?: string } = {},
): CliResult {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd: options.cwd ?? appDir,
    encoding: "utf8",
    input: options.input ?? "",
    env: { ...process.env, ...options.env },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Asserts the shape of every failure: exactly one line on stderr, no stack trace. */
export function oneErrorLine(result: CliResult): string {
  const lines = result.stderr.split("\n").filter((l) => l.length > 0);
  if (lines.length !== 1) throw new Error(`expected one error line, got:\n${result.stderr}`);
  const line = lines[0]!;
  if (!line.startsWith("pymem: error: ")) throw new Error(`unexpected error line: ${line}`);
  if (/\bat .*\(.*:\d+:\d+\)/.test(result.stderr)) throw new Error(`stack trace printed:\n${result.stderr}`);
  return line;
}
