// The README's promises about the command line, checked against the built CLI: the trace
// format it documents is the one the parser reads, and every error it shows is the one printed.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunReport } from "../src/run-report";
import { OP_NAMES } from "../src/trace";
import { appDir, runCli } from "./run-cli";

const readme = readFileSync(join(appDir, "README.md"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "pymem-cli-readme-"));

/** The bodies of the README's fenced blocks whose info string is `lang`. */
function blocks(lang: string): string[] {
  const found: string[] = [];
  const fence = /^```([\w-]*)\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(readme); m !== null; m = fence.exec(readme)) if (m[1] === lang) found.push(m[2]!);
  return found;
}

/** `$ pymem ...` lines followed by the `pymem: error: ...` line the README says they print. */
function documentedErrors(): { args: string[]; line: string }[] {
  const examples: { args: string[]; line: string }[] = [];
  for (const block of blocks("text")) {
    const lines = block.split("\n");
    lines.forEach((line, i) => {
      const next = lines[i + 1] ?? "";
      if (line.startsWith("$ pymem ") && next.startsWith("pymem: error: ")) {
        examples.push({ args: line.slice("$ pymem ".length).split(/\s+/), line: next });
      }
    });
  }
  return examples;
}

describe("the CLI README", () => {
  it("documents a trace the parser reads and replays as described", () => {
    const [sample] = blocks("jsonl");
    expect(sample).toBeDefined();
    const events = sample!.split("\n").filter((l) => l.trim().length > 0);
    const path = join(dir, "sample.jsonl");
    writeFileSync(path, sample!);
    const r = runCli(["run", "--trace", path, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as RunReport;
    expect(report.ops).toBe(events.length);
    // alloc 1, alloc 2, realloc 1, free 2: id 1 is still live, in a 64-byte block.
    expect(report.liveBlocks).toBe(1);
    expect(report.liveBytes).toBe(64);
  });

  it("lists exactly the ops the parser accepts", () => {
    const table = readme.slice(readme.indexOf("| op | fields | replayed as |"));
    const ops = [...table.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    expect(ops.slice(0, OP_NAMES.length).sort()).toEqual([...OP_NAMES].sort());
  });

  it("shows errors the CLI prints word for word, with exit code 2", () => {
    const examples = documentedErrors();
    expect(examples.length).toBeGreaterThanOrEqual(3);
    // The trace error example: id 2 is freed on line 2 without ever being allocated.
    writeFileSync(join(dir, "bad.jsonl"), '{"op":"alloc","id":1,"size":32}\n{"op":"free","id":2}\n');
    for (const { args, line } of examples) {
      const r = runCli(args, { cwd: dir });
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 2, stderr: `${line}\n` });
    }
  });
});
