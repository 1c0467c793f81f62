import { describe, expect, it } from "vitest";
import type { TraceLocation } from "../src/index";
import { py, run } from "./helpers";

// The tracing hook: line, call and return events, allocations and collections.
describe("tracing", () => {
  it("reports lines, calls and returns of the program's code", () => {
    const events: string[] = [];
    const out = run(
      py`
        def f(x):
            return x + 1
        y = f(1)
      `,
      {
        trace: {
          line: (at: TraceLocation) => events.push(`line ${at.function}:${at.line}`),
          call: (at: TraceLocation) => events.push(`call ${at.function}`),
          return: (at: TraceLocation) => events.push(`return ${at.function}`),
        },
      },
    );
    expect(out.stderr).toBe("");
    expect(events).toEqual([
      "call <module>",
      "line <module>:1",
      "line <module>:3",
      "call f",
      "line f:2",
      "return f",
      "return <module>",
    ]);
  });

  it("reports allocations of the object domain and collections", () => {
    let allocations = 0;
    const collections: number[] = [];
    run("import gc\nx = [[] for i in range(10)]\ngc.collect()\n", {
      trace: {
        allocate: () => {
          allocations++;
        },
        collectionStop: (generation) => collections.push(generation),
      },
    });
    expect(allocations).toBeGreaterThan(10);
    expect(collections).toContain(2);
  });
});
