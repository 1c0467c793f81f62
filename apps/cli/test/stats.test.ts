// `pymem stats`: sys._debugmallocstats() after a workload.
import { describe, expect, it } from "vitest";
import { oneErrorLine, runCli } from "./run-cli";

describe("pymem stats", () => {
  it("prints CPython's sys._debugmallocstats() layout after the workload", () => {
    const r = runCli(["stats", "trees", "--scale", "0.05"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const out = r.stdout;
    expect(out).toMatch(
      /^Small block threshold = 512, in 32 size classes\.\n\nclass {3}size {3}num pools {3}blocks in use {2}avail blocks\n/,
    );
    expect(out).toMatch(/\n {4}3 {5}64 +\d+ +\d+ +\d+\n/);
    for (const label of [
      "# arenas allocated total",
      "# arenas reclaimed",
      "# arenas highwater mark",
      "# arenas allocated current",
      "# bytes in allocated blocks",
      "# bytes in available blocks",
      "# bytes lost to pool headers",
      "# bytes lost to quantization",
      "# bytes lost to arena alignment",
      "Total",
    ]) {
      expect(out).toMatch(new RegExp(`\\n${label.replace(/[#]/g, "\\$&")} +=  +[\\d,]+\\n`));
    }
    expect(out).toMatch(/\d+ arenas \* 1048576 bytes\/arena +=/);
    expect(out).toMatch(/free PyFloatObjects \* 24 bytes each/);
  });

  it("follows the composition: classic has 64 size classes", () => {
    const r = runCli(["stats", "json", "--scale", "0.02", "--preset", "classic"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Small block threshold = 512, in 64 size classes\./);
    expect(r.stdout).toMatch(/arenas \* 262144 bytes\/arena/);
  });

  it("without pymalloc prints only the free-list lines, as CPython under PYTHONMALLOC=malloc", () => {
    const r = runCli(["stats", "strings", "--scale", "0.02", "--allocator", "raw"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ +\d+ free PyDictObjects \* 48 bytes each = +\d+\n/);
  });

  it("reports errors like run", () => {
    const r = runCli(["stats", "heap"]);
    expect(r.status).toBe(2);
    expect(oneErrorLine(r)).toBe(
      'pymem: error: unknown workload "heap": expected one of churn, trees, cycles, json, strings',
    );
  });
});
