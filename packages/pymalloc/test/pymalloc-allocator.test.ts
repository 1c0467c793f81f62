import { ArrayBufferHeap, ConfigurationError, InvalidPointerError, MemoryHooks } from "@pymem/core";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { describe, expect, it } from "vitest";
import {
  CLASSIC,
  DUMMY_SIZE_IDX,
  POOL_ARENAINDEX,
  POOL_COUNT,
  POOL_FREEBLOCK,
  POOL_MAXNEXTOFFSET,
  POOL_NEXTOFFSET,
  POOL_NEXTPOOL,
  POOL_PREVPOOL,
  POOL_SZIDX,
  PymallocAllocator,
} from "../src/index";
import { setup, snapshot, unchanged, word } from "./helpers";

const MIB = 1 << 20;
const POOL_311 = 16384;
const POOL_CLASSIC = 4096;

/** Head of the usedpools list of class `szidx`: a used pool list is empty iff head.nextpool == head. */
function usedHead(obj: PymallocAllocator, szidx: number): number {
  return obj.usedPools + 16 * szidx;
}

function firstUsedPool(obj: PymallocAllocator, szidx: number): number {
  return word(obj, usedHead(obj, szidx) + POOL_NEXTPOOL);
}

/** Allocates `n` blocks of `size` bytes. */
function fill(obj: PymallocAllocator, size: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(obj.malloc(size));
  return out;
}

describe("PymallocAllocator: first arena, pools and blocks", () => {
  it("maps an arena aligned to its size and hands out the first block after the pool header", () => {
    const { obj, pages } = setup();
    const before = pages.stats().mappedBytes;
    const p = obj.malloc(24);
    const arena = obj.arenaInfo(0).address;
    expect(arena % MIB).toBe(0);
    expect(pages.mappingSize(arena)).toBe(MIB);
    expect(pages.stats().mappedBytes - before).toBe(MIB);
    expect(p).toBe(arena + 48);
    // The pool header, in the heap's bytes, as CPython lays it out.
    expect(word(obj, arena + POOL_COUNT)).toBe(1);
    expect(word(obj, arena + POOL_FREEBLOCK)).toBe(arena + 48 + 32);
    expect(word(obj, arena + POOL_NEXTPOOL)).toBe(usedHead(obj, 1));
    expect(word(obj, arena + POOL_PREVPOOL)).toBe(usedHead(obj, 1));
    expect(word(obj, arena + POOL_ARENAINDEX)).toBe(0);
    expect(word(obj, arena + POOL_SZIDX)).toBe(1);
    expect(word(obj, arena + POOL_NEXTOFFSET)).toBe(48 + 2 * 32);
    expect(word(obj, arena + POOL_MAXNEXTOFFSET)).toBe(POOL_311 - 32);
    expect(firstUsedPool(obj, 1)).toBe(arena);
    expect(obj.arenaInfo(0)).toEqual({ address: arena, freePools: 63, totalPools: 64 });
  });

  it("serves a class's blocks from one pool in address order, carving lazily", () => {
    const { obj } = setup();
    const blocks = fill(obj, 17, 5);
    const arena = obj.arenaInfo(0).address;
    expect(blocks).toEqual([0, 1, 2, 3, 4].map((i) => arena + 48 + 32 * i));
    expect(word(obj, arena + POOL_NEXTOFFSET)).toBe(48 + 6 * 32);
    expect(word(obj, arena + POOL_COUNT)).toBe(5);
  });

  it("rounds requests up to their size class", () => {
    const { obj } = setup();
    expect([1, 16, 17, 100, 512].map((n) => obj.usableSize(obj.malloc(n)))).toEqual([16, 16, 32, 112, 512]);
    const classic = setup("classic").obj;
    expect([1, 8, 9, 100, 512].map((n) => classic.usableSize(classic.malloc(n)))).toEqual([
      8, 8, 16, 104, 512,
    ]);
    expect(classic.alignment).toBe(8);
    expect(obj.alignment).toBe(16);
  });

  it("gives each new class the next pool of the most used arena", () => {
    const { obj } = setup();
    const a = obj.malloc(16);
    const b = obj.malloc(32);
    const c = obj.malloc(48);
    const arena = obj.arenaInfo(0).address;
    expect([a, b, c]).toEqual([arena + 48, arena + POOL_311 + 48, arena + 2 * POOL_311 + 48]);
    expect(obj.arenaInfo(0).freePools).toBe(61);
  });
});

