// Compositions: parsing --with strings, labels, and the runtime options they become.
import { ConfigurationError } from "@pymem/core";
import { presets } from "@pymem/runtime";
import { describe, expect, it } from "vitest";
import { UsageError } from "../src/cli-error";
import { describeComposition, parseWithOptions } from "../src/composition";
import { createMemoryStack, runtimeOptions } from "../src/memory-stack";

describe("parseWithOptions", () => {
  it("reads every composition option", () => {
    expect(
      parseWithOptions(
        "--preset classic --raw first-fit --allocator pymalloc --free-lists off --gc mark-sweep --arena-size 1M --pool-size 16K --alignment 16 --threshold 500,5",
      ),
    ).toEqual({
      preset: "classic",
      raw: "first-fit",
      allocator: "pymalloc",
      freeLists: false,
      gc: "mark-sweep",
      arenaSize: 1 << 20,
      poolSize: 16384,
      alignment: 16,
      threshold: [500, 5],
    });
  });

  it.each(["", "   "])("rejects an empty --with %j: a composition needs at least one option", (text) => {
    expect(() => parseWithOptions(text)).toThrow(UsageError);
    expect(() => parseWithOptions(text)).toThrow(
      `--with "${text}" is empty: give the composition's options, e.g. --with "--preset cpython311"`,
    );
  });

  it("raises one-line usage errors naming the --with text", () => {
    expect(() => parseWithOptions("--gc fast")).toThrow(UsageError);
    expect(() => parseWithOptions("--json")).toThrow(/^--with "--json": unknown option '--json'$/);
    expect(() => parseWithOptions("--help")).toThrow(/unknown option '--help'/);
  });

  it("labels compositions by preset and overrides, and the label parses back", () => {
    const text = "--raw first-fit --gc none --arena-size 256K --threshold 1,2,3";
    const label = describeComposition(parseWithOptions(text));
    expect(label).toBe("cpython311 --raw first-fit --gc none --arena-size 256K --threshold 1,2,3");
    expect(parseWithOptions(label.replace(/^cpython311 /, ""))).toEqual(parseWithOptions(text));
  });
});

describe("runtimeOptions", () => {
  it("is the preset when nothing overrides it", () => {
    expect(runtimeOptions({ preset: "classic" })).toEqual({ ...presets.classic });
    expect(runtimeOptions({ preset: "minimal" })).toEqual({ ...presets.minimal });
  });

  it("applies overrides on top of the preset", () => {
    const options = runtimeOptions({
      preset: "classic",
      raw: "first-fit",
      gc: "none",
      freeLists: false,
      poolSize: 8192,
    });
    expect(options.raw).toBe("first-fit");
    expect(options.gc).toBe("none");
    expect(options.freeLists).toBe(false);
    expect(options.pymalloc).toMatchObject({ alignment: 8, arenaSize: 262144, poolSize: 8192 });
    expect(runtimeOptions({ preset: "cpython311", threshold: [100] }).gcThresholds).toEqual([100]);
  });

  it("refuses options that cannot apply to the composition", () => {
    expect(() => runtimeOptions({ preset: "minimal", alignment: 8 })).toThrow(UsageError);
    expect(() => runtimeOptions({ preset: "minimal", threshold: [5] })).toThrow(UsageError);
    expect(() => runtimeOptions({ preset: "minimal", allocator: "pymalloc", alignment: 8 })).not.toThrow();
  });

  it("builds the same layers for trace replay, and pymalloc rejects impossible geometry", () => {
    const stack = createMemoryStack({ preset: "classic", raw: "first-fit" });
    expect(stack.raw.name).toBe("first-fit");
    expect(stack.pymalloc!.config.arenaSize).toBe(262144);
    expect(createMemoryStack({ preset: "minimal" }).pymalloc).toBeNull();
    expect(() => createMemoryStack({ preset: "cpython311", poolSize: 1 << 20, arenaSize: 1 << 18 })).toThrow(
      ConfigurationError,
    );
  });
});
