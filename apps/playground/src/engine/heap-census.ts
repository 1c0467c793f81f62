/**
 * The heap map's census: every pymalloc arena and pool read from the pool headers in the
 * heap, the blocks of each used or full pool, and the page provider's mappings.
 *
 * ```
 *  pool+0   ref.count      blocks in use          pool+40 nextoffset     first never-carved block
 *  pool+8   freeblock      free-list head         pool+44 maxnextoffset  0 until first carved
 *  pool+36  szidx          size class
 *
 *  pool state: uncarved iff maxnextoffset = 0 and szidx != DUMMY; empty iff count = 0;
 *              full iff count = capacity; used otherwise
 *  block state: free iff on the freeblock chain or at/after nextoffset; an object's block iff
 *               the registry knows it; otherwise allocated (a side table or a free-listed object)
 * ```
 *
 * @module
 */
import {
  DUMMY_SIZE_IDX,
  POOL_COUNT,
  POOL_FREEBLOCK,
  POOL_MAXNEXTOFFSET,
  POOL_NEXTOFFSET,
  POOL_SZIDX,
  PymallocAllocator,
} from "@pymem/pymalloc";
import type { Runtime } from "@pymem/runtime";
import type { ObjectRegistry } from "./object-registry";
import type { ArenaView, HeapMapView, PoolBlocks, RegionView } from "./snapshot-types";

/** Blocks described one by one before the census keeps to pool level. */
export const MAX_CENSUS_BLOCKS = 2_000_000;

interface RangeSource {
  mappedRanges(): { address: number; bytes: number }[];
}

/** Reads the heap map of `rt`. */
export function readHeapMap(rt: Runtime, registry: ObjectRegistry): HeapMapView {
  const domain = rt.parts.objectDomain;
  const arenas: ArenaView[] = [];
  const pools: PoolBlocks[] = [];
  let arenaSize = 0;
  let poolSize = 0;
  let alignment = 0;
  if (domain instanceof PymallocAllocator) {
    ({ arenaSize, poolSize, alignment } = domain.config);
    const overhead = domain.config.poolOverhead;
    const perArena = arenaSize / poolSize;
    const u32 = domain.heap.u32;
    let blocksLeft = MAX_CENSUS_BLOCKS;
    for (let slot = 0; slot < domain.arenaSlots; slot++) {
      const address = domain.arenaInfo(slot).address;
      if (address === 0) continue;
      const states = new Uint8Array(perArena);
      const sizeClasses = new Uint8Array(perArena);
      const used = new Uint16Array(perArena);
      const capacity = new Uint16Array(perArena);
      for (let p = 0; p < perArena; p++) {
        const pool = address + p * poolSize;
        const word = pool >>> 2;
        const count = u32[word + (POOL_COUNT >>> 2)]!;
        const szidx = u32[word + (POOL_SZIDX >>> 2)]!;
        const maxNext = u32[word + (POOL_MAXNEXTOFFSET >>> 2)]!;
        if (maxNext === 0 && szidx !== DUMMY_SIZE_IDX) continue;
        if (count === 0 || szidx === DUMMY_SIZE_IDX) {
          states[p] = 1;
          continue;
        }
        const blockSize = (szidx + 1) * alignment;
        const cap = Math.floor((poolSize - overhead) / blockSize);
        states[p] = count >= cap ? 3 : 2;
        sizeClasses[p] = szidx;
        used[p] = count;
        capacity[p] = cap;
        if (blocksLeft >= cap) {
          blocksLeft -= cap;
          pools.push(poolBlocks(u32, pool, blockSize, overhead, cap, registry));
        }
      }
      arenas.push({ address, states, sizeClasses, used, capacity });
    }
    arenas.sort((a, b) => a.address - b.address);
  }
  const arenaStarts = new Set(arenas.map((a) => a.address));
  const regions: RegionView[] = [];
  const pages = rt.parts.pages as unknown as Partial<RangeSource>;
  if (typeof pages.mappedRanges === "function") {
    for (const r of pages.mappedRanges()) {
      regions.push({
        address: r.address,
        bytes: r.bytes,
        kind: arenaStarts.has(r.address) ? "arena" : "raw",
      });
    }
  }
  const rawBlocks: number[] = [];
  const inArena = (block: number): boolean => {
    if (arenaSize === 0) return false;
    for (const a of arenas) if (block >= a.address && block < a.address + arenaSize) return true;
    return false;
  };
  if (arenas.length <= 64) {
    registry.forEachLive((_obj, block) => {
      if (!inArena(block)) rawBlocks.push(block, rt.parts.objectDomain.usableSize(block));
    });
  }
  return { domain: domain.name, arenaSize, poolSize, alignment, arenas, pools, regions, rawBlocks };
}

function poolBlocks(
  u32: Uint32Array,
  pool: number,
  blockSize: number,
  overhead: number,
  cap: number,
  registry: ObjectRegistry,
): PoolBlocks {
  const states = new Uint8Array(cap);
  const nextOffset = u32[(pool + POOL_NEXTOFFSET) >>> 2]!;
  for (let b = 0; b < cap; b++) states[b] = overhead + b * blockSize < nextOffset ? 1 : 0;
  let free = u32[(pool + POOL_FREEBLOCK) >>> 2]!;
  let guard = cap;
  while (free !== 0 && guard-- > 0) {
    const b = (free - pool - overhead) / blockSize;
    if (b >= 0 && b < cap && Number.isInteger(b)) states[b] = 0;
    free = u32[free >>> 2]!;
  }
  for (let b = 0; b < cap; b++) {
    if (states[b] === 1 && registry.isObjectBlock(pool + overhead + b * blockSize)) states[b] = 2;
  }
  return { pool, blockSize, firstOffset: overhead, states };
}
