/**
 * The machinery both raw allocators share: boundary-tagged blocks in regions mapped from a
 * page provider, immediate coalescing, large blocks in mappings of their own, pointer
 * validation through side bitmaps, statistics and events. A subclass supplies only the free
 * index: how free blocks are found and taken ({@link BoundaryTagAllocator.takeFree}) and filed
 * ({@link BoundaryTagAllocator.insertFree}, {@link BoundaryTagAllocator.removeFree}).
 *
 * ```
 *  malloc(n)   n >= largeThreshold ? map(n + 16) -> large block
 *              S = block size for n; p = takeFree(S) || new region; split off the rest (>= 16 B)
 *  free(p)     live bit? -> merge with the next block if free, with the previous if PREV_FREE
 *              whole region free? -> unmap it (or keep retainEmptyRegions of them) : insertFree
 *  realloc     shrink: split in place | grow: absorb a free next block | else malloc+copy+free
 * ```
 *
 * See `block.ts` for the byte layout and `side-tables.ts` for the ownership and live-block
 * tables. Every check runs before the first change, so a call that throws leaves the heap,
 * the tables and the statistics exactly as they were.
 *
 * Region policy: a region whose blocks are all free again is unmapped at once, unless fewer
 * than `retainEmptyRegions` empty regions are already kept; `trim()` unmaps kept ones.
 *
 * @module
 */
import {
  type Address,
  type Allocator,
  type AllocatorStats,
  DoubleFreeError,
  type Heap,
  HeapCorruptionError,
  InvalidPointerError,
  MemoryError,
  type MemoryHooks,
  type PageProvider,
  SizeError,
} from "@pymem/core";
import {
  FREE_BIT,
  HEADER_BYTES,
  LARGE_BIT,
  MAX_REQUEST,
  MIN_BLOCK_BYTES,
  PAYLOAD_OFFSET,
  PREV_FREE_BIT,
  SIZE_MASK,
} from "./block";
import { checkAllocatorConfig, type RawAllocatorOptions } from "./config";
import { MappingTable } from "./mapping-table";
import {
  growGranuleBits,
  growPageKinds,
  PAGE_LARGE,
  PAGE_NONE,
  PAGE_REGION,
  PAGE_REGION_START,
} from "./side-tables";

/** Figures of a raw allocator: core's `AllocatorStats` and the shape of its memory. */
export interface RawAllocatorStats extends AllocatorStats {
  /** Regions mapped now (small and medium blocks are carved from them). */
  regions: number;
  /** Regions mapped now in which every block is free (kept by `retainEmptyRegions`). */
  emptyRegions: number;
  /** Large blocks now, each in a mapping of its own. */
  largeBlocks: number;
  /** Free blocks in the free index. */
  freeBlocks: number;
  /** Usable bytes of the largest free block (0 when none is free). */
  largestFreeBlock: number;
}

function sizeError(size: number, what: string): SizeError {
  return new SizeError(size, what, `an integer from 0 to ${MAX_REQUEST}`);
}

/**
 * Base class of the boundary-tag allocators; subclasses implement the free index.
 * @example
 * ```ts
 * import { ArrayBufferHeap } from "@pymem/core";
 * import { type BoundaryTagAllocator, FirstFitAllocator, HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
 *
 * const pages = new HeapPageProvider({ heap: new ArrayBufferHeap() });
 * const allocators: BoundaryTagAllocator[] = [new TlsfAllocator({ pages }), new FirstFitAllocator({ pages })];
 * for (const raw of allocators) {
 *   const small = raw.malloc(100);        // carved from a 1 MiB region
 *   const large = raw.malloc(300 * 1024); // at least largeThreshold (256 KiB): a mapping of its own
 *   raw.stats().largeBlocks;              // 1
 *   raw.free(large);                      // unmapped at once
 *   raw.check();                          // walks every block; throws HeapCorruptionError on damage
 *   raw.free(small);                      // the region is wholly free again: unmapped too
 * }
 * pages.stats().mappedBytes; // 0
 * ```
 */
export abstract class BoundaryTagAllocator implements Allocator {
  abstract readonly name: string;
  readonly heap: Heap;
  /** Every payload address is a multiple of 16. */
  readonly alignment = 16;
  /** The page provider regions and large blocks are mapped from. */
  readonly pages: PageProvider;
  /** Bytes mapped at a time for small and medium blocks. */
  readonly regionSize: number;
  /** Requests of at least this many bytes get a mapping of their own. */
  readonly largeThreshold: number;
  /** Entirely free regions kept mapped. */
  readonly retainEmptyRegions: number;

