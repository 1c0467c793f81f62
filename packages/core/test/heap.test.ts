import { describe, expect, it } from "vitest";
import {
  ArrayBufferHeap,
  type Heap,
  MemoryError,
  SharedArrayBufferHeap,
  SizeError,
  WASM_PAGE_BYTES,
  WasmMemoryHeap,
} from "../src/index";

const kinds: [string, (initial: number, max: number) => Heap][] = [
  ["array-buffer (copy)", (i, m) => new ArrayBufferHeap({ initialByteLength: i, maxByteLength: m })],
  [
    "array-buffer (resizable)",
    (i, m) => new ArrayBufferHeap({ initialByteLength: i, maxByteLength: m, growth: "resizable" }),
  ],
  ["shared-array-buffer", (i, m) => new SharedArrayBufferHeap({ initialByteLength: i, maxByteLength: m })],
  ["wasm-memory", (i, m) => new WasmMemoryHeap({ initialByteLength: i, maxByteLength: m })],
];

describe.each(kinds)("%s heap", (_name, make) => {
  it("starts at the initial size rounded to its granule, views cover it", () => {
    const heap = make(WASM_PAGE_BYTES, 16 * WASM_PAGE_BYTES);
    expect(heap.byteLength).toBe(WASM_PAGE_BYTES);
    expect(heap.u8.length).toBe(heap.byteLength);
    expect(heap.u32.length).toBe(heap.byteLength / 4);
    expect(heap.i32.length).toBe(heap.byteLength / 4);
    expect(heap.f64.length).toBe(heap.byteLength / 8);
    expect(heap.view.byteLength).toBe(heap.byteLength);
  });

  it("keeps contents and gives valid views after growth", () => {
    const heap = make(WASM_PAGE_BYTES, 16 * WASM_PAGE_BYTES);
    heap.u32[3] = 0xdeadbeef;
    heap.f64[5] = 1.5;
    let grownFrom = -1;
    heap.onGrow((_h, old) => {
      grownFrom = old;
    });
    heap.grow(3 * WASM_PAGE_BYTES);
    expect(grownFrom).toBe(WASM_PAGE_BYTES);
    expect(heap.byteLength).toBeGreaterThanOrEqual(3 * WASM_PAGE_BYTES);
    expect(heap.u32[3]).toBe(0xdeadbeef);
    expect(heap.f64[5]).toBe(1.5);
    expect(heap.view.getUint32(12, true)).toBe(0xdeadbeef);
    const last = heap.byteLength - 4;
    heap.u32[last >>> 2] = 42;
    expect(heap.u8[last]).toBe(42);
    expect(heap.i32.length).toBe(heap.byteLength / 4);
  });

  it("never grows past its maximum and stays unchanged when asked to", () => {
    const heap = make(WASM_PAGE_BYTES, 4 * WASM_PAGE_BYTES);
    heap.u8[100] = 7;
    expect(() => heap.grow(5 * WASM_PAGE_BYTES)).toThrow(MemoryError);
    expect(heap.byteLength).toBe(WASM_PAGE_BYTES);
    expect(heap.u8[100]).toBe(7);
    heap.grow(4 * WASM_PAGE_BYTES);
    expect(heap.byteLength).toBe(4 * WASM_PAGE_BYTES);
  });

  it("rejects invalid sizes", () => {
    const heap = make(WASM_PAGE_BYTES, 4 * WASM_PAGE_BYTES);
    expect(() => heap.grow(Number.NaN)).toThrow(SizeError);
    expect(() => heap.grow(-1)).toThrow(SizeError);
    expect(() => make(8 * WASM_PAGE_BYTES, 4 * WASM_PAGE_BYTES)).toThrow(SizeError);
  });

  it("growing to a smaller size is a no-op", () => {
    const heap = make(2 * WASM_PAGE_BYTES, 4 * WASM_PAGE_BYTES);
    heap.grow(WASM_PAGE_BYTES);
    expect(heap.byteLength).toBe(2 * WASM_PAGE_BYTES);
  });
});

describe("heap specifics", () => {
  it("a resizable heap keeps even captured views valid", () => {
    const heap = new ArrayBufferHeap({
      initialByteLength: 1024,
      maxByteLength: 1 << 20,
      growth: "resizable",
    });
    const captured = heap.u32;
    heap.grow(1 << 16);
    expect(captured.length).toBe(heap.byteLength / 4);
    captured[1000] = 5;
    expect(heap.u32[1000]).toBe(5);
    expect(heap.kind).toBe("resizable-array-buffer");
  });
  it("a shared heap exposes a SharedArrayBuffer", () => {
    const heap = new SharedArrayBufferHeap({ initialByteLength: 1024, maxByteLength: 1 << 20 });
    expect(heap.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
  it("a wasm heap follows growth done by WebAssembly code after refresh()", () => {
    const heap = new WasmMemoryHeap({
      initialByteLength: WASM_PAGE_BYTES,
      maxByteLength: 8 * WASM_PAGE_BYTES,
    });
    heap.u8[10] = 9;
    heap.memory.grow(1);
    heap.refresh();
    expect(heap.byteLength).toBe(2 * WASM_PAGE_BYTES);
    expect(heap.u8[10]).toBe(9);
  });
});
