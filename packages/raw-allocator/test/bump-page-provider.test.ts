import { ArrayBufferHeap, InvalidPointerError, MemoryError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { BumpPageProvider } from "../src/index";

describe("BumpPageProvider", () => {
  it("maps at the top and never reuses space below it", () => {
    const pages = new BumpPageProvider({ heap: new ArrayBufferHeap() });
    const a = pages.map(8192);
    const b = pages.map(4096);
    const c = pages.map(4096);
    expect([a, b, c]).toEqual([4096, 12288, 16384]);
    pages.unmap(a, 8192);
    expect(pages.map(4096)).toBe(20480);
    expect(pages.top).toBe(24576);
  });

  it("lowers the top to the next live mapping when the highest one goes", () => {
    const pages = new BumpPageProvider({ heap: new ArrayBufferHeap() });
    const a = pages.map(4096);
    const b = pages.map(4096);
    const c = pages.map(4096);
    pages.unmap(b, 4096);
    pages.unmap(c, 4096);
    expect(pages.top).toBe(a + 4096);
    expect(pages.map(4096)).toBe(b);
    pages.unmap(b, 4096);
    pages.unmap(a, 4096);
    expect(pages.top).toBe(4096);
    expect(pages.stats()).toMatchObject({ mappedBytes: 0, mappings: 0, mapCalls: 4, unmapCalls: 4 });
  });

  it("aligns, zero-fills reused space and rejects what the heap cannot hold", () => {
    const pages = new BumpPageProvider({ heap: new ArrayBufferHeap({ maxByteLength: 1 << 20 }) });
    const a = pages.map(4096);
    const arena = pages.map(4096, 1 << 18);
    expect(arena).toBe(1 << 18);
    pages.heap.u8.fill(7, arena, arena + 4096);
    pages.unmap(arena, 4096);
    expect(pages.map(4096, 1 << 18)).toBe(arena);
    expect(pages.heap.u8[arena + 4095]).toBe(0);
    const before = pages.stats();
    expect(() => pages.map(1 << 20)).toThrow(MemoryError);
    expect(() => pages.unmap(a + 1, 4096)).toThrow(InvalidPointerError);
    expect(pages.stats()).toEqual(before);
  });
});