  /** Event hooks, or null when none were given. */
  protected readonly hooks: MemoryHooks | null;
  private readonly pageShift: number;
  private readonly pageMask: number;
  /** Page kinds (see side-tables.ts): a page is non-zero iff it is in one of this allocator's mappings. */
  private pageKinds: Uint8Array;
  /**
   * Granule bits, interleaved so one cache line holds both words of a granule group:
   * `bits[2w]` bit b set iff a live block's payload starts at granule 32w + b;
   * `bits[2w + 1]` bit b set iff a block there was freed and none has started there since.
   */
  private bits: Int32Array;
  /** Live regions (start -> bytes). */
  private readonly regions = new MappingTable();
  /** Live large-block mappings (start -> bytes). */
  private readonly larges = new MappingTable();

  private blocksInUse = 0;
  private bytesInUse = 0;
  private peakBytesInUse = 0;
  private bytesReserved = 0;
  private largeBlocks = 0;
  private emptyRegions = 0;
  /** Usable bytes (size - 4) summed over the blocks in the free index; kept by the subclass. */
  protected freeBytes = 0;
  /** Blocks in the free index; kept by the subclass. */
  protected freeBlockCount = 0;
  private mallocCalls = 0;
  private callocCalls = 0;
  private reallocCalls = 0;
  private freeCalls = 0;

  /**
   * @param options - page provider, hooks, region size, large threshold, empty regions to keep
   * @throws ConfigurationError when an option breaks a constraint of `config.ts`
   */
  constructor(options: RawAllocatorOptions) {
    const config = checkAllocatorConfig(options);
    this.pages = config.pages;
    this.heap = config.pages.heap;
    this.hooks = config.hooks;
    this.regionSize = config.regionSize;
    this.largeThreshold = config.largeThreshold;
    this.retainEmptyRegions = config.retainEmptyRegions;
    this.pageShift = 31 - Math.clz32(config.pages.pageSize);
    this.pageMask = config.pages.pageSize - 1;
    this.pageKinds = new Uint8Array(Math.ceil(this.heap.byteLength / config.pages.pageSize) + 1);
    this.bits = new Int32Array(2 * (Math.ceil(this.heap.byteLength / 512) + 1));
  }

  // ---- the free index, supplied by subclasses ------------------------------------------

  /** Files the free block `p` of `size` bytes (header already written) in the index. */
  protected abstract insertFree(u32: Uint32Array, p: Address, size: number): void;
  /** Takes the free block `p` of `size` bytes out of the index. */
  protected abstract removeFree(u32: Uint32Array, p: Address, size: number): void;
  /** Finds a free block of at least `size` bytes and takes it out of the index; 0 when none is found. */
  protected abstract takeFree(u32: Uint32Array, size: number): Address;
  /** Size in bytes (header included) of the largest free block, 0 when none. */
  protected abstract largestFreeBlockSize(): number;
  /** Every block in the free index, for {@link BoundaryTagAllocator.check}. */
  protected abstract indexedFreeBlocks(): Address[];

  // ---- Allocator ------------------------------------------------------------------------

  malloc(size: number): Address {
    if (typeof size !== "number" || size >>> 0 !== size) throw sizeError(size, "size");
    const p = size < this.largeThreshold ? this.allocateSmall(size) : this.allocateLarge(size);
    this.mallocCalls++;
    const hooks = this.hooks;
    if (hooks !== null) {
      const f = hooks.allocate;
      if (f !== null) f(this.name, p, size);
    }
    return p;
  }

  calloc(count: number, size: number): Address {
    if (typeof count !== "number" || count >>> 0 !== count) throw sizeError(count, "calloc count");
    if (typeof size !== "number" || size >>> 0 !== size) throw sizeError(size, "calloc element size");
    const total = count * size;
    if (total > MAX_REQUEST) {
      throw new SizeError(total, `calloc size ${count} * ${size}`, `a product of at most ${MAX_REQUEST}`);
    }
    let p: Address;
    if (total < this.largeThreshold) {
      p = this.allocateSmall(total);
      const u32 = this.heap.u32;
      this.heap.u8.fill(0, p, p + (u32[(p >>> 2) - 1]! & SIZE_MASK) - HEADER_BYTES);
    } else {
      p = this.allocateLarge(total); // freshly mapped pages are zero
    }
    this.callocCalls++;
    const hooks = this.hooks;
    if (hooks !== null) {
      const f = hooks.allocate;
      if (f !== null) f(this.name, p, total);
    }
    return p;
  }