describe("PymallocAllocator: pool state transitions", () => {
  it("unlinks a full pool from usedpools and links it back at the front when a block is freed", () => {
    const { obj } = setup();
    const first = fill(obj, 512, 31); // 31 blocks of 512 fill a 16 KiB pool
    const pool0 = obj.arenaInfo(0).address;
    expect(word(obj, pool0 + POOL_COUNT)).toBe(31);
    expect(word(obj, pool0 + POOL_FREEBLOCK)).toBe(0);
    expect(firstUsedPool(obj, 31)).toBe(usedHead(obj, 31)); // list empty: the pool is full
    const next = obj.malloc(512);
    expect(next).toBe(pool0 + POOL_311 + 48); // a new pool
    obj.free(first[7]!);
    expect(firstUsedPool(obj, 31)).toBe(pool0); // full -> used, at the front
    expect(word(obj, pool0 + POOL_NEXTPOOL)).toBe(pool0 + POOL_311);
    expect(obj.malloc(512)).toBe(first[7]); // the next allocation reuses the freed block
  });

  it("moves an empty pool to its arena's freepools and reuses it for another class", () => {
    const { obj } = setup();
    const a = obj.malloc(16); // pool 0
    obj.malloc(32); // pool 1 keeps the arena busy
    const pool0 = obj.arenaInfo(0).address;
    expect(obj.arenaInfo(0).freePools).toBe(62);
    obj.free(a);
    expect(word(obj, pool0 + POOL_COUNT)).toBe(0);
    expect(firstUsedPool(obj, 0)).toBe(usedHead(obj, 0));
    expect(obj.arenaInfo(0).freePools).toBe(63);
    const big = obj.malloc(100); // class 6 takes the cached empty pool, not a virgin one
    expect(big).toBe(pool0 + 48);
    expect(word(obj, pool0 + POOL_SZIDX)).toBe(6);
    expect(word(obj, pool0 + POOL_NEXTOFFSET)).toBe(48 + 2 * 112);
    expect(obj.arenaInfo(0).freePools).toBe(62);
  });

  it("keeps an empty pool's free list when the same class takes it back", () => {
    const { obj } = setup();
    const [a, b, c] = fill(obj, 16, 3);
    obj.malloc(32);
    const pool0 = obj.arenaInfo(0).address;
    obj.free(a!);
    obj.free(b!);
    obj.free(c!);
    expect(word(obj, pool0 + POOL_FREEBLOCK)).toBe(c);
    expect(obj.malloc(16)).toBe(c); // the head of the old free list
    // a and b came from the pool's first two blocks, c and a fourth one (on the list) were carved lazily
    expect(word(obj, pool0 + POOL_NEXTOFFSET)).toBe(48 + 4 * 16); // unchanged: no re-carving
    expect(word(obj, pool0 + POOL_FREEBLOCK)).toBe(b);
  });

  it("marks freshly carved pools with DUMMY_SIZE_IDX only until they are used", () => {
    const { obj } = setup();
    obj.malloc(16);
    expect(word(obj, obj.arenaInfo(0).address + POOL_SZIDX)).not.toBe(DUMMY_SIZE_IDX);
    expect(DUMMY_SIZE_IDX).toBe(0xffff);
  });
});

