/**
 * pymalloc: CPython's allocator for the PyObject_Malloc domain, over the bytes of one heap.
 *
 * Reference: CPython 3.11, Objects/obmalloc.c (`pymalloc_alloc`, `pymalloc_pool_extend`,
 * `allocate_from_new_pool`, `pymalloc_free`, `insert_to_usedpool`, `insert_to_freepool`,
 * `pymalloc_realloc`, `_PyObject_Malloc` / `_Calloc` / `_Free` / `_Realloc`).
 *
 * Strategy: simple segregated storage in three levels. Requests of 1..SMALL_REQUEST_THRESHOLD
 * bytes fall into size classes `(size - 1) >> ALIGNMENT_SHIFT`; each class takes its blocks from
 * the pools on its `usedpools` list; pools are cut from arenas mapped from the page provider.
 * Everything else (0 bytes, larger requests) goes to the raw allocator, as CPython does.
 *
 * ```
 *  malloc(n), 1 <= n <= 512        szidx = (n - 1) >> ALIGNMENT_SHIFT
 *    usedpools[szidx] has a pool?  pop its freeblock; list exhausted -> carve at nextoffset,
 *                                  or the pool is full -> unlink it
 *    else                          take an empty pool from the most used arena (new arena if
 *                                  none), link it at the front of usedpools[szidx]
 *  free(p)                         arena map says pymalloc? push p on its pool's free list:
 *                                  full -> used (front of its list); used -> empty (to its
 *                                  arena's freepools, arena unmapped when wholly free)
 *                                  else the raw allocator frees it
 *
 *  heap:  | state page: usedpools | ... | arena (1 MiB) ............................. |
 *                                         | pool | pool | pool | ... | never carved |
 *                                           | header 48 B | block | block | ... | tail |
 * ```
 *
 * Checked mode (the default) keeps a bitmap of live blocks (see live-blocks.ts) so that a
 * double free, an interior pointer, a pointer into a pool header or into memory never handed
 * out raises a typed error in O(1) before anything is changed; and before handing out a block
 * it checks that the block is not live and that the free-list link it holds is 0 or an aligned
 * address among its pool's blocks (a write to freed memory otherwise hands out a wild or
 * doubly-owned block). Without it, the allocator trusts that every address passed to
 * `free`, `realloc` and `usableSize` that lies in an arena is the start of a live block, and
 * that freed blocks are not written to; addresses outside the arenas still go to the raw
 * allocator, which checks them.
 *
 * @module
 */
import {
  type Address,
  type Allocator,
  ConfigurationError,
  DoubleFreeError,
  formatAddress,
  type Heap,
  HeapCorruptionError,
  InvalidPointerError,
  MAX_HEAP_BYTES,
  MemoryHooks,
  type PageProvider,
  SizeError,
  validateSize,
} from "@pymem/core";
import { ArenaMap } from "./arena-map";
import { ArenaTable } from "./arena-table";
import {
  type PymallocConfig,
  type PymallocPresetName,
  type ResolvedPymallocConfig,
  resolvePymallocConfig,
} from "./config";
import { collectPymallocStats, type PymallocStats } from "./debug-malloc-stats";
import { LiveBlocks } from "./live-blocks";
import {
  DUMMY_SIZE_IDX,
  POOL_ARENAINDEX,
  POOL_COUNT,
  POOL_FREEBLOCK,
  POOL_MAXNEXTOFFSET,
  POOL_NEXTOFFSET,
  POOL_NEXTPOOL,
  POOL_PREVPOOL,
  POOL_SZIDX,
} from "./pool-header";
import { initUsedPools, usedPoolsBytes } from "./used-pools";

/** Options of {@link PymallocAllocator}. */
export interface PymallocOptions {
  /** Where arenas (and the page holding the usedpools table) are mapped from. */
  pages: PageProvider;
  /** Allocator for 0-byte requests and requests above the small-request threshold; must use the same heap. */
  raw: Allocator;
  /**
   * A preset name or a full configuration.
   * @defaultValue "cpython311"
   */
  config?: PymallocConfig | PymallocPresetName;
  /**
   * Receives `allocate` / `free` events of this domain (named "pymalloc").
   * @defaultValue a private `MemoryHooks` nobody listens to
   */
  hooks?: MemoryHooks;
  /**
   * Detect double frees, interior and foreign pointers and overwritten free-list links with
   * typed errors (O(1) per call; a bitmap of one bit per alignment granule of the heap).
   * @defaultValue true
   */
  checked?: boolean;
  /**
   * Let `realloc` move a raw block into a pool block when the new size is one pymalloc
   * serves (1..smallRequestThreshold bytes). CPython 3.11 never does: its `pymalloc_realloc`
   * leaves such a block with the C allocator, because C cannot tell how many bytes at the
   * old address are valid to copy. Here the raw allocator knows every block's usable size, so
   * the move is safe; it trades one copy for a block that no longer sits in the raw heap.
   * @defaultValue false (CPython's behaviour)
   */
  adoptRawBlocks?: boolean;
}

