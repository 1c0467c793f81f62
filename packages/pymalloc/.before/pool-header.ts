/**
 * The pool header: CPython's 64-bit `struct pool_header`, stored at the start of every pool
 * in the heap's bytes, and the states a pool goes through.
 *
 * Reference: CPython 3.11, Objects/obmalloc.c, `struct pool_header`, `POOL_OVERHEAD`,
 * `NUMBLOCKS`, and the "Pool table" comment.
 *
 * ```
 *  pool (POOL_SIZE-aligned)
 *  +0   +-------------------------------+
 *       | ref.count     u32 | (pad 4)   |  blocks handed out (a union with a pointer: 8 B)
 *  +8   | freeblock     addr | 0        |  head of the free-block list, NULL when exhausted
 *  +16  | nextpool      addr | 0        |  next pool of this size class (or next free pool)
 *  +24  | prevpool      addr | 0        |  previous pool of this size class
 *  +32  | arenaindex    u32             |  slot of the owning arena in the arena table
 *  +36  | szidx         u32             |  size class index (0xffff: never used yet)
 *  +40  | nextoffset    u32             |  offset of the first never-carved block
 *  +44  | maxnextoffset u32             |  largest valid nextoffset: POOL_SIZE - block size
 *  +48  +-------------------------------+  = POOL_OVERHEAD (48 rounded up to the alignment)
 *       | block 0 | block 1 | ... | block n-1 | tail (quantization) |
 *       +-------------------------------------------------------------+ POOL_SIZE
 * ```
 *
 * Address-valued fields are 8-byte words with the address in the low half and zero in the
 * high half, as every pointer in the heap. A free block's first 8 bytes hold the address of
 * the next free block of its pool, or 0.
 *
 * Pool states (a pool that has been carved from its arena is always in exactly one):
 *  - used  iff 0 < ref.count < blocks per pool; then it is on the `usedpools` list of its
 *          size class and freeblock is not NULL
 *  - full  iff ref.count == blocks per pool; then it is on no list and freeblock is NULL
 *  - empty iff ref.count == 0; then it is on its arena's `freepools` list (linked by nextpool)
 *
 * Transitions: used -> full (malloc of its last block), full -> used (a free; the pool goes to
 * the front of its usedpools list), used -> empty (a free of its last allocated block), empty ->
 * used (malloc finds its size class's list empty and takes a free pool).
 *
 * @module
 */

/** Bytes of `struct pool_header` on a 64-bit build. */
export const POOL_HEADER_BYTES = 48;

/** Byte offset of `ref.count` (blocks in use). */
export const POOL_COUNT = 0;
/** Byte offset of `freeblock` (free-list head, 0 = NULL). */
export const POOL_FREEBLOCK = 8;
/** Byte offset of `nextpool`. */
export const POOL_NEXTPOOL = 16;
/** Byte offset of `prevpool`. */
export const POOL_PREVPOOL = 24;
/** Byte offset of `arenaindex`. */
export const POOL_ARENAINDEX = 32;
/** Byte offset of `szidx`. */
export const POOL_SZIDX = 36;
/** Byte offset of `nextoffset`. */
export const POOL_NEXTOFFSET = 40;
/** Byte offset of `maxnextoffset`. */
export const POOL_MAXNEXTOFFSET = 44;

/** `szidx` of a pool carved from its arena but never used for a size class (DUMMY_SIZE_IDX). */
export const DUMMY_SIZE_IDX = 0xffff;
