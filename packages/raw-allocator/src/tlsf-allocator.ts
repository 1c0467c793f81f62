/**
 * Two-level segregated fit (TLSF): O(1) malloc and free with bounded fragmentation.
 *
 * Reference: M. Masmano, I. Ripoll, A. Crespo, J. Real, "TLSF: a New Dynamic Memory
 * Allocator for Real-Time Systems", ECRTS 2004; AssemblyScript's std/assembly/rt/tlsf.ts and
 * thi.ng/malloc are two JS-world implementations of the same idea.
 *
 * Free blocks are filed in 23 x 32 doubly-linked lists. The first level is the power of two
 * of the block size, the second splits each power-of-two range into 32 equal steps; blocks
 * below 512 bytes get exact 16-byte classes. Two bitmaps say which lists are non-empty, so a
 * search is two `Math.clz32` scans instead of a walk:
 *
 * ```
 *  size < 512:  fl = 0,            sl = size >>> 4                 (16, 32, ... 496: exact)
 *  size >= 512: fl = log2(size)-8, sl = (size >>> (log2(size)-5)) - 32   (steps of 1/32)
 *
 *  flBitmap  (i32)   bit fl set iff some list of row fl is non-empty
 *  slBitmap[fl] (i32) bit sl set iff heads[fl*32 + sl] != 0
 *
 *  heads (Uint32Array, 736 entries)          free blocks (in the heap, see block.ts)
 *   [fl 0 | sl  1] -> p1 <-> p7 -> 0          p+0 next free   p+4 prev free
 *   [fl 0 | sl  2] -> 0
 *   ...
 *   [fl 12| sl  5] -> p3 -> 0
 * ```
 *
 * malloc rounds the request up to the start of the next list ("good fit"), so any block in a
 * list found by the bitmaps fits: O(1). When the bitmaps find nothing, the exact list of the
 * request is scanned briefly before a new region is mapped, so that a fitting block is not
 * passed over for a rounding step.
 *
 * The control structure (bitmaps and list heads, 3 KiB) lives in side typed arrays; block
 * headers, links and boundary tags live in the heap's bytes.
 *
 * @module
 */
import { type Address, HeapCorruptionError } from "@pymem/core";
import { HEADER_BYTES, SIZE_MASK } from "./block";
import { BoundaryTagAllocator } from "./boundary-tag-allocator";

/** log2 of the second-level lists per first-level class. */
export const TLSF_SL_BITS = 5;
/** Second-level lists per first-level class: 32. */
export const TLSF_SL_COUNT = 1 << TLSF_SL_BITS;
/** Blocks below this size (512 B) have exact 16-byte classes in first level 0. */
export const TLSF_SMALL_BLOCK = 1 << (TLSF_SL_BITS + 4);
/** First-level classes: 0 for small blocks, 1..22 for sizes 2**9 .. 2**31 - 1. */
export const TLSF_FL_COUNT = 23;
/** How many blocks of the request's own list are examined before a new region is mapped. */
const EXACT_LIST_SCAN = 16;

/**
 * The default raw allocator: two-level segregated fit over boundary-tagged blocks.
 * @example
 * ```ts
 * import { ArrayBufferHeap } from "@pymem/core";
 * import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
 *
 * const pages = new HeapPageProvider({ heap: new ArrayBufferHeap() });
 * const raw = new TlsfAllocator({ pages });
 * const p = raw.malloc(100);   // 0x00001010
 * raw.usableSize(p);           // 108
 * const q = raw.realloc(p, 200); // grows in place: the rest of the region is free
 * raw.free(q);
 * raw.stats().bytesInUse;      // 0
 * ```
 */
export class TlsfAllocator extends BoundaryTagAllocator {
  readonly name: string = "tlsf";
  /** Bit fl set iff row fl has a non-empty list. */
  private flBitmap = 0;
  /** Bit sl of entry fl set iff list (fl, sl) is non-empty. */
  private readonly slBitmap = new Int32Array(TLSF_FL_COUNT);
  /** First free block of each list, 0 when empty. */
  private readonly heads = new Uint32Array(TLSF_FL_COUNT * TLSF_SL_COUNT);

  protected insertFree(u32: Uint32Array, p: Address, size: number): void {
    const index = tlsfListIndex(size);
    const fl = index >>> TLSF_SL_BITS;
    const sl = index & (TLSF_SL_COUNT - 1);
    const heads = this.heads;
    const head = heads[index]!;
    const w = p >>> 2;
    u32[w] = head;
    u32[w + 1] = 0;
    if (head !== 0) u32[(head >>> 2) + 1] = p;
    heads[index] = p;
    this.flBitmap |= 1 << fl;
    this.slBitmap[fl] |= 1 << sl;
    this.freeBytes += size - HEADER_BYTES;
    this.freeBlockCount++;
  }

