import { ArrayBufferHeap, InvalidPointerError } from "@pymem/core";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { describe, expect, it } from "vitest";
import { TracingAllocator } from "../src/index";

function traced(): TracingAllocator {
  const pages = new HeapPageProvider({ heap: new ArrayBufferHeap() });
  return new TracingAllocator(new TlsfAllocator({ pages }));
}

describe("TracingAllocator", () => {
  it("records nothing until started", () => {
    const t = traced();
    t.malloc(100);
    expect(t.traceCount).toBe(0);
    expect(t.tracedBytes).toBe(0);
  });

  it("records size, type and tag of each live block, and forgets freed ones", () => {
    const t = traced();
    t.start();
    t.currentType = 7;
    t.currentTag = 2;
    const a = t.malloc(100);
    t.currentType = 3;
    t.currentTag = 0;
    const b = t.calloc(4, 8);
    expect(t.traceOf(a)).toEqual([100, 7, 2]);
    expect(t.traceOf(b)).toEqual([32, 3, 0]);
    expect(t.tracedBytes).toBe(132);
    t.free(a);
    expect(t.traceOf(a)).toBeUndefined();
    expect(t.tracedBytes).toBe(32);
    expect(t.peakTracedBytes).toBe(132);
  });

  it("moves a trace on realloc and updates its size", () => {
    const t = traced();
    t.start();
    const a = t.malloc(16);
    const b = t.realloc(a, 4000);
    expect(t.traceOf(b)?.[0]).toBe(4000);
    if (b !== a) expect(t.traceOf(a)).toBeUndefined();
    expect(t.tracedBytes).toBe(4000);
  });

  it("stop() forgets every trace; reset_peak lowers the peak to the current size", () => {
    const t = traced();
    t.start();
    const a = t.malloc(1000);
    t.free(a);
    t.malloc(10);
    expect(t.peakTracedBytes).toBe(1000);
    t.resetPeak();
    expect(t.peakTracedBytes).toBe(10);
    t.stop();
    expect(t.isTracing).toBe(false);
    expect(t.traceCount).toBe(0);
    expect(t.tracedBytes).toBe(0);
  });

  it("passes allocator errors through and traces nothing for them", () => {
    const t = traced();
    t.start();
    expect(() => t.malloc(-1)).toThrow(RangeError);
    expect(() => t.free(12345)).toThrow(InvalidPointerError);
    expect(t.traceCount).toBe(0);
    expect(() => t.traceOf(0)).toThrow(InvalidPointerError);
  });

  it("keeps thousands of traces in its slot arrays", () => {
    const t = traced();
    t.start();
    const blocks: number[] = [];
    for (let i = 0; i < 5000; i++) blocks.push(t.malloc(8 + (i % 50)));
    for (let i = 0; i < 5000; i += 2) t.free(blocks[i]!);
    let n = 0;
    let bytes = 0;
    t.forEachTrace((_a, size) => {
      n++;
      bytes += size;
    });
    expect(n).toBe(2500);
    expect(bytes).toBe(t.tracedBytes);
  });
});
