// The heap map: rendering rules, and the census read from a real pymalloc's pool headers.
import { ArrayBufferHeap } from "@pymem/core";
import { PymallocAllocator } from "@pymem/pymalloc";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POOL_EMPTY, POOL_FULL, POOL_UNCARVED, POOL_USED, renderHeapMap } from "../src/heap-map";
import { poolCensus } from "../src/pool-census";

function arena(address: number, states: number[], classes: number[]) {
  return { address, states: Uint8Array.from(states), sizeClasses: Uint8Array.from(classes) };
}

describe("renderHeapMap", () => {
  it("draws one character per pool: case for full/used, . empty, - uncarved", () => {
    const text = renderHeapMap({
      arenas: [
        arena(0x100000, [POOL_USED, POOL_FULL, POOL_USED, POOL_EMPTY, POOL_UNCARVED], [1, 1, 4, 9, 0]),
      ],
      poolSize: 16384,
      blockSize: (c) => (c + 1) * 16,
    });
    expect(text).toBe(
      "heap map: 1 arena, 5 pools of 16 KiB, one character per pool\n" +
        "  0x00100000 |aAb.-|\n" +
        "legend: lower case = used pool (some blocks free), UPPER CASE = full pool, . = empty pool, - = not carved yet\n" +
        "  a/A 32 B      b/B 80 B\n",
    );
  });

  it("wraps long arenas and stops after maxLines", () => {
    const states = new Array<number>(40).fill(POOL_FULL);
    const text = renderHeapMap(
      {
        arenas: [
          arena(0x100000, states, new Array(40).fill(0)),
          arena(0x200000, states, new Array(40).fill(0)),
        ],
        poolSize: 4096,
        blockSize: () => 8,
      },
      { width: 16, maxLines: 4 },
    );
    expect(text).toContain(
      `  0x00100000 |${"A".repeat(16)}|\n             |${"A".repeat(16)}|\n             |${"A".repeat(8)}|\n`,
    );
    expect(text).toContain("  ... 1 more arenas not drawn\n");
  });

  it("groups classes into ranges when more than 26 are present", () => {
    const n = 64;
    const text = renderHeapMap({
      arenas: [
        arena(
          0x40000,
          new Array(n).fill(POOL_USED),
          Array.from({ length: n }, (_, i) => i),
        ),
      ],
      poolSize: 4096,
      blockSize: (c) => (c + 1) * 8,
    });
    expect(text).toContain("a/A 8-24 B");
    expect(text).toContain("z/Z 504-512 B");
    expect(text).toMatch(/\|a{3}b{2}/);
  });

  it("says so when no arena is mapped", () => {
    expect(renderHeapMap({ arenas: [], poolSize: 16384, blockSize: () => 16 })).toContain(
      "(no arenas mapped)",
    );
  });
});

describe("poolCensus", () => {
  it("agrees with pymalloc's own statistics over random allocation sequences", () => {
    const pages = new HeapPageProvider({ heap: new ArrayBufferHeap({ maxByteLength: 1 << 28 }) });
    const pymalloc = new PymallocAllocator({ pages, raw: new TlsfAllocator({ pages }), config: "classic" });
    const live: number[] = [];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 512 }), fc.nat()), {
          minLength: 200,
          maxLength: 2000,
        }),
        (steps) => {
          for (const [alloc, size, pick] of steps) {
            if (alloc || live.length === 0) live.push(pymalloc.malloc(size));
            else {
              const k = pick % live.length;
              pymalloc.free(live[k]!);
              live[k] = live[live.length - 1]!;
              live.pop();
            }
          }
          const census = poolCensus(pymalloc);
          const stats = pymalloc.stats().pymalloc;
          expect(census.arenas.length).toBe(stats.arenasAllocatedCurrent);
          let inUse = 0;
          let unused = 0;
          const perClass = new Map<number, number>();
          for (const a of census.arenas) {
            expect(a.states.length).toBe(64);
            for (let p = 0; p < a.states.length; p++) {
              if (a.states[p]! >= POOL_USED) {
                inUse++;
                perClass.set(a.sizeClasses[p]!, (perClass.get(a.sizeClasses[p]!) ?? 0) + 1);
              } else unused++;
            }
          }
          expect(unused).toBe(stats.unusedPools);
          expect(inUse).toBe(stats.sizeClasses.reduce((n, c) => n + c.pools, 0));
          for (const c of stats.sizeClasses) expect(perClass.get(c.sizeClass) ?? 0).toBe(c.pools);
          // Full pools hold exactly as many blocks as fit.
          for (const c of stats.sizeClasses) {
            const full = census.arenas.reduce(
              (n, a) =>
                n + a.states.filter((s, p) => s === POOL_FULL && a.sizeClasses[p] === c.sizeClass).length,
              0,
            );
            if (c.availableBlocks === 0) expect(full).toBe(c.pools);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
