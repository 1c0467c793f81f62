import { ArrayBufferHeap } from "@pymem/core";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { PymallocAllocator, type PymallocOptions } from "../src/index";

/** A heap, a page provider, a TLSF raw allocator and a pymalloc allocator over them. */
export function setup(
  config: PymallocOptions["config"] = "cpython311",
  options: {
    checked?: boolean;
    adoptRawBlocks?: boolean;
    initialByteLength?: number;
    maxByteLength?: number;
  } = {},
) {
  const heap = new ArrayBufferHeap({
    initialByteLength: options.initialByteLength ?? 1 << 16,
    maxByteLength: options.maxByteLength ?? 1 << 28,
  });
  const pages = new HeapPageProvider({ heap });
  const raw = new TlsfAllocator({ pages });
  const obj = new PymallocAllocator({
    pages,
    raw,
    config,
    checked: options.checked ?? true,
    adoptRawBlocks: options.adoptRawBlocks ?? false,
  });
  return { heap, pages, raw, obj };
}

/** Reads the 32-bit word at byte address `address` of the allocator's heap (current view). */
export function word(obj: PymallocAllocator, address: number): number {
  return obj.heap.u32[address >>> 2]!;
}

/** A byte-for-byte copy of the heap. */
export function snapshot(obj: PymallocAllocator): Uint8Array {
  return obj.heap.u8.slice();
}

/** Whether the heap holds exactly the bytes of `before`. */
export function unchanged(obj: PymallocAllocator, before: Uint8Array): boolean {
  const now = obj.heap.u8;
  return (
    now.length === before.length &&
    Buffer.compare(Buffer.from(now.buffer, now.byteOffset, now.length), before) === 0
  );
}
