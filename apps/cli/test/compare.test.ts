// `pymem compare`: the side-by-side table, JSON, and its errors.
import { describe, expect, it } from "vitest";
import type { RunReport } from "../src/run-report";
import { oneErrorLine, runCli } from "./run-cli";

describe("pymem compare", () => {
  it("prints one column per composition, same work in each", () => {
    const r = runCli([
      "compare",
      "churn",
      "--scale",
      "0.02",
      "--with",
      "--preset cpython311",
      "--with",
      "--preset classic",
      "--with",
      "--allocator raw --gc none",
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("churn (seed 1, scale 0.02)");
    const header = lines.find((l) => l.includes("metric"))!;
    for (const label of ["cpython311", "classic", "--allocator raw"]) expect(r.stdout).toContain(label);
    expect(header.split("│").length - 2).toBe(4);
    const objects = lines
      .find((l) => l.includes("objects allocated"))!
      .split("│")
      .slice(2, 5)
      .map((c) => c.trim());
    expect(new Set(objects).size).toBe(1);
    // Arenas exist only where pymalloc is the object allocator.
    const arenas = lines
      .find((l) => l.includes("arenas allocated"))!
      .split("│")
      .slice(2, 5)
      .map((c) => c.trim());
    expect(arenas[2]).toBe("-");
    expect(arenas[0]).not.toBe("-");
  });

  it("keeps the metrics in report order when the first composition lacks some", () => {
    const r = runCli([
      "compare",
      "cycles",
      "--scale",
      "0.02",
      "--with",
      "--gc none",
      "--with",
      "--allocator raw",
      "--with",
      "--gc generational",
    ]);
    expect(r.status).toBe(0);
    const labels = r.stdout
      .split("\n")
      .filter((l) => l.startsWith("│"))
      .map((l) => l.split("│")[1]!.trim());
    expect(labels).toEqual([
      "metric",
      "wall time",
      "objects allocated",
      "ops/s",
      "peak mapped",
      "mapped at end",
      "arenas allocated",
      "arenas reclaimed",
      "arenas highwater",
      "pools in use",
      "collections gen 0",
      "collections gen 1",
      "collections gen 2",
      "objects collected",
      "objects examined",
      "largest pause (objects)",
      "fragmentation",
      "live blocks",
      "live bytes",
      "peak bytes in use",
    ]);
  });

  it("compares CPython version profiles named alone: the incremental collector's smaller pauses", () => {
    const r = runCli([
      "compare",
      "cycles",
      "--scale",
      "0.2",
      "--with",
      "cpython313",
      "--with",
      "cpython314",
      "--json",
    ]);
    expect(r.status).toBe(0);
    const { reports } = JSON.parse(r.stdout) as { reports: RunReport[] };
    expect(reports.map((x) => x.composition)).toEqual(["cpython313", "cpython314"]);
    const [gen, inc] = reports as [RunReport, RunReport];
    for (const report of reports) {
      expect(report.collectorWork!.examined).toBeGreaterThan(0);
      expect(report.collectorWork!.largestPause).toBeGreaterThan(0);
      expect(report.collectorWork!.largestPause).toBeLessThanOrEqual(report.collectorWork!.examined);
      expect(report.peakBytesInUse).toBeGreaterThanOrEqual(report.liveBytes);
      expect(report.peakMappedBytes).toBeGreaterThan(0);
    }
    // Same program, same objects; the collectors differ in how they collect them.
    expect(inc.ops).toBe(gen.ops);
    expect(inc.generations!.map((g) => g.generation)).toEqual([0, 1, 2]);
    expect(inc.generations![1]!.collections).toBeGreaterThan(0);
  });

  it("--json gives every report", () => {
    const r = runCli([
      "compare",
      "cycles",
      "--scale",
      "0.05",
      "--with",
      "--gc generational",
      "--with",
      "--gc none",
      "--json",
    ]);
    expect(r.status).toBe(0);
    const { workload, reports } = JSON.parse(r.stdout) as { workload: string; reports: RunReport[] };
    expect(workload).toBe("cycles");
    expect(reports.map((x) => x.composition)).toEqual([
      "cpython311 --gc generational",
      "cpython311 --gc none",
    ]);
    expect(reports[0]!.objectsCollected).toBeGreaterThan(0);
    expect(reports[1]!.objectsCollected).toBe(0);
    expect(reports[0]!.ops).toBe(reports[1]!.ops);
  });

  it.each([
    [
      ["compare", "trees"],
      'compare needs at least 2 compositions, got 0: give --with "<options>" once per composition',
    ],
    [
      ["compare", "trees", "--with", "--preset classic"],
      'compare needs at least 2 compositions, got 1: give --with "<options>" once per composition',
    ],
    [
      ["compare", "trees", "--with", "--gc none", "--with", "--gc fast"],
      "--with \"--gc fast\": option '--gc <name>' argument 'fast' is invalid. Allowed choices are generational, mark-sweep, none, incremental.",
    ],
    [
      ["compare", "trees", "--with", "--gc none", "--with", "--scale 2"],
      "--with \"--scale 2\": unknown option '--scale'",
    ],
    [
      ["compare", "trees", "--with", "--gc none", "--with", "clasic"],
      '--with "clasic": too many arguments. Expected 0 arguments but got 1.',
    ],
    [
      ["compare", "trees", "--with", "--gc none", "--with", ""],
      '--with "" is empty: give the composition\'s options, e.g. --with "--preset cpython311"',
    ],
    [
      ["compare", "nope", "--with", "--gc none", "--with", "--gc generational"],
      'unknown workload "nope": expected one of churn, trees, cycles, json, strings',
    ],
    [
      ["compare", "trees", "--with", "--allocator raw --pool-size 4K", "--with", "--gc none"],
      "--arena-size, --pool-size and --alignment configure pymalloc, but this composition's object allocator is raw (add --allocator pymalloc)",
    ],
  ])("%j -> exit 2, one line", (args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(oneErrorLine(r)).toBe(`pymem: error: ${message}`);
  });
});