const DOMAIN = "pymalloc";

/**
 * Word indices of the pool header fields, from the pool's word index (`pool >>> 2`): see the
 * layout in pool-header.ts. A `const enum`, so every use compiles to its literal — a
 * module-level `const` would be loaded from the module context and checked on every header
 * access (about eight instructions in TurboFan, Node 20).
 */
const enum PoolWord {
  /** ref.count: blocks in use. */
  Count = 0,
  /** freeblock: head of the pool's free blocks. */
  Freeblock = 2,
  /** nextpool. */
  Nextpool = 4,
  /** prevpool. */
  Prevpool = 6,
  /** arenaindex. */
  Arenaindex = 8,
  /** szidx: the size class. */
  Szidx = 9,
  /** nextoffset: the next never-used block. */
  Nextoffset = 10,
  /** maxnextoffset. */
  Maxnextoffset = 11,
}

// Ties the word indices to the byte offsets of pool-header.ts.
if (
  POOL_COUNT !== PoolWord.Count * 4 ||
  POOL_FREEBLOCK !== PoolWord.Freeblock * 4 ||
  POOL_NEXTPOOL !== PoolWord.Nextpool * 4 ||
  POOL_PREVPOOL !== PoolWord.Prevpool * 4 ||
  POOL_ARENAINDEX !== PoolWord.Arenaindex * 4 ||
  POOL_SZIDX !== PoolWord.Szidx * 4 ||
  POOL_NEXTOFFSET !== PoolWord.Nextoffset * 4 ||
  POOL_MAXNEXTOFFSET !== PoolWord.Maxnextoffset * 4
) {
  throw new Error("pymalloc-allocator.ts: the pool header word indices no longer match pool-header.ts");
}

/**
 * CPython's small-object allocator (obmalloc) over a heap: arenas from a page provider, pools,
 * size-classed blocks, with requests it does not serve routed to a raw allocator.
 * @example
 * ```ts
 * import { ArrayBufferHeap } from "@pymem/core";
 * import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
 * import { PymallocAllocator, formatDebugMallocStats } from "@pymem/pymalloc";
 *
 * const pages = new HeapPageProvider({ heap: new ArrayBufferHeap() });
 * const obj = new PymallocAllocator({ pages, raw: new TlsfAllocator({ pages }) });
 * const p = obj.malloc(24); // from a pool of 32-byte blocks
 * obj.usableSize(p); // 32
 * obj.free(p);
 * console.log(formatDebugMallocStats(obj.stats()));
 * ```
 */
export class PymallocAllocator implements Allocator {
  // Fields the constructor assigns are `declare`d: an ES2022 class field without initializer is
  // first defined as `undefined`, after which V8 stores it tagged and every read on the hot path
  // tests whether it holds a heap number; a field whose first value is a small integer (or an
  // object of one class) is read with a single load.

  /** Domain name. */
  readonly name = DOMAIN;
  /** The heap all addresses refer to. */
  declare readonly heap: Heap;
  /** Alignment every returned address has: the configured one, or the raw allocator's when smaller. */
  declare readonly alignment: number;
  /** The validated configuration and its derived constants. */
  declare readonly config: ResolvedPymallocConfig;
  /**
   * Whether misuse is detected (see {@link PymallocOptions.checked}). Hot paths test it with
   * `=== true`: V8 compiles a plain truthiness test of a field into a chain of type checks.
   */
  declare readonly checked: boolean;
  /** The page provider arenas come from. */
  declare readonly pages: PageProvider;
  /** The allocator for requests pymalloc does not serve. */
  declare readonly raw: Allocator;
  /** Event hooks this domain reports to. */
  declare readonly hooks: MemoryHooks;
  /** Whether realloc moves raw blocks into pools (see {@link PymallocOptions.adoptRawBlocks}). */
  declare readonly adoptRawBlocks: boolean;
  /** Address of the usedpools table (its imaginary head of class 0). */
  declare readonly usedPools: Address;
  /** Bytes of the mapping holding the usedpools table (whole pages). */
  private declare readonly usedPoolsMapping: number;

  private declare readonly threshold: number;
  private declare readonly alignShift: number;
  private declare readonly alignMask: number;
  private declare readonly poolSize: number;
  private declare readonly poolBase: number;
  private declare readonly poolOverhead: number;
  /** Bytes of a pool after its header: a free-list link `next` is in range iff `(next - pool - poolOverhead) >>> 0 < poolSpan`. */
  private declare readonly poolSpan: number;
  private declare readonly arenaBits: number;
  private declare readonly arenas: ArenaTable;
  private declare readonly arenaMap: ArenaMap;
  private declare readonly mapEntries: Int32Array;
  private declare readonly live: LiveBlocks;
  /** `live.bits`, refreshed whenever it grows. */
  private declare liveBits: Int32Array;

