import {
  type Address,
  type Allocator,
  type AllocatorStats,
  ArrayBufferHeap,
  alignUp,
  ConfigurationError,
  DoubleFreeError,
  emptyCallCounts,
  type Heap,
  HeapCorruptionError,
  InvalidPointerError,
  MemoryError,
  MemoryHooks,
  SizeError,
  validateSize,
} from "@pymem/core";
import { FirstFitAllocator, HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveDebugConfig } from "../src/debug-config";
import { DebugAllocator } from "../src/debug-hooks";
import {
  PYMEM_API_MEM,
  PYMEM_API_OBJ,
  PYMEM_API_RAW,
  PYMEM_CLEANBYTE,
  PYMEM_DEADBYTE,
  PYMEM_FORBIDDENBYTE,
  readBigEndianWord,
  writeBigEndianWord,
} from "../src/debug-layout";
import { DebugSerialCounter } from "../src/debug-serial";
import { PymallocAllocator } from "../src/pymalloc-allocator";

/**
 * A small allocator for these tests: 16-byte aligned blocks carved from a bump pointer and
 * reused from per-capacity LIFO lists. Like pymalloc, it writes a free-list link into the
 * first bytes of a freed block. Liveness is tracked in a Map (test code only).
 */
class ScratchAllocator implements Allocator {
  readonly name = "scratch";
  readonly alignment = 16;
  readonly heap: Heap;
  /** Sizes passed to malloc/calloc/realloc, in call order. */
  readonly requests: number[] = [];
  private top = 4096;
  private readonly live = new Map<Address, number>();
  private readonly freeLists = new Map<number, Address[]>();
  private readonly calls = emptyCallCounts();

  constructor(heap: Heap) {
    this.heap = heap;
  }

  malloc(size: number): Address {
    validateSize(size, 2 ** 32, "size");
    this.requests.push(size);
    const capacity = alignUp(Math.max(size, 16), 16);
    const list = this.freeLists.get(capacity);
    let block = list?.pop();
    if (block === undefined) {
      if (this.top + capacity > this.heap.byteLength) this.heap.grow(this.top + capacity);
      block = this.top;
      this.top += capacity;
    }
    this.live.set(block, capacity);
    this.calls.malloc++;
    return block;
  }

  calloc(count: number, size: number): Address {
    const block = this.malloc(count * size);
    this.heap.u8.fill(0, block, block + count * size);
    return block;
  }

  realloc(address: Address, size: number): Address {
    if (address === 0) return this.malloc(size);
    const capacity = this.usableSize(address);
    this.requests.push(size);
    if (size <= capacity) return address;
    const block = this.malloc(size);
    this.heap.u8.copyWithin(block, address, address + capacity);
    this.free(address);
    return block;
  }

  free(address: Address): void {
    if (address === 0) return;
    const capacity = this.usableSize(address);
    this.live.delete(address);
    let list = this.freeLists.get(capacity);
    if (list === undefined) {
      list = [];
      this.freeLists.set(capacity, list);
    }
    this.heap.u32[address >>> 2] = list.length === 0 ? 0 : list[list.length - 1]!;
    list.push(address);
    this.calls.free++;
  }

  usableSize(address: Address): number {
    const capacity = this.live.get(address);
    if (capacity !== undefined) return capacity;
    if (this.owns(address) && address % 16 === 0) throw new DoubleFreeError(address);
    throw new InvalidPointerError(address, "a block of the scratch allocator");
  }

  owns(address: Address): boolean {
    return address >= 4096 && address < this.top;
  }

  stats(): AllocatorStats {
    let bytes = 0;
    for (const c of this.live.values()) bytes += c;
    return {
      name: this.name,
      blocksInUse: this.live.size,
      bytesInUse: bytes,
      peakBytesInUse: bytes,
      bytesFree: 0,
      bytesReserved: this.top,
      fragmentation: 0,
      calls: { ...this.calls },
    };
  }
}

interface Fixture {
  heap: Heap;
  inner: Allocator;
}