describe("PymallocAllocator: arenas", () => {
  it("returns a wholly free arena to the page provider (classic: always)", () => {
    const { obj, pages } = setup("classic");
    const start = pages.stats().mappedBytes;
    const p = obj.malloc(40);
    expect(pages.stats().mappedBytes).toBe(start + 256 * 1024);
    obj.free(p);
    expect(pages.stats().mappedBytes).toBe(start);
    expect(obj.arenaInfo(0).address).toBe(0);
    const s = obj.stats().pymalloc;
    expect([s.arenasAllocatedTotal, s.arenasReclaimed, s.arenasAllocatedCurrent, s.arenasHighwater]).toEqual([
      1, 1, 0, 1,
    ]);
  });

  it("keeps the last wholly free arena in usable_arenas (cpython311, bpo-37257) until trim()", () => {
    const { obj, pages } = setup();
    const start = pages.stats().mappedBytes;
    const p = obj.malloc(40);
    obj.free(p);
    expect(pages.stats().mappedBytes).toBe(start + MIB);
    expect(obj.usableArenaOrder()).toEqual([0]);
    expect(obj.malloc(40)).toBe(p); // no new mapping for the next allocation
    expect(pages.stats().mapCalls).toBe(2); // the usedpools page and one arena
    obj.free(p);
    expect(obj.trim()).toBe(1);
    expect(pages.stats().mappedBytes).toBe(start);
    expect(obj.usableArenaOrder()).toEqual([]);
    expect(obj.lastArenaWithFreePools(64)).toBe(-1);
  });

  it("releases a wholly free arena that is not the last usable one even when retaining", () => {
    const { obj, pages } = setup();
    const start = pages.stats().mappedBytes;
    const a = fill(obj, 512, 31 * 64); // arena 0 full
    const b = obj.malloc(512); // arena 1
    expect(obj.usableArenaOrder()).toEqual([1]);
    for (const p of a) obj.free(p);
    // Arena 0 rejoined usable_arenas ahead of arena 1 (it never had more free pools) and was
    // released once wholly free, because arena 1 followed it.
    expect(obj.arenaInfo(0).address).toBe(0);
    expect(pages.stats().mappedBytes).toBe(start + MIB);
    obj.free(b);
    expect(obj.arenaInfo(1).freePools).toBe(64); // kept: last in the list
  });

  it("keeps usable_arenas sorted by free pools with nfp2lasta pointing at the last of each count", () => {
    const { obj } = setup("classic");
    const perPool = 7; // 512-byte blocks in a 4 KiB pool
    const poolsA: number[][] = [];
    const poolsB: number[][] = [];
    for (let i = 0; i < 64; i++) poolsA.push(fill(obj, 512, perPool));
    for (let i = 0; i < 64; i++) poolsB.push(fill(obj, 512, perPool));
    fill(obj, 512, 1); // arena 2 with one pool in use
    expect(obj.usableArenaOrder()).toEqual([2]);
    const freePool = (blocks: number[]) => {
      for (const p of blocks) obj.free(p);
    };
    for (let i = 0; i < 3; i++) freePool(poolsA[i]!);
    expect(obj.usableArenaOrder()).toEqual([0, 2]);
    freePool(poolsB[0]!); // B has 1 free pool: the new head
    expect(obj.usableArenaOrder()).toEqual([1, 0, 2]);
    expect(obj.lastArenaWithFreePools(1)).toBe(1);
    freePool(poolsB[1]!);
    freePool(poolsB[2]!);
    expect(obj.usableArenaOrder()).toEqual([1, 0, 2]); // B(3) A(3): B stays, it is not out of order
    expect(obj.lastArenaWithFreePools(3)).toBe(0);
    freePool(poolsB[3]!); // B(4) slides right past A(3)
    expect(obj.usableArenaOrder()).toEqual([0, 1, 2]);
    expect(obj.lastArenaWithFreePools(3)).toBe(0);
    expect(obj.lastArenaWithFreePools(4)).toBe(1);
    expect(obj.lastArenaWithFreePools(63)).toBe(2);
    expect(obj.lastArenaWithFreePools(1)).toBe(-1);
    // The next pool comes from the most used arena, A, whose first free pool is the last one freed.
    const p = obj.malloc(8);
    expect(p).toBe(obj.arenaInfo(0).address + 2 * POOL_CLASSIC + 48);
    expect(obj.arenaInfo(0).freePools).toBe(2);
    expect(obj.lastArenaWithFreePools(2)).toBe(0);
    expect(obj.lastArenaWithFreePools(3)).toBe(-1);
  });

  it("reuses arena-table slots and doubles the table past 16 arenas", () => {
    const { obj, pages } = setup("classic");
    const arenas: number[][] = [];
    for (let i = 0; i < 17; i++) arenas.push(fill(obj, 512, 7 * 64)); // 17 full arenas
    expect(obj.arenaInfo(16).address).not.toBe(0);
    expect(obj.stats().pymalloc.sideTableBytes).toBeGreaterThan(0);
    const slot3 = obj.arenaInfo(3).address;
    for (const p of arenas[3]!) obj.free(p);
    expect(obj.arenaInfo(3).address).toBe(0); // released: classic keeps none
    expect(pages.mappingSize(slot3)).toBe(0);
    obj.malloc(64); // needs a new arena: slot 3 is the first unused one
    expect(obj.arenaInfo(3).address).not.toBe(0);
    const s = obj.stats().pymalloc;
    expect([s.arenasAllocatedTotal, s.arenasReclaimed, s.arenasHighwater, s.arenasAllocatedCurrent]).toEqual([
      18, 1, 17, 17,
    ]);
    expect(() => obj.arenaInfo(32)).toThrow(RangeError);
  });
});

