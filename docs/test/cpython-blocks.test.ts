// The ```python blocks of the guides show CPython's side of a comparison (the CPython column
// of the fidelity table): each is run with CPython 3.11 when one is installed, and its
// `# →` lines must appear on stdout in order, as for the TypeScript blocks.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { extractPythonBlocks, missingOutput } from "./support/code-blocks";
import { markdownFiles, ROOT_DIR, SCRATCH_DIR } from "./support/doc-files";

const blocks = markdownFiles().flatMap((path) =>
  extractPythonBlocks(readFileSync(path, "utf8"), relative(ROOT_DIR, path)),
);

/** The first of python3.11, python3, python that is CPython 3.11, or undefined. */
function findCPython311(): string | undefined {
  for (const exe of ["python3.11", "python3", "python"]) {
    try {
      const out = execFileSync(
        exe,
        ["-c", "import sys, platform; print(platform.python_implementation(), *sys.version_info[:2])"],
        { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 },
      );
      if (out.trim() === "CPython 3 11") return exe;
    } catch {
      // not installed: try the next name
    }
  }
  return undefined;
}

const python = findCPython311();

describe("CPython blocks", () => {
  it("include the fidelity guide's CPython column", () => {
    expect(blocks.map((b) => b.file)).toContain("docs/cpython-fidelity.md");
  });

  describe.skipIf(python === undefined).each(blocks.map((b) => [`${b.file}:${b.line}`, b] as const))(
    "%s under CPython 3.11",
    (_where, block) => {
      it("runs and prints what its comments say", () => {
        const dir = join(SCRATCH_DIR, "python");
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `${block.file.replace(/[^\w]+/g, "-")}-${block.line}.py`);
        writeFileSync(file, block.code);
        let stdout: string;
        try {
          stdout = execFileSync(python!, ["-X", "utf8", file], {
            encoding: "utf8",
            timeout: 60_000,
            env: { ...process.env, PYTHONHASHSEED: "0" },
          });
        } catch (error) {
          const e = error as { status?: number; stderr?: string; stdout?: string };
          throw new Error(
            `${block.file}:${block.line} exited with ${e.status}\n${e.stderr ?? ""}\n${e.stdout ?? ""}`,
          );
        }
        expect(missingOutput(block.expected, stdout), `${block.file}:${block.line}`).toBeUndefined();
      });
    },
  );
});
