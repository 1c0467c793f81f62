/**
 * Side tables of a raw allocator: which pages it owns, and which 16-byte granules start a
 * live block or a freed one. They live in typed arrays beside the heap, not in it, so that a
 * stray write into the heap cannot make a bad pointer look valid.
 *
 * ```
 *  page kinds (Uint8Array, one byte per page of heap address space)
 *    [0 none][2 region start][1 region][1 region][3 large][3 large][0 none] ...
 *    owns(a) = kinds[a >>> pageShift] != 0                                  O(1)
 *
 *  granule bits (Int32Array, two bits per 16 B of heap address space: heap/64 bytes)
 *    [live w0][freed w0][live w1][freed w1] ...    word pairs: one cache line for both
 *    live:  bit g set iff a live block's payload starts at address 16 g
 *    freed: bit g set iff a block at 16 g was freed and no block has started there since
 *    free(p): live bit -> ok;  freed bit -> DoubleFreeError;  else -> InvalidPointerError
 * ```
 *
 * Both grow (by doubling) as the allocator maps memory at higher addresses.
 *
 * @module
 */

/** Page kind: not this allocator's. */
export const PAGE_NONE = 0;
/** Page kind: inside a region, not its first page. */
export const PAGE_REGION = 1;
/** Page kind: first page of a region (the region header is at its start). */
export const PAGE_REGION_START = 2;
/** Page kind: part of a large block's mapping. */
export const PAGE_LARGE = 3;

/** Returns `table`, or a copy at least `minLength` long (doubling) holding its contents. */
export function growPageKinds(table: Uint8Array, minLength: number): Uint8Array {
  if (minLength <= table.length) return table;
  const grown = new Uint8Array(Math.max(minLength, table.length * 2));
  grown.set(table);
  return grown;
}

/** Returns `bits`, or a copy at least `minWords` long (doubling) holding its contents. */
export function growGranuleBits(bits: Int32Array, minWords: number): Int32Array {
  if (minWords <= bits.length) return bits;
  const grown = new Int32Array(Math.max(minWords, bits.length * 2));
  grown.set(bits);
  return grown;
}
