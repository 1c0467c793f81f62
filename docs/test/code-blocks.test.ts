import { describe, expect, it } from "vitest";
import {
  blockPath,
  extractBlocks,
  extractPythonBlocks,
  missingOutput,
  uncheckedFences,
} from "./support/code-blocks";

const md = [
  "# Title",
  "```sh",
  "pnpm test",
  "```",
  "```ts",
  "console.log(1 + 1); // → 2",
  "// → done",
  "```",
  "  ```ts norun",
  "  declare const x: number;",
  "  ```",
  "````typescript",
  "const fence = '```';",
  "````",
].join("\n");

describe("extractBlocks", () => {
  it("keeps ts blocks with their mode, line and expected output, and skips other languages", () => {
    const blocks = extractBlocks(md, "docs/x.md");
    expect(blocks.map((b) => [b.line, b.mode, b.index])).toEqual([
      [5, "run", 0],
      [9, "norun", 1],
      [12, "run", 2],
    ]);
    expect(blocks[0]!.expected).toEqual(["2", "done"]);
    expect(blocks[1]!.code).toBe("declare const x: number;\n");
    expect(blocks[2]!.code).toBe("const fence = '```';\n");
    expect(blockPath(blocks[1]!)).toBe("docs-x/block-1.ts");
  });

  it("names a block after its `// file:` line so later blocks can import it", () => {
    const [block] = extractBlocks("```ts\n// file: slab.ts\nexport const x = 1;\n```\n", "docs/g.md");
    expect(block!.fileName).toBe("slab.ts");
    expect(blockPath(block!)).toBe("docs-g/slab.ts");
  });

  it("rejects unknown flags so a typo cannot silently skip a block", () => {
    expect(() => extractBlocks("```ts no-run\nx\n```\n", "a.md")).toThrow(/a\.md:1: unknown code block flag/);
  });
});

describe("missingOutput", () => {
  it("accepts the expected lines in order with other lines between", () => {
    expect(missingOutput(["2", "done"], "start\n2\nnoise\ndone\n")).toBeUndefined();
  });

  it("reports a missing or out-of-order line", () => {
    expect(missingOutput(["done", "2"], "2\ndone\n")).toMatch(/"2"/);
    expect(missingOutput(["3"], "2\n")).toMatch(/expected the line "3"/);
  });
});

describe("uncheckedFences", () => {
  const text = ["```ts", "x", "```", "```sh", "ls", "```", "```js", "y", "```", "```", "+--+", "```"].join(
    "\n",
  );

  it("names code in another language and unlabelled fences", () => {
    expect(uncheckedFences(text, "g.md")).toEqual([
      expect.stringMatching(/^g\.md:7: language "js"/),
      expect.stringMatching(/^g\.md:10: fence without a language/),
    ]);
  });

  it("names fences out of pairs: a closing fence with a language, or one never closed", () => {
    // Meant: a diagram, then a ts block; the diagram's closing fence got a language.
    const shifted = ["```text", "+--+", "```text", "prose", "```ts", "x", "```"].join("\n");
    expect(uncheckedFences(shifted, "g.md")).toEqual([
      expect.stringMatching(/^g\.md:3: a fence opens inside the block of line 1/),
    ]);
    expect(uncheckedFences("```ts\nx\n", "g.md")).toEqual([
      expect.stringMatching(/^g\.md:1: the fence is never closed/),
    ]);
  });
});

describe("extractPythonBlocks", () => {
  it("keeps python blocks with their `# →` lines and nothing else", () => {
    const text = ["```python", "print(1 + 1)  # → 2", "x = '#'", "```", "```ts", "1;", "```"].join("\n");
    expect(extractPythonBlocks(text, "f.md")).toEqual([
      { file: "f.md", line: 1, code: "print(1 + 1)  # → 2\nx = '#'\n", expected: ["2"] },
    ]);
  });
});