  realloc(address: Address, size: number): Address {
    if (typeof size !== "number" || size >>> 0 !== size) throw sizeError(size, "size");
    if (address === 0) {
      const q = size < this.largeThreshold ? this.allocateSmall(size) : this.allocateLarge(size);
      this.reallocCalls++;
      const hooks = this.hooks;
      if (hooks !== null) {
        const f = hooks.allocate;
        if (f !== null) f(this.name, q, size);
      }
      return q;
    }
    this.checkLive(address);
    const u32 = this.heap.u32;
    const hdr = u32[(address >>> 2) - 1]!;
    const oldUsable = this.usableOf(u32, address, hdr);
    let q: Address;
    if ((hdr & LARGE_BIT) === 0) {
      q =
        size < this.largeThreshold && this.resizeInPlace(u32, address, hdr, size)
          ? address
          : this.move(address, oldUsable, size);
    } else {
      // A large block stays put when it still needs as many pages as it has.
      const pageSize = this.pages.pageSize;
      const same =
        size >= this.largeThreshold &&
        Math.ceil((size + PAYLOAD_OFFSET) / pageSize) * pageSize === oldUsable + PAYLOAD_OFFSET;
      q = same ? address : this.move(address, oldUsable, size);
    }
    this.reallocCalls++;
    const hooks = this.hooks;
    if (hooks !== null) {
      const f = hooks.free;
      if (f !== null) f(this.name, address, oldUsable);
      const g = hooks.allocate;
      if (g !== null) g(this.name, q, size);
    }
    return q;
  }

  free(address: Address): void {
    if (address === 0) return;
    this.checkLive(address);
    const u32 = this.heap.u32;
    const hdr = u32[(address >>> 2) - 1]!;
    const hooks = this.hooks;
    const f = hooks === null ? null : hooks.free;
    const usable = f === null ? 0 : this.usableOf(u32, address, hdr);
    if ((hdr & LARGE_BIT) !== 0) this.releaseLarge(u32, address);
    else this.releaseSmall(u32, address, hdr);
    this.freeCalls++;
    if (f !== null) f(this.name, address, usable);
  }

  usableSize(address: Address): number {
    this.checkLive(address);
    const u32 = this.heap.u32;
    return this.usableOf(u32, address, u32[(address >>> 2) - 1]!);
  }

  owns(address: Address): boolean {
    if (address >>> 0 !== address) return false;
    const i = address >>> this.pageShift;
    return i < this.pageKinds.length && this.pageKinds[i] !== PAGE_NONE;
  }

  stats(): RawAllocatorStats {
    const largest = this.largestFreeBlockSize();
    const largestUsable = largest === 0 ? 0 : largest - HEADER_BYTES;
    return {
      name: this.name,
      blocksInUse: this.blocksInUse,
      bytesInUse: this.bytesInUse,
      peakBytesInUse: this.peakBytesInUse,
      bytesFree: this.freeBytes,
      bytesReserved: this.bytesReserved,
      fragmentation: this.freeBytes === 0 ? 0 : 1 - largestUsable / this.freeBytes,
      calls: {
        malloc: this.mallocCalls,
        calloc: this.callocCalls,
        realloc: this.reallocCalls,
        free: this.freeCalls,
      },
      regions: this.regions.length,
      emptyRegions: this.emptyRegions,
      largeBlocks: this.largeBlocks,
      freeBlocks: this.freeBlockCount,
      largestFreeBlock: largestUsable,
    };
  }

  /**
   * Unmaps every region in which all blocks are free (those kept by `retainEmptyRegions`).
   * @returns the bytes given back to the page provider
   */
  trim(): number {
    let released = 0;
    const starts = this.regions.starts.slice();
    for (const region of starts) {
      const u32 = this.heap.u32;
      const bytes = u32[region >>> 2]!;
      const p = region + PAYLOAD_OFFSET;
      const hdr = u32[(p >>> 2) - 1]!;
      const size = hdr & SIZE_MASK;
      if ((hdr & FREE_BIT) !== 0 && size === bytes - PAYLOAD_OFFSET) {
        this.removeFree(u32, p, size);
        this.emptyRegions--;
        this.unmapRegion(region, bytes);
        released += bytes;
      }
    }
    return released;
  }

