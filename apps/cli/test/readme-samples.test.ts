// Every sample output in the README is what the CLI prints today (wall time and ops/s aside).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { drift, readmePath, readmeSamples, regenerate, runPymem, shellWords, stable } from "./readme-samples";

const readme = readFileSync(readmePath, "utf8");
const samples = readmeSamples(readme);

describe("the CLI README's sample outputs", () => {
  it("cover tour, run, stats and compare", () => {
    const commands = samples.map((s) => s.args[0]);
    for (const c of ["tour", "run", "stats", "compare"]) expect(commands).toContain(c);
  });

  it.each(samples.map((s) => [s.args.join(" "), s] as const))(
    "pymem %s prints the sample",
    (_, sample) => {
      const output = runPymem(sample.args);
      expect(drift(sample.shown, output)).toBeNull();
    },
    120_000,
  );

  it("drift() notices a changed figure, a missing line and an elided stretch gone", () => {
    const output = "a\n│ wall time │ 1.0 s │\nb\nc\nd\n";
    expect(drift("a\n│ wall time │ 9.9 s │\nb\nc\nd\n", output)).toBeNull();
    expect(drift("a\n│ wall time │ 1.0 s │\nB\nc\nd\n", output)).toMatch(/line 3/);
    expect(drift("a\n│ wall time │ 1.0 s │\nb\nc\n", output)).toMatch(/line 5/);
    expect(drift("a\n...\nc\nd\n", output)).toBeNull();
    expect(drift("a\n...\nd\nc\n", output)).toMatch(/not printed together/);
    expect(regenerate("a\n...\nc\n", output)).toBe("a\n...\nc\n");
    expect(stable("│ ops/s │ 3 k/s │")).toBe("│ ops/s <varies>");
    expect(shellWords('compare x --with "--gc none"')).toEqual(["compare", "x", "--with", "--gc none"]);
  });
});
