import {
  ArrayBufferHeap,
  ConfigurationError,
  InvalidPointerError,
  MemoryError,
  MemoryHooks,
  SizeError,
} from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BumpPageProvider, HeapPageProvider } from "../src/index";

const KiB = 1024;
const MiB = 1024 * KiB;

function provider(maxByteLength = 64 * MiB, pageSize?: number): HeapPageProvider {
  return new HeapPageProvider({
    heap: new ArrayBufferHeap({ initialByteLength: 64 * KiB, maxByteLength }),
    pageSize,
  });
}

describe("HeapPageProvider", () => {
  it("never maps the NULL page and rounds sizes up to whole pages", () => {
    const pages = provider();
    const a = pages.map(1);
    expect(a).toBe(4096);
    expect(pages.mappingSize(a)).toBe(4096);
    const b = pages.map(4097);
    expect(b).toBe(8192);
    expect(pages.mappingSize(b)).toBe(8192);
    expect(pages.stats()).toMatchObject({ mappedBytes: 12288, mappings: 2, mapCalls: 2, unmapCalls: 0 });
  });

  it("aligns mappings to the requested power of two, keeping the gap reusable", () => {
    const pages = provider();
    const small = pages.map(4096);
    const arena = pages.map(256 * KiB, 256 * KiB);
    expect(arena % (256 * KiB)).toBe(0);
    expect(arena).toBe(256 * KiB);
    const big = pages.map(MiB, MiB);
    expect(big % MiB).toBe(0);
    // The gap between `small` and `arena` is a hole that the next small mapping fills.
    expect(pages.map(4096)).toBe(small + 4096);
    expect(pages.holeRanges()[0]).toEqual({ address: small + 8192, bytes: arena - small - 8192 });
  });

  it("grows the heap when nothing fits and reports the heap size", () => {
    const pages = provider();
    expect(pages.heap.byteLength).toBe(64 * KiB);
    const a = pages.map(2 * MiB);
    expect(pages.heap.byteLength).toBeGreaterThanOrEqual(a + 2 * MiB);
    expect(pages.stats().heapBytes).toBe(pages.heap.byteLength);
  });

  it("zero-fills a reused range", () => {
    const pages = provider();
    const a = pages.map(8192);
    pages.heap.u8.fill(0xab, a, a + 8192);
    pages.unmap(a, 8192);
    const b = pages.map(8192);
    expect(b).toBe(a);
    expect(pages.heap.u8.subarray(b, b + 8192).every((x) => x === 0)).toBe(true);
  });

  it("coalesces adjacent holes so a larger mapping fits where smaller ones were", () => {
    const pages = provider();
    const a = pages.map(4096);
    const b = pages.map(4096);
    const c = pages.map(4096);
    const guard = pages.map(4096);
    pages.unmap(a, 4096);
    pages.unmap(c, 4096);
    expect(pages.holeRanges()).toHaveLength(2);
    pages.unmap(b, 4096);
    expect(pages.holeRanges()).toEqual([{ address: a, bytes: 3 * 4096 }]);
    expect(pages.map(3 * 4096)).toBe(a);
    expect(pages.top).toBe(guard + 4096);
  });

  it("folds space freed at the top back into the tail", () => {
    const pages = provider();
    const a = pages.map(4096);
    const b = pages.map(4096);
    const c = pages.map(8192);
    pages.unmap(b, 4096);
    pages.unmap(c, 8192);
    expect(pages.top).toBe(a + 4096);
    expect(pages.holeRanges()).toEqual([]);
    pages.unmap(a, 4096);
    expect(pages.top).toBe(4096);
    expect(pages.stats()).toMatchObject({
      mappedBytes: 0,
      mappings: 0,
      peakMappedBytes: 16384,
      unmapCalls: 3,
    });
  });

  it("unmaps only an exact live mapping and leaves everything unchanged otherwise", () => {
    const pages = provider();
    const a = pages.map(8192);
    const before = pages.stats();
    expect(() => pages.unmap(a + 4096, 4096)).toThrow(InvalidPointerError);
    expect(() => pages.unmap(a, 4096)).toThrow(InvalidPointerError);
    expect(() => pages.unmap(a, 0)).toThrow(InvalidPointerError);
    expect(() => pages.unmap(0, 4096)).toThrow(InvalidPointerError);
    expect(() => pages.unmap(Number.NaN, 4096)).toThrow(InvalidPointerError);
    expect(pages.stats()).toEqual(before);
    pages.unmap(a, 8000); // rounds to the same page count
    expect(() => pages.unmap(a, 8192)).toThrow(/0x00001000/);
  });

  it("rejects invalid sizes and alignments with SizeError", () => {
    const pages = provider();
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 32 + 1]) {
      expect(() => pages.map(bad)).toThrow(SizeError);
    }
    for (const bad of [2048, 3 * 4096, 0, -4096, Number.NaN, 2 ** 32]) {
      expect(() => pages.map(4096, bad)).toThrow(SizeError);
    }
    expect(pages.stats().mapCalls).toBe(0);
  });

  it("raises MemoryError past the heap's maximum and changes nothing", () => {
    const pages = provider(MiB);
    const a = pages.map(512 * KiB);
    const heapBefore = pages.heap.byteLength;
    const statsBefore = pages.stats();
    expect(() => pages.map(512 * KiB)).toThrow(MemoryError);
    expect(() => pages.map(4096, MiB)).toThrow(MemoryError);
    expect(() => pages.map(2 ** 32)).toThrow(MemoryError);
    expect(pages.heap.byteLength).toBe(heapBefore);
    expect(pages.stats()).toEqual(statsBefore);
    expect(pages.holeRanges()).toEqual([]);
    // What fits still maps.
    expect(pages.map(MiB - 512 * KiB - 4096)).toBe(a + 512 * KiB);
  });

  it("emits map and unmap events only to listeners", () => {
    const hooks = new MemoryHooks();
    const pages = new HeapPageProvider({ heap: new ArrayBufferHeap(), hooks });
    pages.map(4096);
    const seen: string[] = [];
    const off1 = hooks.on("map", (address, bytes) => seen.push(`map ${address} ${bytes}`));
    const off2 = hooks.on("unmap", (address, bytes) => seen.push(`unmap ${address} ${bytes}`));
    const a = pages.map(5000);
    pages.unmap(a, 5000);
    off1();
    off2();
    pages.map(4096);
    expect(seen).toEqual([`map ${a} 8192`, `unmap ${a} 8192`]);
  });

  it("supports other page sizes and finds the mapping containing an address", () => {
    const pages = provider(MiB, 64 * KiB);
    expect(pages.pageSize).toBe(65536);
    const a = pages.map(1);
    expect(a).toBe(65536);
    expect(pages.mappingStart(a + 1000)).toBe(a);
    expect(pages.mappingStart(a + 65536)).toBe(0);
    expect(() => new HeapPageProvider({ heap: new ArrayBufferHeap(), pageSize: 3000 })).toThrow(
      ConfigurationError,
    );
    expect(() => new HeapPageProvider({ heap: new ArrayBufferHeap(), pageSize: 8 })).toThrow(
      ConfigurationError,
    );
  });

  it("hands out the same addresses as the bump provider while nothing is unmapped (page alignment)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40_000 }), { maxLength: 40 }), (requests) => {
        const heap = provider(64 * MiB);
        const bump = new BumpPageProvider({ heap: new ArrayBufferHeap({ maxByteLength: 64 * MiB }) });
        for (const bytes of requests) expect(heap.map(bytes)).toBe(bump.map(bytes));
        expect(heap.stats().mappedBytes).toBe(bump.stats().mappedBytes);
      }),
      { numRuns: 200 },
    );
  });

  it("never uses more address space than the bump provider, since it fills alignment gaps", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 40_000 }), fc.integer({ min: 12, max: 17 })), {
          maxLength: 40,
        }),
        (requests) => {
          const heap = provider(64 * MiB);
          const bump = new BumpPageProvider({ heap: new ArrayBufferHeap({ maxByteLength: 64 * MiB }) });
          for (const [bytes, alignBits] of requests) {
            const a = heap.map(bytes, 2 ** alignBits);
            expect(a % 2 ** alignBits).toBe(0);
            expect(a).toBeLessThanOrEqual(bump.map(bytes, 2 ** alignBits));
          }
          expect(heap.top).toBeLessThanOrEqual(bump.top);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("behaves as lowest-address first fit over a page model, through random map/unmap sequences", () => {
    const PAGE = 4096;
    const MAX = 8 * MiB;
    const MAX_PAGES = MAX / PAGE;
    type Op = { kind: "map"; pages: number; alignPages: number } | { kind: "unmap"; pick: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constant("map" as const),
        pages: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 600 })),
        alignPages: fc.constantFrom(1, 1, 1, 2, 16, 64),
      }),
      fc.record({ kind: fc.constant("unmap" as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 300 }), (ops) => {
        const pages = provider(MAX);
        const used = new Uint8Array(MAX_PAGES);
        used[0] = 1; // NULL page
        const live: { address: number; bytes: number }[] = [];
        let mapped = 0;
        for (const o of ops) {
          if (o.kind === "map") {
            // Model: lowest aligned page index with the whole run free.
            let expected = -1;
            for (let p = o.alignPages; p + o.pages <= MAX_PAGES; p += o.alignPages) {
              let free = true;
              for (let q = p; q < p + o.pages; q++) {
                if (used[q]) {
                  free = false;
                  break;
                }
              }
              if (free) {
                expected = p;
                break;
              }
            }
            if (expected < 0) {
              const before = pages.stats();
              expect(() => pages.map(o.pages * PAGE - 7, o.alignPages * PAGE)).toThrow(MemoryError);
              expect(pages.stats()).toEqual(before);
              continue;
            }
            const a = pages.map(o.pages * PAGE - 7, o.alignPages * PAGE);
            expect(a).toBe(expected * PAGE);
            const u8 = pages.heap.u8;
            expect(u8[a]).toBe(0);
            expect(u8[a + o.pages * PAGE - 1]).toBe(0);
            u8.fill(0xcd, a, a + o.pages * PAGE); // dirty it: a later reuse must be zeroed again
            used.fill(1, expected, expected + o.pages);
            live.push({ address: a, bytes: o.pages * PAGE });
            mapped += o.pages * PAGE;
          } else if (live.length > 0) {
            const [m] = live.splice(o.pick % live.length, 1);
            pages.unmap(m!.address, m!.bytes);
            used.fill(0, m!.address / PAGE, (m!.address + m!.bytes) / PAGE);
            mapped -= m!.bytes;
          }
          // Invariants: holes + mappings tile [pageSize, top); holes never touch each other or the top.
          const holes = pages.holeRanges();
          const ranges = [
            ...holes.map((h) => ({ ...h, hole: true })),
            ...pages.mappedRanges().map((m) => ({ ...m, hole: false })),
          ];
          ranges.sort((x, y) => x.address - y.address);
          let at = PAGE;
          for (let i = 0; i < ranges.length; i++) {
            expect(ranges[i]!.address).toBe(at);
            if (i > 0) expect(ranges[i]!.hole && ranges[i - 1]!.hole).toBe(false);
            at += ranges[i]!.bytes;
          }
          expect(at).toBe(pages.top);
          if (ranges.length > 0) expect(ranges[ranges.length - 1]!.hole).toBe(false);
          const s = pages.stats();
          expect(s.mappedBytes).toBe(mapped);
          expect(s.mappings).toBe(live.length);
        }
      }),
      { numRuns: 60 },
    );
  });
});