  /**
   * Walks every region and checks the heap's metadata against the invariants of `block.ts`
   * and the side tables: sizes, flags, footers, no adjacent free blocks, the free index holding
   * exactly the free blocks, and the counters. O(blocks); meant for tests and debugging.
   * @throws HeapCorruptionError naming the first block found wrong
   */
  check(): void {
    const u32 = this.heap.u32;
    const free = new Set<number>();
    let used = 0;
    let usedBytes = 0;
    let freeUsable = 0;
    let empty = 0;
    const fail = (p: number, detail: string): never => {
      throw new HeapCorruptionError(p, "bad-header", detail);
    };
    for (let r = 0; r < this.regions.length; r++) {
      const region = this.regions.starts[r]!;
      const bytes = this.regions.sizes[r]!;
      if (u32[region >>> 2] !== bytes)
        fail(region, `region header says ${u32[region >>> 2]} bytes, expected ${bytes}`);
      const end = region + bytes;
      let p = region + PAYLOAD_OFFSET;
      let prevFree = false;
      let blocks = 0;
      while (p < end) {
        const hdr = u32[(p >>> 2) - 1]!;
        const size = hdr & SIZE_MASK;
        const isFree = (hdr & FREE_BIT) !== 0;
        if (((hdr & PREV_FREE_BIT) !== 0) !== prevFree)
          fail(p, `PREV_FREE is ${!prevFree}, the previous block's FREE is ${prevFree}`);
        if (size === 0) {
          if (p !== end || isFree) fail(p, "a zero-size block before the region's end");
          break;
        }
        if (size < MIN_BLOCK_BYTES || p + size > end) fail(p, `block size ${size} does not fit the region`);
        if ((hdr & LARGE_BIT) !== 0) fail(p, "LARGE flag on a region block");
        const g = p >>> 4;
        const live = (this.bits[(g >>> 5) << 1]! & (1 << (g & 31))) !== 0;
        if (isFree) {
          if (prevFree) fail(p, "two adjacent free blocks");
          if (u32[((p + size) >>> 2) - 2] !== size)
            fail(p, `footer ${u32[((p + size) >>> 2) - 2]} != size ${size}`);
          if (live) fail(p, "free block marked live");
          free.add(p);
          freeUsable += size - HEADER_BYTES;
          if (p === region + PAYLOAD_OFFSET && size === bytes - PAYLOAD_OFFSET) empty++;
        } else {
          if (!live) fail(p, "used block not marked live");
          used++;
          usedBytes += size - HEADER_BYTES;
        }
        prevFree = isFree;
        p += size;
        blocks++;
      }
      if (p !== end || blocks === 0) fail(region, "blocks do not tile the region");
    }
    const indexed = this.indexedFreeBlocks();
    if (indexed.length !== free.size)
      fail(0, `free index holds ${indexed.length} blocks, the heap ${free.size}`);
    for (const p of indexed) if (!free.has(p)) fail(p, "free index holds a block that is not free");
    if (freeUsable !== this.freeBytes || free.size !== this.freeBlockCount) {
      fail(
        0,
        `free bytes/blocks ${this.freeBytes}/${this.freeBlockCount}, heap has ${freeUsable}/${free.size}`,
      );
    }
    if (empty !== this.emptyRegions) fail(0, `${this.emptyRegions} empty regions counted, ${empty} found`);
    if (used + this.largeBlocks !== this.blocksInUse)
      fail(0, `${this.blocksInUse} blocks in use counted, ${used + this.largeBlocks} found`);
    let largeBytes = 0;
    for (let i = 0; i < this.larges.length; i++) {
      const mapping = this.larges.starts[i]!;
      if (u32[mapping >>> 2] !== this.larges.sizes[i])
        fail(mapping + PAYLOAD_OFFSET, "large block header lost its mapping size");
      largeBytes += this.larges.sizes[i]! - PAYLOAD_OFFSET;
    }
    if (this.larges.length !== this.largeBlocks)
      fail(0, `${this.largeBlocks} large blocks counted, ${this.larges.length} mapped`);
    if (usedBytes + largeBytes !== this.bytesInUse)
      fail(0, `${this.bytesInUse} bytes in use counted, ${usedBytes + largeBytes} found`);
  }

