// A cheap incremental model of an allocator's live blocks, used by the property tests:
// live blocks sorted by address (for overlap checks), the byte pattern each holds, and
// the figures stats() must report (blocks and bytes in use, their peak, call counts, bytes
// reserved from the page provider).
import type { Allocator, PageProvider } from "@pymem/core";
import { expect } from "vitest";
import type { RawAllocatorStats } from "../../src/index";

/** One live block of the model. */
export interface LiveBlock {
  id: number;
  address: number;
  size: number;
  usable: number;
}

/** Byte `i` of the pattern of block `id` with `size` bytes: distinct edges, a constant body. */
export function patternByte(id: number, size: number, i: number): number {
  if (i < 8) return (id * 13 + i * 29 + 1) & 255;
  if (i >= size - 8) return (id * 17 + (size - i) * 31 + 7) & 255;
  return (id * 7 + 3) & 255;
}

let scratchBytes = new Uint8Array(1 << 16);
let scratchFill = 0;
let scratchFilled = scratchBytes.length;

/** `length` bytes of value `fill` (a reused buffer: valid until the next call). */
function scratch(length: number, fill: number): Uint8Array {
  if (length > scratchBytes.length) {
    scratchBytes = new Uint8Array(Math.max(length, scratchBytes.length * 2));
    scratchFill = 0;
    scratchFilled = scratchBytes.length;
  }
  if (fill !== scratchFill) {
    scratchFill = fill;
    scratchFilled = 0;
  }
  if (scratchFilled < length) {
    scratchBytes.fill(fill, scratchFilled, length);
    scratchFilled = length;
  }
  return scratchBytes.subarray(0, length);
}

/** Words per block in {@link AllocatorModel}'s digest table. */
const DIGEST = 7;

/** Model of one allocator's live blocks and counters. */
export class AllocatorModel {
  readonly raw: Allocator;
  readonly pages: PageProvider;
  readonly live: LiveBlock[] = [];
  /** Live blocks sorted by address. */
  readonly sorted: LiveBlock[] = [];
  readonly freed: number[] = [];
  readonly mappedAtStart: number;
  calls = { malloc: 0, calloc: 0, realloc: 0, free: 0 };
  bytesInUse = 0;
  /** Highest bytesInUse, counting both blocks of a realloc that moves (the new one exists before the old goes). */
  peakBytesInUse = 0;
  /** Reallocs that kept the address / that moved the block. */
  reallocsInPlace = 0;
  reallocsMoved = 0;
  /** Most large blocks (usable >= the given threshold) live at once. */
  peakLarge = 0;
  private large = 0;
  private readonly largeThreshold: number;
  private nextId = 1;
  /** Round-robin cursor of {@link AllocatorModel.verifyStep}'s full check. */
  private cursor = 0;
  /**
   * What {@link AllocatorModel.verifyStep} compares, DIGEST words per live block, parallel to
   * `live`: the word index of the payload, mask and expected value of the first two words (the
   * pattern's first 8 bytes, or fewer), the address of the pattern's last byte and its value.
   */
  private digest = new Uint32Array(DIGEST * 1024);

  constructor(raw: Allocator, pages: PageProvider, largeThreshold = Number.POSITIVE_INFINITY) {
    this.raw = raw;
    this.largeThreshold = largeThreshold;
    this.pages = pages;
    this.mappedAtStart = pages.stats().mappedBytes;
  }

  malloc(size: number): void {
    const p = this.raw.malloc(size);
    this.calls.malloc++;
    this.add(p, size, false);
  }

  calloc(count: number, size: number): void {
    const p = this.raw.calloc(count, size);
    this.calls.calloc++;
    const total = count * size;
    const u8 = this.raw.heap.u8;
    const usable = this.raw.usableSize(p);
    if (Buffer.compare(u8.subarray(p, p + usable), scratch(usable, 0)) !== 0) {
      const nonZero = u8.subarray(p, p + usable).findIndex((b) => b !== 0);
      expect.fail(`calloc byte ${nonZero} of ${p} (${usable} usable) is not 0`);
    }
    this.add(p, total, false);
  }

  realloc(pick: number, size: number): void {
    if (this.live.length === 0) {
      const p = this.raw.realloc(0, size);
      this.calls.realloc++;
      this.add(p, size, false);
      return;
    }
    const index = pick % this.live.length;
    const block = this.live[index]!;
    const q = this.raw.realloc(block.address, size);
    this.calls.realloc++;
    // The common prefix moved (or stayed) intact.
    const u8 = this.raw.heap.u8;
    const keep = Math.min(block.size, size);
    for (let i = 0; i < keep; i += i < 8 || i >= keep - 8 ? 1 : 1 + (i >> 3)) {
      if (u8[q + i] !== patternByte(block.id, block.size, i)) {
        expect.fail(`realloc lost byte ${i} of block ${block.id} (${block.address} -> ${q})`);
      }
    }
    if (q !== block.address) {
      this.freed.push(block.address);
      this.reallocsMoved++;
      // Both blocks were live for a moment.
      const during = this.bytesInUse + this.raw.usableSize(q);
      if (during > this.peakBytesInUse) this.peakBytesInUse = during;
    } else {
      this.reallocsInPlace++;
    }
    this.removeAt(index);
    this.add(q, size, true, block.id);
  }

