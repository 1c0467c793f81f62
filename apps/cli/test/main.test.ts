// main(): how every kind of failure becomes one line and an exit code, in process.

import { Writable } from "node:stream";
import { ConfigurationError, DoubleFreeError, MemoryError, SizeError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { EXIT_FAILURE, EXIT_USAGE, errorLine, RunError, UsageError } from "../src/cli-error";
import { classifyError, main } from "../src/main";

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

function invoke(args: string[]) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = main(args, { stdout: stdout as never, stderr: stderr as never, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe("classifyError", () => {
  it.each([
    [new UsageError("bad"), EXIT_USAGE, "bad"],
    [new RunError("failed"), EXIT_FAILURE, "failed"],
    [
      new ConfigurationError("poolSize", "a power of two", 3),
      EXIT_USAGE,
      "invalid configuration poolSize = 3: expected a power of two",
    ],
    [new SizeError(-1, "size", "an integer"), EXIT_USAGE, "invalid size -1: expected an integer"],
    [new MemoryError(64), EXIT_FAILURE, "cannot allocate 64 bytes: the heap has no room for it"],
    [new DoubleFreeError(16), EXIT_FAILURE, "double free of 0x00000010: the block is already free"],
    [new TypeError("x is undefined"), EXIT_FAILURE, "internal error: TypeError: x is undefined"],
    ["a string", EXIT_FAILURE, "internal error: a string"],
  ])("%s -> exit %i", (error, exitCode, message) => {
    expect(classifyError(error)).toEqual({ exitCode, message });
  });
});

describe("errorLine", () => {
  it("prefixes, strips commander's 'error:' and folds newlines", () => {
    expect(errorLine("error: unknown option '--x'\n(Did you mean --y?)\n")).toBe(
      "pymem: error: unknown option '--x' (Did you mean --y?)\n",
    );
  });
});

describe("main", () => {
  it("returns 0 and writes results to stdout", () => {
    const r = invoke(["workloads"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("binary-trees");
    expect(r.stderr).toBe("");
  });

  it("returns 2 with one error line for usage errors", () => {
    const r = invoke(["run", "nope"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      'pymem: error: unknown workload "nope": expected one of churn, trees, cycles, json, strings\n',
    );
    expect(invoke(["frobnicate"]).stderr).toBe("pymem: error: unknown command 'frobnicate'\n");
  });
});