  // ---- internals ----------------------------------------------------------------------

  /** Throws the right typed error unless `p` is the payload of a live block of this allocator. */
  private checkLive(p: Address): void {
    if (p >>> 0 === p && (p & 15) === 0) {
      const g = p >>> 4;
      const w = (g >>> 5) << 1;
      const bits = this.bits;
      if (w < bits.length && (bits[w]! & (1 << (g & 31))) !== 0) return;
    }
    throw this.pointerError(p);
  }

  private pointerError(p: Address): Error {
    const domain = `the "${this.name}" allocator`;
    if (p >>> 0 !== p || p === 0)
      return new InvalidPointerError(p, `a non-NULL block address returned by ${domain}`);
    if ((p & 15) !== 0)
      return new InvalidPointerError(p, `a block address aligned to 16 bytes from ${domain}`);
    const g = p >>> 4;
    const w = ((g >>> 5) << 1) + 1;
    if (w < this.bits.length && (this.bits[w]! & (1 << (g & 31))) !== 0) {
      return new DoubleFreeError(p, `the block was already freed to ${domain}`);
    }
    if (this.owns(p))
      return new InvalidPointerError(
        p,
        `the start of a live block; the address is inside memory of ${domain} but no block starts there`,
      );
    return new InvalidPointerError(p, `an address in memory managed by ${domain}`);
  }

  private usableOf(u32: Uint32Array, p: Address, hdr: number): number {
    return (hdr & LARGE_BIT) !== 0 ? u32[(p >>> 2) - 4]! - PAYLOAD_OFFSET : (hdr & SIZE_MASK) - HEADER_BYTES;
  }

  private markLive(p: Address): void {
    const g = p >>> 4;
    const w = (g >>> 5) << 1;
    const bit = 1 << (g & 31);
    const bits = this.bits;
    bits[w] |= bit;
    bits[w + 1] &= ~bit;
  }

  private markFreed(p: Address): void {
    const g = p >>> 4;
    const w = (g >>> 5) << 1;
    const bit = 1 << (g & 31);
    const bits = this.bits;
    bits[w] &= ~bit;
    bits[w + 1] |= bit;
  }

  /** Allocates a region block of at least `size` requested bytes (size below the large threshold). */
  private allocateSmall(size: number): Address {
    let need = (size + HEADER_BYTES + 15) & SIZE_MASK;
    if (need < MIN_BLOCK_BYTES) need = MIN_BLOCK_BYTES;
    let u32 = this.heap.u32;
    let p = this.takeFree(u32, need);
    if (p === 0) {
      p = this.addRegion(need);
      u32 = this.heap.u32; // mapping may have grown the heap
    }
    const h = (p >>> 2) - 1;
    const size0 = u32[h]! & SIZE_MASK;
    if (this.emptyRegions !== 0 && this.isWholeRegion(u32, p, size0)) this.emptyRegions--;
    const rest = size0 - need;
    if (rest >= MIN_BLOCK_BYTES) {
      u32[h] = need;
      const r = p + need;
      u32[(r >>> 2) - 1] = rest | FREE_BIT;
      u32[((r + rest) >>> 2) - 2] = rest;
      this.insertFree(u32, r, rest);
    } else {
      need = size0;
      u32[h] = need;
      const nh = ((p + need) >>> 2) - 1;
      u32[nh] = u32[nh]! & ~PREV_FREE_BIT;
    }
    this.markLive(p);
    this.blocksInUse++;
    const inUse = this.bytesInUse + need - HEADER_BYTES;
    this.bytesInUse = inUse;
    if (inUse > this.peakBytesInUse) this.peakBytesInUse = inUse;
    return p;
  }

  /** Whether the free block `p` of `size` bytes spans its whole region. */
  private isWholeRegion(u32: Uint32Array, p: Address, size: number): boolean {
    const region = p - PAYLOAD_OFFSET;
    return (
      (region & this.pageMask) === 0 &&
      this.pageKinds[region >>> this.pageShift] === PAGE_REGION_START &&
      u32[region >>> 2]! - PAYLOAD_OFFSET === size
    );
  }

