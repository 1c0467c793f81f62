import {
  DoubleFreeError,
  HeapCorruptionError,
  InvalidPointerError,
  MemoryError,
  SizeError,
} from "@pymem/core";
import { describe, expect, it } from "vitest";
import type { PymallocAllocator } from "../src/index";
import { setup, snapshot, unchanged } from "./helpers";

/** Runs `call`, expects it to throw `type`, and checks that neither the heap nor the figures changed. */
function rejectsCleanly(
  obj: PymallocAllocator,
  call: () => unknown,
  type: new (...args: never[]) => Error,
): Error {
  const bytes = snapshot(obj);
  const stats = JSON.stringify({ ...obj.stats(), calls: undefined });
  const mapped = obj.pages.stats();
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  expect(unchanged(obj, bytes)).toBe(true);
  expect(JSON.stringify({ ...obj.stats(), calls: undefined })).toBe(stats);
  expect(obj.pages.stats()).toEqual(mapped);
  return error as Error;
}

describe("checked mode: invalid calls raise typed errors and change nothing", () => {
  it("detects a double free of a pool block", () => {
    const { obj } = setup();
    const p = obj.malloc(40);
    obj.malloc(40);
    obj.free(p);
    const e = rejectsCleanly(obj, () => obj.free(p), DoubleFreeError) as DoubleFreeError;
    expect(e.address).toBe(p);
    expect(e.message).toContain("48-byte pymalloc block");
  });

  it("detects a double free that empties nothing even after the pool went back to its arena", () => {
    const { obj } = setup();
    const keep = obj.malloc(100);
    const p = obj.malloc(40);
    obj.free(p); // its pool is now on the arena's freepools list
    rejectsCleanly(obj, () => obj.free(p), DoubleFreeError);
    expect(obj.usableSize(keep)).toBe(112);
  });

  it("rejects interior pointers, naming the block they point into", () => {
    const { obj } = setup();
    const p = obj.malloc(100);
    const e = rejectsCleanly(obj, () => obj.free(p + 16), InvalidPointerError) as InvalidPointerError;
    expect(e.address).toBe(p + 16);
    expect(e.message).toContain("16 bytes into the 112-byte block");
    rejectsCleanly(obj, () => obj.realloc(p + 8, 10), InvalidPointerError);
    rejectsCleanly(obj, () => obj.usableSize(p + 1), InvalidPointerError);
  });

  it("rejects pointers into a pool header, an uncarved block and an unused pool", () => {
    const { obj } = setup();
    const p = obj.malloc(32);
    const pool = p - 48;
    expect(rejectsCleanly(obj, () => obj.free(pool), InvalidPointerError).message).toContain("pool header");
    expect(rejectsCleanly(obj, () => obj.free(p + 32 * 10), InvalidPointerError).message).toContain(
      "never was",
    );
    expect(rejectsCleanly(obj, () => obj.free(pool + 16384 * 5 + 48), InvalidPointerError).message).toContain(
      "never used",
    );
  });

  it("rejects addresses that are not heap addresses, and foreign ones through the raw allocator", () => {
    const { obj } = setup();
    obj.malloc(16);
    for (const bad of [-16, 1.5, Number.NaN, 2 ** 32 + 16])
      rejectsCleanly(obj, () => obj.free(bad), InvalidPointerError);
    rejectsCleanly(obj, () => obj.free(0x30), InvalidPointerError); // in the NULL page: raw's to reject
    const big = obj.malloc(1000);
    rejectsCleanly(obj, () => obj.free(big + 8), InvalidPointerError);
  });

  it("rejects bad sizes with SizeError", () => {
    const { obj } = setup();
    const p = obj.malloc(16);
    for (const bad of [-1, Number.NaN, 1.5, 2 ** 33]) {
      rejectsCleanly(obj, () => obj.malloc(bad), SizeError);
      rejectsCleanly(obj, () => obj.realloc(p, bad), SizeError);
    }
    rejectsCleanly(obj, () => obj.calloc(-1, 4), SizeError);
    rejectsCleanly(obj, () => obj.calloc(2 ** 20, 2 ** 20), SizeError);
  });

  it("detects a write to a freed block's link word when the block would be handed out", () => {
    const { obj, heap } = setup();
    const [a, b] = [obj.malloc(64), obj.malloc(64)];
    obj.free(a);
    obj.free(b); // free list: b -> a -> (carved tail)
    heap.u32[b >>> 2] = 0x12345670; // use after free
    const e = rejectsCleanly(obj, () => obj.malloc(64), HeapCorruptionError) as HeapCorruptionError;
    expect(e.kind).toBe("use-after-free");
    expect(e.address).toBe(b);
    heap.u32[b >>> 2] = a; // repaired
    expect(obj.malloc(64)).toBe(b);
  });

  it("refuses to hand out a block a corrupted free list leads back to while it is live", () => {
    const { obj, heap } = setup();
    const [a, b] = [obj.malloc(64), obj.malloc(64)];
    obj.free(a);
    heap.u32[a >>> 2] = b; // a's link now points at the live block b
    expect(obj.malloc(64)).toBe(a);
    const e = rejectsCleanly(obj, () => obj.malloc(64), HeapCorruptionError) as HeapCorruptionError;
    expect(e.address).toBe(b);
    expect(e.message).toContain("which is live");
  });

  it("checks the free list of an empty pool before resuming it for its old class", () => {
    const { obj, heap } = setup();
    const keep = obj.malloc(16);
    const [a, b] = [obj.malloc(64), obj.malloc(64)];
    obj.free(a);
    obj.free(b); // the 64-byte pool is empty, cached by its arena with its free list b -> a
    heap.u32[b >>> 2] = keep; // points into another pool
    expect((rejectsCleanly(obj, () => obj.malloc(64), HeapCorruptionError) as HeapCorruptionError).kind).toBe(
      "use-after-free",
    );
    heap.u32[b >>> 2] = a;
    expect(obj.malloc(64)).toBe(b);
  });

  it("raises MemoryError when no arena can be mapped, leaving everything as it was", () => {
    const { obj } = setup("cpython311", { initialByteLength: 1 << 16, maxByteLength: 3 << 20 });
    const blocks: number[] = [];
    let error: unknown;
    try {
      for (;;) blocks.push(obj.malloc(500));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MemoryError);
    expect((error as MemoryError).requested).toBe(500);
    expect((error as MemoryError).message).toContain("arena");
    const e = rejectsCleanly(obj, () => obj.malloc(500), MemoryError);
    expect(e.message).toContain("1048576-byte arena");
    // Emptying one pool makes room again without a new arena.
    for (const p of blocks.slice(0, 31)) obj.free(p);
    expect(obj.owns(obj.malloc(16))).toBe(true);
    expect(obj.stats().pymalloc.arenasAllocatedCurrent).toBe(2);
  });
});
