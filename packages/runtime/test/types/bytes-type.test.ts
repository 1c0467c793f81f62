import { describe, expect, it } from "vitest";
import { createRuntime } from "../../src/index";

describe("bytes", () => {
  const rt = createRuntime();

  it("is 33 + len bytes and NUL-terminated in the heap", () => {
    expect(rt.sys.getsizeof(new Uint8Array(0))).toBe(33);
    using b = rt.bytes([104, 105]);
    expect(rt.sys.getsizeof(b)).toBe(35);
    const u8 = rt.core.space.heap.u8;
    const data = b.address + rt.core.bytesType.dataOffset;
    expect([...u8.subarray(data, data + 3)]).toEqual([104, 105, 0]);
  });

  it("copies its data, compares and hashes by content", () => {
    const src = new Uint8Array([1, 2, 3]);
    using b = rt.bytes(src);
    src[0] = 9;
    expect([...b.value]).toEqual([1, 2, 3]);
    expect(b.equals(new Uint8Array([1, 2, 3]))).toBe(true);
    expect(b.hash()).toBe(rt.bytes([1, 2, 3]).hash());
    expect(rt.bytes([104, 105, 39, 0]).repr()).toBe("b'hi\\'\\x00'");
  });

  it("shares one immortal empty bytes object", () => {
    expect(rt.bytes([]).is(rt.bytes(new Uint8Array(0)))).toBe(true);
  });
});
