// A fuzz test of the command line, in process: random options (good and bad values, huge
// numbers, junk) and trace files (valid events, deep nesting, binary junk, huge numbers). Every
// run must exit 0; or 1 on a genuine MemoryError; or 2 with exactly one error line — never a
// stack trace, never "internal error", never an exception out of main().
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { main } from "../src/main";

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const dir = mkdtempSync(join(tmpdir(), "pymem-cli-fuzz-"));
let traceCount = 0;

function invoke(args: string[]): { code: number; stdout: string; stderr: string } {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = main(args, { stdout: stdout as never, stderr: stderr as never, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Checks the outcome rule; returns a description of what broke it, or null. */
function broken(r: { code: number; stderr: string }): string | null {
  const lines = r.stderr.split("\n").filter((l) => l.length > 0);
  if (r.code === 0) return lines.length === 0 ? null : `exit 0 with stderr: ${r.stderr}`;
  if (r.code !== 1 && r.code !== 2) return `exit ${r.code}`;
  if (lines.length !== 1) return `exit ${r.code} with ${lines.length} lines:\n${r.stderr}`;
  const line = lines[0]!;
  if (!line.startsWith("pymem: error: ")) return `not an error line: ${line}`;
  if (line.includes("internal error")) return line;
  if (/\bat .*:\d+:\d+/.test(line)) return `stack trace: ${line}`;
  if (r.code === 1 && !/cannot allocate|MemoryError|memory/i.test(line))
    return `exit 1 without a MemoryError: ${line}`;
  return null;
}

const junkNumber = fc.constantFrom(
  "0",
  "-1",
  "1e400",
  "-1e400",
  "NaN",
  "Infinity",
  "0x10",
  "1.5",
  "4294967296",
  "18446744073709551617",
  "",
  " ",
  "9".repeat(400),
  "1K",
  "3M",
  "7G",
  "\u0000",
);

/** Option flags with values: plausible small ones and junk. */
const option = fc.oneof(
  fc.tuple(fc.constant("--scale"), fc.oneof(fc.constantFrom("0.01", "0.02", ".01"), junkNumber)),
  fc.tuple(fc.constant("--seed"), fc.oneof(fc.constantFrom("1", "2", "12345"), junkNumber)),
  fc.tuple(
    fc.constant("--threshold"),
    fc.oneof(fc.constantFrom("700,10,10", "1", "-1", "0,0,0", "1,2,3,4"), junkNumber),
  ),
  fc.tuple(fc.constant("--arena-size"), fc.oneof(fc.constantFrom("256K", "1M", "4K"), junkNumber)),
  fc.tuple(fc.constant("--pool-size"), fc.oneof(fc.constantFrom("4K", "16K", "1M"), junkNumber)),
  fc.tuple(fc.constant("--alignment"), fc.oneof(fc.constantFrom("8", "16", "3"), junkNumber)),
  fc.tuple(fc.constant("--gc"), fc.constantFrom("generational", "mark-sweep", "none", "bogus")),
  fc.tuple(fc.constant("--raw"), fc.constantFrom("tlsf", "first-fit", "bogus")),
  fc.tuple(fc.constant("--allocator"), fc.constantFrom("pymalloc", "raw", "bogus")),
  fc.tuple(fc.constant("--free-lists"), fc.constantFrom("on", "off", "maybe")),
  fc.tuple(fc.constant("--preset"), fc.constantFrom("cpython311", "classic", "minimal", "bogus")),
  fc.tuple(fc.constantFrom("--json", "--map", "--bogus", "-x"), fc.constant(null)),
);

const traceLine = fc.oneof(
  fc
    .tuple(fc.constantFrom("alloc", "free", "realloc"), fc.nat({ max: 5 }), fc.nat({ max: 4096 }))
    .map(([op, id, size]) => JSON.stringify({ op, id, size })),
  fc.constantFrom(
    `{"op":"alloc","id":1,"size":1e400}`,
    `{"op":"alloc","id":1e400,"size":8}`,
    `{"op":"alloc","id":-1,"size":8}`,
    `{"op":"alloc","id":1,"size":4294967295}`,
    `{"op":"alloc","id":2,"size":4000000000}`,
    `{"op":"realloc","id":1,"size":3000000000}`,
    `{"op":"alloc","id":18446744073709551617,"size":8}`,
    `{"op":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
    `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
    `${"{".repeat(50_000)}`,
    `{"op":"alloc","id":1,"size":8,"extra":${"[".repeat(20_000)}${"]".repeat(20_000)}}`,
    "null",
    "",
    "   ",
    `"just a string"`,
  ),
  fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
);

const traceFile = fc.array(traceLine, { minLength: 0, maxLength: 8 }).map((lines) => {
  const path = join(dir, `trace-${traceCount++}.jsonl`);
  writeFileSync(path, lines.join("\n"), "latin1");
  return path;
});

const invocation = fc.oneof(
  // A workload, small enough to run quickly when every option is valid.
  fc
    .tuple(
      fc.constantFrom("run", "stats"),
      fc.constantFrom("churn", "trees", "cycles", "json", "strings", "bogus"),
      fc.array(option, { maxLength: 4 }),
    )
    .map(([command, workload, options]) => [
      command,
      workload,
      "--scale",
      "0.01",
      ...options.flatMap(([flag, value]) => (value === null ? [flag] : [flag, value])),
    ]),
  // A trace, with options.
  fc
    .tuple(fc.constantFrom("run", "stats"), traceFile, fc.array(option, { maxLength: 3 }))
    .map(([command, path, options]) => [
      command,
      "--trace",
      path,
      ...options.flatMap(([flag, value]) => (value === null ? [flag] : [flag, value])),
    ]),
  // compare with junk compositions.
  fc
    .array(fc.array(option, { maxLength: 2 }), { minLength: 0, maxLength: 3 })
    .map((withs) => [
      "compare",
      "churn",
      "--scale",
      "0.01",
      ...withs.flatMap((w) => ["--with", w.flatMap(([f, v]) => (v === null ? [f] : [f, v])).join(" ")]),
    ]),
  // Anything at all.
  fc.array(fc.oneof(junkNumber, fc.string({ maxLength: 12 })), { maxLength: 4 }),
);

describe("the command line under fuzzing", () => {
  it("exits 0, 1 on a genuine MemoryError, or 2 with one error line — never a crash", () => {
    fc.assert(
      fc.property(invocation, (args) => {
        let result: { code: number; stdout: string; stderr: string };
        try {
          result = invoke(args);
        } catch (error) {
          throw new Error(`main() threw for ${JSON.stringify(args)}: ${(error as Error).stack}`);
        }
        const problem = broken(result);
        if (problem !== null) throw new Error(`${JSON.stringify(args).slice(0, 300)}: ${problem}`);
      }),
      { numRuns: 150, seed: 7 },
    );
  }, 600_000);

  it("turns the known troublemakers into one line each", () => {
    const deep = join(dir, "deep.jsonl");
    writeFileSync(deep, `${"[".repeat(100_000)}${"]".repeat(100_000)}\n`);
    const r = invoke(["run", "--trace", deep]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^pymem: error: .*deep\.jsonl:1: expected a JSON object .*, got a deeply nested array\n$/,
    );
    const huge = join(dir, "huge.jsonl");
    writeFileSync(huge, '{"op":"alloc","id":1,"size":1e400}\n');
    expect(invoke(["run", "--trace", huge]).stderr).toMatch(
      /must be an integer from 0 to 4294967295, got 1e400\n$/,
    );
    const junk = join(dir, "junk.jsonl");
    writeFileSync(junk, Buffer.from([0x7b, 0x0d, 0x00, 0x1b, 0xff, 0x0a, 0x41]));
    const j = invoke(["run", "--trace", junk]);
    expect(j.code).toBe(2);
    expect(j.stderr.split("\n").filter((l) => l !== "")).toHaveLength(1);
    expect(invoke([]).stderr).toBe(
      "pymem: error: no command given (start with: pymem tour; all commands: pymem --help)\n",
    );
  });
});
