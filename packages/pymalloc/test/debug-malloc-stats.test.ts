import { describe, expect, it } from "vitest";
import { setup } from "./helpers";

describe("pymalloc statistics", () => {
  it("matches hand-computed sys._debugmallocstats() figures (cpython311)", () => {
    const { obj, raw } = setup();
    for (let i = 0; i < 3; i++) obj.malloc(24); // class 1: 32-byte blocks, 510 per 16 KiB pool
    obj.malloc(100); // class 6: 112-byte blocks, 145 per pool
    const big = obj.malloc(1000); // raw
    const s = obj.stats();
    const p = s.pymalloc;
    expect(p.sizeClasses).toHaveLength(32);
    expect(p.sizeClasses[1]).toEqual({
      sizeClass: 1,
      size: 32,
      pools: 1,
      blocksInUse: 3,
      availableBlocks: 507,
    });
    expect(p.sizeClasses[6]).toEqual({
      sizeClass: 6,
      size: 112,
      pools: 1,
      blocksInUse: 1,
      availableBlocks: 144,
    });
    expect(p.sizeClasses.filter((c) => c.pools > 0)).toHaveLength(2);
    expect(p.allocatedBytes).toBe(3 * 32 + 112);
    expect(p.availableBytes).toBe(507 * 32 + 144 * 112);
    expect(p.unusedPools).toBe(62);
    expect(p.unusedPoolBytes).toBe(62 * 16384);
    expect(p.poolHeaderBytes).toBe(2 * 48);
    expect(p.quantizationBytes).toBe((16336 % 32) + (16336 % 112));
    expect(p.arenaAlignmentBytes).toBe(0);
    expect(p.totalBytes).toBe(1048576);
    expect(p.arenaBytes).toBe(1048576);
    expect(p.allocatedBlocks).toBe(5);
    expect(obj.allocatedBlocks()).toBe(5);
    expect(p.rawBlocks).toBe(1);
    expect(p.rawBytes).toBe(raw.usableSize(big));
    expect(p.radixTree).toEqual({
      midNodes: 1,
      botNodes: 1,
      rootBytes: 262144,
      midBytes: 262144,
      botBytes: 131072,
    });
    expect(s.name).toBe("pymalloc");
    expect(s.blocksInUse).toBe(5);
    expect(s.bytesInUse).toBe(208 + raw.usableSize(big));
    expect(s.peakBytesInUse).toBe(s.bytesInUse);
    expect(s.bytesFree).toBe(p.availableBytes + p.unusedPoolBytes);
    expect(s.bytesReserved).toBe(1048576 + 4096 + raw.usableSize(big));
    // The largest free extent is the arena's never-carved tail: 62 pools.
    expect(s.fragmentation).toBeCloseTo(1 - (62 * 16384) / s.bytesFree, 12);
    expect(s.calls).toEqual({ malloc: 5, calloc: 0, realloc: 0, free: 0 });
  });

  it("counts full pools, which are on no list, by walking the arenas (classic)", () => {
    const { obj } = setup("classic");
    const blocks: number[] = [];
    for (let i = 0; i < 7 * 3; i++) blocks.push(obj.malloc(512)); // three full pools of 7
    blocks.push(obj.malloc(8));
    const p = obj.stats().pymalloc;
    expect(p.radixTree).toBeNull();
    expect(p.sizeClasses[63]).toEqual({
      sizeClass: 63,
      size: 512,
      pools: 3,
      blocksInUse: 21,
      availableBlocks: 0,
    });
    expect(p.sizeClasses[0]).toEqual({
      sizeClass: 0,
      size: 8,
      pools: 1,
      blocksInUse: 1,
      availableBlocks: 505,
    });
    expect(p.quantizationBytes).toBe(3 * (4048 % 512));
    expect(p.totalBytes).toBe(262144);
    // Peak stays after frees.
    const peak = obj.stats().peakBytesInUse;
    for (const b of blocks) obj.free(b);
    const after = obj.stats();
    expect(after.bytesInUse).toBe(0);
    expect(after.peakBytesInUse).toBe(peak);
    expect(after.pymalloc.arenasAllocatedCurrent).toBe(0);
    expect(after.pymalloc.arenasReclaimed).toBe(1);
    expect(after.fragmentation).toBe(0);
  });
});
