import { describe, expect, it } from "vitest";
import { py, run } from "./helpers";

// The design notes' examples, verbatim (Python snippets from /work/shared/seed/).
describe("the design notes' examples", () => {
  it("reference counting: 2, 3, 4, 3, 2", () => {
    const out = run(py`
      import sys

      a = [1, 2, 3]
      print(sys.getrefcount(a))  # Outputs 2 because the reference count includes the argument to getrefcount

      b = a
      print(sys.getrefcount(a))  # Outputs 3

      c = a
      print(sys.getrefcount(a))  # Outputs 4

      del b
      print(sys.getrefcount(a))  # Outputs 3

      del c
      print(sys.getrefcount(a))  # Outputs 2

      del a
      # The reference count drops to 1, but because sys.getrefcount was called, the object is still in scope within that call
    `);
    expect(out.stderr).toBe("");
    expect(out.stdout).toBe("2\n3\n4\n3\n2\n");
  });

  it("gc.disable / gc.enable", () => {
    const out = run(py`
      import gc



      gc.disable()  # Disable garbage collection
      # Perform performance-critical operations
      gc.enable()  # Re-enable garbage collection
    `);
    expect(out).toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  it("tuning the collector: thresholds (700, 10, 10)", () => {
    const out = run(py`
      import gc

      # Disable automatic garbage collection
      gc.disable()

      # Perform operations that generate a lot of temporary objects
      temp_list = [i for i in range(10000)]
      temp_list = None  # Remove the reference to the list

      # Manually trigger garbage collection
      gc.collect()

      # Re-enable automatic garbage collection
      gc.enable()

      # Inspect the state of the garbage collector
      print("Garbage collection thresholds:", gc.get_threshold())
      print("Number of objects in each generation:", gc.get_count())
    `);
    expect(out.stderr).toBe("");
    const lines = out.stdout.split("\n");
    expect(lines[0]).toBe("Garbage collection thresholds: (700, 10, 10)");
    // gen0 counts what this program allocated since the collection; generations 1 and 2 are empty.
    expect(lines[1]).toMatch(/^Number of objects in each generation: \(\d+, 0, 0\)$/);
  });
});