  // Byte accounting. In use = small-block bytes + rawBytes; instead of the small-block bytes the
  // allocator keeps `slack = peakBytes - in use`, so that a small malloc or free updates one
  // field and the peak stays exact: slack >= 0 always, and slack == 0 iff the bytes in use are
  // at their peak. The small-block bytes are peakBytes - slack - rawBytes.
  private rawBlocks = 0;
  private rawBytes = 0;
  private peakBytes = 0;
  private slack = 0;
  private mallocCalls = 0;
  private callocCalls = 0;
  private reallocCalls = 0;
  private freeCalls = 0;

  /**
   * @throws ConfigurationError for an invalid configuration, a raw allocator on another heap, or
   *   an arena size that is not a whole number of the page provider's pages
   * @throws MemoryError when the page for the usedpools table cannot be mapped
   */
  constructor(options: PymallocOptions) {
    const { pages, raw } = options;
    const config = resolvePymallocConfig(options.config ?? "cpython311");
    if (raw.heap !== pages.heap) {
      throw new ConfigurationError("raw", "an allocator over the page provider's heap", raw.name);
    }
    if (config.arenaSize % pages.pageSize !== 0) {
      throw new ConfigurationError(
        "arenaSize",
        `a multiple of the page provider's page size (${pages.pageSize})`,
        config.arenaSize,
      );
    }
    this.heap = pages.heap;
    this.pages = pages;
    this.raw = raw;
    this.config = config;
    this.checked = options.checked !== false;
    this.adoptRawBlocks = options.adoptRawBlocks === true;
    this.hooks = options.hooks ?? new MemoryHooks();
    this.alignment = Math.min(config.alignment, raw.alignment);
    this.threshold = config.smallRequestThreshold;
    this.alignShift = config.alignmentShift;
    this.alignMask = config.alignment - 1;
    this.poolSize = config.poolSize;
    this.poolBase = ~(config.poolSize - 1);
    this.poolOverhead = config.poolOverhead;
    this.poolSpan = config.poolSize - config.poolOverhead;
    this.arenaBits = config.arenaBits;
    this.arenaMap = new ArenaMap(this.heap, config.arenaBits);
    this.mapEntries = this.arenaMap.entries;
    this.arenas = new ArenaTable(pages, config, this.arenaMap);
    this.live = new LiveBlocks(config.alignment);
    this.liveBits = this.live.bits;
    this.usedPools = pages.map(usedPoolsBytes(config.sizeClassCount));
    this.usedPoolsMapping = pages.mappingSize(this.usedPools);
    initUsedPools(this.heap, this.usedPools, config.sizeClassCount);
  }

  // ---------------------------------------------------------------- public API

  /**
   * Allocates `size` bytes: from a pool for 1..smallRequestThreshold bytes, else from `raw`.
   * @throws SizeError for a negative, NaN, fractional or too large size
   * @throws MemoryError when no arena can be mapped (or raw has no room); nothing changes
   */
  malloc(size: number): Address {
    let address: Address;
    if (typeof size === "number" && (size | 0) === size && size > 0 && size <= this.threshold) {
      address = this.checked === true ? this.checkedSmallAlloc(size) : this.smallAlloc(size);
    } else {
      address = this.rawMalloc(size);
    }
    this.mallocCalls++;
    const hook = this.hooks.allocate;
    if (hook !== null) hook(DOMAIN, address, size);
    return address;
  }

  /**
   * Allocates `count * size` zeroed bytes (from a pool when the product is 1..threshold).
   * @throws SizeError when an argument is invalid or the product exceeds 4 GiB
   * @throws MemoryError when memory is exhausted; nothing changes
   */
  calloc(count: number, size: number): Address {
    validateSize(count, MAX_HEAP_BYTES, "count");
    validateSize(size, MAX_HEAP_BYTES, "size");
    const nbytes = count * size;
    if (nbytes > MAX_HEAP_BYTES) {
      throw new SizeError(nbytes, "calloc size", `count * size of at most ${MAX_HEAP_BYTES}`);
    }
    let address: Address;
    if (nbytes > 0 && nbytes <= this.threshold) {
      address = this.allocate(nbytes);
      this.heap.u8.fill(0, address, address + nbytes);
    } else {
      address = this.raw.calloc(count, size);
      this.countRawAlloc(address);
    }
    this.callocCalls++;
    const hook = this.hooks.allocate;
    if (hook !== null) hook(DOMAIN, address, nbytes);
    return address;
  }