  free(pick: number): void {
    if (this.live.length === 0) {
      this.raw.free(0);
      return;
    }
    const index = pick % this.live.length;
    const block = this.live[index]!;
    this.verifyFull(block);
    this.raw.free(block.address);
    this.calls.free++;
    this.freed.push(block.address);
    this.removeAt(index);
  }

  /** Checks a block's whole pattern. */
  verifyFull(block: LiveBlock): void {
    const u8 = this.raw.heap.u8;
    const { address, size } = block;
    const body = (block.id * 7 + 3) & 255;
    // The constant body is compared natively against a scratch copy; edges byte by byte.
    const bodyStart = size < 8 ? size : 8;
    const bodyEnd = size - 8 > bodyStart ? size - 8 : bodyStart;
    if (bodyEnd > bodyStart) {
      const expected = scratch(bodyEnd - bodyStart, body);
      if (Buffer.compare(u8.subarray(address + bodyStart, address + bodyEnd), expected) !== 0) {
        this.failAtFirstDifference(block);
      }
    }
    for (let i = 0; i < bodyStart; i++)
      if (u8[address + i] !== patternByte(block.id, size, i)) this.failAtFirstDifference(block);
    for (let i = bodyEnd; i < size; i++)
      if (u8[address + i] !== patternByte(block.id, size, i)) this.failAtFirstDifference(block);
  }

  private failAtFirstDifference(block: LiveBlock): never {
    const u8 = this.raw.heap.u8;
    const body = (block.id * 7 + 3) & 255;
    for (let i = 0; i < block.size; i++) {
      const expected = i < 8 || i >= block.size - 8 ? patternByte(block.id, block.size, i) : body;
      if (u8[block.address + i] !== expected) {
        expect.fail(
          `block ${block.id} at ${block.address}: byte ${i} is ${u8[block.address + i]}, expected ${expected}`,
        );
      }
    }
    return expect.fail(`block ${block.id} at ${block.address} changed`);
  }

  /** Checks the edge bytes of a block. */
  verifyEdges(block: LiveBlock): void {
    if (block.size === 0) return;
    const u8 = this.raw.heap.u8;
    const a = block.address;
    const last = block.size - 1;
    if (
      u8[a] !== patternByte(block.id, block.size, 0) ||
      u8[a + last] !== patternByte(block.id, block.size, last)
    ) {
      expect.fail(`block ${block.id} at ${a} (size ${block.size}) lost its edge bytes`);
    }
  }

  /** Checks the edges of every live block. */
  verifyAllEdges(): void {
    for (const block of this.live) this.verifyEdges(block);
  }

  /**
   * The check run after every step of the long property tests: the first 8 bytes (where a
   * stray free-list link or header would land) and the last byte of every live block, and the
   * whole of one block, taken in turn, so that every block is checked in full again and again.
   */
  verifyStep(): void {
    const heap = this.raw.heap;
    const u8 = heap.u8;
    const u32 = heap.u32;
    const d = this.digest;
    const n = this.live.length;
    for (let b = 0, k = 0; b < n; b++, k += DIGEST) {
      const w = d[k]!;
      if (
        (u32[w]! & d[k + 1]!) >>> 0 !== d[k + 2] ||
        (u32[w + 1]! & d[k + 3]!) >>> 0 !== d[k + 4] ||
        u8[d[k + 5]!] !== d[k + 6]
      ) {
        this.failAtFirstDifference(this.live[b]!);
      }
    }
    if (n > 0) {
      this.cursor = (this.cursor + 1) % n;
      this.verifyFull(this.live[this.cursor]!);
    }
  }

  /** Checks the stats against the model. */
  verifyStats(): void {
    const s = this.raw.stats();
    const c = s.calls;
    const mine = this.calls;
    same(s.blocksInUse, this.live.length, "blocksInUse");
    same(s.bytesInUse, this.bytesInUse, "bytesInUse");
    same(c.malloc, mine.malloc, "calls.malloc");
    same(c.calloc, mine.calloc, "calls.calloc");
    same(c.realloc, mine.realloc, "calls.realloc");
    same(c.free, mine.free, "calls.free");
    same(s.bytesReserved, this.pages.stats().mappedBytes - this.mappedAtStart, "bytesReserved");
    same(s.peakBytesInUse, this.peakBytesInUse, "peakBytesInUse");
    if (s.bytesInUse + s.bytesFree > s.bytesReserved)
      expect.fail(`in use + free > reserved: ${JSON.stringify(s)}`);
    if (!(s.fragmentation >= 0 && s.fragmentation <= 1)) expect.fail(`fragmentation ${s.fragmentation}`);
    const raw = s as Partial<RawAllocatorStats>;
    if (raw.regions !== undefined) {
      // Every reserved byte is in use, free, or overhead: 16 bytes per region and per large
      // block (region header / mapping header), 4 per block header in a region.
      const regionBlocks = s.blocksInUse - raw.largeBlocks! + raw.freeBlocks!;
      const accounted = s.bytesInUse + s.bytesFree + 16 * (raw.regions + raw.largeBlocks!) + 4 * regionBlocks;
      same(s.bytesReserved, accounted, "bytesReserved = in use + free + overhead");
      const fragmentation = s.bytesFree === 0 ? 0 : 1 - raw.largestFreeBlock! / s.bytesFree;
      same(s.fragmentation, fragmentation, "fragmentation = 1 - largestFreeBlock / bytesFree");
    }
  }

