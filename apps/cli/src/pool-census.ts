/**
 * Reads the state of every pool of a pymalloc allocator, for the heap map.
 *
 * Arenas are found through `PymallocAllocator.arenaInfo(slot)` (slot by slot until the table
 * ends); pools are read from their headers in the heap, whose layout pymalloc exports:
 *
 * ```
 *  pool+0   ref.count      blocks in use
 *  pool+36  szidx          size class (DUMMY_SIZE_IDX while being carved)
 *  pool+44  maxnextoffset  POOL_SIZE - block size once the pool was initialised, 0 before
 *
 *  never carved  iff maxnextoffset == 0 and szidx != DUMMY_SIZE_IDX (fresh mappings are zero-filled,
 *                    and carving initialises the header at once)
 *  empty         iff carved and count == 0
 *  full          iff count == (POOL_SIZE - POOL_OVERHEAD) / block size
 *  used          otherwise
 * ```
 *
 * @module
 */
import {
  DUMMY_SIZE_IDX,
  POOL_COUNT,
  POOL_MAXNEXTOFFSET,
  POOL_SZIDX,
  type PymallocAllocator,
} from "@pymem/pymalloc";
import {
  type HeapMapArena,
  type HeapMapInput,
  POOL_EMPTY,
  POOL_FULL,
  POOL_UNCARVED,
  POOL_USED,
} from "./heap-map";

/**
 * Takes a census of every live arena's pools.
 * @returns the heap map's input, arenas in address order
 */
export function poolCensus(pymalloc: PymallocAllocator): HeapMapInput {
  const { arenaSize, poolSize, poolOverhead, alignment } = pymalloc.config;
  const poolsPerArena = arenaSize / poolSize;
  const arenas: HeapMapArena[] = [];
  for (let slot = 0; ; slot++) {
    let address: number;
    try {
      address = pymalloc.arenaInfo(slot).address;
    } catch (error) {
      if (error instanceof RangeError) break;
      throw error;
    }
    if (address === 0) continue;
    const u32 = pymalloc.heap.u32;
    const states = new Uint8Array(poolsPerArena);
    const sizeClasses = new Uint8Array(poolsPerArena);
    for (let p = 0; p < poolsPerArena; p++) {
      const word = (address + p * poolSize) >>> 2;
      const count = u32[word + (POOL_COUNT >>> 2)]!;
      const szidx = u32[word + (POOL_SZIDX >>> 2)]!;
      const maxNextOffset = u32[word + (POOL_MAXNEXTOFFSET >>> 2)]!;
      if (maxNextOffset === 0 && szidx !== DUMMY_SIZE_IDX) {
        states[p] = POOL_UNCARVED;
      } else if (count === 0 || szidx === DUMMY_SIZE_IDX) {
        states[p] = POOL_EMPTY;
      } else {
        const blockSize = (szidx + 1) * alignment;
        const capacity = Math.floor((poolSize - poolOverhead) / blockSize);
        states[p] = count >= capacity ? POOL_FULL : POOL_USED;
        sizeClasses[p] = szidx;
      }
    }
    arenas.push({ address, states, sizeClasses });
  }
  arenas.sort((a, b) => a.address - b.address);
  return { arenas, poolSize, blockSize: (sizeClass) => (sizeClass + 1) * alignment };
}
