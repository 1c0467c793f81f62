// Every ```ts block of the guides and READMEs is type-checked and, unless tagged `norun`,
// run with Node as a user would run it; its `// →` lines must appear on stdout in order, and it
// must end holding no owned handle (checked by a preloaded module, support/handle-leak-check.ts).
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { blockPath, type CodeBlock, missingOutput, readBlocks, uncheckedFences } from "./support/code-blocks";
import { DOCS_DIR, markdownFiles, ROOT_DIR, SCRATCH_DIR } from "./support/doc-files";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const DIR = join(SCRATCH_DIR, "blocks");
const blocks: CodeBlock[] = markdownFiles().flatMap((path) => readBlocks(path, ROOT_DIR));
const fileOf = (block: CodeBlock): string => join(DIR, blockPath(block));
// Preloaded into every run: a block that ends holding owned handles fails (exit 3).
const LEAK_CHECK = pathToFileURL(join(DOCS_DIR, "test", "support", "handle-leak-check.ts")).href;

beforeAll(() => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  // Below node_modules Node looks no further up for a package.json: say the blocks are ESM.
  writeFileSync(join(SCRATCH_DIR, "package.json"), '{ "type": "module" }\n');
  for (const block of blocks) {
    // `export {}` makes every block a module, so top-level names never collide.
    mkdirSync(dirname(fileOf(block)), { recursive: true });
    writeFileSync(fileOf(block), `${block.code}\nexport {};\n`);
  }
  writeFileSync(
    join(DIR, "tsconfig.json"),
    JSON.stringify({
      extends: relative(DIR, join(ROOT_DIR, "tsconfig.base.json")),
      compilerOptions: {
        noUnusedLocals: false,
        types: ["node"],
        typeRoots: [join(DOCS_DIR, "node_modules/@types")],
      },
      include: ["**/*.ts"],
    }),
  );
});

describe("documentation code blocks", () => {
  it("finds the guides' and every README's blocks", () => {
    const files = new Set(blocks.map((b) => b.file));
    for (const guide of [
      "getting-started",
      "architecture",
      "compose-a-runtime",
      "write-your-own-strategy",
      "cpython-fidelity",
    ]) {
      expect(files).toContain(`docs/${guide}.md`);
    }
    expect(files).toContain("packages/runtime/README.md");
    expect(blocks.filter((b) => b.mode === "run").length).toBeGreaterThanOrEqual(10);
  });

  it("lets no code escape: every fence is TypeScript, Python, or a command, diagram or output", () => {
    // Guides and READMEs alike label every fence.
    const bad = markdownFiles().flatMap((path) => {
      const file = relative(ROOT_DIR, path);
      return uncheckedFences(readFileSync(path, "utf8"), file);
    });
    expect(bad).toEqual([]);
  });

  it("imports sibling modules with the extension nodenext resolution requires", () => {
    const bare = blocks.flatMap((b) =>
      [...b.code.matchAll(/from "(\.{1,2}\/[^"]+)"/g)]
        .map((m) => m[1]!)
        .filter((spec) => !/\.(js|mjs|cjs|json)$/.test(spec))
        .map((spec) => `${b.file}:${b.line}: ${spec}`),
    );
    expect(bare).toEqual([]);
  });

  it("type-checks every block", async () => {
    const tsc = require.resolve("typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", join(DIR, "tsconfig.json")], {
      cwd: DIR,
      timeout: 120_000,
      maxBuffer: 16 << 20,
    }).then(
      () => "",
      (error: { stdout?: string; message: string }) => error.stdout || error.message,
    );
    // Name the Markdown file and line of each error rather than the scratch file.
    const located = result.replace(/^([\w./-]+\.ts)\((\d+),(\d+)\)/gm, (all, path: string, line: string) => {
      const block = blocks.find((b) => blockPath(b) === path);
      return block === undefined ? all : `${block.file}:${block.line + Number(line)}`;
    });
    expect(located).toBe("");
  });

  describe.concurrent.each(
    blocks.filter((b) => b.mode === "run").map((b) => [`${b.file}:${b.line}`, b] as const),
  )("%s", (_where, block) => {
    it("runs to completion and prints what its comments say", async () => {
      let stdout = "";
      try {
        ({ stdout } = await run(
          process.execPath,
          ["--conditions=@pymem/source", "--import", "tsx", "--import", LEAK_CHECK, fileOf(block)],
          { cwd: DOCS_DIR, timeout: 60_000, maxBuffer: 16 << 20, env: { ...process.env, NO_COLOR: "1" } },
        ));
      } catch (error) {
        const e = error as { code?: number; signal?: string; stderr?: string; stdout?: string };
        throw new Error(
          `${block.file}:${block.line} exited with ${e.code ?? e.signal}\n${e.stderr ?? ""}\n${e.stdout ?? ""}`,
        );
      }
      const missing = missingOutput(block.expected, stdout);
      expect(missing, `${block.file}:${block.line}`).toBeUndefined();
    });
  });
});
