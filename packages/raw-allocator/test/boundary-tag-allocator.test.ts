import {
  ArrayBufferHeap,
  DoubleFreeError,
  InvalidPointerError,
  MemoryError,
  MemoryHooks,
  SizeError,
} from "@pymem/core";
import { describe, expect, it } from "vitest";
import {
  type BoundaryTagAllocator,
  FirstFitAllocator,
  HeapPageProvider,
  type RawAllocatorOptions,
  TlsfAllocator,
} from "../src/index";

type Impl = new (o: RawAllocatorOptions) => BoundaryTagAllocator;
const allocators: [string, Impl][] = [
  ["TlsfAllocator", TlsfAllocator],
  ["FirstFitAllocator", FirstFitAllocator],
];

function setup(Impl: Impl, options: Partial<RawAllocatorOptions> = {}, maxByteLength = 1 << 30) {
  const pages = new HeapPageProvider({ heap: new ArrayBufferHeap({ maxByteLength }) });
  const raw = new Impl({ pages, ...options });
  return { pages, raw, heap: pages.heap };
}

describe.each(allocators)("%s (Allocator contract)", (_name, Impl) => {
  it("returns unique, non-NULL, 16-byte aligned addresses, also for malloc(0)", () => {
    const { raw } = setup(Impl);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const p = raw.malloc(i % 3 === 0 ? 0 : i);
      expect(p).not.toBe(0);
      expect(p % 16).toBe(0);
      expect(seen.has(p)).toBe(false);
      seen.add(p);
      expect(raw.usableSize(p)).toBeGreaterThanOrEqual(i % 3 === 0 ? 0 : i);
    }
    expect(raw.usableSize(raw.malloc(0))).toBe(12);
    raw.check();
  });

  it("rejects invalid sizes with SizeError and changes nothing", () => {
    const { raw, pages } = setup(Impl);
    const p = raw.malloc(10);
    const before = raw.stats();
    for (const bad of [-1, Number.NaN, 1.5, 2 ** 32, Number.POSITIVE_INFINITY, -0.5]) {
      expect(() => raw.malloc(bad)).toThrow(SizeError);
      expect(() => raw.calloc(bad, 1)).toThrow(SizeError);
      expect(() => raw.calloc(1, bad)).toThrow(SizeError);
      expect(() => raw.realloc(p, bad)).toThrow(SizeError);
      expect(() => raw.realloc(0, bad)).toThrow(SizeError);
    }
    expect(() => raw.calloc(2 ** 16, 2 ** 16)).toThrow(/calloc size 65536 \* 65536/);
    expect(() => raw.calloc(2 ** 31, 3)).toThrow(SizeError);
    expect(raw.stats()).toEqual(before);
    expect(pages.stats().mapCalls).toBe(1);
  });

  it("raises MemoryError when the heap cannot hold a request, leaving heap and stats unchanged", () => {
    const { raw, heap, pages } = setup(Impl, { regionSize: 1 << 18, largeThreshold: 1 << 16 }, 1 << 20);
    const a = raw.malloc(1000);
    const b = raw.malloc(300_000);
    heap.u8.fill(0x5a, a, a + 1000);
    const bytes = heap.u8.slice();
    const stats = raw.stats();
    const pageStats = pages.stats();
    expect(() => raw.malloc(2 ** 31)).toThrow(MemoryError);
    expect(() => raw.malloc(900_000)).toThrow(MemoryError);
    expect(() => raw.calloc(1000, 1000)).toThrow(MemoryError);
    expect(() => raw.realloc(a, 800_000)).toThrow(MemoryError);
    expect(() => raw.realloc(b, 800_000)).toThrow(MemoryError);
    expect(Buffer.compare(heap.u8, bytes)).toBe(0);
    expect(raw.stats()).toEqual(stats);
    expect(pages.stats()).toEqual(pageStats);
    raw.check();
  });

  it("calloc returns zeroed memory even where a freed block left bytes behind", () => {
    const { raw, heap } = setup(Impl);
    const p = raw.malloc(200);
    heap.u8.fill(0xff, p, p + raw.usableSize(p));
    raw.free(p);
    const q = raw.calloc(25, 8);
    expect(q).toBe(p);
    expect(heap.u8.subarray(q, q + raw.usableSize(q)).every((x) => x === 0)).toBe(true);
    const z = raw.calloc(0, 100);
    expect(z).not.toBe(0);
    expect(raw.stats().calls.calloc).toBe(2);
    const big = raw.calloc(1, 400_000);
    expect(heap.u8[big + 399_999]).toBe(0);
  });

  it("grows in place into a free neighbour, shrinks in place, and moves (copying) when it must", () => {
    const { raw, heap } = setup(Impl);
    const p = raw.malloc(100);
    heap.u8.set([1, 2, 3, 4], p);
    expect(raw.realloc(p, 1000)).toBe(p); // the rest of the region follows p
    expect(raw.usableSize(p)).toBe(1004);
    expect(raw.realloc(p, 40)).toBe(p);
    expect(raw.usableSize(p)).toBe(44);
    const q = raw.malloc(16); // lands in the tail the shrink gave back
    expect(q).toBe(p + 48);
    const moved = raw.realloc(p, 500);
    expect(moved).not.toBe(p);
    expect([...heap.u8.subarray(moved, moved + 4)]).toEqual([1, 2, 3, 4]);
    expect(() => raw.free(p)).toThrow(DoubleFreeError);
    expect(raw.stats().calls).toEqual({ malloc: 2, calloc: 0, realloc: 3, free: 0 });
    raw.check();
  });

  it("treats realloc(0, n) as malloc and free(0) as a no-op", () => {
    const { raw } = setup(Impl);
    const p = raw.realloc(0, 64);
    expect(raw.usableSize(p)).toBeGreaterThanOrEqual(64);
    raw.free(0);
    expect(raw.stats().calls).toEqual({ malloc: 0, calloc: 0, realloc: 1, free: 0 });
    expect(raw.stats().blocksInUse).toBe(1);
  });

  it("gives large requests a mapping of their own and unmaps it on free", () => {
    const { raw, pages } = setup(Impl);
    const small = raw.malloc(8);
    const mappedBefore = pages.stats().mappedBytes;
    const big = raw.malloc(300_000);
    expect(pages.mappingSize(big - 16)).toBe(Math.ceil((300_000 + 16) / 4096) * 4096);
    expect(raw.usableSize(big)).toBe(pages.mappingSize(big - 16) - 16);
    expect(raw.stats()).toMatchObject({ largeBlocks: 1, blocksInUse: 2 });
    expect(raw.owns(big + 299_999)).toBe(true);
    raw.free(big);
    expect(pages.stats().mappedBytes).toBe(mappedBefore);
    expect(raw.owns(big)).toBe(false);
    expect(() => raw.free(big)).toThrow(DoubleFreeError);
    raw.free(small);
    expect(pages.stats().mappedBytes).toBe(0);
  });

  it("reallocates large blocks: in place within their pages, moved otherwise, to and from small", () => {
    const { raw, heap, pages } = setup(Impl);
    const big = raw.malloc(300_000);
    heap.u8[big] = 42;
    heap.u8[big + 299_999] = 43;
    expect(raw.realloc(big, 300_010)).toBe(big); // same page count
    const bigger = raw.realloc(big, 700_000);
    expect(bigger).not.toBe(big);
    expect(heap.u8[bigger]).toBe(42);
    expect(heap.u8[bigger + 299_999]).toBe(43);
    const small = raw.realloc(bigger, 100);
    expect(raw.stats().largeBlocks).toBe(0);
    expect(heap.u8[small]).toBe(42);
    const again = raw.realloc(small, 500_000);
    expect(heap.u8[again]).toBe(42);
    expect(raw.stats()).toMatchObject({ largeBlocks: 1, blocksInUse: 1 });
    raw.free(again);
    expect(pages.stats().mappedBytes).toBe(0);
    raw.check();
  });

  it("rejects double frees, interior, misaligned and foreign pointers, leaving the heap byte-for-byte unchanged", () => {
    const { raw, heap, pages } = setup(Impl);
    const other = new Impl({ pages });
    const a = raw.malloc(100);
    const b = raw.malloc(100);
    const foreign = other.malloc(64);
    const mapped = pages.map(4096);
    raw.free(a);
    const bytes = heap.u8.slice();
    const stats = raw.stats();
    const attempts: [() => unknown, new (...args: never[]) => Error, number][] = [
      [() => raw.free(a), DoubleFreeError, a],
      [() => raw.realloc(a, 10), DoubleFreeError, a],
      [() => raw.usableSize(a), DoubleFreeError, a],
      [() => raw.free(b + 16), InvalidPointerError, b + 16],
      [() => raw.free(b + 4), InvalidPointerError, b + 4],
      [() => raw.free(foreign), InvalidPointerError, foreign],
      [() => raw.free(mapped), InvalidPointerError, mapped],
      [() => raw.free(16), InvalidPointerError, 16],
      [() => raw.free(2 ** 31), InvalidPointerError, 2 ** 31],
      [() => raw.free(-16), InvalidPointerError, -16],
      [() => raw.free(Number.NaN), InvalidPointerError, Number.NaN],
      [() => raw.realloc(b + 32, 10), InvalidPointerError, b + 32],
    ];
    for (const [call, type, address] of attempts) {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(type);
      expect((error as { address: number }).address).toBe(address);
    }
    expect(() => raw.free(b + 16)).toThrow(/no block starts there/);
    expect(() => raw.free(foreign)).toThrow(/"(tlsf|first-fit)" allocator/);
    expect(Buffer.compare(heap.u8, bytes)).toBe(0);
    expect(raw.stats()).toEqual(stats);
    raw.check();
    other.check();
  });

  it("owns exactly the pages of its regions and large blocks", () => {
    const { raw, pages } = setup(Impl, { regionSize: 1 << 16, largeThreshold: 1 << 12 });
    const p = raw.malloc(10);
    const big = raw.malloc(10_000);
    const mapped = pages.map(4096);
    expect(raw.owns(p)).toBe(true);
    expect(raw.owns(p - 16)).toBe(true); // region header: still this domain's memory
    expect(raw.owns(p + 60_000)).toBe(true);
    expect(raw.owns(big)).toBe(true);
    expect(raw.owns(mapped)).toBe(false);
    expect(raw.owns(0)).toBe(false);
    expect(raw.owns(100)).toBe(false);
    expect(raw.owns(2 ** 32 - 16)).toBe(false);
    expect(raw.owns(Number.NaN)).toBe(false);
    expect(raw.owns(-4096)).toBe(false);
  });

  it("reports exact stats and fragmentation", () => {
    const { raw } = setup(Impl, { regionSize: 1 << 16, largeThreshold: 1 << 12 });
    const blocks = [100, 200, 300, 400].map((n) => raw.malloc(n)); // blocks of 112, 208, 304, 416 bytes
    let s = raw.stats();
    expect(s).toMatchObject({
      name: raw.name,
      blocksInUse: 4,
      bytesInUse: 108 + 204 + 300 + 412,
      bytesReserved: 65536,
    });
    const tail = 65536 - 16 - (112 + 208 + 304 + 416);
    expect(s.bytesFree).toBe(tail - 4);
    expect(s.fragmentation).toBe(0);
    raw.free(blocks[0]!);
    raw.free(blocks[2]!);
    s = raw.stats();
    expect(s.bytesFree).toBe(108 + 300 + tail - 4);
    expect(s.largestFreeBlock).toBe(tail - 4);
    expect(s.fragmentation).toBeCloseTo(1 - (tail - 4) / (108 + 300 + tail - 4), 12);
    expect(s.peakBytesInUse).toBe(108 + 204 + 300 + 412);
    expect(s.freeBlocks).toBe(3);
    raw.free(blocks[1]!); // coalesces with both neighbours
    expect(raw.stats().freeBlocks).toBe(2);
    raw.free(blocks[3]!);
    expect(raw.stats()).toMatchObject({
      blocksInUse: 0,
      bytesInUse: 0,
      bytesFree: 0,
      regions: 0,
      fragmentation: 0,
    });
  });

  it("returns a region to the page provider as soon as all its blocks are free", () => {
    const { raw, pages } = setup(Impl, { regionSize: 1 << 16, largeThreshold: 1 << 12 });
    const first = Array.from({ length: 40 }, () => raw.malloc(2000)); // 32 fit in a 64 KiB region
    expect(raw.stats().regions).toBe(2);
    for (const p of first.slice(32)) raw.free(p);
    expect(pages.stats()).toMatchObject({ mappedBytes: 65536, unmapCalls: 1 });
    for (const p of first.slice(0, 32)) raw.free(p);
    expect(raw.stats().regions).toBe(0);
    expect(pages.stats()).toMatchObject({ mappedBytes: 0, mapCalls: 2, unmapCalls: 2 });
  });

  it("keeps retainEmptyRegions empty regions mapped, reuses them, and releases them on trim()", () => {
    const { raw, pages } = setup(Impl, {
      regionSize: 1 << 16,
      largeThreshold: 1 << 12,
      retainEmptyRegions: 1,
    });
    for (let i = 0; i < 100; i++) raw.free(raw.malloc(64));
    expect(pages.stats()).toMatchObject({ mapCalls: 1, unmapCalls: 0, mappedBytes: 65536 });
    expect(raw.stats().emptyRegions).toBe(1);
    const p = raw.malloc(64);
    expect(raw.stats().emptyRegions).toBe(0);
    expect(raw.trim()).toBe(0);
    raw.free(p);
    raw.check();
    expect(raw.trim()).toBe(65536);
    expect(pages.stats().mappedBytes).toBe(0);
    raw.check();
  });

  it("emits allocate and free events with its domain name only while someone listens", () => {
    const hooks = new MemoryHooks();
    const pages = new HeapPageProvider({ heap: new ArrayBufferHeap() });
    const raw = new Impl({ pages, hooks });
    raw.free(raw.malloc(1));
    const events: string[] = [];
    const offA = hooks.on("allocate", (domain, address, size) =>
      events.push(`+${domain} ${address} ${size}`),
    );
    const offF = hooks.on("free", (domain, address, size) => events.push(`-${domain} ${address} ${size}`));
    const p = raw.malloc(20);
    const q = raw.realloc(p, 30);
    const c = raw.calloc(2, 3);
    const usableQ = raw.usableSize(q);
    raw.free(q);
    raw.free(c);
    offA();
    offF();
    raw.free(raw.malloc(5));
    const n = raw.name;
    expect(q).toBe(p); // grew in place
    expect(usableQ).toBe(44);
    expect(events).toEqual([
      `+${n} ${p} 20`,
      `-${n} ${p} 28`,
      `+${n} ${q} 30`,
      `+${n} ${c} 6`,
      `-${n} ${q} ${usableQ}`,
      `-${n} ${c} 12`,
    ]);
  });
});