  protected removeFree(u32: Uint32Array, p: Address, size: number): void {
    const w = p >>> 2;
    const next = u32[w]!;
    const prev = u32[w + 1]!;
    if (next !== 0) u32[(next >>> 2) + 1] = prev;
    if (prev !== 0) {
      u32[prev >>> 2] = next;
    } else {
      const index = tlsfListIndex(size);
      const fl = index >>> TLSF_SL_BITS;
      const sl = index & (TLSF_SL_COUNT - 1);
      this.heads[index] = next;
      if (next === 0) {
        const row = this.slBitmap[fl]! & ~(1 << sl);
        this.slBitmap[fl] = row;
        if (row === 0) this.flBitmap &= ~(1 << fl);
      }
    }
    this.freeBytes -= size - HEADER_BYTES;
    this.freeBlockCount--;
  }

  protected takeFree(u32: Uint32Array, size: number): Address {
    // Above the exact lists, round up to the next list start so that every block of the list found fits.
    const first = tlsfListIndex(
      size < TLSF_SMALL_BLOCK ? size : size + (1 << (31 - Math.clz32(size) - TLSF_SL_BITS)) - 1,
    );
    let fl = first >>> TLSF_SL_BITS;
    let sl = first & (TLSF_SL_COUNT - 1);
    const slBitmap = this.slBitmap;
    let row = slBitmap[fl]! & (-1 << sl);
    if (row === 0) {
      const rows = fl + 1 < TLSF_FL_COUNT ? this.flBitmap & (-1 << (fl + 1)) : 0;
      if (rows === 0) return size < TLSF_SMALL_BLOCK ? 0 : this.takeFromExactList(u32, size);
      fl = 31 - Math.clz32(rows & -rows);
      row = slBitmap[fl]!;
    }
    sl = 31 - Math.clz32(row & -row);
    // The block is the head of its list: pop it.
    const index = (fl << TLSF_SL_BITS) | sl;
    const p = this.heads[index]!;
    const next = u32[p >>> 2]!;
    this.heads[index] = next;
    if (next !== 0) {
      u32[(next >>> 2) + 1] = 0;
    } else {
      const rest = slBitmap[fl]! & ~(1 << sl);
      slBitmap[fl] = rest;
      if (rest === 0) this.flBitmap &= ~(1 << fl);
    }
    this.freeBytes -= (u32[(p >>> 2) - 1]! & SIZE_MASK) - HEADER_BYTES;
    this.freeBlockCount--;
    return p;
  }

  /** Takes a block of at least `size` bytes from among the first blocks of the list `size` falls in. */
  private takeFromExactList(u32: Uint32Array, size: number): Address {
    let p = this.heads[tlsfListIndex(size)]!;
    for (let i = 0; p !== 0 && i < EXACT_LIST_SCAN; i++) {
      const found = u32[(p >>> 2) - 1]! & SIZE_MASK;
      if (found >= size) {
        this.removeFree(u32, p, found);
        return p;
      }
      p = u32[p >>> 2]!;
    }
    return 0;
  }

  protected largestFreeBlockSize(): number {
    if (this.flBitmap === 0) return 0;
    const fl = 31 - Math.clz32(this.flBitmap);
    const sl = 31 - Math.clz32(this.slBitmap[fl]!);
    const u32 = this.heap.u32;
    let largest = 0;
    for (let p = this.heads[(fl << TLSF_SL_BITS) | sl]!; p !== 0; p = u32[p >>> 2]!) {
      const size = u32[(p >>> 2) - 1]! & SIZE_MASK;
      if (size > largest) largest = size;
    }
    return largest;
  }

  protected indexedFreeBlocks(): Address[] {
    const blocks: Address[] = [];
    const u32 = this.heap.u32;
    const fail = (p: Address, detail: string): never => {
      throw new HeapCorruptionError(p, "bad-header", `TLSF index: ${detail}`);
    };
    for (let fl = 0; fl < TLSF_FL_COUNT; fl++) {
      if (((this.flBitmap & (1 << fl)) !== 0) !== (this.slBitmap[fl] !== 0))
        fail(0, `first-level bit ${fl} out of step`);
    }
    for (let index = 0; index < this.heads.length; index++) {
      const fl = index >>> TLSF_SL_BITS;
      const sl = index & (TLSF_SL_COUNT - 1);
      if (((this.slBitmap[fl]! & (1 << sl)) !== 0) !== (this.heads[index] !== 0))
        fail(0, `bit (${fl}, ${sl}) out of step`);
      let prev = 0;
      for (let p = this.heads[index]!; p !== 0; p = u32[p >>> 2]!) {
        if (u32[(p >>> 2) + 1] !== prev) fail(p, "prev link broken");
        if (tlsfListIndex(u32[(p >>> 2) - 1]! & SIZE_MASK) !== index)
          fail(p, `block filed in list (${fl}, ${sl})`);
        blocks.push(p);
        prev = p;
      }
    }
    return blocks;
  }
}

/**
 * Index (fl * 32 + sl) of the TLSF list a free block of `size` bytes is filed in.
 * @example tlsfListIndex(48) // 3 (fl 0, sl 3); tlsfListIndex(512) // 32 (fl 1, sl 0)
 */
export function tlsfListIndex(size: number): number {
  if (size < TLSF_SMALL_BLOCK) return size >>> 4;
  const log = 31 - Math.clz32(size);
  return ((log - 8) << TLSF_SL_BITS) | ((size >>> (log - TLSF_SL_BITS)) & (TLSF_SL_COUNT - 1));
}