describe("PymallocAllocator: routing to the raw allocator", () => {
  it("sends 0-byte and larger-than-threshold requests to raw and frees them there", () => {
    const { obj, raw } = setup();
    const zero = obj.malloc(0);
    const big = obj.malloc(513);
    const small = obj.malloc(512);
    expect(zero).not.toBe(0);
    expect(obj.owns(zero)).toBe(false);
    expect(obj.owns(big)).toBe(false);
    expect(obj.owns(small)).toBe(true);
    expect(raw.owns(big)).toBe(true);
    expect(raw.stats().blocksInUse).toBe(2);
    expect(obj.stats().pymalloc.rawBlocks).toBe(2);
    expect(obj.allocatedBlocks()).toBe(3);
    obj.free(zero);
    obj.free(big);
    expect(raw.stats().blocksInUse).toBe(0);
    expect(obj.stats().blocksInUse).toBe(1);
  });

  it("serves calloc from pools when the product is small, zeroing the bytes", () => {
    const { obj, heap } = setup();
    const p = obj.malloc(64);
    heap.u8.fill(0xab, p, p + 64);
    obj.free(p);
    const q = obj.calloc(4, 16);
    expect(q).toBe(p);
    expect([...heap.u8.subarray(q, q + 64)].every((b) => b === 0)).toBe(true);
    const r = obj.calloc(100, 100);
    expect(obj.owns(r)).toBe(false);
    expect(obj.owns(obj.calloc(0, 8))).toBe(false);
    expect(obj.stats().calls.calloc).toBe(3);
  });
});

