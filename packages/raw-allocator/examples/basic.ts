// Run with: node --import tsx examples/basic.ts
import { ArrayBufferHeap, DoubleFreeError, formatAddress } from "@pymem/core";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";

const heap = new ArrayBufferHeap({ maxByteLength: 64 << 20 });
const pages = new HeapPageProvider({ heap }); // "the OS": 4 KiB pages, first page is NULL
const raw = new TlsfAllocator({ pages }); // PyMem_RawMalloc's domain

const p = raw.malloc(100);
console.log(formatAddress(p), raw.usableSize(p)); // 0x00001010 108
heap.u8.set([1, 2, 3], p);

const q = raw.realloc(p, 5000); // the rest of the region is free: grows in place
console.log(q === p, [...heap.u8.subarray(q, q + 3)]); // true [ 1, 2, 3 ]

const big = raw.calloc(1000, 1000); // >= 256 KiB: a mapping of its own, already zero
console.log(pages.mappingSize(big - 16)); // 1003520

raw.free(big);
raw.free(q);
try {
  raw.free(q);
} catch (e) {
  console.log(e instanceof DoubleFreeError, (e as Error).message);
  // true double free of 0x00001010: the block was already freed to the "tlsf" allocator
}
const { bytesInUse, calls } = raw.stats();
console.log(bytesInUse, calls, pages.stats().mappedBytes); // 0 { malloc: 1, calloc: 1, realloc: 1, free: 2 } 0
