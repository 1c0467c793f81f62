// The program as a whole: help, version, unknown commands and options, exit codes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appDir, oneErrorLine, runCli } from "./run-cli";

const version = (JSON.parse(readFileSync(join(appDir, "package.json"), "utf8")) as { version: string })
  .version;

describe("pymem", () => {
  it("--help lists every command on stdout and exits 0", () => {
    const r = runCli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    for (const command of [
      "tour",
      "run [options] [workload]",
      "compare [options] [workload]",
      "stats [options] [workload]",
      "workloads",
    ]) {
      expect(r.stdout).toContain(command);
    }
  });

  it("--version prints the package version", () => {
    const r = runCli(["--version"]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it.each([
    "tour",
    "run",
    "compare",
    "stats",
    "workloads",
  ])("%s --help describes the command and exits 0", (command) => {
    const r = runCli([command, "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: pymem ${command}`));
    expect(r.stdout).toContain("-h, --help");
  });

  it("help <command> is the same as <command> --help", () => {
    expect(runCli(["help", "run"]).stdout).toBe(runCli(["run", "--help"]).stdout);
  });

  it("run --help documents every option the command accepts", () => {
    const help = runCli(["run", "--help"]).stdout;
    for (const option of [
      "--preset <name>",
      "--raw <name>",
      "--allocator <name>",
      "--free-lists <on|off>",
      "--gc <name>",
      "--arena-size <bytes>",
      "--pool-size <bytes>",
      "--alignment <bytes>",
      "--threshold <a,b,c>",
      "--trace <file>",
      "--seed <n>",
      "--scale <x>",
      "--map",
      "--json",
    ]) {
      expect(help).toContain(option);
    }
    for (const workload of ["churn", "trees", "cycles", "json", "strings"]) expect(help).toContain(workload);
  });

  it("without a command prints one error line pointing at the tour and --help, exit 2", () => {
    const r = runCli([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(oneErrorLine(r)).toBe(
      "pymem: error: no command given (start with: pymem tour; all commands: pymem --help)",
    );
  });

  it("an unknown command is one error line with a suggestion, exit 2", () => {
    const r = runCli(["rnu", "trees"]);
    expect(r.status).toBe(2);
    expect(oneErrorLine(r)).toBe("pymem: error: unknown command 'rnu' (Did you mean run?)");
  });

  it("help for an unknown command is the same one error line, exit 2", () => {
    const r = runCli(["help", "rnu"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(oneErrorLine(r)).toBe("pymem: error: unknown command 'rnu' (Did you mean run?)");
    expect(oneErrorLine(runCli(["help", "zzz"]))).toBe("pymem: error: unknown command 'zzz'");
  });

  it("help without a command is the program's help on stdout, exit 0", () => {
    const r = runCli(["help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(runCli(["--help"]).stdout);
  });

  it("an unknown option is one error line, exit 2", () => {
    const r = runCli(["run", "trees", "--sede", "3"]);
    expect(r.status).toBe(2);
    expect(oneErrorLine(r)).toMatch(/^pymem: error: unknown option '--sede' \(Did you mean --seed\?\)$/);
  });

  it("a missing option value is one error line, exit 2", () => {
    const r = runCli(["run", "trees", "--seed"]);
    expect(r.status).toBe(2);
    expect(oneErrorLine(r)).toBe("pymem: error: option '--seed <n>' argument missing");
  });

  it("too many arguments is one error line, exit 2", () => {
    const r = runCli(["run", "trees", "json"]);
    expect(r.status).toBe(2);
    expect(oneErrorLine(r)).toMatch(/too many arguments for 'run'/);
  });

  it("workloads lists every workload with its model", () => {
    const r = runCli(["workloads"]);
    expect(r.status).toBe(0);
    for (const text of ["churn", "trees", "cycles", "json", "strings", "binary-trees"])
      expect(r.stdout).toContain(text);
  });
});