describe("PymallocAllocator: realloc", () => {
  function pattern(obj: PymallocAllocator, p: number, n: number, seed: number): void {
    for (let i = 0; i < n; i++) obj.heap.u8[p + i] = (seed + i * 7) & 0xff;
  }
  function hasPattern(obj: PymallocAllocator, p: number, n: number, seed: number): boolean {
    for (let i = 0; i < n; i++) if (obj.heap.u8[p + i] !== ((seed + i * 7) & 0xff)) return false;
    return true;
  }

  it("stays in place when the new size fits and shrinks by less than a quarter", () => {
    const { obj } = setup();
    const p = obj.malloc(100); // 112-byte block
    expect(obj.realloc(p, 112)).toBe(p);
    expect(obj.realloc(p, 85)).toBe(p); // 4 * 85 = 340 > 336
    expect(obj.stats().calls.realloc).toBe(2);
  });

  it("moves to a smaller class when shrinking by a quarter or more, keeping the bytes", () => {
    const { obj } = setup();
    const p = obj.malloc(512);
    pattern(obj, p, 512, 3);
    const q = obj.realloc(p, 100);
    expect(q).not.toBe(p);
    expect(obj.usableSize(q)).toBe(112);
    expect(hasPattern(obj, q, 100, 3)).toBe(true);
    expect(obj.stats().blocksInUse).toBe(1);
  });

  it("moves to a larger class when growing, copying the old block", () => {
    const { obj } = setup();
    const p = obj.malloc(30);
    pattern(obj, p, 32, 9);
    const q = obj.realloc(p, 300);
    expect(obj.usableSize(q)).toBe(304);
    expect(hasPattern(obj, q, 32, 9)).toBe(true);
  });

  it("moves a pool block to raw past the threshold and to 0 bytes", () => {
    const { obj, raw } = setup();
    const p = obj.malloc(200);
    pattern(obj, p, 200, 1);
    const q = obj.realloc(p, 5000);
    expect(obj.owns(q)).toBe(false);
    expect(raw.owns(q)).toBe(true);
    expect(hasPattern(obj, q, 200, 1)).toBe(true);
    const r = obj.malloc(64);
    const z = obj.realloc(r, 0);
    expect(obj.owns(z)).toBe(false);
    expect(obj.stats().pymalloc.rawBlocks).toBe(2);
    expect(obj.stats().pymalloc.allocatedBytes).toBe(0);
  });

  it("leaves raw blocks with raw even when they shrink below the threshold, as CPython does", () => {
    const { obj, raw } = setup();
    const p = obj.malloc(4000);
    pattern(obj, p, 4000, 5);
    const q = obj.realloc(p, 64);
    expect(obj.owns(q)).toBe(false);
    expect(raw.owns(q)).toBe(true);
    expect(hasPattern(obj, q, 64, 5)).toBe(true);
    const r = obj.realloc(q, 100_000);
    expect(hasPattern(obj, r, 64, 5)).toBe(true);
    expect(obj.stats().bytesInUse).toBe(raw.usableSize(r));
  });

  it.each([
    true,
    false,
  ])("with adoptRawBlocks (checked %s), moves a shrinking raw block into a pool", (checked) => {
    const { obj, raw } = setup("cpython311", { adoptRawBlocks: true, checked });
    const p = obj.malloc(4000);
    pattern(obj, p, 4000, 7);
    const before = raw.stats().bytesInUse;
    const q = obj.realloc(p, 100);
    expect(obj.owns(q)).toBe(true);
    expect(obj.usableSize(q)).toBe(112);
    expect(hasPattern(obj, q, 100, 7)).toBe(true);
    expect(raw.owns(p)).toBe(false);
    expect(raw.stats().bytesInUse).toBeLessThan(before);
    expect(obj.stats().bytesInUse).toBe(112);
    expect(obj.stats().pymalloc.rawBlocks).toBe(0);
    // A raw block that stays large is still resized by raw, and a small block grows into raw.
    const r = obj.realloc(q, 5000);
    expect(raw.owns(r)).toBe(true);
    expect(hasPattern(obj, r, 100, 7)).toBe(true);
    const s = obj.realloc(r, 9000);
    expect(raw.owns(s)).toBe(true);
    expect(hasPattern(obj, s, 100, 7)).toBe(true);
    obj.free(s);
    expect(obj.stats().bytesInUse).toBe(0);
  });

  it("with adoptRawBlocks, rejects a foreign pointer and changes nothing", () => {
    const { obj } = setup("cpython311", { adoptRawBlocks: true });
    const p = obj.malloc(4000);
    const before = snapshot(obj);
    expect(() => obj.realloc(p + 16, 64)).toThrow();
    expect(unchanged(obj, before)).toBe(true);
  });

  it("treats realloc(0, n) as malloc(n)", () => {
    const { obj } = setup();
    const p = obj.realloc(0, 40);
    expect(obj.owns(p)).toBe(true);
    expect(obj.usableSize(p)).toBe(48);
    expect(obj.stats().calls).toEqual({ malloc: 0, calloc: 0, realloc: 1, free: 0 });
  });
});

