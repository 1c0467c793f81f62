/**
 * The default page provider: mmap/munmap emulated on a heap, reusing and coalescing the
 * address space that unmapping leaves behind.
 *
 * Strategy: address-ordered first fit. `map` scans the holes (unmapped ranges below the top)
 * from the lowest address and takes the first whose aligned part is large enough, splitting
 * off what is left on either side; when none fits it takes the tail above the top, growing the
 * heap as needed. `unmap` turns the mapping into a hole and merges it with adjacent holes; a
 * hole that reaches the top is folded into the tail, so the top always ends a live mapping.
 * Lowest-address-first keeps the heap compact, which is what lets it stay small.
 *
 * ```
 *  0          pageSize                                               top      byteLength
 *  +----------+--------+------+----------+------+---------------------+------------+...+ maxByteLength
 *  | NULL     | map A  | hole | map B    | hole | map C (1 MiB-aligned)| tail (free, grows the heap)
 *  | page     |        |      |          |      |                     |
 *  +----------+--------+------+----------+------+---------------------+------------+
 *    never      live mappings and holes (MappingTables in JS arrays:     unmapped,
 *    mapped     mappings are coarse and rare), holes never adjacent      zero or not
 * ```
 *
 * Invariants: the NULL page `[0, pageSize)` is never mapped; mappings and holes are disjoint
 * and together cover `[pageSize, top)` exactly; two holes are never adjacent and no hole ends
 * at `top`; a range is returned by `map` iff it was a hole or tail and it is zero-filled then.
 *
 * @module
 */
import { type Address, alignUp } from "@pymem/core";
import { BasePageProvider } from "./base-page-provider";
import { type MappedRange, MappingTable } from "./mapping-table";

/**
 * Page provider that reuses unmapped address space (first fit by address) and coalesces holes.
 * @example
 * ```ts
 * import { ArrayBufferHeap } from "@pymem/core";
 * import { HeapPageProvider } from "@pymem/raw-allocator";
 *
 * const pages = new HeapPageProvider({ heap: new ArrayBufferHeap() });
 * const arena = pages.map(256 * 1024, 256 * 1024); // 0x00040000, 256 KiB-aligned, zero-filled
 * pages.unmap(arena, 256 * 1024);
 * pages.stats().mappedBytes; // 0
 * ```
 */
export class HeapPageProvider extends BasePageProvider {
  /** Unmapped ranges below the top. */
  private readonly holes = new MappingTable();
  /** Hole chosen by the last `place`, or -1 for the tail. */
  private placedHole = -1;

  /** The unmapped ranges below the top (reusable holes), ascending by address. */
  holeRanges(): MappedRange[] {
    return this.holes.toArray();
  }

  protected place(size: number, alignment: number): Address {
    const starts = this.holes.starts;
    const sizes = this.holes.sizes;
    for (let i = 0; i < starts.length; i++) {
      const aligned = alignUp(starts[i]!, alignment);
      if (aligned + size <= starts[i]! + sizes[i]!) {
        this.placedHole = i;
        return aligned;
      }
    }
    this.placedHole = -1;
    return alignUp(this.topAddress, alignment);
  }

  protected commit(address: Address, size: number): void {
    const holes = this.holes;
    const end = address + size;
    const i = this.placedHole;
    if (i >= 0) {
      const holeStart = holes.starts[i]!;
      const holeEnd = holeStart + holes.sizes[i]!;
      holes.removeAt(i);
      if (end < holeEnd) holes.insert(end, holeEnd - end);
      if (holeStart < address) holes.insert(holeStart, address - holeStart);
    } else if (address > this.topAddress) {
      // The alignment gap between the old top and the mapping becomes a hole.
      holes.insert(this.topAddress, address - this.topAddress);
    }
  }

  protected release(address: Address, size: number): void {
    const holes = this.holes;
    let start = address;
    let end = address + size;
    let i = holes.floorIndex(address);
    if (i >= 0 && holes.starts[i]! + holes.sizes[i]! === start) {
      start = holes.starts[i]!;
      holes.removeAt(i);
      i--;
    }
    const next = i + 1;
    if (next < holes.length && holes.starts[next] === end) {
      end += holes.sizes[next]!;
      holes.removeAt(next);
    }
    // The base class has already lowered the top when this was the highest mapping.
    if (start < this.topAddress) holes.insert(start, end - start);
  }
}
