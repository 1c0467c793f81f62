import { describe, expect, it } from "vitest";
import { ArrayBufferHeap, LAYOUT_64, LAYOUT_COMPACT, ObjectHeaders, objectLayout } from "../src/index";

describe("object layouts", () => {
  it("64-bit layout uses CPython's 64-bit sizes", () => {
    expect(LAYOUT_64.headerSize).toBe(16);
    expect(LAYOUT_64.varHeaderSize).toBe(24);
    expect(LAYOUT_64.gcHeaderSize).toBe(16);
    expect(objectLayout("64-bit")).toBe(LAYOUT_64);
  });
  it("compact layout uses 4-byte words", () => {
    expect(LAYOUT_COMPACT.headerSize).toBe(8);
    expect(LAYOUT_COMPACT.gcHeaderSize).toBe(8);
    expect(objectLayout("compact")).toBe(LAYOUT_COMPACT);
  });
});

describe.each([LAYOUT_64, LAYOUT_COMPACT])("ObjectHeaders ($name)", (layout) => {
  it("initialises and reads header words at the layout's offsets", () => {
    const heap = new ArrayBufferHeap({ initialByteLength: 4096 });
    heap.u8.fill(0xff);
    const h = new ObjectHeaders(heap, layout);
    h.init(64, 5, 3);
    expect(h.refcount(64)).toBe(1);
    expect(h.typeId(64)).toBe(5);
    expect(h.size(64)).toBe(3);
    expect(heap.u32[(64 + layout.typeOffset) >>> 2]).toBe(5);
    if (layout.wordSize === 8) {
      // high halves of 8-byte words are zero
      expect(heap.u32[(64 + 4) >>> 2]).toBe(0);
      expect(heap.u32[(64 + 12) >>> 2]).toBe(0);
      expect(heap.u32[(64 + 20) >>> 2]).toBe(0);
    }
    h.setRefcount(64, 9);
    h.setTypeId(64, 2);
    h.setSize(64, 0);
    expect([h.refcount(64), h.typeId(64), h.size(64)]).toEqual([9, 2, 0]);
    h.writeWord(128, 0x1234);
    expect(h.readWord(128)).toBe(0x1234);
  });
});