  /**
   * Resizes a block as pymalloc_realloc does: a pool block stays in place when `size` fits it
   * and is more than 3/4 of it; else a new block is allocated (pool or raw, by size), the
   * contents copied and the old block freed. Raw blocks stay with the raw allocator (which
   * resizes them in place or moves them), unless {@link PymallocOptions.adoptRawBlocks} is set
   * and the new size is a small one: then the block moves into a pool.
   * `realloc(0, n)` is `malloc(n)`.
   * @throws InvalidPointerError / DoubleFreeError (checked mode) for an address that is not a live block
   * @throws SizeError for an invalid size
   * @throws MemoryError when no room; the original block is intact
   */
  realloc(address: Address, size: number): Address {
    let result: Address;
    let oldUsable = 0;
    if (address === 0) {
      result = this.allocate(size);
    } else {
      validateSize(size, MAX_HEAP_BYTES, "size");
      const slot = this.ownerSlot(address);
      if (slot === 0) {
        oldUsable = this.raw.usableSize(address);
        if (this.adoptRawBlocks === true && size > 0 && size <= this.threshold) {
          result = this.allocate(size);
          this.heap.u8.copyWithin(result, address, address + (size < oldUsable ? size : oldUsable));
          this.rawFree(address);
        } else {
          result = this.raw.realloc(address, size);
          this.countRawBytes(this.raw.usableSize(result) - oldUsable);
        }
      } else {
        if (this.checked === true) this.checkLive(address, "realloc");
        const pool = (address & this.poolBase) >>> 0;
        const blockSize = (this.heap.u32[(pool >>> 2) + PoolWord.Szidx] + 1) << this.alignShift;
        oldUsable = blockSize;
        if (size <= blockSize && 4 * size > 3 * blockSize) {
          // Same size, or shrinking by less than a quarter: not worth a copy.
          result = address;
        } else {
          result = this.allocate(size);
          this.heap.u8.copyWithin(result, address, address + (size < blockSize ? size : blockSize));
          if (this.checked === true) this.clearLive(address);
          this.smallFree(address);
        }
      }
    }
    this.reallocCalls++;
    if (address !== 0) {
      const freeHook = this.hooks.free;
      if (freeHook !== null) freeHook(DOMAIN, address, oldUsable);
    }
    const allocHook = this.hooks.allocate;
    if (allocHook !== null) allocHook(DOMAIN, result, size);
    return result;
  }

  /**
   * Frees a block (pool block, or raw block routed by the arena map). `free(0)` does nothing.
   * @throws InvalidPointerError for an interior, header, never handed out or foreign address
   * @throws DoubleFreeError for a block that is already free
   */
  free(address: Address): void {
    let usable: number;
    const entries = this.mapEntries;
    const i = address >>> this.arenaBits;
    if (address >>> 0 === address && i < entries.length && entries[i] !== 0) {
      usable = this.checked === true ? this.checkedSmallFree(address) : this.smallFree(address);
    } else {
      if (address === 0) return;
      usable = this.foreignFree(address);
    }
    this.freeCalls++;
    const hook = this.hooks.free;
    if (hook !== null) hook(DOMAIN, address, usable);
  }

  /**
   * Usable bytes of a live block: its size class for a pool block, else what raw reports.
   * @throws InvalidPointerError / DoubleFreeError (checked mode) for an address that is not a live block
   */
  usableSize(address: Address): number {
    const slot = this.ownerSlot(address);
    if (slot === 0) return this.raw.usableSize(address);
    if (this.checked === true) this.checkLive(address, "usableSize");
    const pool = (address & this.poolBase) >>> 0;
    return (this.heap.u32[(pool >>> 2) + PoolWord.Szidx] + 1) << this.alignShift;
  }

  /**
   * Whether `address` lies in one of pymalloc's arenas (CPython's address_in_range), in O(1).
   * Blocks this domain handed to the raw allocator report false; `free` still accepts them.
   */
  owns(address: Address): boolean {
    return address >>> 0 === address && this.arenaMap.lookup(address) !== 0;
  }

  /**
   * Unmaps every wholly free arena, including the one `retainLastFreeArena` keeps.
   * @returns the number of arenas unmapped
   */
  trim(): number {
    return this.arenas.releaseFreeArenas();
  }

  /**
   * Number of blocks handed out and not freed, pool blocks plus raw ones, counted from the pool
   * headers as CPython's `sys.getallocatedblocks()` does.
   */
  allocatedBlocks(): number {
    let n = this.rawBlocks;
    const u32 = this.heap.u32;
    const t = this.arenas;
    for (let ao = 0; ao < t.capacity; ao++) {
      if (t.address[ao] === 0) continue;
      for (let pool = t.address[ao]; pool < t.poolAddress[ao]; pool += this.poolSize) n += u32[pool >>> 2];
    }
    return n;
  }

