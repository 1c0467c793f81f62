import { describe, expect, it } from "vitest";
import { MemoryHooks } from "../src/index";

describe("MemoryHooks", () => {
  it("fields are null while nobody listens", () => {
    const hooks = new MemoryHooks();
    expect(hooks.allocate).toBeNull();
    expect(hooks.has("free")).toBe(false);
  });
  it("dispatches to one or many listeners and unsubscribes", () => {
    const hooks = new MemoryHooks();
    const seen: string[] = [];
    const off1 = hooks.on("allocate", (d, a, s) => seen.push(`1:${d}:${a}:${s}`));
    hooks.allocate?.("tlsf", 16, 32);
    const off2 = hooks.on("allocate", (d) => seen.push(`2:${d}`));
    hooks.allocate?.("pymalloc", 48, 8);
    off1();
    hooks.allocate?.("raw", 1, 1);
    off2();
    expect(hooks.allocate).toBeNull();
    expect(seen).toEqual(["1:tlsf:16:32", "1:pymalloc:48:8", "2:pymalloc", "2:raw"]);
  });
  it("rejects unknown event names", () => {
    const hooks = new MemoryHooks();
    expect(() => hooks.on("bogus" as "map", () => {})).toThrow(TypeError);
  });
});