const INNER: [string, (maxByteLength?: number) => Fixture][] = [
  [
    "scratch",
    (maxByteLength = 1 << 26) => {
      const heap = new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength });
      return { heap, inner: new ScratchAllocator(heap) };
    },
  ],
  [
    "tlsf",
    (maxByteLength = 1 << 26) => {
      const heap = new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength });
      return { heap, inner: new TlsfAllocator({ pages: new HeapPageProvider({ heap }) }) };
    },
  ],
  [
    "first-fit",
    (maxByteLength = 1 << 26) => {
      const heap = new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength });
      return { heap, inner: new FirstFitAllocator({ pages: new HeapPageProvider({ heap }) }) };
    },
  ],
  [
    "pymalloc (cpython311, raw = tlsf)",
    (maxByteLength = 1 << 26) => {
      const heap = new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength });
      const pages = new HeapPageProvider({ heap });
      return { heap, inner: new PymallocAllocator({ pages, raw: new TlsfAllocator({ pages }) }) };
    },
  ],
  [
    "pymalloc (classic, raw = first-fit)",
    (maxByteLength = 1 << 26) => {
      const heap = new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength });
      const pages = new HeapPageProvider({ heap });
      return {
        heap,
        inner: new PymallocAllocator({ pages, raw: new FirstFitAllocator({ pages }), config: "classic" }),
      };
    },
  ],
];

/** Index of the first byte where the two buffers differ, or -1 when they are equal. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

/** Runs `fn`, expects it to throw `type`, and checks that no byte of the heap changed. */
function expectUnchanged<E extends Error>(
  heap: Heap,
  fn: () => unknown,
  type: new (...args: never[]) => E,
): E {
  const before = heap.u8.slice();
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(type);
  expect(firstDifference(before, heap.u8)).toBe(-1);
  return caught as E;
}

function corruption(heap: Heap, fn: () => unknown): HeapCorruptionError {
  return expectUnchanged(heap, fn, HeapCorruptionError);
}

/**
 * Cheaper variant for long random runs: expects a HeapCorruptionError and checks that the
 * bytes from 64 before to 64 after the block (and the heap's length) did not change.
 */
function corruptionNear(heap: Heap, p: Address, size: number, fn: () => unknown): HeapCorruptionError | null {
  const from = Math.max(0, p - 64);
  const to = Math.min(heap.byteLength, p + size + 64);
  const before = heap.u8.slice(from, to);
  const length = heap.byteLength;
  try {
    fn();
  } catch (error) {
    if (!(error instanceof HeapCorruptionError) || heap.byteLength !== length) return null;
    if (firstDifference(before, heap.u8.subarray(from, to)) !== -1) return null;
    return error;
  }
  return null;
}

function fillPattern(u8: Uint8Array, p: Address, n: number, seed: number): void {
  for (let i = 0; i < n; i++) u8[p + i] = (seed + i * 7) & 0xff;
}

function patternAt(seed: number, i: number): number {
  return (seed + i * 7) & 0xff;
}

describe("debug-config", () => {
  it("resolves CPython's 64-bit layout by default: 2*SST header, 2*SST trailer", () => {
    const c = resolveDebugConfig({ api: "o" });
    expect(c.wordBytes).toBe(8);
    expect(c.headerBytes).toBe(16);
    expect(c.trailerBytes).toBe(16);
    expect(c.extraBytes).toBe(32);
    expect(c.apiId).toBe(0x6f);
  });

  it("gives the default CPython build's 3*SST without serial numbers and 4-byte words on request", () => {
    expect(resolveDebugConfig({ api: "r", serialNumbers: false }).extraBytes).toBe(24);
    const c32 = resolveDebugConfig({ api: "m", wordBytes: 4 });
    expect([c32.headerBytes, c32.trailerBytes, c32.apiId]).toEqual([8, 8, 0x6d]);
  });

  it("rejects unknown API ids, word sizes and counters with ConfigurationError", () => {
    expect(() => resolveDebugConfig({ api: "x" as "o" })).toThrow(ConfigurationError);
    expect(() => resolveDebugConfig(undefined as unknown as { api: "o" })).toThrow(ConfigurationError);
    expect(() => resolveDebugConfig({ api: "o", wordBytes: 6 as 8 })).toThrow(/wordBytes/);
    expect(() => resolveDebugConfig({ api: "o", serialNumbers: 1 as unknown as boolean })).toThrow(
      ConfigurationError,
    );
    expect(() => resolveDebugConfig({ api: "o", serialCounter: { value: 0 } as DebugSerialCounter })).toThrow(
      /serialCounter/,
    );
  });

  it("uses the CPython byte values 0xCD, 0xDD, 0xFD and API ids 'r', 'm', 'o'", () => {
    expect([PYMEM_CLEANBYTE, PYMEM_DEADBYTE, PYMEM_FORBIDDENBYTE]).toEqual([0xcd, 0xdd, 0xfd]);
    expect(String.fromCharCode(PYMEM_API_RAW, PYMEM_API_MEM, PYMEM_API_OBJ)).toBe("rmo");
  });

  it("reads and writes big-endian words of 8 and 4 bytes", () => {
    const u8 = new Uint8Array(16);
    writeBigEndianWord(u8, 0, 8, 0x1_0203_0405);
    expect([...u8.subarray(0, 8)]).toEqual([0, 0, 0, 1, 2, 3, 4, 5]);
    expect(readBigEndianWord(u8, 0, 8)).toBe(0x1_0203_0405);
    writeBigEndianWord(u8, 8, 4, 2 ** 32 + 7);
    expect(readBigEndianWord(u8, 8, 4)).toBe(7);
  });
});

