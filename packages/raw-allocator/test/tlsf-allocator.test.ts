import { ArrayBufferHeap } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { HeapPageProvider, TLSF_FL_COUNT, TLSF_SL_COUNT, TlsfAllocator, tlsfListIndex } from "../src/index";

describe("TlsfAllocator", () => {
  it("files small blocks in exact 16-byte classes and larger ones in 32 steps per power of two", () => {
    expect(tlsfListIndex(16)).toBe(1);
    expect(tlsfListIndex(48)).toBe(3);
    expect(tlsfListIndex(496)).toBe(31);
    expect(tlsfListIndex(512)).toBe(32); // fl 1, sl 0
    expect(tlsfListIndex(512 + 16)).toBe(33); // step 512/32 = 16
    expect(tlsfListIndex(1024)).toBe(64); // fl 2, sl 0
    expect(tlsfListIndex(1024 + 31)).toBe(64); // step 32: same list
    expect(tlsfListIndex(1024 + 32)).toBe(65);
    expect(tlsfListIndex(2 ** 30 - 16)).toBeLessThan(TLSF_FL_COUNT * TLSF_SL_COUNT);
    // Classes are monotonic in the size.
    let last = 0;
    for (let size = 16; size < 1 << 22; size += 16 + (size >> 6) * 16) {
      const index = tlsfListIndex(size);
      expect(index).toBeGreaterThanOrEqual(last);
      last = index;
    }
  });

  it("takes the block of the smallest fitting class, not the lowest address", () => {
    const raw = new TlsfAllocator({ pages: new HeapPageProvider({ heap: new ArrayBufferHeap() }) });
    const big = raw.malloc(4000);
    const g1 = raw.malloc(8);
    const small = raw.malloc(40);
    raw.malloc(8);
    raw.free(big);
    raw.free(small);
    expect(raw.malloc(40)).toBe(small);
    expect(raw.malloc(3000)).toBe(big);
    expect(g1).toBeGreaterThan(big);
    raw.check();
  });

  it("finds a fitting block in the request's own class before mapping a new region", () => {
    const pages = new HeapPageProvider({ heap: new ArrayBufferHeap() });
    const raw = new TlsfAllocator({ pages, regionSize: 1 << 16, largeThreshold: (1 << 16) - 32 });
    // Fill the region so that only one hole of 20,000 bytes is left.
    const a = raw.malloc(19_996); // block 20,000 bytes
    const rest = raw.malloc(65536 - 16 - 20_000 - 4);
    raw.free(a);
    expect(raw.stats().freeBlocks).toBe(1);
    // 19,990 rounds up past the hole's class; the exact-class scan still finds the hole.
    expect(raw.malloc(19_990)).toBe(a);
    expect(pages.stats().mapCalls).toBe(1);
    raw.free(rest);
  });
});
