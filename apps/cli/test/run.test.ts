// `pymem run`: every workload, the report's figures, composition options and every error path.
import { describe, expect, it } from "vitest";
import type { RunReport } from "../src/run-report";
import { oneErrorLine, runCli } from "./run-cli";

function runJson(args: string[]): RunReport & { heapMap?: string } {
  const r = runCli(["run", ...args, "--json"]);
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as RunReport;
}

describe("pymem run <workload>", () => {
  it.each(["churn", "trees", "cycles", "json", "strings"])("%s prints the report tables", (workload) => {
    const r = runCli(["run", workload, "--scale", "0.05"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(new RegExp(`^${workload} \\(seed 1, scale 0\\.05\\) on cpython311\\n`));
    for (const metric of [
      "wall time",
      "objects allocated",
      "ops/s",
      "peak mapped",
      "arenas allocated",
      "arenas reclaimed",
      "collections gen 0",
      "collections gen 2",
      "objects collected",
      "fragmentation",
      "live blocks",
      "pools per size class",
      "collections per generation",
    ]) {
      expect(r.stdout).toContain(metric);
    }
  });

  it("--json reports consistent figures", () => {
    const report = runJson(["trees", "--scale", "0.05"]);
    expect(report.workload).toBe("trees");
    expect(report.composition).toBe("cpython311");
    expect(report.seed).toBe(1);
    expect(report.scale).toBe(0.05);
    expect(report.ops).toBeGreaterThan(10_000);
    expect(report.opsPerSecond).toBeCloseTo(report.ops / (report.wallMs / 1000), 0);
    expect(report.peakMappedBytes).toBeGreaterThanOrEqual(report.mappedBytes);
    expect(report.arenas!.allocated - report.arenas!.reclaimed).toBe(report.arenas!.current);
    // 2-tuples are 56 bytes: 64-byte blocks, class 3 with 16-byte alignment.
    const class3 = report.sizeClasses.find((c) => c.sizeClass === 3)!;
    expect(class3.blockSize).toBe(64);
    expect(class3.blocksInUse).toBeGreaterThan(2 ** 7);
    expect(report.generations).toHaveLength(3);
    expect(report.fragmentation).toBeGreaterThanOrEqual(0);
    expect(report.fragmentation).toBeLessThanOrEqual(1);
  });

  it("is deterministic for a seed and changes with it", () => {
    const strip = (r: RunReport) => ({ ...r, wallMs: 0, opsPerSecond: 0 });
    const a = runJson(["churn", "--scale", "0.02", "--seed", "5"]);
    const b = runJson(["churn", "--scale", "0.02", "--seed", "5"]);
    const c = runJson(["churn", "--scale", "0.02", "--seed", "6"]);
    expect(strip(a)).toEqual(strip(b));
    expect(strip(c)).not.toEqual(strip(a));
  });

  it("--scale sizes the work", () => {
    const small = runJson(["strings", "--scale", "0.01"]);
    const larger = runJson(["strings", "--scale", "0.04"]);
    expect(larger.ops / small.ops).toBeGreaterThan(3);
    expect(larger.ops / small.ops).toBeLessThan(5);
  });

  it("cycles are reclaimed by a collector and leak without one", () => {
    const generational = runJson(["cycles", "--scale", "0.1"]);
    const markSweep = runJson(["cycles", "--scale", "0.1", "--gc", "mark-sweep"]);
    const none = runJson(["cycles", "--scale", "0.1", "--gc", "none"]);
    expect(generational.objectsCollected).toBeGreaterThan(1000);
    expect(generational.generations![0]!.collections).toBeGreaterThan(0);
    expect(markSweep.objectsCollected).toBeGreaterThan(1000);
    expect(markSweep.composition).toBe("cpython311 --gc mark-sweep");
    expect(none.objectsCollected).toBe(0);
    expect(none.liveBlocks).toBeGreaterThan(generational.liveBlocks * 2);
  });

  it("--threshold changes how often generation 0 is collected", () => {
    const often = runJson(["cycles", "--scale", "0.1", "--threshold", "100"]);
    const rarely = runJson(["cycles", "--scale", "0.1", "--threshold", "5000,10,10"]);
    expect(often.generations![0]!.collections).toBeGreaterThan(rarely.generations![0]!.collections * 5);
  });

  it("--allocator raw has no arenas or pools", () => {
    const report = runJson(["json", "--scale", "0.05", "--allocator", "raw"]);
    expect(report.arenas).toBeNull();
    expect(report.sizeClasses).toEqual([]);
    const text = runCli(["run", "json", "--scale", "0.05", "--allocator", "raw", "--map"]).stdout;
    expect(text).toContain("no pools: the object domain is the raw allocator");
    expect(text).toContain(
      "no heap map: cpython311 --allocator raw allocates objects with the raw allocator",
    );
  });

  it("pymalloc geometry options change the arenas and pools", () => {
    const classic = runJson([
      "trees",
      "--scale",
      "0.05",
      "--arena-size",
      "256K",
      "--pool-size",
      "4K",
      "--alignment",
      "8",
    ]);
    const default311 = runJson(["trees", "--scale", "0.05"]);
    // 56-byte tuples: class 6 with 8-byte alignment, class 3 with 16.
    expect(classic.sizeClasses.find((c) => c.blockSize === 56)?.sizeClass).toBe(6);
    expect(classic.sizeClasses.reduce((n, c) => n + c.pools, 0)).toBeGreaterThan(
      default311.sizeClasses.reduce((n, c) => n + c.pools, 0),
    );
    expect(classic.composition).toBe("cpython311 --arena-size 256K --pool-size 4K --alignment 8");
  });

  it("--preset and --free-lists are applied", () => {
    const minimal = runJson(["churn", "--scale", "0.02", "--preset", "minimal"]);
    expect(minimal.arenas).toBeNull();
    expect(minimal.generations).toEqual([{ generation: 0, collections: 0, collected: 0, uncollectable: 0 }]);
    const on = runJson(["churn", "--scale", "0.02"]);
    const off = runJson(["churn", "--scale", "0.02", "--free-lists", "off"]);
    expect(off.ops).toBe(on.ops);
    expect(off.calls.malloc).toBeGreaterThan(on.calls.malloc);
  });

  it("--map draws the heap map with its legend", () => {
    const r = runCli(["run", "trees", "--scale", "0.05", "--map"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/heap map: \d+ arenas?, \d+ pools of 16 KiB, one character per pool/);
    expect(r.stdout).toMatch(/ {2}0x[0-9a-f]{8} \|[a-zA-Z.-]{64}\|/);
    expect(r.stdout).toContain("legend: lower case = used pool");
    const json = runJson(["trees", "--scale", "0.05", "--map"]);
    expect(json.heapMap).toMatch(/^heap map: /);
  });
});

describe("pymem run errors", () => {
  it.each([
    [
      ["run", "fibonacci"],
      'unknown workload "fibonacci": expected one of churn, trees, cycles, json, strings',
    ],
    [["run"], "missing workload: name one of churn, trees, cycles, json, strings, or give --trace FILE"],
    [["run", "program.py"], "can't open file 'program.py': No such file or directory"],
    [
      ["run", "trees", "--trace", "x.jsonl"],
      'give either a workload or --trace, not both (got "trees" and --trace x.jsonl)',
    ],
    [
      ["run", "trees", "--preset", "cpython310"],
      "option '--preset <name>' argument 'cpython310' is invalid. Allowed choices are cpython311, cpython312, cpython313, cpython314, cpython314_5, classic, minimal.",
    ],
    [
      ["run", "trees", "--raw", "buddy"],
      "option '--raw <name>' argument 'buddy' is invalid. Allowed choices are tlsf, first-fit.",
    ],
    [
      ["run", "trees", "--gc", "refcount"],
      "option '--gc <name>' argument 'refcount' is invalid. Allowed choices are generational, mark-sweep, none, incremental.",
    ],
    [
      ["run", "trees", "--free-lists", "maybe"],
      "option '--free-lists <on|off>' argument 'maybe' is invalid. Expected on or off.",
    ],
    [
      ["run", "trees", "--arena-size", "300K"],
      "option '--arena-size <bytes>' argument '300K' is invalid. Expected a power of two from 4K to 512M.",
    ],
    [
      ["run", "trees", "--pool-size", "-4K"],
      "option '--pool-size <bytes>' argument '-4K' is invalid. Expected a byte size such as 4096, 16K or 1M.",
    ],
    [
      ["run", "trees", "--alignment", "4"],
      "option '--alignment <bytes>' argument '4' is invalid. Expected a power of two from 8 to 512.",
    ],
    [
      ["run", "trees", "--threshold", "700,x"],
      "option '--threshold <a,b,c>' argument '700,x' is invalid. Expected 1 to 3 comma-separated integers from -2147483648 to 2147483647, e.g. 700,10,10.",
    ],
    [
      ["run", "trees", "--seed", "-1"],
      "option '--seed <n>' argument '-1' is invalid. Expected an integer from 0 to 4294967295.",
    ],
    [
      ["run", "trees", "--scale", "NaN"],
      "option '--scale <x>' argument 'NaN' is invalid. Expected a number > 0 and <= 1000.",
    ],
    [
      ["run", "trees", "--scale", "0"],
      "option '--scale <x>' argument '0' is invalid. Expected a number > 0 and <= 1000.",
    ],
    [
      ["run", "trees", "--pool-size", "1M", "--arena-size", "256K"],
      "invalid configuration arenaSize = 262144: expected at least the pool size (1048576), a whole number of pools",
    ],
    [
      ["run", "trees", "--allocator", "raw", "--pool-size", "4K"],
      "--arena-size, --pool-size and --alignment configure pymalloc, but this composition's object allocator is raw (add --allocator pymalloc)",
    ],
    [
      ["run", "trees", "--gc", "none", "--threshold", "100"],
      "--threshold sets the cycle collector's thresholds, but this composition has --gc none",
    ],
    [
      ["run", "trees", "--gc", "mark-sweep", "--threshold", "100,5,5"],
      "--gc mark-sweep has one threshold, but --threshold 100,5,5 gives 3",
    ],
    [
      ["stats", "trees", "--arena-size", "1G"],
      "option '--arena-size <bytes>' argument '1G' is invalid. Expected a power of two from 4K to 512M.",
    ],
    [
      ["run", "trees", "--pool-size", "2M"],
      "invalid configuration arenaSize = 1048576: expected at least the pool size (2097152), a whole number of pools",
    ],
    [
      ["run", "trees", "--alignment", "3"],
      "option '--alignment <bytes>' argument '3' is invalid. Expected a power of two from 8 to 512.",
    ],
    [
      ["run", "trees", "--threshold", "1,2,3,4"],
      "option '--threshold <a,b,c>' argument '1,2,3,4' is invalid. Expected 1 to 3 comma-separated integers from -2147483648 to 2147483647, e.g. 700,10,10.",
    ],
    [
      ["run", "trees", "--threshold", "1,,2"],
      "option '--threshold <a,b,c>' argument '1,,2' is invalid. Expected 1 to 3 comma-separated integers from -2147483648 to 2147483647, e.g. 700,10,10.",
    ],
    [
      ["run", "trees", "--seed", "abc"],
      "option '--seed <n>' argument 'abc' is invalid. Expected an integer from 0 to 4294967295.",
    ],
    [
      ["run", "trees", "--seed", "4294967296"],
      "option '--seed <n>' argument '4294967296' is invalid. Expected an integer from 0 to 4294967295.",
    ],
    [
      ["run", "trees", "--seed", "1e3"],
      "option '--seed <n>' argument '1e3' is invalid. Expected an integer from 0 to 4294967295.",
    ],
    [
      ["run", "trees", "--scale", "Infinity"],
      "option '--scale <x>' argument 'Infinity' is invalid. Expected a number > 0 and <= 1000.",
    ],
    [
      ["run", "trees", "--arena-size", "99999999999999999999G"],
      "option '--arena-size <bytes>' argument '99999999999999999999G' is invalid. Expected a byte size below 2^53.",
    ],
  ])("%j -> exit 2, one line", (args, message) => {
    const r = runCli(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(oneErrorLine(r)).toBe(`pymem: error: ${message}`);
  });
});