describe.each(INNER)("DebugAllocator over %s", (_name, make) => {
  it("lays a block out as CPython: size, API id, 7 forbidden bytes, clean data, 8 forbidden bytes, serial", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o" });
    const p = dbg.malloc(10);
    const u8 = heap.u8;
    expect([...u8.subarray(p - 16, p - 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 10]);
    expect(u8[p - 8]).toBe(0x6f);
    expect([...u8.subarray(p - 7, p)]).toEqual(Array(7).fill(0xfd));
    expect([...u8.subarray(p, p + 10)]).toEqual(Array(10).fill(0xcd));
    expect([...u8.subarray(p + 10, p + 18)]).toEqual(Array(8).fill(0xfd));
    expect(readBigEndianWord(u8, p + 18, 8)).toBe(1);
    expect(p % dbg.alignment).toBe(0);
    expect(dbg.usableSize(p)).toBe(10);
    expect(inner.usableSize(p - 16)).toBeGreaterThanOrEqual(10 + 32);
    const q = dbg.malloc(3);
    expect(readBigEndianWord(heap.u8, q + 3 + 8, 8)).toBe(2);
  });

  it("zero-fills calloc data and still pads it", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "m" });
    const dirty = dbg.malloc(64);
    dbg.free(dirty);
    const p = dbg.calloc(4, 12);
    expect([...heap.u8.subarray(p, p + 48)]).toEqual(Array(48).fill(0));
    expect(heap.u8[p - 8]).toBe(0x6d);
    expect([...heap.u8.subarray(p + 48, p + 56)]).toEqual(Array(8).fill(0xfd));
    expect(dbg.usableSize(p)).toBe(48);
    dbg.check(p);
  });

  it("returns distinct non-NULL addresses for malloc(0) and ignores free(0)", () => {
    const { inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o" });
    const a = dbg.malloc(0);
    const b = dbg.malloc(0);
    expect(a).not.toBe(0);
    expect(a).not.toBe(b);
    expect(dbg.usableSize(a)).toBe(0);
    dbg.free(0);
    dbg.free(a);
    dbg.free(b);
    expect(dbg.stats().blocksInUse).toBe(0);
  });

  it("fills a freed block, header and trailer included, with DEADBYTE before handing it back", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o", serialNumbers: false });
    const keep = dbg.malloc(40);
    const p = dbg.malloc(40);
    const after = dbg.malloc(40);
    fillPattern(heap.u8, p, 40, 3);
    dbg.free(p);
    // The wrapped allocator may reuse the first word of a free block for its own links.
    expect([...heap.u8.subarray(p - 8, p + 40 + 8)]).toEqual(Array(56).fill(0xdd));
    dbg.check(keep);
    dbg.check(after);
  });

  it("raises 'overflow' naming the address and serial when a byte past the end changed, leaving the heap as it was", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o" });
    dbg.malloc(8);
    const p = dbg.malloc(16);
    heap.u8[p + 16 + 3] = 0x78;
    const statsBefore = inner.stats();
    const err = corruption(heap, () => dbg.free(p));
    expect(err.kind).toBe("overflow");
    expect(err.address).toBe(p);
    expect(err.serial).toBe(2);
    expect(err.message).toContain(`0x${p.toString(16).padStart(8, "0")}`);
    expect(err.message).toContain("bad trailing pad byte at tail+3");
    expect(err.dump).toContain("at tail+3: 0x78 *** OUCH");
    expect(err.dump).toContain("The block was made by call #2 to debug malloc/realloc.");
    expect(inner.stats()).toEqual(statsBefore);
    expect(corruption(heap, () => dbg.check(p)).kind).toBe("overflow");
    expect(corruption(heap, () => dbg.realloc(p, 100)).kind).toBe("overflow");
    // Repairing the byte makes the block whole again.
    heap.u8[p + 16 + 3] = 0xfd;
    dbg.free(p);
    expect(dbg.stats().blocksInUse).toBe(1);
  });

  it("raises 'underflow' when a byte before the start changed", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "r" });
    const p = dbg.malloc(24);
    heap.u8[p - 1] = 0;
    const err = corruption(heap, () => dbg.free(p));
    expect(err.kind).toBe("underflow");
    expect(err.serial).toBe(1);
    expect(err.message).toContain("bad leading pad byte at p-1");
    expect(err.dump).toContain("at p-1: 0x00 *** OUCH");
    expect(err.dump).toContain("may be bogus");
    heap.u8[p - 1] = 0xfd;
    dbg.free(p);
  });

  it("raises 'double-free' on a second free and 'use-after-free' on realloc or check of a freed block", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o" });
    const live = dbg.malloc(32);
    const p = dbg.malloc(32);
    dbg.free(p);
    const err = corruption(heap, () => dbg.free(p));
    expect(err.kind).toBe("double-free");
    expect(err.address).toBe(p);
    expect(err.message).toContain("DEADBYTE");
    expect(err.dump).toContain("API '\\xdd'");
    expect(corruption(heap, () => dbg.realloc(p, 64)).kind).toBe("use-after-free");
    expect(corruption(heap, () => dbg.check(p)).kind).toBe("use-after-free");
    expect(corruption(heap, () => dbg.usableSize(p)).kind).toBe("use-after-free");
    expect(dbg.stats().blocksInUse).toBe(1);
    dbg.free(live);
  });

  it("raises 'wrong-api' when a block is freed through another domain", () => {
    const { heap, inner } = make();
    const mem = new DebugAllocator(inner, { api: "m" });
    const obj = new DebugAllocator(inner, { api: "o" });
    const p = mem.malloc(16);
    const err = corruption(heap, () => obj.free(p));
    expect(err.kind).toBe("wrong-api");
    expect(err.message).toContain("allocated using API 'm', verified using API 'o'");
    expect(err.serial).toBe(1);
    expect(corruption(heap, () => obj.realloc(p, 8)).kind).toBe("wrong-api");
    mem.free(p);
  });

  it("raises 'bad-header' for an API id that is no domain's or a size field larger than the block", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o" });
    const p = dbg.malloc(16);
    heap.u8[p - 8] = 0x41;
    expect(corruption(heap, () => dbg.free(p)).kind).toBe("bad-header");
    heap.u8[p - 8] = 0x6f;
    heap.u8[p - 12] = 0x7f; // requested size now ~2 GiB
    const err = corruption(heap, () => dbg.free(p));
    expect(err.kind).toBe("bad-header");
    expect(err.dump).toContain("beyond the heap's end");
    heap.u8[p - 12] = 0;
    heap.u8[p - 9] = 200; // requested size 200: more than the underlying block holds
    expect(corruption(heap, () => dbg.check(p)).kind).toBe("bad-header");
    heap.u8[p - 9] = 16;
    dbg.free(p);
  });

  it("rejects NULL, NaN, negative, misaligned and foreign addresses with InvalidPointerError", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o" });
    const p = dbg.malloc(16);
    for (const bad of [Number.NaN, -16, 8, p + 1, p + 8, heap.byteLength + 16, 2 ** 40]) {
      const err = expectUnchanged(heap, () => dbg.free(bad), InvalidPointerError);
      expect(err.message).toContain("expected the address of a live block");
    }
    expectUnchanged(heap, () => dbg.usableSize(0), InvalidPointerError);
    expectUnchanged(heap, () => dbg.check(32), InvalidPointerError);
    expect(dbg.owns(p)).toBe(true);
    expect(dbg.owns(0)).toBe(false);
    dbg.free(p);
  });

  it("rejects invalid sizes with SizeError and leaves the heap unchanged", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o" });
    const p = dbg.malloc(8);
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 32]) {
      expectUnchanged(heap, () => dbg.malloc(bad), SizeError);
      expectUnchanged(heap, () => dbg.realloc(p, bad), SizeError);
    }
    expectUnchanged(heap, () => dbg.calloc(2 ** 20, 2 ** 20), SizeError);
    expectUnchanged(heap, () => dbg.calloc(-1, 4), SizeError);
    expect(dbg.stats().serialNumber).toBe(1);
  });

  it("raises MemoryError from the wrapped allocator without using a serial number or changing the heap", () => {
    const { heap, inner } = make(1 << 23);
    const dbg = new DebugAllocator(inner, { api: "o" });
    const p = dbg.malloc(100);
    fillPattern(heap.u8, p, 100, 9);
    expectUnchanged(heap, () => dbg.malloc(1 << 24), MemoryError);
    // realloc erases the old block's ends while the wrapped allocator works, and restores them on failure.
    expectUnchanged(heap, () => dbg.realloc(p, 1 << 24), MemoryError);
    const big = dbg.malloc(300);
    fillPattern(heap.u8, big, 300, 1);
    expectUnchanged(heap, () => dbg.realloc(big, 1 << 24), MemoryError);
    dbg.check(p);
    dbg.check(big);
    expect(dbg.stats().serialNumber).toBe(2);
    expect(dbg.stats().calls.realloc).toBe(0);
  });

  it("keeps data across realloc, fills growth with CLEANBYTE and gives the block a new serial", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o" });
    let p = dbg.malloc(20);
    fillPattern(heap.u8, p, 20, 5);
    p = dbg.realloc(p, 1000);
    for (let i = 0; i < 20; i++) expect(heap.u8[p + i]).toBe(patternAt(5, i));
    expect([...heap.u8.subarray(p + 20, p + 1000)]).toEqual(Array(980).fill(0xcd));
    expect(readBigEndianWord(heap.u8, p + 1000 + 8, 8)).toBe(2);
    fillPattern(heap.u8, p, 1000, 11);
    const q = dbg.realloc(p, 5000);
    for (let i = 0; i < 1000; i++) if (heap.u8[q + i] !== patternAt(11, i)) expect.fail(`byte ${i} lost`);
    const r = dbg.realloc(q, 700);
    for (let i = 0; i < 700; i++) if (heap.u8[r + i] !== patternAt(11, i)) expect.fail(`byte ${i} lost`);
    expect(dbg.usableSize(r)).toBe(700);
    const s = dbg.realloc(r, 0);
    expect(dbg.usableSize(s)).toBe(0);
    dbg.check(s);
    expect(dbg.stats().bytesInUse).toBe(0);
    expect(dbg.stats().blocksInUse).toBe(1);
    const t = dbg.realloc(0, 12);
    expect(dbg.stats().calls).toMatchObject({ malloc: 1, realloc: 5 });
    dbg.free(t);
    dbg.free(s);
  });

  it("leaves a stale pointer to a moved block reading DEADBYTE (use-after-free on the old address)", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o" });
    const before = dbg.malloc(16);
    const p = dbg.malloc(16);
    const after = dbg.malloc(16); // no room to grow in place on either side
    const q = dbg.realloc(p, 4000);
    expect(q).not.toBe(p);
    dbg.check(before);
    dbg.check(after);
    expect(corruption(heap, () => dbg.check(p)).kind).toBe("use-after-free");
    expect(corruption(heap, () => dbg.free(p)).kind).toBe("double-free");
    dbg.free(q);
  });

  it("numbers blocks from one counter shared by the domains, as CPython's process-wide serialno", () => {
    const { heap, inner } = make();
    const serialCounter = new DebugSerialCounter();
    const raw = new DebugAllocator(inner, { api: "r", serialCounter });
    const mem = new DebugAllocator(inner, { api: "m", serialCounter });
    const obj = new DebugAllocator(inner, { api: "o", serialCounter });
    const a = raw.malloc(1);
    const b = mem.calloc(1, 1);
    const c = obj.malloc(1);
    expect([a, b, c].map((p) => readBigEndianWord(heap.u8, p + 1 + 8, 8))).toEqual([1, 2, 3]);
    expect(serialCounter.value).toBe(3);
    expect(obj.stats().serialNumber).toBe(3);
    expect(new DebugAllocator(inner, { api: "o" }).stats().serialNumber).toBe(0);
  });

  it("asks for 3*SST extra bytes and stores no serial when serial numbers are off", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o", serialNumbers: false });
    const p = dbg.malloc(8);
    expect(inner.usableSize(p - 16)).toBeGreaterThanOrEqual(8 + 24);
    if (inner instanceof ScratchAllocator) expect(inner.requests.at(-1)).toBe(8 + 24);
    heap.u8[p + 8] = 1;
    const err = corruption(heap, () => dbg.free(p));
    expect(err.kind).toBe("overflow");
    expect(err.serial).toBeUndefined();
    expect(err.dump).not.toContain("made by call");
    heap.u8[p + 8] = 0xfd;
    dbg.free(p);
  });

  it("supports the 32-bit layout: 8-byte header (4-byte size, id, 3 pads) and 8-byte trailer", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "r", wordBytes: 4 });
    expect(dbg.alignment).toBe(8);
    const p = dbg.malloc(5);
    expect([...heap.u8.subarray(p - 8, p)]).toEqual([0, 0, 0, 5, 0x72, 0xfd, 0xfd, 0xfd]);
    expect([...heap.u8.subarray(p + 5, p + 13)]).toEqual([0xfd, 0xfd, 0xfd, 0xfd, 0, 0, 0, 1]);
    heap.u8[p - 3] = 0;
    expect(corruption(heap, () => dbg.free(p)).kind).toBe("underflow");
    heap.u8[p - 3] = 0xfd;
    dbg.free(p);
  });

  it("dumps a block as _PyObject_DebugDumpAddress does, with a hex dump around it", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o" });
    const p = dbg.malloc(16);
    const text = dbg.dump(p);
    const addr = `0x${p.toString(16).padStart(8, "0")}`;
    expect(text).toContain(`Debug memory block at address p=${addr}: API 'o'`);
    expect(text).toContain("    16 bytes originally requested");
    expect(text).toContain("    The 7 pad bytes at p-7 are FORBIDDENBYTE, as expected.");
    expect(text).toContain("are FORBIDDENBYTE, as expected.");
    expect(text).toContain("    The block was made by call #1 to debug malloc/realloc.");
    expect(text).toContain(`    Data at p:${" cd".repeat(16)}\n`);
    expect(text).toMatch(/00 00 00 00 00 00 00 10 {2}6f fd fd fd fd fd fd fd/);
    const big = dbg.malloc(4000);
    heap.u8[big] = 0x01;
    const long = dbg.dump(big);
    expect(long).toContain("    Data at p: 01 cd cd cd cd cd cd cd ... cd cd cd cd cd cd cd cd\n");
    expect(long).toContain("    ...");
    expect(long.split("\n").length).toBeLessThan(30);
    expect(dbg.dump(0)).toBe("Debug memory block at address p=0x00000000:");
    expect(dbg.dump(heap.byteLength + 64)).toContain("outside the heap");
    expect(heap.u8[p]).toBe(0xcd);
  });

  it("reports its own blocks and requested bytes in stats and emits allocate/free events", () => {
    const { inner } = make();
    const hooks = new MemoryHooks();
    const seen: string[] = [];
    hooks.on("allocate", (domain, address, size) => seen.push(`+${domain}@${address}:${size}`));
    hooks.on("free", (domain, address, size) => seen.push(`-${domain}@${address}:${size}`));
    const dbg = new DebugAllocator(inner, { api: "o", name: "obj", hooks });
    const a = dbg.malloc(10);
    const b = dbg.calloc(2, 3);
    dbg.free(a);
    const s = dbg.stats();
    expect(s).toMatchObject({
      name: "obj",
      api: "o",
      blocksInUse: 1,
      bytesInUse: 6,
      peakBytesInUse: 16,
      serialNumber: 2,
      debugOverheadBytes: 32,
      calls: { malloc: 1, calloc: 1, realloc: 0, free: 1 },
    });
    expect(seen).toEqual([`+obj@${a}:10`, `+obj@${b}:6`, `-obj@${a}:10`]);
    expect(new DebugAllocator(inner, { api: "m" }).name).toBe(`debug(m:${inner.name})`);
  });

  it("follows the heap when the wrapped allocator grows it", () => {
    const { heap, inner } = make();
    const dbg = new DebugAllocator(inner, { api: "o" });
    const before = heap.byteLength;
    const blocks: Address[] = [];
    for (let i = 0; i < 64; i++) blocks.push(dbg.malloc(4096));
    expect(heap.byteLength).toBeGreaterThan(before);
    for (const p of blocks) dbg.check(p);
    for (const p of blocks) dbg.free(p);
  });

  it("keeps every live block intact and every corruption detected over 100,000 random operations", () => {
    type Step = [op: number, pick: number, size: number, where: number];
    const step = fc.tuple(
      fc.integer({ min: 0, max: 99 }),
      fc.nat(),
      fc.integer({ min: 0, max: 700 }),
      fc.integer({ min: 0, max: 15 }),
    );
    let executed = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 3000, size: "max" }), (steps: Step[]) => {
        executed += steps.length;
        const { heap, inner } = make();
        const serialCounter = new DebugSerialCounter();
        const mem = new DebugAllocator(inner, { api: "m", serialCounter });
        const obj = new DebugAllocator(inner, { api: "o", serialCounter });
        // Model: live caller address -> [domain 0 (mem) / 1 (obj), size, pattern seed].
        const live = new Map<Address, [number, number, number]>();
        const order: Address[] = [];
        let seed = 1;
        const dom = (d: number) => (d === 0 ? mem : obj);
        const forget = (p: Address) => {
          live.delete(p);
          const i = order.indexOf(p);
          order[i] = order[order.length - 1]!;
          order.pop();
        };
        const verifyBlock = (p: Address) => {
          const [d, size, s] = live.get(p)!;
          dom(d).check(p);
          const u8 = heap.u8;
          for (let i = 0; i < size; i++) if (u8[p + i] !== patternAt(s, i)) return false;
          return true;
        };
        for (let n = 0; n < steps.length; n++) {
          const [op, pick, size, where] = steps[n]!;
          const d = where & 1;
          if (op < 35 || order.length === 0) {
            const p = op % 5 === 0 ? dom(d).calloc(1 + (size % 7), size >> 3) : dom(d).malloc(size);
            const n2 = dom(d).usableSize(p);
            for (let i = 0; i < n2; i++) {
              const expected = op % 5 === 0 ? 0 : PYMEM_CLEANBYTE;
              if (heap.u8[p + i] !== expected) return false;
            }
            seed++;
            fillPattern(heap.u8, p, n2, seed);
            live.set(p, [d, n2, seed]);
            order.push(p);
            continue;
          }
          const p = order[pick % order.length]!;
          const [pd, psize, ps] = live.get(p)!;
          if (op < 65) {
            dom(pd).free(p);
            forget(p);
            if (op < 45) {
              if (corruptionNear(heap, p, psize, () => dom(pd).free(p))?.kind !== "double-free") return false;
            }
          } else if (op < 80) {
            const q = dom(pd).realloc(p, size);
            forget(p);
            const keep = Math.min(size, psize);
            for (let i = 0; i < keep; i++) if (heap.u8[q + i] !== patternAt(ps, i)) return false;
            for (let i = keep; i < size; i++) if (heap.u8[q + i] !== PYMEM_CLEANBYTE) return false;
            seed++;
            fillPattern(heap.u8, q, size, seed);
            live.set(q, [pd, size, seed]);
            order.push(q);
          } else if (op < 90) {
            // Write one byte outside the block, expect the matching error, then repair it.
            const under = where < 8;
            const at = under ? p - 1 - (where % 7) : p + psize + (where % 8);
            const old = heap.u8[at]!;
            heap.u8[at] = old ^ 0x5a;
            const err = corruptionNear(heap, p, psize, () => (op & 1 ? dom(pd).free(p) : dom(pd).check(p)));
            if (err?.kind !== (under ? "underflow" : "overflow") || err.address !== p) return false;
            heap.u8[at] = old;
          } else if (op < 95) {
            if (corruptionNear(heap, p, psize, () => dom(1 - pd).free(p))?.kind !== "wrong-api") return false;
          } else if (!verifyBlock(p)) {
            return false;
          }
          if (n % 500 === 0) for (const q of order) if (!verifyBlock(q)) return false;
          let bytes = 0;
          for (const [pd2, s2] of live.values()) if (pd2 === 0) bytes += s2;
          if (mem.stats().bytesInUse !== bytes) return false;
        }
        for (const q of order) if (!verifyBlock(q)) return false;
        const s = mem.stats();
        const o = obj.stats();
        return s.blocksInUse + o.blocksInUse === live.size && serialCounter.value === s.serialNumber;
      }),
      { numRuns: 80, seed: 20251125 },
    );
    expect(executed).toBeGreaterThanOrEqual(100_000);
  });
});
