/**
 * Finds the TypeScript code blocks of the Markdown documentation and what each one promises
 * to print.
 *
 * Conventions (described in docs/README.md):
 *
 * ```
 *  ```ts            run: type-checked, executed, exit code 0, `// → text` lines checked
 *  ```ts norun      type-checked only (fragments that need a context to run)
 *  ```sh, ```text   not code: skipped
 *
 *  console.log(rt.gc.get_threshold()); // → [ 700, 10, 10 ]
 *  // → a whole line printed by the statement above
 *  // file: slab-allocator.ts    (first line) the block is that module; later blocks of the
 *                                same Markdown file import it as "./slab-allocator"
 * ```
 *
 * Every `// → text` in a block is one line the program must print; the lines must appear on
 * stdout in the order the comments appear in the block (other printed lines may come between).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";

/** How a block is checked. */
export type BlockMode = "run" | "norun";

/** One ```ts block of a Markdown file. */
export interface CodeBlock {
  /** The Markdown file, relative to the repository root. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** Position among the file's TypeScript blocks, from 0. */
  readonly index: number;
  /** Whether it is run or only type-checked. */
  readonly mode: BlockMode;
  /** The code between the fences. */
  readonly code: string;
  /** The lines it must print, in order (from `// → text` comments). */
  readonly expected: readonly string[];
  /** The module's file name, when its first line is `// file: name.ts`. */
  readonly fileName: string | undefined;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)\s*(.*)$/;
const EXPECT = /\/\/\s*→\s?(.*)$/;
const FILE_NAME = /^\/\/\s*file:\s*([\w.-]+\.ts)\s*$/;

/** Languages whose blocks are TypeScript. */
const TS_LANGS = new Set(["ts", "typescript", "mts"]);

/**
 * The ```ts blocks of one Markdown text.
 * @param text - the Markdown source
 * @param file - the name reported in {@link CodeBlock.file}
 */
export function extractBlocks(text: string, file: string): CodeBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const open = FENCE.exec(lines[i]!);
    if (open === null) {
      i++;
      continue;
    }
    const [, indent, fence, lang, info] = open;
    const start = i;
    const body: string[] = [];
    i++;
    while (i < lines.length) {
      const close = lines[i]!.trim();
      if (close.startsWith(fence!) && close.replace(fence!, "").replace(/[`~]/g, "").trim() === "") break;
      body.push(lines[i]!.startsWith(indent!) ? lines[i]!.slice(indent!.length) : lines[i]!);
      i++;
    }
    i++;
    if (!TS_LANGS.has(lang!.toLowerCase())) continue;
    const flags = info!.split(/\s+/).filter((f) => f !== "");
    const unknown = flags.filter((f) => f !== "norun");
    if (unknown.length > 0) {
      throw new Error(`${file}:${start + 1}: unknown code block flag(s) ${unknown.join(", ")}; use "norun"`);
    }
    const expected: string[] = [];
    for (const line of body) {
      const m = EXPECT.exec(line);
      if (m !== null) expected.push(m[1]!.trimEnd());
    }
    blocks.push({
      file,
      line: start + 1,
      index: blocks.length,
      mode: flags.includes("norun") ? "norun" : "run",
      code: `${body.join("\n")}\n`,
      expected,
      fileName: FILE_NAME.exec(body[0] ?? "")?.[1],
    });
  }
  return blocks;
}

/** The ```ts blocks of a Markdown file, named relative to `root`. */
export function readBlocks(path: string, root: string): CodeBlock[] {
  return extractBlocks(readFileSync(path, "utf8"), relative(root, path));
}

/**
 * Where a block is written, relative to the scratch folder: one folder per Markdown file, so
 * `// file:` modules are next to the blocks that import them.
 * `packages/runtime/README.md` block 0 → `packages-runtime-README/block-0.ts`.
 */
export function blockPath(block: CodeBlock): string {
  const folder = block.file.replace(/\.md$/i, "").replace(/[^\w]+/g, "-");
  return `${folder}/${block.fileName ?? `block-${block.index}.ts`}`;
}

/**
 * Checks printed output against a block's `// →` lines.
 * @returns a description of the first line that is missing, or undefined when all appear in order
 */
export function missingOutput(expected: readonly string[], stdout: string): string | undefined {
  const printed = stdout.split(/\r?\n/).map((l) => l.trimEnd());
  let at = 0;
  for (const want of expected) {
    let found = -1;
    for (let j = at; j < printed.length; j++) {
      if (printed[j] === want) {
        found = j;
        break;
      }
    }
    if (found < 0) {
      return `expected the line ${JSON.stringify(want)} after output line ${at}, got:\n${printed.slice(at).join("\n")}`;
    }
    at = found + 1;
  }
  return undefined;
}
