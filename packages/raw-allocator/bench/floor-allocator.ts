// The "floor" the raw allocators are measured against: the least a segregated free-list
// allocator can do. One LIFO list per 16-byte class up to 4 KiB, bump allocation from 1 MiB
// regions, a 4-byte size header, no coalescing, no splitting, no validation, no stats.
import type { Heap, PageProvider } from "@pymem/core";

const CLASSES = 257; // 16-byte classes up to 4096 bytes

export class FloorAllocator {
  readonly heap: Heap;
  private readonly pages: PageProvider;
  private readonly heads = new Uint32Array(CLASSES);
  private bump = 0;
  private limit = 0;

  constructor(pages: PageProvider) {
    this.pages = pages;
    this.heap = pages.heap;
  }

  malloc(size: number): number {
    const cls = (size + 19) >>> 4;
    const head = this.heads[cls]!;
    if (head !== 0) {
      this.heads[cls] = this.heap.u32[head >>> 2]!;
      return head;
    }
    const bytes = cls << 4;
    if (this.bump + bytes > this.limit) {
      const region = this.pages.map(1 << 20);
      this.bump = region + 16;
      this.limit = region + (1 << 20);
    }
    const p = this.bump;
    this.bump += bytes;
    this.heap.u32[(p >>> 2) - 1] = cls;
    return p;
  }

  free(p: number): void {
    const u32 = this.heap.u32;
    const cls = u32[(p >>> 2) - 1]!;
    u32[p >>> 2] = this.heads[cls]!;
    this.heads[cls] = p;
  }
}