  /** Current figures, including the `sys._debugmallocstats()` ones under `pymalloc`. */
  stats(): PymallocStats {
    return collectPymallocStats(this.heap, this.config, this.arenas, this.arenaMap, {
      name: DOMAIN,
      smallBytes: this.peakBytes - this.slack - this.rawBytes,
      rawBlocks: this.rawBlocks,
      rawBytes: this.rawBytes,
      peakBytes: this.peakBytes,
      usedPoolsBytes: this.usedPoolsMapping,
      sideTableBytes: this.arenas.byteLength + this.arenaMap.byteLength + this.live.byteLength,
      calls: {
        malloc: this.mallocCalls,
        calloc: this.callocCalls,
        realloc: this.reallocCalls,
        free: this.freeCalls,
      },
    });
  }

  /** Slots of `usable_arenas` from head to tail (the order pools are taken in). */
  usableArenaOrder(): number[] {
    return this.arenas.usableOrder();
  }

  /** Slots in the arena-object table (CPython's maxarenas: 0, then 16, doubling as needed). */
  get arenaSlots(): number {
    return this.arenas.capacity;
  }

  /**
   * Where an arena slot stands: its base address (0 when the slot is unused), free pools
   * (free plus never carved) and total pools.
   */
  arenaInfo(slot: number): { address: Address; freePools: number; totalPools: number } {
    const t = this.arenas;
    if (!(Number.isInteger(slot) && slot >= 0 && slot < t.capacity)) {
      throw new RangeError(`no arena slot ${slot}: expected 0 to ${t.capacity - 1}`);
    }
    return { address: t.address[slot], freePools: t.nfreepools[slot], totalPools: t.ntotalpools[slot] };
  }

  /** `nfp2lasta[n]`: slot of the last usable arena with `n` free pools, or -1. */
  lastArenaWithFreePools(n: number): number {
    return this.arenas.nfp2lasta[n] ?? -1;
  }

  // ---------------------------------------------------------------- small blocks

  /** A block of `size` bytes from a pool, or from raw for 0 and large sizes (_PyObject_Malloc without the counting). */
  private allocate(size: number): Address {
    if ((size | 0) === size && size > 0 && size <= this.threshold) {
      return this.checked === true ? this.checkedSmallAlloc(size) : this.smallAlloc(size);
    }
    return this.rawMalloc(size);
  }

  // The two modes have separate entry points so that V8 inlines only the code of the mode in
  // use into the caller (its inlining budget is counted in bytecode). The common case of each
  // call is straight-line code; the pool state changes (pool full, full pool used again, pool
  // empty) sit in separate functions the common case only branches over.

  /** Takes a block for a request of `size` bytes (pymalloc_alloc), unchecked. */
  private smallAlloc(size: number): Address {
    const szidx = (size - 1) >>> this.alignShift;
    const u32 = this.heap.u32;
    const head = this.usedPools + (szidx << 4);
    const pool = u32[(head >>> 2) + PoolWord.Nextpool];
    if (pool === head) return this.allocateFromNewPool(szidx, size);
    // A used pool of this class: pop its free list.
    const pi = pool >>> 2;
    const bp = u32[pi + PoolWord.Freeblock];
    const next = u32[bp >>> 2];
    u32[pi + PoolWord.Count]++;
    u32[pi + PoolWord.Freeblock] = next;
    if (next === 0) this.extendPool(u32, pool, szidx);
    const slack = this.slack - ((szidx + 1) << this.alignShift);
    if (slack < 0) this.newPeak(slack);
    else this.slack = slack;
    return bp;
  }

  /**
   * Checked mode's {@link PymallocAllocator.smallAlloc}: the block about to be handed out must
   * not be live, and the free-list link it holds must be 0 or an aligned address among its
   * pool's blocks (one unsigned compare for the range); then it is marked live.
   */
  private checkedSmallAlloc(size: number): Address {
    const szidx = (size - 1) >>> this.alignShift;
    const u32 = this.heap.u32;
    const head = this.usedPools + (szidx << 4);
    const pool = u32[(head >>> 2) + PoolWord.Nextpool];
    if (pool === head) return this.allocateFromNewPool(szidx, size);
    const pi = pool >>> 2;
    const bp = u32[pi + PoolWord.Freeblock];
    const next = u32[bp >>> 2];
    const bits = this.liveBits;
    const g = bp >>> this.alignShift;
    const bit = 1 << g; // a shift count is taken mod 32: the bit of granule g in its word
    const word = bits[g >>> 5];
    if (
      (word & bit) !== 0 ||
      (next !== 0 &&
        ((next - pool - this.poolOverhead) >>> 0 >= this.poolSpan || (next & this.alignMask) !== 0))
    ) {
      this.rejectFreeList(pool, bp, next);
    }
    bits[g >>> 5] = word | bit;
    u32[pi + PoolWord.Count]++;
    u32[pi + PoolWord.Freeblock] = next;
    if (next === 0) this.extendPool(u32, pool, szidx);
    const slack = this.slack - ((szidx + 1) << this.alignShift);
    if (slack < 0) this.newPeak(slack);
    else this.slack = slack;
    return bp;
  }

