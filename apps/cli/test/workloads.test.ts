// The built-in workloads, in process: deterministic, no leaked handles, and the heap balances.
import { createRuntime, presets, type Runtime } from "@pymem/runtime";
import { describe, expect, it } from "vitest";
import type { ProgressSink } from "../src/progress-sink";
import { Rng } from "../src/rng";
import { objectsAllocated } from "../src/runner";
import { scaledSteps } from "../src/workload";
import { findWorkload, WORKLOAD_NAMES, WORKLOADS } from "../src/workloads/registry";
import { treesDepth } from "../src/workloads/trees";

const SCALE = 0.03;

function run(name: string, rt: Runtime, seed = 1, progress?: ProgressSink): void {
  findWorkload(name)!.run({ rt, rng: new Rng(seed), scale: SCALE, progress: progress ?? { update() {} } });
}

describe("workload registry", () => {
  it("lists the five workloads with a summary and a model each", () => {
    expect(WORKLOAD_NAMES).toEqual(["churn", "trees", "cycles", "json", "strings"]);
    for (const w of WORKLOADS) {
      expect(w.summary.length).toBeGreaterThan(20);
      expect(w.modelledOn.length).toBeGreaterThan(5);
    }
    expect(findWorkload("nope")).toBeUndefined();
  });

  it("scales steps and tree depth", () => {
    expect(scaledSteps(1000, 0.0001)).toBe(1);
    expect(scaledSteps(1000, 2.5)).toBe(2500);
    expect(treesDepth(1)).toBe(12);
    expect(treesDepth(2)).toBe(13);
    expect(treesDepth(0.25)).toBe(10);
    expect(treesDepth(0.0001)).toBe(6);
  });
});

describe.each(WORKLOAD_NAMES)("workload %s", (name) => {
  it("reports monotonic progress ending at its total", () => {
    const seen: [number, number][] = [];
    run(name, createRuntime(presets.cpython311), 1, { update: (done, total) => seen.push([done, total]) });
    expect(seen.length).toBeGreaterThan(0);
    const total = seen[0]![1];
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]![1]).toBe(total);
      expect(seen[i]![0]).toBeGreaterThan(seen[i - 1]![0]);
    }
    expect(seen[seen.length - 1]).toEqual([total, total]);
  });

  it("is deterministic for a seed", () => {
    const figures = (seed: number) => {
      const rt = createRuntime(presets.classic);
      run(name, rt, seed);
      const s = rt.stats();
      return {
        objects: objectsAllocated(rt),
        domain: { ...s.objectDomain, peakBytesInUse: 0 },
        gc: rt.gc.get_stats(),
      };
    };
    const a = figures(11);
    expect(figures(11)).toEqual(a);
    if (name !== "trees") expect(figures(12)).not.toEqual(a); // trees makes no random choices
  });

  it.each([
    ["cpython311", presets.cpython311],
    ["classic + first-fit + mark-sweep", { ...presets.classic, raw: "first-fit", gc: "mark-sweep" } as const],
    ["minimal", presets.minimal],
  ])("holds no handle, and once its globals go the heap is back where it started, on %s", (_label, options) => {
    const rt = createRuntime(options);
    rt.clearFreeLists();
    const baseline = rt.stats().objectDomain.bytesInUse;
    run(name, rt);
    expect(rt.stats().handles).toBe(0);
    expect(rt.stats().objectDomain.bytesInUse).toBeGreaterThan(baseline); // it kept something alive
    rt.close(); // releases the module frame, collects, empties the free lists
    const after = rt.parts.objectDomain.stats().bytesInUse;
    if (name === "cycles" && options.gc === "none")
      expect(after).toBeGreaterThan(baseline); // dropped cycles leak
    else expect(after).toBe(baseline);
  });
});
