// The design notes' examples, run as CI checks: each example's main() output is pinned,
// and one is run as a user would, with node and tsx.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main as gcTuning } from "../examples/gc-tuning";
import { main as pymallocTour } from "../examples/pymalloc-tour";
import { main as referenceCounting } from "../examples/reference-counting";
import { main as referenceCycle } from "../examples/reference-cycle";

function capture(main: (print: (line: string) => void) => void): string[] {
  const lines: string[] = [];
  main((line) => lines.push(line));
  return lines;
}

describe("examples", () => {
  it("reference counting prints 2, 3, 4, 3, 2", () => {
    expect(capture(referenceCounting)).toEqual(["2", "3", "4", "3", "2"]);
  });

  it("the gc example prints the thresholds and counts in Python's tuple format", () => {
    const lines = capture(gcTuning);
    expect(lines).toContain("Garbage collection thresholds: (700, 10, 10)");
    expect(lines).toContain("Number of objects in each generation: (0, 0, 0)");
    expect(lines[0]).toBe("temp_list: 10000 items, sys.getsizeof 85176 bytes");
  });

  it("a reference cycle leaks without a collector and is reclaimed by the generational one", () => {
    const lines = capture(referenceCycle);
    const none = lines.filter((l) => l.startsWith("none:"));
    const gen = lines.filter((l) => l.startsWith("generational:"));
    const bytes = (l: string) => Number(/(\d+) bytes in use/.exec(l)?.[1]);
    expect(bytes(none[1]!)).toBeGreaterThan(0);
    expect(none[2]).toBe("none: gc.collect() -> 0");
    expect(bytes(none[3]!)).toBe(bytes(none[1]!));
    expect(gen[2]).toBe("generational: gc.collect() -> 2");
    expect(bytes(gen[3]!)).toBe(0);
  });

  it("the pymalloc tour shows arenas, pools and size classes, then sys._debugmallocstats()", () => {
    const text = capture(pymallocTour).join("\n");
    expect(text).toMatch(/^arenas: 1 of 256 KiB, \d+ unused pools of 4 KiB/);
    expect(text).toMatch(/size class {2}block {2}pools/);
    expect(text).toContain("Small block threshold = 512, in 64 size classes.");
    expect(text).toContain("100 free PyFloatObjects * 24 bytes each");
  });

  it("runs standalone with node --import tsx", () => {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const out = execFileSync(
      process.execPath,
      ["--conditions=@pymem/source", "--import", "tsx", "examples/reference-counting.ts"],
      { cwd: root, encoding: "utf8" },
    );
    expect(out.trim().split("\n")).toEqual(["2", "3", "4", "3", "2"]);
  });
});
