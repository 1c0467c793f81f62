/**
 * CPython's `_random.Random` core: the MT19937 Mersenne Twister with CPython's seeding, so a
 * seeded program draws exactly the numbers python3 draws.
 *
 * ```
 *   state   Uint32Array(624) + index (624 = regenerate before the next draw)
 *   seed(n)        |n| split into 32-bit words, least significant first ([0] for 0),
 *                  fed to init_by_array (the reference MT seeding from 19650218)
 *   seed(str/bytes) n = int.from_bytes(data + sha512(data), "big"), then as above
 *   seed(float)    n = hash(x) as an unsigned 64-bit value
 *   random()       (a·2^26 + b) / 2^53 with a = next >>> 5, b = next >>> 6
 *   getrandbits(k) 32-bit words, least significant first; the last word keeps its top bits
 * ```
 *
 * Draws stay in 32-bit integer arithmetic (`Math.imul`, `>>> 0`) with no allocation; only
 * `getrandbits(k > 53)` and big `randbelow` build a bigint.
 *
 * @module
 */
import { sha512 } from "@noble/hashes/sha2.js";
import { PythonError } from "@pymem/runtime";
import { hashFloat } from "./numeric-hash.js";

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** The Mersenne Twister state and CPython's seeding and draws. */
export class MersenneTwister {
  /** The 624 state words. */
  readonly state = new Uint32Array(N);
  /** Next word to temper; 624 means the state must be regenerated first. */
  index = N + 1;

  /** A generator seeded like `random.seed(seed)` (an int, a str/bytes, or a float). */
  constructor(seed?: bigint | number | string | Uint8Array) {
    if (seed !== undefined) this.seed(seed);
  }

  private initGenrand(s: number): void {
    const mt = this.state;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  /** The reference `init_by_array` seeding from 32-bit key words. */
  seedWords(key: ArrayLike<number>): void {
    const mt = this.state;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    const length = key.length;
    for (let k = N > length ? N : length; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /**
   * `random.seed(a)` for an int (a bigint: its absolute value), a str (UTF-8) or bytes (with its
   * SHA-512 appended, version 2), or a float (a JS number: its hash). For a small int held as a
   * JS number use {@link MersenneTwister.seedSmall}.
   * @throws PythonError UnicodeEncodeError-like UnicodeError for a str with a lone surrogate
   */
  seed(a: bigint | number | string | Uint8Array): void {
    if (typeof a === "string" || a instanceof Uint8Array) {
      const bytes = typeof a === "string" ? encodeUtf8(a) : a;
      const digest = sha512(bytes);
      const all = new Uint8Array(bytes.length + digest.length);
      all.set(bytes, 0);
      all.set(digest, bytes.length);
      this.seedWords(bigEndianWords(all));
      return;
    }
    let n: bigint;
    if (typeof a === "number") {
      const h = hashFloat(a);
      n = h < 0n ? h + (1n << 64n) : h;
    } else n = a < 0n ? -a : a;
    this.seedWords(intWords(n));
  }

  /** `random.seed(int)` for a non-negative safe integer, without a bigint. */
  seedSmall(n: number): void {
    n = Math.abs(n);
    if (n < 0x100000000) this.seedWords([n]);
    else this.seedWords([n % 0x100000000, Math.floor(n / 0x100000000)]);
  }

  private generate(): void {
    const mt = this.state;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.index = 0;
  }

  /** The next tempered 32-bit output (`genrand_uint32`). */
  nextUint32(): number {
    if (this.index >= N) {
      if (this.index > N) this.initGenrand(5489);
      this.generate();
    }
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random.random()`: a float in [0, 1) with 53 random bits. */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) * (1 / 9007199254740992);
  }

  /**
   * `random.getrandbits(k)` for k ≤ 53, as a JS number.
   * @throws PythonError ValueError "number of bits must be non-negative"
   */
  getrandbitsSmall(k: number): number {
    if (k < 0) throw new PythonError("ValueError", "number of bits must be non-negative");
    if (k === 0) return 0;
    if (k <= 32) return this.nextUint32() >>> (32 - k);
    const low = this.nextUint32();
    const high = this.nextUint32() >>> (64 - k);
    return high * 0x100000000 + low;
  }

  /**
   * `random.getrandbits(k)`.
   * @throws PythonError ValueError "number of bits must be non-negative"
   */
  getrandbits(k: number): bigint {
    if (k <= 53) return BigInt(this.getrandbitsSmall(k));
    let result = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32) {
      let r = this.nextUint32();
      if (left < 32) r >>>= 32 - left;
      result |= BigInt(r) << shift;
      shift += 32n;
    }
    return result;
  }

  /** `Random._randbelow(n)` for 0 < n < 2^53 as a JS number: rejection sampling on bit_length(n) bits. */
  randbelowSmall(n: number): number {
    const k = bitLengthNumber(n);
    let r = this.getrandbitsSmall(k);
    while (r >= n) r = this.getrandbitsSmall(k);
    return r;
  }

  /** `Random._randbelow(n)` for any n > 0. */
  randbelow(n: bigint): bigint {
    if (n < 0x20000000000000n) return BigInt(this.randbelowSmall(Number(n)));
    const k = n.toString(2).length;
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** `getstate()`'s core: the 624 words followed by the index (625 numbers). */
  getState(): number[] {
    const out = Array.from(this.state);
    out.push(Math.min(this.index, N));
    return out;
  }

  /**
   * `setstate()`'s core from 625 numbers.
   * @throws PythonError ValueError "state vector is the wrong size" / "invalid state"
   */
  setState(words: readonly number[]): void {
    if (words.length !== N + 1) throw new PythonError("ValueError", "state vector is the wrong size");
    const index = words[N];
    if (!(index >= 0 && index <= N)) throw new PythonError("ValueError", "invalid state");
    for (let i = 0; i < N; i++) this.state[i] = words[i] >>> 0;
    this.index = index;
  }
}

/** Number of bits in a non-negative safe integer. */
function bitLengthNumber(n: number): number {
  if (n < 0x100000000) return 32 - Math.clz32(n);
  return 64 - Math.clz32(Math.floor(n / 0x100000000));
}

/** |n| as 32-bit words, least significant first; [0] for 0. */
function intWords(n: bigint): number[] {
  if (n === 0n) return [0];
  const words: number[] = [];
  while (n > 0n) {
    words.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  return words;
}

/** The int of a big-endian byte string, as 32-bit words least significant first. */
function bigEndianWords(bytes: Uint8Array): number[] {
  const words: number[] = [];
  let end = bytes.length;
  while (end > 0) {
    const start = Math.max(0, end - 4);
    let w = 0;
    for (let i = start; i < end; i++) w = w * 256 + bytes[i];
    words.push(w);
    end = start;
  }
  // Leading zero words do not change the int; drop them like int.from_bytes would.
  while (words.length > 1 && words[words.length - 1] === 0) words.pop();
  return words;
}

/**
 * UTF-8 bytes of a str, as Python's `str.encode()`.
 * @throws PythonError UnicodeError for a lone surrogate ("surrogates not allowed")
 */
export function encodeUtf8(s: string): Uint8Array {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xe000) {
      const pair = c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (!pair) {
        throw new PythonError(
          "UnicodeError",
          `'utf-8' codec can't encode character '\\u${c.toString(16)}' in position ${Array.from(s.slice(0, i)).length}: surrogates not allowed`,
        );
      }
      i++;
    }
  }
  return new TextEncoder().encode(s);
}