  /** Frees every live block (checking each in full) and checks that the domain is empty again. */
  freeAllAndVerify(): void {
    while (this.live.length > 0) this.free(this.live.length - 1);
    this.verifyStats();
    const s = this.raw.stats();
    expect(s.bytesInUse).toBe(0);
    expect(s.blocksInUse).toBe(0);
    expect(this.pages.stats().mappedBytes).toBe(this.mappedAtStart);
  }

  private add(p: number, size: number, writeOnly: boolean, id = this.nextId++): void {
    const raw = this.raw;
    if (!(p > 0) || p % 16 !== 0) expect.fail(`address ${p} is NULL or not 16-byte aligned`);
    const usable = raw.usableSize(p);
    if (usable < size) expect.fail(`usable size ${usable} < requested ${size}`);
    if (!raw.owns(p) || !raw.owns(p + usable - 1)) expect.fail(`owns(${p}) is false for a live block`);
    const block: LiveBlock = { id, address: p, size, usable };
    // Overlap check against the neighbours in address order.
    const i = this.lowerBound(p);
    const prev = this.sorted[i - 1];
    const next = this.sorted[i];
    if (prev !== undefined && prev.address + prev.usable > p) {
      expect.fail(`block ${p}+${usable} overlaps block ${prev.address}+${prev.usable}`);
    }
    if (next !== undefined && p + usable > next.address) {
      expect.fail(`block ${p}+${usable} overlaps block ${next.address}+${next.usable}`);
    }
    this.sorted.splice(i, 0, block);
    this.live.push(block);
    this.bytesInUse += usable;
    if (this.bytesInUse > this.peakBytesInUse) this.peakBytesInUse = this.bytesInUse;
    if (size >= this.largeThreshold && ++this.large > this.peakLarge) this.peakLarge = this.large;
    // Write the pattern (a realloc keeps the prefix, which was just verified).
    const u8 = raw.heap.u8;
    if (size > 16) u8.fill((id * 7 + 3) & 255, p + 8, p + size - 8);
    for (let k = 0; k < 8 && k < size; k++) u8[p + k] = patternByte(id, size, k);
    for (let k = Math.max(8, size - 8); k < size; k++) u8[p + k] = patternByte(id, size, k);
    this.recordDigest(this.live.length - 1, block);
    if (!writeOnly) {
      if (prev !== undefined) this.verifyEdges(prev);
      if (next !== undefined) this.verifyEdges(next);
    }
  }

  /** Fills the digest entry of live block number `index` from the pattern it was just given. */
  private recordDigest(index: number, block: LiveBlock): void {
    if ((index + 1) * DIGEST > this.digest.length) {
      const grown = new Uint32Array(this.digest.length * 2);
      grown.set(this.digest);
      this.digest = grown;
    }
    const { id, address, size } = block;
    let m0 = 0;
    let e0 = 0;
    let m1 = 0;
    let e1 = 0;
    for (let k = 0; k < 8 && k < size; k++) {
      const byte = patternByte(id, size, k);
      if (k < 4) {
        m0 |= 0xff << (8 * k);
        e0 |= byte << (8 * k);
      } else {
        m1 |= 0xff << (8 * (k - 4));
        e1 |= byte << (8 * (k - 4));
      }
    }
    const k = index * DIGEST;
    const d = this.digest;
    d[k] = address >>> 2;
    d[k + 1] = m0;
    d[k + 2] = e0 >>> 0;
    d[k + 3] = m1;
    d[k + 4] = e1 >>> 0;
    // A block of size 0 has no pattern: its "last byte" is the NULL page's first, always 0.
    d[k + 5] = size === 0 ? 0 : address + size - 1;
    d[k + 6] = size === 0 ? 0 : patternByte(id, size, size - 1);
  }

  private removeAt(index: number): void {
    const block = this.live[index]!;
    const last = this.live.pop()!;
    if (index < this.live.length) {
      this.live[index] = last;
      const d = this.digest;
      const from = this.live.length * DIGEST;
      d.copyWithin(index * DIGEST, from, from + DIGEST);
    }
    const j = this.lowerBound(block.address);
    this.sorted.splice(j, 1);
    this.bytesInUse -= block.usable;
    if (block.size >= this.largeThreshold) this.large--;
    const prev = this.sorted[j - 1];
    const next = this.sorted[j];
    if (prev !== undefined) this.verifyEdges(prev);
    if (next !== undefined) this.verifyEdges(next);
  }

  private lowerBound(address: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]!.address < address) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function same(actual: number, expected: number, what: string): void {
  if (actual !== expected) expect.fail(`${what} is ${actual}, the model says ${expected}`);
}
