import { describe, expect, it } from "vitest";
import {
  ArrayBufferHeap,
  ConfigurationError,
  DEFAULT_INITIAL_HEAP_BYTES,
  DEFAULT_MAX_HEAP_BYTES,
  MAX_HEAP_BYTES,
  MemoryError,
  resolveHeapSizes,
  SizeError,
  WASM_PAGE_BYTES,
  WasmMemoryHeap,
} from "../src/index";

describe("resolveHeapSizes", () => {
  it("fills in 1 MiB initial and 1 GiB maximum, rounding the initial size up and the maximum down", () => {
    expect(resolveHeapSizes({}, 8)).toEqual({
      initial: DEFAULT_INITIAL_HEAP_BYTES,
      max: DEFAULT_MAX_HEAP_BYTES,
    });
    expect(resolveHeapSizes({ initialByteLength: 13, maxByteLength: 1001 }, 8)).toEqual({
      initial: 16,
      max: 1000,
    });
    expect(
      resolveHeapSizes({ initialByteLength: 0, maxByteLength: 3 * WASM_PAGE_BYTES + 5 }, WASM_PAGE_BYTES),
    ).toEqual({ initial: WASM_PAGE_BYTES, max: 3 * WASM_PAGE_BYTES });
    // A maximum below the default initial size caps the initial size.
    expect(resolveHeapSizes({ maxByteLength: 4096 }, 8)).toEqual({ initial: 4096, max: 4096 });
  });

  it("rejects a maximum beyond 4 GiB and an initial size beyond the maximum, naming the option", () => {
    expect(() => resolveHeapSizes({ maxByteLength: MAX_HEAP_BYTES + 8 }, 8)).toThrow(/maxByteLength/);
    expect(() => resolveHeapSizes({ maxByteLength: -1 }, 8)).toThrow(SizeError);
    expect(() => resolveHeapSizes({ initialByteLength: 2048, maxByteLength: 1024 }, 8)).toThrow(
      /invalid initialByteLength 2048: expected an integer from 0 to 1024/,
    );
    expect(() => resolveHeapSizes({ initialByteLength: 1.5 }, 8)).toThrow(SizeError);
  });
});

describe("BaseHeap growth policy", () => {
  it("at least doubles, rounds to the granule and stops at the maximum", () => {
    const heap = new ArrayBufferHeap({ initialByteLength: 4096, maxByteLength: 20_000 });
    heap.grow(4097);
    expect(heap.byteLength).toBe(8192);
    heap.grow(12_001);
    expect(heap.byteLength).toBe(16_384);
    heap.grow(16_385);
    expect(heap.byteLength).toBe(20_000);
    expect(() => heap.grow(20_001)).toThrow(MemoryError);
    expect(heap.byteLength).toBe(20_000);
  });

  it("the MemoryError past the maximum names the size asked for and the maximum", () => {
    const heap = new ArrayBufferHeap({ initialByteLength: 1024, maxByteLength: 4096 });
    expect(() => heap.grow(5000)).toThrow(/growing the heap to 5000 bytes exceeds its maximum of 4096/);
  });

  it("calls grow listeners once per growth with the old size, until they unsubscribe", () => {
    const heap = new ArrayBufferHeap({ initialByteLength: 1024, maxByteLength: 1 << 20 });
    const seen: number[] = [];
    const off = heap.onGrow((h, old) => seen.push(old, h.byteLength));
    heap.grow(100); // no growth: no call
    heap.grow(2000);
    off();
    off(); // a second unsubscribe is harmless
    heap.grow(10_000);
    expect(seen).toEqual([1024, 2048]);
  });

  it("raises MemoryError and keeps everything when the platform refuses to grow", () => {
    // A memory whose own maximum (2 pages) is below the heap's: growing to 3 pages fails.
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    const heap = new WasmMemoryHeap({ memory, maxByteLength: 8 * WASM_PAGE_BYTES });
    heap.u8[7] = 42;
    let grown = 0;
    heap.onGrow(() => grown++);
    expect(() => heap.grow(3 * WASM_PAGE_BYTES)).toThrow(MemoryError);
    expect(() => heap.grow(3 * WASM_PAGE_BYTES)).toThrow(
      /refused to grow the heap from 65536 to 196608 bytes/,
    );
    expect(heap.byteLength).toBe(WASM_PAGE_BYTES);
    expect(heap.u8[7]).toBe(42);
    expect(grown).toBe(0);
    heap.grow(2 * WASM_PAGE_BYTES);
    expect(heap.byteLength).toBe(2 * WASM_PAGE_BYTES);
    expect(heap.u8[7]).toBe(42);
    expect(grown).toBe(1);
  });

  it("settles for the exact size when the platform refuses the doubled one", () => {
    const memory = new WebAssembly.Memory({ initial: 2, maximum: 3 });
    const heap = new WasmMemoryHeap({ memory, maxByteLength: 8 * WASM_PAGE_BYTES });
    heap.grow(3 * WASM_PAGE_BYTES); // doubling would ask for 4 pages
    expect(heap.byteLength).toBe(3 * WASM_PAGE_BYTES);
    expect(heap.u32.length).toBe((3 * WASM_PAGE_BYTES) / 4);
  });

  it("rejects a given WebAssembly.Memory larger than the maximum", () => {
    const memory = new WebAssembly.Memory({ initial: 4, maximum: 8 });
    expect(() => new WasmMemoryHeap({ memory, maxByteLength: 2 * WASM_PAGE_BYTES })).toThrow(
      ConfigurationError,
    );
  });
});