  /** Maps a region with room for a block of `need` bytes and returns its one block, free but not filed. */
  private addRegion(need: number): Address {
    const pageSize = this.pages.pageSize;
    let bytes = this.regionSize;
    if (need + PAYLOAD_OFFSET > bytes) bytes = Math.ceil((need + PAYLOAD_OFFSET) / pageSize) * pageSize;
    const region = this.pages.map(bytes); // MemoryError leaves everything unchanged
    this.ensureTables(region + bytes);
    const firstPage = region >>> this.pageShift;
    this.pageKinds.fill(PAGE_REGION, firstPage, firstPage + bytes / pageSize);
    this.pageKinds[firstPage] = PAGE_REGION_START;
    this.regions.insert(region, bytes);
    this.bytesReserved += bytes;
    const u32 = this.heap.u32;
    u32[region >>> 2] = bytes;
    const p = region + PAYLOAD_OFFSET;
    const size = bytes - PAYLOAD_OFFSET;
    u32[(p >>> 2) - 1] = size | FREE_BIT;
    u32[((p + size) >>> 2) - 2] = size;
    u32[((region + bytes) >>> 2) - 1] = PREV_FREE_BIT; // end sentinel: size 0, used
    return p;
  }

  private unmapRegion(region: Address, bytes: number): void {
    this.pages.unmap(region, bytes);
    const firstPage = region >>> this.pageShift;
    this.pageKinds.fill(PAGE_NONE, firstPage, firstPage + bytes / this.pages.pageSize);
    this.regions.removeAt(this.regions.indexOf(region));
    this.bytesReserved -= bytes;
  }

  private allocateLarge(size: number): Address {
    const pageSize = this.pages.pageSize;
    const bytes = Math.ceil((size + PAYLOAD_OFFSET) / pageSize) * pageSize;
    if (bytes > this.heap.maxByteLength) {
      throw new MemoryError(
        size,
        `a large block needs a mapping of ${bytes} bytes, more than the heap's maximum of ${this.heap.maxByteLength}`,
      );
    }
    const mapping = this.pages.map(bytes); // MemoryError leaves everything unchanged
    this.ensureTables(mapping + bytes);
    const firstPage = mapping >>> this.pageShift;
    this.pageKinds.fill(PAGE_LARGE, firstPage, firstPage + bytes / pageSize);
    this.larges.insert(mapping, bytes);
    const u32 = this.heap.u32;
    u32[mapping >>> 2] = bytes;
    const p = mapping + PAYLOAD_OFFSET;
    u32[(p >>> 2) - 1] = LARGE_BIT;
    this.markLive(p);
    this.largeBlocks++;
    this.blocksInUse++;
    this.bytesReserved += bytes;
    const inUse = this.bytesInUse + bytes - PAYLOAD_OFFSET;
    this.bytesInUse = inUse;
    if (inUse > this.peakBytesInUse) this.peakBytesInUse = inUse;
    return p;
  }

  private releaseLarge(u32: Uint32Array, p: Address): void {
    const mapping = p - PAYLOAD_OFFSET;
    const bytes = u32[mapping >>> 2]!;
    this.pages.unmap(mapping, bytes);
    const firstPage = mapping >>> this.pageShift;
    this.pageKinds.fill(PAGE_NONE, firstPage, firstPage + bytes / this.pages.pageSize);
    this.larges.removeAt(this.larges.indexOf(mapping));
    this.markFreed(p);
    this.largeBlocks--;
    this.blocksInUse--;
    this.bytesReserved -= bytes;
    this.bytesInUse -= bytes - PAYLOAD_OFFSET;
  }