  /** The bytes in use passed their peak by `-slack`: raise the peak (slack becomes 0). */
  private newPeak(slack: number): void {
    this.peakBytes -= slack;
    this.slack = 0;
  }

  /** The pool's free list ran out: carve the next virgin block, or unlink the now full pool (pymalloc_pool_extend). */
  private extendPool(u32: Uint32Array, pool: Address, szidx: number): void {
    const pi = pool >>> 2;
    const nextoffset = u32[pi + PoolWord.Nextoffset];
    if (nextoffset > u32[pi + PoolWord.Maxnextoffset]) {
      // past maxnextoffset (word 11): no virgin block left
      this.unlinkFullPool(u32, pool);
      return;
    }
    const block = pool + nextoffset;
    u32[pi + PoolWord.Freeblock] = block;
    u32[pi + PoolWord.Nextoffset] = nextoffset + ((szidx + 1) << this.alignShift);
    u32[block >>> 2] = 0;
    u32[(block >>> 2) + 1] = 0;
  }

  /** A pool just became full: take it off its usedpools list. */
  private unlinkFullPool(u32: Uint32Array, pool: Address): void {
    const pi = pool >>> 2;
    const next = u32[pi + PoolWord.Nextpool];
    const prev = u32[pi + PoolWord.Prevpool];
    u32[(next >>> 2) + PoolWord.Prevpool] = prev;
    u32[(prev >>> 2) + PoolWord.Nextpool] = next;
  }

  /** No used pool of this class: take an empty one and link it at the front (allocate_from_new_pool). */
  private allocateFromNewPool(szidx: number, requested: number): Address {
    if (this.checked === true) {
      // Validate the free list a recycled pool of this class would be resumed from, before any change.
      const cached = this.arenas.peekFreePool();
      if (cached !== 0 && this.heap.u32[(cached >>> 2) + PoolWord.Szidx] === szidx) {
        // It held blocks of this class (szidx): it would resume its free list.
        const bp = this.heap.u32[(cached >>> 2) + PoolWord.Freeblock];
        const next = this.heap.u32[bp >>> 2];
        if (!this.linkOk(cached, next)) this.rejectFreeList(cached, bp, next);
      }
    }
    const pool = this.arenas.takePool(requested);
    const bp = this.resumeOrInitPool(pool, szidx);
    if (this.checked === true) {
      this.live.cover(this.heap.byteLength);
      this.liveBits = this.live.bits;
      this.setLive(bp);
    }
    this.countSmallBytes((szidx + 1) << this.alignShift);
    return bp;
  }

  /** Links a pool taken from an arena at the front of usedpools[szidx] and takes its first block. */
  private resumeOrInitPool(pool: Address, szidx: number): Address {
    const u32 = this.heap.u32; // the heap may have grown while mapping an arena
    const pi = pool >>> 2;
    const head = this.usedPools + (szidx << 4);
    u32[pi + PoolWord.Nextpool] = head;
    u32[pi + PoolWord.Prevpool] = head;
    u32[(head >>> 2) + PoolWord.Nextpool] = pool;
    u32[(head >>> 2) + PoolWord.Prevpool] = pool;
    u32[pi + PoolWord.Count] = 1;
    if (u32[pi + PoolWord.Szidx] === szidx) {
      // szidx unchanged: it last held blocks of this class: its free list is still good.
      const bp = u32[pi + PoolWord.Freeblock];
      u32[pi + PoolWord.Freeblock] = u32[bp >>> 2];
      return bp;
    }
    // Fresh start: hand out the first block, put the second on the free list.
    const size = (szidx + 1) << this.alignShift;
    const bp = pool + this.poolOverhead;
    u32[pi + PoolWord.Szidx] = szidx;
    u32[pi + PoolWord.Nextoffset] = this.poolOverhead + 2 * size;
    u32[pi + PoolWord.Maxnextoffset] = this.poolSize - size;
    const second = bp + size;
    u32[pi + PoolWord.Freeblock] = second;
    u32[second >>> 2] = 0;
    u32[(second >>> 2) + 1] = 0;
    return bp;
  }

