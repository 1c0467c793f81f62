/**
 * Size classes: which block size serves a request, and how a pool of each class is cut.
 *
 * Reference: CPython 3.11, Objects/obmalloc.c, the request/size/index table at the top,
 * `INDEX2SIZE`, `NUMBLOCKS`.
 *
 * ```
 *  request (bytes)          block size               class index
 *  1 .. A                   A                        0
 *  A+1 .. 2A                2A                       1
 *  ...                                               ...
 *  T-A+1 .. T               T                        T/A - 1          A = alignment, T = threshold
 *  0, T+1 and up            -> raw allocator
 *
 *  szidx = (n - 1) >> ALIGNMENT_SHIFT        size = (szidx + 1) << ALIGNMENT_SHIFT
 *  blocks per pool = (POOL_SIZE - POOL_OVERHEAD) / size   (the remainder is the pool's quantization loss)
 * ```
 *
 * @module
 */
import { SizeError } from "@pymem/core";
import { type PymallocConfig, type PymallocPresetName, resolvePymallocConfig } from "./config";

/** One row of the size-class table. */
export interface SizeClassInfo {
  /** Class index (szidx). */
  sizeClass: number;
  /** Smallest request served by this class. */
  minRequest: number;
  /** Largest request served by this class (= the block size). */
  maxRequest: number;
  /** Block size in bytes (INDEX2SIZE). */
  size: number;
  /** Blocks in one pool (NUMBLOCKS). */
  blocksPerPool: number;
  /** Bytes at the end of each pool too short for another block. */
  quantizationBytes: number;
}

/**
 * The size class serving a request of `size` bytes, or -1 when the raw allocator serves it.
 * @throws SizeError for a negative, NaN or fractional size
 * @example sizeClassOf(24, "cpython311") // 1 (32-byte blocks)
 */
export function sizeClassOf(
  size: number,
  config: PymallocConfig | PymallocPresetName = "cpython311",
): number {
  if (!(Number.isInteger(size) && size >= 0)) throw new SizeError(size, "size", "a non-negative integer");
  const c = resolvePymallocConfig(config);
  if (size === 0 || size > c.smallRequestThreshold) return -1;
  return (size - 1) >>> c.alignmentShift;
}

/**
 * Every size class of a configuration with its request range, blocks per pool and quantization.
 * @example sizeClassTable("classic")[0] // { sizeClass: 0, minRequest: 1, maxRequest: 8, size: 8, blocksPerPool: 506, quantizationBytes: 0 }
 */
export function sizeClassTable(config: PymallocConfig | PymallocPresetName = "cpython311"): SizeClassInfo[] {
  const c = resolvePymallocConfig(config);
  const rows: SizeClassInfo[] = [];
  const room = c.poolSize - c.poolOverhead;
  for (let i = 0; i < c.sizeClassCount; i++) {
    const size = (i + 1) << c.alignmentShift;
    rows.push({
      sizeClass: i,
      minRequest: i * c.alignment + 1,
      maxRequest: size,
      size,
      blocksPerPool: Math.floor(room / size),
      quantizationBytes: room % size,
    });
  }
  return rows;
}