  /** Frees the live region block `p` whose header is `hdr`: coalesces, then files or unmaps. */
  private releaseSmall(u32: Uint32Array, p: Address, hdr: number): void {
    let size = hdr & SIZE_MASK;
    this.markFreed(p);
    this.blocksInUse--;
    this.bytesInUse -= size - HEADER_BYTES;
    const n = p + size;
    const nh = (n >>> 2) - 1;
    const nhdr = u32[nh]!;
    if ((nhdr & FREE_BIT) !== 0) {
      const ns = nhdr & SIZE_MASK;
      this.removeFree(u32, n, ns);
      size += ns;
    } else {
      u32[nh] = nhdr | PREV_FREE_BIT;
    }
    if ((hdr & PREV_FREE_BIT) !== 0) {
      const ps = u32[(p >>> 2) - 2]!;
      p -= ps;
      this.removeFree(u32, p, ps);
      size += ps;
    }
    u32[(p >>> 2) - 1] = size | FREE_BIT;
    u32[((p + size) >>> 2) - 2] = size;
    if (((p - PAYLOAD_OFFSET) & this.pageMask) === 0 && this.isWholeRegion(u32, p, size)) {
      if (this.emptyRegions < this.retainEmptyRegions) {
        this.emptyRegions++;
        this.insertFree(u32, p, size);
      } else {
        this.unmapRegion(p - PAYLOAD_OFFSET, size + PAYLOAD_OFFSET);
      }
      return;
    }
    this.insertFree(u32, p, size);
  }

  /**
   * Resizes the live region block `p` (header `hdr`) to hold `size` bytes without moving it:
   * shrinks by splitting, grows by absorbing a free next block.
   * @returns false when it cannot grow in place (nothing changed then)
   */
  private resizeInPlace(u32: Uint32Array, p: Address, hdr: number, size: number): boolean {
    let need = (size + HEADER_BYTES + 15) & SIZE_MASK;
    if (need < MIN_BLOCK_BYTES) need = MIN_BLOCK_BYTES;
    const old = hdr & SIZE_MASK;
    const h = (p >>> 2) - 1;
    const n = p + old;
    const nh = (n >>> 2) - 1;
    const nhdr = u32[nh]!;
    if (need <= old) {
      const rest = old - need;
      if (rest < MIN_BLOCK_BYTES) return true;
      u32[h] = need | (hdr & PREV_FREE_BIT);
      let rs = rest;
      if ((nhdr & FREE_BIT) !== 0) {
        const ns = nhdr & SIZE_MASK;
        this.removeFree(u32, n, ns);
        rs += ns;
      } else {
        u32[nh] = nhdr | PREV_FREE_BIT;
      }
      const r = p + need;
      u32[(r >>> 2) - 1] = rs | FREE_BIT;
      u32[((r + rs) >>> 2) - 2] = rs;
      this.insertFree(u32, r, rs);
      this.bytesInUse -= rest;
      return true;
    }
    if ((nhdr & FREE_BIT) === 0) return false;
    const ns = nhdr & SIZE_MASK;
    const total = old + ns;
    if (total < need) return false;
    this.removeFree(u32, n, ns);
    const rest = total - need;
    if (rest >= MIN_BLOCK_BYTES) {
      u32[h] = need | (hdr & PREV_FREE_BIT);
      const r = p + need;
      u32[(r >>> 2) - 1] = rest | FREE_BIT;
      u32[((r + rest) >>> 2) - 2] = rest;
      this.insertFree(u32, r, rest);
    } else {
      need = total;
      u32[h] = total | (hdr & PREV_FREE_BIT);
      const ah = ((p + total) >>> 2) - 1;
      u32[ah] = u32[ah]! & ~PREV_FREE_BIT;
    }
    const inUse = this.bytesInUse + need - old;
    this.bytesInUse = inUse;
    if (inUse > this.peakBytesInUse) this.peakBytesInUse = inUse;
    return true;
  }

  /** Moves the live block `p` (usable `oldUsable`) to a new block of `size` bytes; frees `p`. */
  private move(p: Address, oldUsable: number, size: number): Address {
    const q = size < this.largeThreshold ? this.allocateSmall(size) : this.allocateLarge(size);
    const heap = this.heap;
    heap.u8.copyWithin(q, p, p + (size < oldUsable ? size : oldUsable));
    const u32 = heap.u32;
    const hdr = u32[(p >>> 2) - 1]!;
    if ((hdr & LARGE_BIT) !== 0) this.releaseLarge(u32, p);
    else this.releaseSmall(u32, p, hdr);
    return q;
  }

  private ensureTables(end: number): void {
    const pages = Math.ceil(end / this.pages.pageSize) + 1;
    if (pages > this.pageKinds.length) this.pageKinds = growPageKinds(this.pageKinds, pages);
    const words = 2 * (Math.ceil(end / 512) + 1);
    if (words > this.bits.length) this.bits = growGranuleBits(this.bits, words);
  }
}
