// The progress bar: drawn only on terminals, only once the run lasts, never with --json.
import { execFileSync, spawnSync } from "node:child_process";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ProgressBar } from "../src/progress-bar";
import { appDir, cliPath, runCli } from "./run-cli";

class FakeTerminal extends Writable {
  text = "";
  isTTY = true;
  columns = 120;
  cursorTo(): boolean {
    return true;
  }
  clearLine(): boolean {
    return true;
  }
  moveCursor(): boolean {
    return true;
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe("ProgressBar", () => {
  it("draws nothing before the delay, then the bar with its label and percentage", () => {
    const stream = new FakeTerminal();
    let now = 0;
    const bar = new ProgressBar({ stream, enabled: true, delayMs: 1000, label: "trees", clock: () => now });
    bar.update(10, 100);
    now = 999;
    bar.update(20, 100);
    expect(bar.shown).toBe(false);
    expect(stream.text).toBe("");
    now = 1000;
    bar.update(30, 100);
    expect(bar.shown).toBe(true);
    expect(stream.text).toContain("trees [");
    expect(stream.text).toContain("30%");
    bar.stop();
    expect(bar.shown).toBe(false);
    bar.stop();
  });

  it("draws nothing when disabled, however long the run", () => {
    const stream = new FakeTerminal();
    let now = 0;
    const bar = new ProgressBar({ stream, enabled: false, delayMs: 0, clock: () => now });
    now = 1e9;
    bar.update(1, 2);
    bar.stop();
    expect(bar.shown).toBe(false);
    expect(stream.text).toBe("");
  });
});

const hasScript = (() => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Runs the CLI on a pseudo-terminal (util-linux `script`), so stdout and stderr are TTYs. */
function runOnTerminal(args: string, delayMs: number): string {
  const result = spawnSync("script", ["-qec", `"${process.execPath}" "${cliPath}" ${args}`, "/dev/null"], {
    cwd: appDir,
    encoding: "utf8",
    env: { ...process.env, PYMEM_PROGRESS_DELAY_MS: String(delayMs) },
    timeout: 120_000,
  });
  expect(result.status).toBe(0);
  return result.stdout;
}

describe("the progress bar of the built CLI", () => {
  it.skipIf(!hasScript)("appears on a terminal once the delay has passed", () => {
    const out = runOnTerminal("run trees --scale 0.05", 0);
    expect(out).toMatch(/trees \[[^\]]*\] \d+%/);
    expect(out).toContain("trees (seed 1, scale 0.05) on cpython311");
  });

  it.skipIf(!hasScript)("does not appear while the run is shorter than the delay", () => {
    const out = runOnTerminal("run trees --scale 0.05", 600_000);
    expect(out).not.toMatch(/trees \[/);
  });

  it.skipIf(!hasScript)("does not appear with --json, even on a terminal", () => {
    const out = runOnTerminal("run trees --scale 0.05 --json", 0);
    expect(out).not.toMatch(/trees \[/);
    expect(JSON.parse(out.replace(/\r\n/g, "\n")).workload).toBe("trees");
  });

  it("does not appear when the output is a pipe", () => {
    const r = runCli(["run", "trees", "--scale", "0.05"], { env: { PYMEM_PROGRESS_DELAY_MS: "0" } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });
});
