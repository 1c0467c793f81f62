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

  it("redraws at most once per redraw interval, and always at the end", () => {
    const stream = new FakeTerminal();
    let now = 0;
    const bar = new ProgressBar({ stream, enabled: true, delayMs: 1000, redrawMs: 100, clock: () => now });
    now = 1000;
    bar.update(300, 1000);
    expect(stream.text).toContain("30%");
    const drawn = stream.text;
    now = 1050;
    bar.update(400, 1000);
    expect(stream.text).toBe(drawn);
    now = 1100;
    bar.update(500, 1000);
    expect(stream.text.slice(drawn.length)).toContain("50%");
    now = 1101;
    bar.update(1000, 1000);
    expect(stream.text).toMatch(/100%[^\n]*$/);
    bar.stop();
  });

  it("shows counts with thousands separators and the time since the work started", () => {
    const stream = new FakeTerminal();
    let now = 0;
    const bar = new ProgressBar({ stream, enabled: true, delayMs: 1000, label: "json", clock: () => now });
    now = 5000;
    bar.update(2000, 12_345);
    expect(stream.text).toContain("json [");
    expect(stream.text).toContain("% 2,000/12,345 5s, eta ");
    bar.stop();
  });

  it("fits a long label into an 80-column line, keeping its end", () => {
    const stream = new FakeTerminal();
    const label = `trace:/var/tmp/recordings/${"x".repeat(40)}/app.jsonl`;
    const bar = new ProgressBar({ stream, enabled: true, delayMs: 0, label });
    bar.update(12_345_678, 99_999_999);
    bar.stop();
    const line = stream.text.split("\x1b[1G")[1]!.split("\x1b[0K")[0]!;
    expect(line).toMatch(/^…x*\/app\.jsonl \[/);
    expect(line).toContain("% 12,345,678/99,999,999 0s, eta ");
    expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it("leaves the cursor, line wrapping and Ctrl-C alone", () => {
    const stream = new FakeTerminal();
    const sigint = process.listenerCount("SIGINT");
    const sigterm = process.listenerCount("SIGTERM");
    const bar = new ProgressBar({ stream, enabled: true, delayMs: 0 });
    bar.update(1, 10);
    expect(bar.shown).toBe(true);
    // A synchronous run cannot service a signal listener: one would make Ctrl-C wait for the run.
    expect(process.listenerCount("SIGINT")).toBe(sigint);
    expect(process.listenerCount("SIGTERM")).toBe(sigterm);
    bar.stop();
    expect(stream.text).not.toContain("\x1b[?25l"); // cursor hidden
    expect(stream.text).not.toContain("\x1b[?7l"); // line wrapping off
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
    // The bar's line is erased before the report is printed where it stood.
    const title = out.indexOf("trees (seed 1, scale 0.05) on cpython311");
    const lastFrame = out.lastIndexOf("trees [", title);
    expect(lastFrame).toBeGreaterThanOrEqual(0);
    const tail = out.slice(lastFrame, title);
    expect(tail).toContain("100%");
    expect(tail).not.toContain("\n");
    expect(tail.endsWith("\x1b[2K")).toBe(true); // erase the whole line
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