describe("PymallocAllocator: construction and events", () => {
  it("reports allocate and free events of the pymalloc domain", () => {
    const heap = new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength: 1 << 26 });
    const pages = new HeapPageProvider({ heap });
    const hooks = new MemoryHooks();
    const obj = new PymallocAllocator({ pages, raw: new TlsfAllocator({ pages }), hooks });
    const events: string[] = [];
    hooks.on("allocate", (d, a, n) => events.push(`${d} alloc ${a === 0 ? "null" : "ok"} ${n}`));
    hooks.on("free", (d, _a, n) => events.push(`${d} free ${n}`));
    const p = obj.malloc(20);
    const q = obj.realloc(p, 200);
    obj.free(q);
    expect(events).toEqual([
      "pymalloc alloc ok 20",
      "pymalloc free 32",
      "pymalloc alloc ok 200",
      "pymalloc free 208",
    ]);
  });

  it("rejects a raw allocator over another heap and arenas that are not whole pages", () => {
    const heap = new ArrayBufferHeap({ maxByteLength: 1 << 26 });
    const pages = new HeapPageProvider({ heap });
    const other = new HeapPageProvider({ heap: new ArrayBufferHeap({ maxByteLength: 1 << 26 }) });
    expect(() => new PymallocAllocator({ pages, raw: new TlsfAllocator({ pages: other }) })).toThrow(
      ConfigurationError,
    );
    const bigPages = new HeapPageProvider({ heap, pageSize: 1 << 19 });
    expect(
      () =>
        new PymallocAllocator({
          pages: bigPages,
          raw: new TlsfAllocator({ pages: bigPages }),
          config: CLASSIC,
        }),
    ).toThrow(ConfigurationError);
  });

  it("keeps working when mapping arenas grows (and replaces) the heap's buffer", () => {
    const { obj, heap } = setup("cpython311", { initialByteLength: 1 << 16 });
    const first = heap.buffer;
    const blocks = fill(obj, 256, 5000); // about 1.3 MiB: two arenas
    expect(heap.buffer).not.toBe(first);
    for (const p of blocks) heap.u8[p] = p & 0xff;
    for (const p of blocks) expect(heap.u8[p]).toBe(p & 0xff);
    for (const p of blocks) obj.free(p);
    expect(obj.stats().blocksInUse).toBe(0);
  });

  it("works unchecked, trusting its callers", () => {
    const { obj } = setup("classic", { checked: false });
    expect(obj.checked).toBe(false);
    const blocks = fill(obj, 24, 1000);
    expect(new Set(blocks).size).toBe(1000);
    for (const p of blocks) obj.free(p);
    expect(obj.stats().blocksInUse).toBe(0);
    expect(obj.stats().pymalloc.arenasAllocatedCurrent).toBe(0);
  });

  it("unchecked, still sends every address outside its arenas to raw, which frees or rejects it", () => {
    const { obj, raw } = setup("cpython311", { checked: false });
    const small = obj.malloc(24);
    const big = obj.malloc(1000);
    const empty = obj.malloc(0);
    expect(raw.usableSize(big)).toBeGreaterThanOrEqual(1000);
    for (const bad of [Number.NaN, -16, 1.5, 2 ** 32 + 16, 0x30, big + 8]) {
      const before = snapshot(obj);
      expect(() => obj.free(bad)).toThrow(InvalidPointerError);
      expect(unchanged(obj, before)).toBe(true);
    }
    obj.free(big);
    obj.free(empty);
    obj.free(0);
    expect(raw.stats().bytesReserved).toBe(0);
    expect(obj.stats().blocksInUse).toBe(1);
    obj.free(small);
    expect(obj.stats().blocksInUse).toBe(0);
  });
});
