/**
 * Address-ordered first fit: the classic free-list allocator (Knuth, TAOCP vol. 1 §2.5;
 * Kernighan & Ritchie's malloc), kept as the simple alternative to TLSF.
 *
 * All free blocks of all regions are on one doubly-linked list sorted by address. malloc
 * takes the lowest-addressed block that is large enough, splitting off the rest; free merges
 * the block with free physical neighbours through the boundary tags and files the result at
 * its place in address order. Lowest-address-first keeps live blocks packed at the bottom of
 * each region, which limits fragmentation; the price is O(free blocks) per search and insert.
 *
 * ```
 *  first --> [p1 48 B] <--> [p2 160 B] <--> [p3 16 B] <--> [p4 1 MiB - 640] --> 0
 *            ascending addresses: p1 < p2 < p3 < p4        (links at p+0 next, p+4 prev)
 * ```
 *
 * The list head lives in a field; block headers, links and boundary tags live in the heap
 * (see block.ts).
 *
 * @module
 */
import { type Address, HeapCorruptionError } from "@pymem/core";
import { HEADER_BYTES, SIZE_MASK } from "./block";
import { BoundaryTagAllocator } from "./boundary-tag-allocator";

/**
 * Raw allocator with one address-ordered free list (first fit, immediate coalescing).
 * @example
 * ```ts
 * import { ArrayBufferHeap } from "@pymem/core";
 * import { FirstFitAllocator, HeapPageProvider } from "@pymem/raw-allocator";
 *
 * const raw = new FirstFitAllocator({ pages: new HeapPageProvider({ heap: new ArrayBufferHeap() }) });
 * const a = raw.malloc(40);  // 0x00001010
 * const b = raw.malloc(40);  // 0x00001040
 * raw.free(a);
 * raw.malloc(20);            // 0x00001010: the first block that fits
 * ```
 */
export class FirstFitAllocator extends BoundaryTagAllocator {
  readonly name: string = "first-fit";
  /** Lowest-addressed free block, 0 when none. The list is ascending iff every next link points higher. */
  private first: Address = 0;

  protected insertFree(u32: Uint32Array, p: Address, size: number): void {
    let prev = 0;
    let next = this.first;
    while (next !== 0 && next < p) {
      prev = next;
      next = u32[next >>> 2]!;
    }
    const w = p >>> 2;
    u32[w] = next;
    u32[w + 1] = prev;
    if (next !== 0) u32[(next >>> 2) + 1] = p;
    if (prev !== 0) u32[prev >>> 2] = p;
    else this.first = p;
    this.freeBytes += size - HEADER_BYTES;
    this.freeBlockCount++;
  }

  protected removeFree(u32: Uint32Array, p: Address, size: number): void {
    const w = p >>> 2;
    const next = u32[w]!;
    const prev = u32[w + 1]!;
    if (next !== 0) u32[(next >>> 2) + 1] = prev;
    if (prev !== 0) u32[prev >>> 2] = next;
    else this.first = next;
    this.freeBytes -= size - HEADER_BYTES;
    this.freeBlockCount--;
  }

  protected takeFree(u32: Uint32Array, size: number): Address {
    let p = this.first;
    let found = 0;
    while (p !== 0) {
      found = u32[(p >>> 2) - 1]! & SIZE_MASK;
      if (found >= size) break;
      p = u32[p >>> 2]!;
    }
    if (p !== 0) this.removeFree(u32, p, found);
    return p;
  }

  protected largestFreeBlockSize(): number {
    const u32 = this.heap.u32;
    let largest = 0;
    for (let p = this.first; p !== 0; p = u32[p >>> 2]!) {
      const size = u32[(p >>> 2) - 1]! & SIZE_MASK;
      if (size > largest) largest = size;
    }
    return largest;
  }

  protected indexedFreeBlocks(): Address[] {
    const u32 = this.heap.u32;
    const blocks: Address[] = [];
    let prev = 0;
    for (let p = this.first; p !== 0; p = u32[p >>> 2]!) {
      if (u32[(p >>> 2) + 1] !== prev)
        throw new HeapCorruptionError(p, "bad-header", "first-fit list: prev link broken");
      if (p <= prev) throw new HeapCorruptionError(p, "bad-header", "first-fit list: not in address order");
      blocks.push(p);
      prev = p;
    }
    return blocks;
  }
}
