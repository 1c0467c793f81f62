/**
 * pymalloc's statistics: core's AllocatorStats plus the figures CPython's
 * `sys._debugmallocstats()` prints for the object allocator.
 *
 * Reference: CPython 3.11, Objects/obmalloc.c, `_PyObject_DebugMallocStats`.
 *
 * Like CPython, the per-class figures come from walking every carved pool of every arena and
 * reading its header from the heap (full pools are on no list, so a walk is the only way to see
 * them). The byte accounting covers each arena exactly:
 *
 * ```
 *  arenas * ARENA_SIZE = allocated blocks + available blocks          (used and full pools)
 *                      + unused pools * POOL_SIZE                     (empty or never carved)
 *                      + pool headers (POOL_OVERHEAD per used pool)
 *                      + quantization ((POOL_SIZE - POOL_OVERHEAD) % size per used pool)
 *                      + arena alignment (0 here: arenas are mapped ARENA_SIZE-aligned)
 * ```
 *
 * @module
 */
import type { AllocatorStats, Heap } from "@pymem/core";
import type { ArenaMap, RadixTreeStats } from "./arena-map";
import type { ArenaTable } from "./arena-table";
import type { PymallocPresetName, ResolvedPymallocConfig } from "./config";
import { POOL_COUNT, POOL_SZIDX } from "./pool-header";

/** One size class's row of the `sys._debugmallocstats()` table. */
export interface SizeClassStats {
  /** Size class index. */
  sizeClass: number;
  /** Block size in bytes: (index + 1) * alignment. */
  size: number;
  /** Pools of this class in use (used or full). */
  pools: number;
  /** Blocks handed out. */
  blocksInUse: number;
  /** Free blocks in those pools (blocks per pool * pools - blocks in use). */
  availableBlocks: number;
}

/** The object allocator's part of `sys._debugmallocstats()`, and a few figures around it. */
export interface PymallocDebugStats {
  /** Preset the configuration matches, or "custom". */
  profile: PymallocPresetName | "custom";
  /** SMALL_REQUEST_THRESHOLD. */
  smallRequestThreshold: number;
  /** ALIGNMENT. */
  alignment: number;
  /** ARENA_SIZE in bytes. */
  arenaSize: number;
  /** POOL_SIZE in bytes. */
  poolSize: number;
  /** POOL_OVERHEAD in bytes. */
  poolOverhead: number;
  /** Every size class, in index order (including classes with no pools). */
  sizeClasses: SizeClassStats[];
  /** "# arenas allocated total": arenas ever mapped. */
  arenasAllocatedTotal: number;
  /** "# arenas reclaimed": arenas unmapped again. */
  arenasReclaimed: number;
  /** "# arenas highwater mark": most arenas mapped at once. */
  arenasHighwater: number;
  /** "# arenas allocated current". */
  arenasAllocatedCurrent: number;
  /** "N arenas * ARENA_SIZE bytes/arena": bytes of the current arenas. */
  arenaBytes: number;
  /** "# bytes in allocated blocks". */
  allocatedBytes: number;
  /** "# bytes in available blocks": free blocks in used pools. */
  availableBytes: number;
  /** Empty plus never-carved pools. */
  unusedPools: number;
  /** "N unused pools * POOL_SIZE bytes". */
  unusedPoolBytes: number;
  /** "# bytes lost to pool headers". */
  poolHeaderBytes: number;
  /** "# bytes lost to quantization": tails of used pools too short for another block. */
  quantizationBytes: number;
  /** "# bytes lost to arena alignment". */
  arenaAlignmentBytes: number;
  /** "Total": the sum of the six lines above, equal to {@link PymallocDebugStats.arenaBytes}. */
  totalBytes: number;
  /** Blocks handed out and not freed, pool and raw (`sys.getallocatedblocks()`). */
  allocatedBlocks: number;
  /** Live blocks this domain got from the raw allocator (0-byte and large requests). */
  rawBlocks: number;
  /** Usable bytes of those raw blocks. */
  rawBytes: number;
  /** Bytes of the mapping (whole pages) holding the usedpools table. */
  usedPoolsBytes: number;
  /** Bytes of JS-side tables: arena objects, the arena map and checked mode's live-block bitmap. */
  sideTableBytes: number;
  /** The "arena map counts" section (CPython 3.11's radix tree on 64-bit), or null when the profile has none. */
  radixTree: RadixTreeStats | null;
}

/**
 * {@link PymallocAllocator}'s figures. `bytesFree` is the available blocks plus the unused
 * pools; `bytesReserved` the arenas, the usedpools table and the raw blocks held; the largest
 * free extent behind `fragmentation` is the longest never-carved tail of an arena, else one
 * pool when an empty pool exists, else the largest block size with free blocks.
 */
export interface PymallocStats extends AllocatorStats {
  /** The `sys._debugmallocstats()` figures. */
  pymalloc: PymallocDebugStats;
}

