// `--trace FILE`: replay through the built CLI, the report, and every malformed-trace error.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunReport } from "../src/run-report";
import { oneErrorLine, runCli } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "pymem-cli-trace-"));
function traceFile(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

const sample = [
  '{"op":"alloc","id":1,"size":32}',
  '{"op":"alloc","id":2,"size":24}',
  '{"op":"realloc","id":1,"size":64}',
  '{"op":"alloc","id":3,"size":4000}',
  '{"op":"free","id":2}',
];

describe("pymem run --trace", () => {
  it("replays the events and reports them", () => {
    const path = traceFile("sample.jsonl", sample);
    const r = runCli(["run", "--trace", path, "--json"]);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as RunReport;
    expect(report.workload).toBe(`trace:${path}`);
    expect(report.ops).toBe(5);
    expect(report.seed).toBeNull();
    expect(report.generations).toBeNull();
    expect(report.liveBlocks).toBe(2);
    expect(report.calls).toEqual({ malloc: 3, calloc: 0, realloc: 1, free: 1 });
    expect(report.arenas).toEqual({ allocated: 1, reclaimed: 0, highwater: 1, current: 1 });
    // (16384 - 48) / 64 = 255 blocks per 16 KiB pool: one in use.
    expect(report.sizeClasses).toEqual([
      { sizeClass: 3, blockSize: 64, pools: 1, blocksInUse: 1, blocksAvailable: 254 },
    ]);
  });

  it("prints tables naming the trace, without collector figures", () => {
    const path = traceFile("tables.jsonl", sample);
    const r = runCli(["run", "--trace", path]);
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`trace:${path} on cpython311`);
    expect(r.stdout).toContain("trace events");
    expect(r.stdout).not.toContain("collections per generation");
  });

  it("reads the trace from stdin with -", () => {
    const r = runCli(["run", "--trace", "-", "--json", "--allocator", "raw", "--raw", "first-fit"], {
      input: sample.join("\n"),
    });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as RunReport;
    expect(report.workload).toBe("trace:<stdin>");
    expect(report.arenas).toBeNull();
    expect(report.composition).toBe("cpython311 --raw first-fit --allocator raw");
  });

  it("is replayed the same way on every composition of compare", () => {
    const path = traceFile("compare.jsonl", sample);
    const r = runCli([
      "compare",
      "--trace",
      path,
      "--with",
      "--preset classic",
      "--with",
      "--allocator raw",
      "--json",
    ]);
    expect(r.status).toBe(0);
    const { reports } = JSON.parse(r.stdout) as { reports: RunReport[] };
    expect(reports.map((x) => x.liveBlocks)).toEqual([2, 2]);
    expect(reports[0]!.sizeClasses[0]!.blockSize).toBe(64);
  });

  it("stats prints sys._debugmallocstats() after the replay", () => {
    const path = traceFile("stats.jsonl", sample);
    const r = runCli(["stats", "--trace", path]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Small block threshold = 512, in 32 size classes\.\n/);
    expect(r.stdout).toContain("# arenas allocated total           =                    1\n");
    const raw = runCli(["stats", "--trace", path, "--allocator", "raw"]);
    expect(raw.stdout).toMatch(
      /^Object allocator "tlsf": 2 blocks in use, \d+ bytes in use, \d+ bytes reserved\n$/,
    );
  });

  it.each([
    [["{not json"], /bad\.jsonl:1: not valid JSON \(/],
    [
      ['{"op":"alloc","id":1,"size":8}', '{"op":"resize","id":1,"size":9}'],
      /bad\.jsonl:2: "op" must be "alloc", "free" or "realloc", got "resize"$/,
    ],
    [['{"op":"free","id":4}'], /bad\.jsonl:1: free of id 4, which is not live \(never allocated\)$/],
    [
      ['{"op":"alloc","id":1,"size":8}', "", '{"op":"alloc","id":1,"size":8}'],
      /bad\.jsonl:3: alloc of id 1, which is already live \(allocated on line 1\)$/,
    ],
    [
      ['{"op":"alloc","id":1,"size":-8}'],
      /bad\.jsonl:1: "size" of alloc must be an integer from 0 to 4294967295, got -8$/,
    ],
  ])("a malformed trace %j is one file:line error, exit 2, before anything runs", (lines, pattern) => {
    const path = traceFile("bad.jsonl", lines);
    const r = runCli(["run", "--trace", path]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(oneErrorLine(r)).toMatch(pattern);
  });

  it("a missing trace file is one error line, exit 2", () => {
    const r = runCli(["run", "--trace", join(dir, "nope.jsonl")]);
    expect(r.status).toBe(2);
    expect(oneErrorLine(r)).toMatch(/cannot read trace .*nope\.jsonl: no such file$/);
  });

  it.each([
    ["an empty file", (): string => traceFile("empty.jsonl", []), /empty\.jsonl: the trace has no events \(/],
    [
      "a file of blank lines",
      (): string => traceFile("blank.jsonl", ["", "  ", "\t"]),
      /blank\.jsonl: the trace has no events \(/,
    ],
    ["a directory", (): string => dir, /cannot read trace .*: it is a directory$/],
    [
      "an empty file name",
      (): string => "",
      /^pymem: error: --trace needs a file name \(or - for standard input\)$/,
    ],
  ])("%s as the trace is one error line, exit 2", (_what, path, pattern) => {
    for (const command of ["run", "stats"]) {
      const r = runCli([command, "--trace", path()]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(oneErrorLine(r)).toMatch(pattern);
    }
  });

  it("an empty standard input is one error line, exit 2", () => {
    const r = runCli(["run", "--trace", "-"], { input: "" });
    expect(r.status).toBe(2);
    expect(oneErrorLine(r)).toMatch(/^pymem: error: <stdin>: the trace has no events/);
  });

  it("exhausting the heap names the event's line, exit 1", () => {
    const path = traceFile("huge.jsonl", [
      '{"op":"alloc","id":1,"size":16}',
      '{"op":"alloc","id":2,"size":4000000000}',
    ]);
    const r = runCli(["run", "--trace", path]);
    expect(r.status).toBe(1);
    expect(oneErrorLine(r)).toMatch(/huge\.jsonl:2: alloc of 4000000000 bytes failed: .*cannot allocate/);
  });
});