  /**
   * Checked mode's {@link PymallocAllocator.smallFree}: clears the live bit of the block at
   * `address` in one read-modify-write of its bitmap word, after checking that it was set and
   * that the address is aligned (the bit is per granule); else throws, with nothing changed.
   * @returns the block size
   */
  private checkedSmallFree(address: Address): number {
    const bits = this.liveBits;
    const g = address >>> this.alignShift;
    const bit = 1 << g; // a shift count is taken mod 32: the bit of granule g in its word
    const word = bits[g >>> 5];
    if ((word & bit) === 0 || (address & this.alignMask) !== 0) this.rejectDead(address, "free");
    bits[g >>> 5] = word ^ bit;
    return this.smallFree(address);
  }

  /**
   * Returns a pool block (pymalloc_free). In checked mode the caller has validated the address
   * and cleared its live bit. @returns the block size
   */
  private smallFree(address: Address): number {
    const u32 = this.heap.u32;
    const pool = (address & this.poolBase) >>> 0;
    const pi = pool >>> 2;
    const blockSize = (u32[pi + PoolWord.Szidx] + 1) << this.alignShift;
    const lastfree = u32[pi + PoolWord.Freeblock];
    const ai = address >>> 2;
    u32[ai] = lastfree;
    u32[ai + 1] = 0;
    u32[pi + PoolWord.Freeblock] = address;
    const count = u32[pi + PoolWord.Count] - 1;
    u32[pi + PoolWord.Count] = count;
    this.slack += blockSize;
    // A pool holds at least two blocks, so a full pool (lastfree 0) never becomes empty here.
    if (lastfree === 0 || count === 0) this.poolStateChanged(u32, pool, lastfree);
    return blockSize;
  }

  /** After a free: a full pool became used (lastfree 0), or a used pool became empty. */
  private poolStateChanged(u32: Uint32Array, pool: Address, lastfree: Address): void {
    if (lastfree === 0) this.insertToUsedPools(u32, pool);
    else this.insertToFreePools(u32, pool);
  }

  /**
   * Frees what is not a pool block: a raw block, or (checked mode) rejects a value that is not
   * a heap address at all. @returns the usable size freed
   */
  private foreignFree(address: Address): number {
    if (address >>> 0 !== address && this.checked === true) this.rejectNonAddress(address);
    return this.rawFree(address);
  }

  /** A full pool got a free block: link it at the front of its class's usedpools list (insert_to_usedpool). */
  private insertToUsedPools(u32: Uint32Array, pool: Address): void {
    const pi = pool >>> 2;
    const head = this.usedPools + (u32[pi + PoolWord.Szidx] << 4);
    const next = u32[(head >>> 2) + PoolWord.Nextpool];
    u32[pi + PoolWord.Nextpool] = next;
    u32[pi + PoolWord.Prevpool] = head;
    u32[(next >>> 2) + PoolWord.Prevpool] = pool;
    u32[(head >>> 2) + PoolWord.Nextpool] = pool;
  }

  /** A used pool became empty: unlink it from usedpools and give it to its arena (insert_to_freepool). */
  private insertToFreePools(u32: Uint32Array, pool: Address): void {
    const pi = pool >>> 2;
    const next = u32[pi + PoolWord.Nextpool];
    const prev = u32[pi + PoolWord.Prevpool];
    u32[(next >>> 2) + PoolWord.Prevpool] = prev;
    u32[(prev >>> 2) + PoolWord.Nextpool] = next;
    this.arenas.releasePool(pool, u32[pi + PoolWord.Arenaindex]);
  }

  // ---------------------------------------------------------------- byte accounting

  /** `bytes` more are in use in pool blocks. */
  private countSmallBytes(bytes: number): void {
    let slack = this.slack - bytes;
    if (slack < 0) {
      this.peakBytes -= slack;
      slack = 0;
    }
    this.slack = slack;
  }

  /** `delta` more bytes (negative: fewer) are in use in raw blocks. */
  private countRawBytes(delta: number): void {
    this.rawBytes += delta;
    let slack = this.slack - delta;
    if (slack < 0) {
      this.peakBytes -= slack;
      slack = 0;
    }
    this.slack = slack;
  }

  // ---------------------------------------------------------------- raw blocks

  private rawMalloc(size: number): Address {
    validateSize(size, MAX_HEAP_BYTES, "size");
    const address = this.raw.malloc(size);
    this.countRawAlloc(address);
    return address;
  }

  private countRawAlloc(address: Address): void {
    this.rawBlocks++;
    this.countRawBytes(this.raw.usableSize(address));
  }

  /** Frees a block of the raw allocator (which checks it). @returns its usable size */
  private rawFree(address: Address): number {
    const usable = this.raw.usableSize(address);
    this.raw.free(address);
    this.rawBlocks--;
    this.countRawBytes(-usable);
    return usable;
  }

  // ---------------------------------------------------------------- checks