/** Counters the allocator keeps incrementally, passed to {@link collectPymallocStats}. */
export interface PymallocCounters {
  name: string;
  smallBytes: number;
  rawBlocks: number;
  rawBytes: number;
  peakBytes: number;
  usedPoolsBytes: number;
  sideTableBytes: number;
  calls: AllocatorStats["calls"];
}

/** Walks the arenas and pools and assembles the statistics. */
export function collectPymallocStats(
  heap: Heap,
  config: ResolvedPymallocConfig,
  arenas: ArenaTable,
  map: ArenaMap,
  counters: PymallocCounters,
): PymallocStats {
  const { sizeClassCount, poolSize, poolOverhead, alignmentShift, arenaSize } = config;
  const pools = new Array<number>(sizeClassCount).fill(0);
  const blocks = new Array<number>(sizeClassCount).fill(0);
  const free = new Array<number>(sizeClassCount).fill(0);
  const u32 = heap.u32;
  let narenas = 0;
  let unusedPools = 0;
  let largestTail = 0;
  let emptyPoolExists = false;
  let poolBlocks = 0;
  for (let ao = 0; ao < arenas.capacity; ao++) {
    const base = arenas.address[ao];
    if (base === 0) continue;
    narenas++;
    unusedPools += arenas.nfreepools[ao];
    const carveEnd = arenas.poolAddress[ao];
    largestTail = Math.max(largestTail, base + arenaSize - carveEnd);
    if (arenas.freepools[ao] !== 0) emptyPoolExists = true;
    for (let pool = base; pool < carveEnd; pool += poolSize) {
      const count = u32[(pool + POOL_COUNT) >>> 2];
      if (count === 0) continue;
      const sz = u32[(pool + POOL_SZIDX) >>> 2];
      pools[sz]++;
      blocks[sz] += count;
      free[sz] += Math.floor((poolSize - poolOverhead) / ((sz + 1) << alignmentShift)) - count;
      poolBlocks += count;
    }
  }

  const sizeClasses: SizeClassStats[] = [];
  let allocatedBytes = 0;
  let availableBytes = 0;
  let poolHeaderBytes = 0;
  let quantizationBytes = 0;
  let largestBlock = 0;
  for (let i = 0; i < sizeClassCount; i++) {
    const size = (i + 1) << alignmentShift;
    const p = pools[i];
    sizeClasses.push({ sizeClass: i, size, pools: p, blocksInUse: blocks[i], availableBlocks: free[i] });
    allocatedBytes += blocks[i] * size;
    availableBytes += free[i] * size;
    poolHeaderBytes += p * poolOverhead;
    quantizationBytes += p * ((poolSize - poolOverhead) % size);
    if (free[i] > 0) largestBlock = size;
  }
  const unusedPoolBytes = unusedPools * poolSize;
  const arenaAlignmentBytes = 0;
  const totalBytes =
    allocatedBytes +
    availableBytes +
    unusedPoolBytes +
    poolHeaderBytes +
    quantizationBytes +
    arenaAlignmentBytes;

  const bytesFree = availableBytes + unusedPoolBytes;
  const largestFree = largestTail > 0 ? largestTail : emptyPoolExists ? poolSize : largestBlock;
  const bytesInUse = counters.smallBytes + counters.rawBytes;
  return {
    name: counters.name,
    blocksInUse: poolBlocks + counters.rawBlocks,
    bytesInUse,
    peakBytesInUse: counters.peakBytes,
    bytesFree,
    bytesReserved: narenas * arenaSize + counters.usedPoolsBytes + counters.rawBytes,
    fragmentation: bytesFree === 0 ? 0 : 1 - largestFree / bytesFree,
    calls: { ...counters.calls },
    pymalloc: {
      profile: config.name,
      smallRequestThreshold: config.smallRequestThreshold,
      alignment: config.alignment,
      arenaSize,
      poolSize,
      poolOverhead,
      sizeClasses,
      arenasAllocatedTotal: arenas.timesAllocated,
      arenasReclaimed: arenas.timesAllocated - narenas,
      arenasHighwater: arenas.highwater,
      arenasAllocatedCurrent: narenas,
      arenaBytes: narenas * arenaSize,
      allocatedBytes,
      availableBytes,
      unusedPools,
      unusedPoolBytes,
      poolHeaderBytes,
      quantizationBytes,
      arenaAlignmentBytes,
      totalBytes,
      allocatedBlocks: poolBlocks + counters.rawBlocks,
      rawBlocks: counters.rawBlocks,
      rawBytes: counters.rawBytes,
      usedPoolsBytes: counters.usedPoolsBytes,
      sideTableBytes: counters.sideTableBytes,
      radixTree: config.radixTreeStats ? map.radixTreeStats() : null,
    },
  };
}
