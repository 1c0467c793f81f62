import { ArrayBufferHeap } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { FirstFitAllocator, HeapPageProvider } from "../src/index";

describe("FirstFitAllocator", () => {
  it("takes the lowest-addressed block that fits", () => {
    const raw = new FirstFitAllocator({ pages: new HeapPageProvider({ heap: new ArrayBufferHeap() }) });
    const big = raw.malloc(4000);
    raw.malloc(8);
    const small = raw.malloc(40);
    raw.malloc(8);
    raw.free(big);
    raw.free(small);
    expect(raw.malloc(40)).toBe(big); // lower address wins over the better fit
    expect(raw.malloc(40)).toBe(big + 48);
    raw.check();
  });

  it("keeps its free list in address order across regions", () => {
    const raw = new FirstFitAllocator({
      pages: new HeapPageProvider({ heap: new ArrayBufferHeap() }),
      regionSize: 1 << 16,
      largeThreshold: 1 << 14,
    });
    const blocks = Array.from({ length: 100 }, (_, i) => raw.malloc(500 + i * 20));
    for (let i = blocks.length - 1; i >= 0; i -= 2) raw.free(blocks[i]!);
    raw.check(); // verifies ascending order and links
    expect(raw.stats().regions).toBeGreaterThan(1);
    expect(raw.malloc(500)).toBe(blocks[1]!);
  });
});
