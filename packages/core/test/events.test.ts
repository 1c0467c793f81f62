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
  it("subscribing to one event leaves every other field null, so their producers still pay one test", () => {
    const hooks = new MemoryHooks();
    const listener = (_address: number, _bytes: number) => {};
    const off = hooks.on("map", listener);
    // One listener is called directly: no wrapper, no argument array, no event object.
    expect(hooks.map).toBe(listener);
    for (const name of ["allocate", "free", "unmap", "collectionStart", "collectionStop"] as const) {
      expect(hooks[name]).toBeNull();
      expect(hooks.has(name)).toBe(false);
    }
    off();
    off(); // unsubscribing twice is harmless
    expect(hooks.map).toBeNull();
  });
  it("fans out collection events to every listener in subscription order", () => {
    const hooks = new MemoryHooks();
    const seen: string[] = [];
    hooks.on("collectionStart", (g) => seen.push(`a start ${g}`));
    hooks.on("collectionStart", (g) => seen.push(`b start ${g}`));
    hooks.on("collectionStop", (g, collected, uncollectable) =>
      seen.push(`stop ${g} ${collected} ${uncollectable}`),
    );
    hooks.collectionStart?.(2);
    hooks.collectionStop?.(2, 5, 1);
    expect(seen).toEqual(["a start 2", "b start 2", "stop 2 5 1"]);
  });
  it("rejects unknown event names", () => {
    const hooks = new MemoryHooks();
    expect(() => hooks.on("bogus" as "map", () => {})).toThrow(TypeError);
  });
});
