// `--plugin FILE`: a module registering a raw allocator, run end to end through the built CLI.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pluginPaths } from "../src/plugins";
import type { RunReport } from "../src/run-report";
import { appDir, oneErrorLine, runCli } from "./run-cli";

const buddy = join(appDir, "test", "fixtures", "buddy-plugin.mjs");

describe("pymem run --plugin", () => {
  it("runs a workload on the raw allocator the plugin registered", () => {
    const r = runCli(["run", "churn", "--plugin", buddy, "--raw", "buddy", "--allocator", "raw", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as RunReport;
    expect(report.composition).toBe("cpython311 --raw buddy --allocator raw");
    expect(report.ops).toBeGreaterThan(0);
    expect(report.liveBlocks).toBeGreaterThan(0);
    // The buddy allocator maps 1 MiB regions.
    expect(report.peakMappedBytes).toBeGreaterThanOrEqual(1 << 20);
  });

  it("puts pymalloc over the plugin's allocator, and replays traces on it", () => {
    const run = runCli(["run", "cycles", "--scale", "0.1", "--raw", "buddy", `--plugin=${buddy}`, "--json"]);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as RunReport).arenas).not.toBeNull();
    const trace = [
      '{"op":"alloc","id":1,"size":4000}',
      '{"op":"alloc","id":2,"size":24}',
      '{"op":"free","id":1}',
    ];
    const replay = runCli(["run", "--trace", "-", "--plugin", buddy, "--raw", "buddy", "--json"], {
      input: trace.join("\n"),
    });
    expect(replay.status).toBe(0);
    const report = JSON.parse(replay.stdout) as RunReport;
    expect(report.calls).toEqual({ malloc: 2, calloc: 0, realloc: 0, free: 1 });
    expect(report.liveBlocks).toBe(1);
  });

  it("lists the plugin's strategy among the choices, and only with the plugin", () => {
    expect(runCli(["run", "--help", "--plugin", buddy]).stdout).toMatch(/"tlsf",\s+"first-fit",\s+"buddy"\)/);
    expect(oneErrorLine(runCli(["run", "churn", "--raw", "buddy"]))).toBe(
      "pymem: error: option '--raw <name>' argument 'buddy' is invalid. Allowed choices are tlsf, first-fit.",
    );
  });

  it("reports a plugin that cannot be loaded in one line", () => {
    const missing = runCli(["run", "churn", "--plugin", "./no-such-plugin.mjs"]);
    expect(missing.status).toBe(2);
    expect(oneErrorLine(missing)).toMatch(/^pymem: error: cannot load plugin \.\/no-such-plugin\.mjs: /);
    const notAPlugin = runCli([
      "run",
      "churn",
      "--plugin",
      join(appDir, "test", "fixtures", "not-a-plugin.mjs"),
    ]);
    expect(notAPlugin.status).toBe(2);
    expect(oneErrorLine(notAPlugin)).toContain("exports no register function");
  });
});

describe("pluginPaths", () => {
  it("finds every --plugin before --", () => {
    expect(pluginPaths(["run", "--plugin", "a.mjs", "x", "--plugin=b.mjs", "--", "--plugin", "c"])).toEqual([
      "a.mjs",
      "b.mjs",
    ]);
  });
});