  /** Arena slot + 1 of the arena holding `address`, 0 when none does. Checked mode rejects non-addresses. */
  private ownerSlot(address: Address): number {
    if (address >>> 0 !== address) {
      if (this.checked === true) this.rejectNonAddress(address);
      return 0;
    }
    const i = address >>> this.arenaBits;
    return i < this.mapEntries.length ? this.mapEntries[i] : 0;
  }

  /** Throws unless a live block starts at `address` (checked mode), explaining what is there instead. */
  private checkLive(address: Address, what: string): void {
    const g = address >>> this.alignShift;
    if ((address & this.alignMask) === 0 && (this.liveBits[g >>> 5] & (1 << (g & 31))) !== 0) {
      return;
    }
    this.rejectDead(address, what);
  }

  /** Checked mode: whether free-list link `next` of a block in `pool` is 0 or an aligned address among the pool's blocks. */
  private linkOk(pool: Address, next: Address): boolean {
    return (
      next === 0 ||
      ((next & this.poolBase) >>> 0 === pool &&
        next - pool >= this.poolOverhead &&
        (next & this.alignMask) === 0)
    );
  }

  // Errors are raised from separate functions: a `throw` inside the hot functions makes V8
  // compile them markedly slower (about 1.5x the instructions per call on the churn benchmark).

  /** Throws for a value that is not a heap address at all. */
  private rejectNonAddress(address: number): never {
    throw new InvalidPointerError(address, "a heap address (an unsigned 32-bit integer) returned by malloc");
  }

  /** Throws for a free list that would hand out a live block or follow a wild link. */
  private rejectFreeList(pool: Address, bp: Address, next: Address): never {
    throw this.corruptFreeList(pool, bp, next);
  }

  /** The error for a free list that would hand out a live block or follow a wild link (slow path, reads only). */
  private corruptFreeList(pool: Address, bp: Address, next: Address): HeapCorruptionError {
    if (this.linkOk(pool, next)) {
      return new HeapCorruptionError(
        bp,
        "use-after-free",
        `the free list of the pool at ${formatAddress(pool)} leads to this block, which is live: a free block's link word was overwritten`,
      );
    }
    return new HeapCorruptionError(
      bp,
      "use-after-free",
      `the free block's link word was overwritten: it holds ${formatAddress(next)}, expected 0 or a block ` +
        `of its pool between ${formatAddress(pool + this.poolOverhead)} and ${formatAddress(pool + this.poolSize)}`,
    );
  }

  /** Checked mode: marks the block at `address` live. */
  private setLive(address: Address): void {
    const g = address >>> this.alignShift;
    this.liveBits[g >>> 5] |= 1 << (g & 31);
  }

  /** Checked mode: marks the block at `address` free. */
  private clearLive(address: Address): void {
    const g = address >>> this.alignShift;
    this.liveBits[g >>> 5] &= ~(1 << (g & 31));
  }

  /** Throws the error explaining why no live block starts at `address`. */
  private rejectDead(address: Address, what: string): never {
    throw this.explainDeadAddress(address, what);
  }

  /** The error for an address in an arena where no live block starts (slow path, reads only). */
  private explainDeadAddress(address: Address, what: string): Error {
    const slot = this.mapEntries[address >>> this.arenaBits] - 1;
    const u32 = this.heap.u32;
    const t = this.arenas;
    const pool = (address & this.poolBase) >>> 0;
    const pi = pool >>> 2;
    const offset = address - pool;
    if (pool >= t.poolAddress[slot]) {
      return new InvalidPointerError(
        address,
        `${what} of a block pymalloc handed out; this pool was never used`,
      );
    }
    if (offset < this.poolOverhead) {
      return new InvalidPointerError(
        address,
        `${what} of a block, not the pool header at ${formatAddress(pool)} (blocks start at ${formatAddress(pool + this.poolOverhead)})`,
      );
    }
    const szidx = u32[pi + PoolWord.Szidx];
    if (szidx === DUMMY_SIZE_IDX) {
      return new InvalidPointerError(
        address,
        `${what} of a block pymalloc handed out; this pool was never used`,
      );
    }
    const size = (szidx + 1) << this.alignShift;
    const rel = offset - this.poolOverhead;
    if (rel % size !== 0) {
      const start = pool + this.poolOverhead + rel - (rel % size);
      return new InvalidPointerError(
        address,
        `${what} of the start of a block; this is ${rel % size} bytes into the ${size}-byte block at ${formatAddress(start)}`,
      );
    }
    if (offset >= u32[pi + PoolWord.Nextoffset] || offset + size > this.poolSize) {
      return new InvalidPointerError(address, `${what} of a block pymalloc handed out; this one never was`);
    }
    return new DoubleFreeError(address, `${what} of a ${size}-byte pymalloc block that is already free`);
  }
}
