/**
 * Block layout shared by the raw allocators: boundary-tagged blocks carved from regions,
 * and large blocks that own a whole mapping (Knuth's boundary tags, as used by TLSF,
 * dlmalloc and AssemblyScript's rt/tlsf.ts).
 *
 * A block is named by its payload address `p` (16-byte aligned, what malloc returns). Its
 * 4-byte header sits just before the payload, and block sizes are multiples of 16, so every
 * header is at `16k - 4` and the low four bits of a size are free for flags.
 *
 * ```
 *  used block (size S, usable S - 4)          free block (size S)
 *  p-4  +---------------------------+         p-4  +---------------------------+
 *       | S | PREV_FREE? | 0 | 0    | header       | S | PREV_FREE=0 | FREE     | header
 *  p+0  +---------------------------+         p+0  +---------------------------+
 *       | payload ...               |              | next free (u32)           |
 *       |                           |         p+4  | prev free (u32)           |
 *       |                           |              | (unused)                  |
 *       |                           |      p+S-8   | S  (footer, boundary tag) |
 *  p+S-4+---------------------------+     p+S-4    +---------------------------+
 *       next block's header                        next block's header (PREV_FREE set)
 * ```
 *
 * A region is one mapping from the page provider:
 *
 * ```
 *  R+0        R+4       R+12         R+16                                   R+bytes-4   R+bytes
 *  +----------+---------+------------+--------------------------- ... -----+-----------+
 *  | bytes u32| 0 (8 B) | hdr block1 | payload block1 | hdr block2 | ...   | sentinel  |
 *  +----------+---------+------------+--------------------------- ... -----+-----------+
 *    region header (16 B incl. block1's header)             end sentinel: size 0, used
 * ```
 *
 * A large block is one mapping of its own: `M+0` holds the mapping's bytes, the header at
 * `M+12` holds only {@link LARGE_BIT}, the payload starts at `M+16` and runs to the end of the
 * mapping (usable = bytes - 16).
 *
 * Invariants: a block is FREE iff it is in its allocator's free index; two free blocks are
 * never physically adjacent (freeing coalesces at once); PREV_FREE is set iff the physically
 * preceding block is free, and then the word before the header is that block's size.
 *
 * @module
 */

/** Allocation granule and payload alignment: 16 bytes, as glibc and pymalloc on 64-bit. */
export const ALIGNMENT = 16;
/** log2(ALIGNMENT). */
export const ALIGNMENT_SHIFT = 4;
/** Bytes of a block header: one u32 word before the payload. */
export const HEADER_BYTES = 4;
/** Smallest block: header + next + prev + footer = 16 bytes (12 usable). */
export const MIN_BLOCK_BYTES = 16;
/** Header flag: the block is free and in the free index. */
export const FREE_BIT = 1;
/** Header flag: the physically preceding block is free (its size is in the word before this header). */
export const PREV_FREE_BIT = 2;
/** Header flag: the block owns a whole mapping (never coalesced). */
export const LARGE_BIT = 4;
/** Mask of the size bits of a header (sizes are multiples of 16). */
export const SIZE_MASK = -16;
/** Offset of the first payload from the start of a region, and of a large payload from its mapping: 16 bytes. */
export const PAYLOAD_OFFSET = 16;
/** Largest request the allocators accept: sizes are unsigned 32-bit. */
export const MAX_REQUEST = 0xffffffff;

/**
 * Block size (header included, multiple of 16, at least 16) for a request of `size` bytes.
 * Valid for requests below 2**30 (everything that is not a large block).
 * @example blockSizeFor(0) // 16; blockSizeFor(12) // 16; blockSizeFor(13) // 32
 */
export function blockSizeFor(size: number): number {
  const s = (size + HEADER_BYTES + ALIGNMENT - 1) & SIZE_MASK;
  return s < MIN_BLOCK_BYTES ? MIN_BLOCK_BYTES : s;
}
