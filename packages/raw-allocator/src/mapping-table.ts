/**
 * A sorted table of disjoint address ranges: the page providers' bookkeeping of live
 * mappings and of unmapped holes.
 *
 * ```
 *  starts: [ 0x1000, 0x3000, 0x100000 ]      ascending, disjoint ranges
 *  sizes:  [ 0x1000, 0x2000, 0x100000 ]      bytes of each range
 *          binary search by address: O(log n); insert/remove: O(n) splice
 * ```
 *
 * Mappings are coarse (pages, arenas, regions) and rare next to block allocations, so the
 * table lives in plain JS arrays beside the heap rather than in the heap's bytes: a mapped
 * region then holds nothing but what its owner writes into it, as with mmap.
 *
 * @module
 */

/** An address range, as reported by the page providers' `mappedRanges()` and `holeRanges()`. */
export interface MappedRange {
  /** First byte. */
  address: number;
  /** Length in bytes (whole pages). */
  bytes: number;
}

/** Ascending, disjoint `[start, start + size)` ranges with binary search by address. */
export class MappingTable {
  /** Range starts, ascending. */
  readonly starts: number[] = [];
  /** Range sizes in bytes, parallel to {@link MappingTable.starts}. */
  readonly sizes: number[] = [];

  /** Number of ranges. */
  get length(): number {
    return this.starts.length;
  }

  /** Index of the last range whose start is at most `address`, or -1 when none is. */
  floorIndex(address: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= address) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /** Index of the range starting exactly at `address`, or -1. */
  indexOf(address: number): number {
    const i = this.floorIndex(address);
    return i >= 0 && this.starts[i] === address ? i : -1;
  }

  /** Index of the range containing `address`, or -1. */
  indexContaining(address: number): number {
    const i = this.floorIndex(address);
    return i >= 0 && address < this.starts[i]! + this.sizes[i]! ? i : -1;
  }

  /** Inserts a range (the caller guarantees it overlaps none) and returns its index. */
  insert(start: number, size: number): number {
    const i = this.floorIndex(start) + 1;
    this.starts.splice(i, 0, start);
    this.sizes.splice(i, 0, size);
    return i;
  }

  /** Removes the range at `index`. */
  removeAt(index: number): void {
    this.starts.splice(index, 1);
    this.sizes.splice(index, 1);
  }

  /** Sum of all sizes. */
  totalBytes(): number {
    let total = 0;
    for (const size of this.sizes) total += size;
    return total;
  }

  /** The ranges as `{ address, bytes }` records, ascending. */
  toArray(): MappedRange[] {
    return this.starts.map((address, i) => ({ address, bytes: this.sizes[i]! }));
  }
}
