/**
 * Python `hash()` for the builtin immutable types, as signed 32-bit integers.
 *
 * ```
 *  int      value mod 2**61-1 with its sign (CPython's numeric hash), folded to 32 bits:
 *           equal to CPython's for |n| < 2**31
 *  float    integral values hash like the equal int; inf ±314159; nan 0; others fold their bits
 *  tuple    CPython's 32-bit xxHash-based tuplehash (XXPRIME_1/2/5, rotate 13)
 *  str      FNV-1a over the code points (CPython uses keyed SipHash: values differ per process)
 *  any      -1 is never a hash: it becomes -2
 * ```
 *
 * @module
 */

/** Modulus of CPython's numeric hash (_PyHASH_MODULUS = 2**61 - 1). */
export const HASH_MODULUS = (1n << 61n) - 1n;
/** Hash of float infinity (_PyHASH_INF). */
export const HASH_INF = 314159;
/** xxHash 32-bit prime 1 (tuplehash). */
export const XXPRIME_1 = 2654435761;
/** xxHash 32-bit prime 2 (tuplehash). */
export const XXPRIME_2 = 2246822519;
/** xxHash 32-bit prime 5 (tuplehash). */
export const XXPRIME_5 = 374761393;
/** FNV-1a 32-bit offset basis. */
export const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a 32-bit prime. */
export const FNV_PRIME = 0x01000193;

/** Replaces the reserved hash -1 by -2, as CPython does. */
export function fixHash(h: number): number {
  return h === -1 ? -2 : h | 0;
}

/** Folds a 64-bit-range hash to a signed 32-bit one (identity for values that fit). */
function fold(h: bigint): number {
  const small = BigInt.asIntN(32, h);
  if (small === h) return fixHash(Number(small));
  return fixHash(Number(BigInt.asIntN(32, h ^ (h >> 32n))));
}

/** Hash of an integer value. */
export function hashBigInt(value: bigint): number {
  if (value >= -0x80000000n && value <= 0x7fffffffn) return fixHash(Number(value));
  const magnitude = (value < 0n ? -value : value) % HASH_MODULUS;
  return fold(value < 0n ? -magnitude : magnitude);
}

/** Hash of an integral JS number (a safe integer). */
export function hashInteger(value: number): number {
  if (value >= -0x80000000 && value <= 0x7fffffff) return fixHash(value);
  return hashBigInt(BigInt(value));
}

const floatBits = new Float64Array(1);
const floatWords = new Int32Array(floatBits.buffer);

/** Hash of a float: integral values hash like the equal int. */
export function hashFloat(value: number): number {
  if (Number.isNaN(value)) return 0;
  if (!Number.isFinite(value)) return value > 0 ? HASH_INF : -HASH_INF;
  if (Number.isInteger(value)) {
    return Number.isSafeInteger(value) ? hashInteger(value) : hashBigInt(BigInt(value));
  }
  floatBits[0] = value;
  return fixHash(floatWords[0]! ^ floatWords[1]!);
}

/** Starts a tuple hash (the accumulator). */
export function tupleHashStart(): number {
  return XXPRIME_5;
}

/** Adds one item's hash to a tuple hash accumulator. */
export function tupleHashStep(acc: number, itemHash: number): number {
  acc = (acc + Math.imul(itemHash, XXPRIME_2)) | 0;
  acc = (acc << 13) | (acc >>> 19);
  return Math.imul(acc, XXPRIME_1);
}

/** Finishes a tuple hash of `length` items. */
export function tupleHashFinish(acc: number, length: number): number {
  acc = (acc + (length ^ (XXPRIME_5 ^ 3527539))) | 0;
  return acc === -1 ? 1546275796 : acc;
}

/** Continues an FNV-1a hash with one code point. */
export function fnvStep(h: number, codePoint: number): number {
  h = Math.imul(h ^ (codePoint & 0xff), FNV_PRIME);
  if (codePoint > 0xff) {
    h = Math.imul(h ^ ((codePoint >>> 8) & 0xff), FNV_PRIME);
    h = Math.imul(h ^ (codePoint >>> 16), FNV_PRIME);
  }
  return h;
}

/** Hash of a JS string by code points (equal to the hash of the equal str object). */
export function hashString(s: string): number {
  let h = FNV_OFFSET | 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c > 0xffff) i++;
    h = fnvStep(h, c);
  }
  return fixHash(h);
}

/** Hash of bytes. */
export function hashByteRange(u8: Uint8Array, start: number, length: number): number {
  let h = FNV_OFFSET | 0;
  for (let i = start, end = start + length; i < end; i++) h = Math.imul(h ^ u8[i]!, FNV_PRIME);
  return fixHash(h);
}
