// The corpus: every <area>_<name>.py with its recorded stdout (<name>.out) and, when it exits
// non-zero or writes to stderr, <name>.json. The recordings are CPython 3.11's; this test checks
// they are complete and well-formed, and re-runs every program under CPython 3.11 when one is on
// the PATH to check that the recordings still match it byte for byte.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findCpython311 } from "./cpython";

const corpusDir = dirname(fileURLToPath(import.meta.url));
const programs = readdirSync(corpusDir)
  .filter((f) => f.endsWith(".py"))
  .sort();
const AREAS = [
  "syntax",
  "expr",
  "stmt",
  "func",
  "class",
  "gen",
  "exc",
  "builtin",
  "str",
  "list",
  "dict",
  "set",
  "int",
  "float",
  "fstring",
  "module",
  "mem",
];

interface FailureRecord {
  exitCode: number;
  stderrLastLine: string;
}

function read(name: string, ext: string): string | undefined {
  const path = join(corpusDir, name.replace(/\.py$/, ext));
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

function failureRecord(name: string): FailureRecord | undefined {
  const text = read(name, ".json");
  return text === undefined ? undefined : (JSON.parse(text) as FailureRecord);
}

describe("corpus recordings", () => {
  it("has at least 150 programs, named <area>_<name>.py for a known area", () => {
    expect(programs.length).toBeGreaterThanOrEqual(150);
    for (const f of programs) {
      expect(f).toMatch(/^[a-z]+_[a-z0-9_]+\.py$/);
      expect(AREAS).toContain(f.slice(0, f.indexOf("_")));
    }
  });

  it("covers every area, with the memory behaviours most", () => {
    const perArea = new Map(AREAS.map((a) => [a, programs.filter((f) => f.startsWith(`${a}_`)).length]));
    for (const area of AREAS) expect(perArea.get(area), area).toBeGreaterThanOrEqual(2);
    expect(perArea.get("mem")).toBeGreaterThanOrEqual(50);
  });

  it("has a recorded stdout for every program and no recording without a program", () => {
    for (const f of programs) expect(read(f, ".out"), f).toBeTypeOf("string");
    const recordings = readdirSync(corpusDir).filter((f) => f.endsWith(".out") || f.endsWith(".json"));
    for (const r of recordings) expect(programs, r).toContain(r.replace(/\.(out|json)$/, ".py"));
  });

  it("records failures as { exitCode, stderrLastLine }", () => {
    for (const f of programs) {
      const record = failureRecord(f);
      if (record === undefined) continue;
      expect(Object.keys(record).sort(), f).toEqual(["exitCode", "stderrLastLine"]);
      expect(Number.isInteger(record.exitCode), f).toBe(true);
      expect(typeof record.stderrLastLine, f).toBe("string");
      expect(record.stderrLastLine, f).not.toContain("\n");
    }
  });

  it("pins the design notes' refcount example and the programs that fail on purpose", () => {
    expect(read("mem_seed_refcount.py", ".out")).toBe("2\n3\n4\n3\n2\n");
    expect(read("mem_seed_gc_tuning.py", ".out")).toContain("Garbage collection thresholds: (700, 10, 10)\n");
    expect(failureRecord("exc_uncaught_name.py")).toEqual({
      exitCode: 1,
      stderrLastLine: "NameError: name 'undefined_name' is not defined",
    });
    expect(failureRecord("exc_zero_division_nested.py")).toEqual({
      exitCode: 1,
      stderrLastLine: "ZeroDivisionError: division by zero",
    });
    expect(failureRecord("exc_sys_exit.py")).toEqual({ exitCode: 3, stderrLastLine: "" });
    expect(failureRecord("exc_recursion.py")).toEqual({
      exitCode: 1,
      stderrLastLine: "RecursionError: maximum recursion depth exceeded",
    });
  });

  it("records no addresses (programs never print id() or default reprs)", () => {
    for (const f of programs) expect(read(f, ".out"), f).not.toMatch(/ at 0x[0-9a-f]+/);
  });
});

const python = findCpython311();

describe.runIf(python !== undefined)("corpus recordings match CPython 3.11", () => {
  it.each(programs)("%s", (f) => {
    const result = spawnSync(python!, [f], {
      cwd: corpusDir,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", PYTHONIOENCODING: "utf-8" },
    });
    expect(result.error).toBeUndefined();
    expect(result.stdout).toBe(read(f, ".out"));
    const exitCode = result.status ?? 1;
    const lines = result.stderr.split("\n").filter((l) => l !== "");
    const actual =
      exitCode === 0 && result.stderr === ""
        ? undefined
        : { exitCode, stderrLastLine: lines.length > 0 ? lines[lines.length - 1] : "" };
    expect(actual).toEqual(failureRecord(f));
  });
});
