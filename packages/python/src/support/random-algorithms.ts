/**
 * `random.Random`'s algorithms from CPython 3.11's Lib/random.py over {@link MersenneTwister},
 * drawing in the same order so every result equals python3's for the same seed.
 *
 * ```
 *   randrange(a, b, s)  a + s·randbelow(n)        n = ceil((b − a) / s)
 *   choice(seq)         seq[randbelow(len)]
 *   shuffle(x)          for i = len−1 … 1: swap x[i], x[randbelow(i + 1)]
 *   sample(pop, k)      pool swaps when len ≤ setsize, else rejection into a set
 *   uniform, triangular, gauss (Box–Muller, caching the second value), normalvariate
 *   (Kinderman–Monahan), expovariate, gammavariate, betavariate, choices
 * ```
 *
 * Sequences stay with the caller: these functions return indices (`choiceIndex`,
 * `shuffleSwaps`, `sampleIndices`) so the interpreter moves its own heap objects. `log`, `exp`,
 * `sin`, `cos` and `sqrt` are rounded like the C library CPython calls (double-double based),
 * because a last-bit difference would change a printed `gauss()`.
 *
 * @module
 */
import { PythonError } from "@pymem/runtime";
import { accurateCos, accurateExp, accurateLog, accuratePow, accurateSin } from "./double-double.js";
import { MersenneTwister } from "./mersenne-twister.js";

const TWOPI = 2 * Math.PI;
const NV_MAGICCONST = (4 * Math.exp(-0.5)) / Math.sqrt(2); // 1.7155277699214135
const LOG4 = Math.log(4);
const SG_MAGICCONST = 1 + Math.log(4.5);

/** `random.Random`: a Mersenne Twister plus the `gauss()` cache. */
export class PyRandom extends MersenneTwister {
  /** The second Box–Muller value `gauss()` keeps for its next call. */
  gaussNext: number | null = null;

  /** `seed(a)`: as {@link MersenneTwister.seed}, and forgets the cached gauss value. */
  override seed(a: bigint | number | string | Uint8Array): void {
    super.seed(a);
    this.gaussNext = null;
  }

  /** `seed(n)` for a small int held as a JS number. */
  override seedSmall(n: number): void {
    super.seedSmall(n);
    this.gaussNext = null;
  }

  /** `getstate()` as plain data: `[3, words(625), gauss_next]`. */
  getstate(): [3, number[], number | null] {
    return [3, this.getState(), this.gaussNext];
  }

  /**
   * `setstate(state)`.
   * @throws PythonError ValueError "state with version 1 passed to Random.setstate() of version 3",
   *   "state vector is the wrong size"
   */
  setstate(state: readonly [number, readonly number[], number | null]): void {
    if (state[0] === 2) {
      // Version 2 states held words that may need reducing modulo 2^32.
      this.setState(state[1].map((w) => ((w % 4294967296) + 4294967296) % 4294967296));
      this.gaussNext = state[2];
      return;
    }
    if (state[0] !== 3) {
      throw new PythonError(
        "ValueError",
        `state with version ${state[0]} passed to Random.setstate() of version 3`,
      );
    }
    this.setState(state[1]);
    this.gaussNext = state[2];
  }
}

/**
 * `randrange(start)` / `randrange(start, stop[, step])` over safe integers.
 * @throws PythonError ValueError "empty range for randrange()", "empty range for randrange()
 *   (a, b, w)", "zero step for randrange()"; TypeError "Missing a non-None stop argument"
 */
export function randrange(rng: MersenneTwister, start: number, stop?: number, step = 1): number {
  if (stop === undefined) {
    if (step !== 1) throw new PythonError("TypeError", "Missing a non-None stop argument");
    if (start > 0) return rng.randbelowSmall(start);
    throw new PythonError("ValueError", "empty range for randrange()");
  }
  const width = stop - start;
  if (step === 1) {
    if (width > 0) return start + rng.randbelowSmall(width);
    throw new PythonError("ValueError", `empty range for randrange() (${start}, ${stop}, ${width})`);
  }
  let n: number;
  if (step > 0) n = Math.floor((width + step - 1) / step);
  else if (step < 0) n = Math.floor((width + step + 1) / step);
  else throw new PythonError("ValueError", "zero step for randrange()");
  if (n <= 0) throw new PythonError("ValueError", "empty range for randrange()");
  return start + step * rng.randbelowSmall(n);
}

/**
 * `randrange` over arbitrary ints.
 * @throws PythonError as {@link randrange}
 */
export function randrangeBig(rng: MersenneTwister, start: bigint, stop?: bigint, step = 1n): bigint {
  if (stop === undefined) {
    if (step !== 1n) throw new PythonError("TypeError", "Missing a non-None stop argument");
    if (start > 0n) return rng.randbelow(start);
    throw new PythonError("ValueError", "empty range for randrange()");
  }
  const width = stop - start;
  if (step === 1n) {
    if (width > 0n) return start + rng.randbelow(width);
    throw new PythonError("ValueError", `empty range for randrange() (${start}, ${stop}, ${width})`);
  }
  let n: bigint;
  const fdiv = (a: bigint, b: bigint) => (a % b !== 0n && a < 0n !== b < 0n ? a / b - 1n : a / b);
  if (step > 0n) n = fdiv(width + step - 1n, step);
  else if (step < 0n) n = fdiv(width + step + 1n, step);
  else throw new PythonError("ValueError", "zero step for randrange()");
  if (n <= 0n) throw new PythonError("ValueError", "empty range for randrange()");
  return start + step * rng.randbelow(n);
}

/**
 * `randint(a, b)` = `randrange(a, b + 1)`.
 * @throws PythonError ValueError "empty range for randrange() (a, b+1, w)"
 */
export function randint(rng: MersenneTwister, a: number, b: number): number {
  return randrange(rng, a, b + 1);
}

/**
 * The index `choice(seq)` picks for a sequence of `length` items.
 * @throws PythonError IndexError "Cannot choose from an empty sequence"
 */
export function choiceIndex(rng: MersenneTwister, length: number): number {
  if (length === 0) throw new PythonError("IndexError", "Cannot choose from an empty sequence");
  return rng.randbelowSmall(length);
}

/**
 * `shuffle(x)` for a sequence of `length` items: calls `swap(i, j)` in Python's order
 * (i from length−1 down to 1).
 */
export function shuffleSwaps(
  rng: MersenneTwister,
  length: number,
  swap: (i: number, j: number) => void,
): void {
  for (let i = length - 1; i > 0; i--) swap(i, rng.randbelowSmall(i + 1));
}

/** Shuffles a JS array in place exactly as `random.shuffle` would. */
export function shuffleArray<T>(rng: MersenneTwister, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.randbelowSmall(i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
}

/**
 * The population indices `sample(population, k)` returns, in order.
 * @throws PythonError ValueError "Sample larger than population or is negative"
 */
export function sampleIndices(rng: MersenneTwister, n: number, k: number): number[] {
  if (!(k >= 0 && k <= n))
    throw new PythonError("ValueError", "Sample larger than population or is negative");
  const result = new Array<number>(k);
  let setsize = 21;
  if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / LOG4);
  if (n <= setsize) {
    const pool = new Array<number>(n);
    for (let i = 0; i < n; i++) pool[i] = i;
    for (let i = 0; i < k; i++) {
      const j = rng.randbelowSmall(n - i);
      result[i] = pool[j];
      pool[j] = pool[n - i - 1];
    }
  } else {
    const selected = new Set<number>();
    for (let i = 0; i < k; i++) {
      let j = rng.randbelowSmall(n);
      while (selected.has(j)) j = rng.randbelowSmall(n);
      selected.add(j);
      result[i] = j;
    }
  }
  return result;
}

/**
 * The population indices `choices(population, weights=None, cum_weights=…, k=k)` returns.
 * @param cumWeights - cumulative weights (`itertools.accumulate(weights)`), or null for uniform
 * @throws PythonError ValueError "Total of weights must be greater than zero" / "… finite";
 *   IndexError when the population is empty
 */
export function choicesIndices(
  rng: MersenneTwister,
  n: number,
  k: number,
  cumWeights: readonly number[] | null,
): number[] {
  const out = new Array<number>(Math.max(k, 0));
  if (cumWeights === null) {
    for (let i = 0; i < k; i++) {
      const j = Math.floor(rng.random() * n);
      if (j >= n) throw new PythonError("IndexError", "list index out of range");
      out[i] = j;
    }
    return out;
  }
  if (cumWeights.length !== n)
    throw new PythonError("ValueError", "The number of weights does not match the population");
  const total = cumWeights[n - 1] + 0;
  if (n === 0) throw new PythonError("IndexError", "list index out of range");
  if (total <= 0) throw new PythonError("ValueError", "Total of weights must be greater than zero");
  if (!Number.isFinite(total)) throw new PythonError("ValueError", "Total of weights must be finite");
  const hi = n - 1;
  for (let i = 0; i < k; i++) {
    const x = rng.random() * total;
    // bisect_right(cumWeights, x, 0, hi)
    let lo = 0;
    let h = hi;
    while (lo < h) {
      const mid = (lo + h) >> 1;
      if (x < cumWeights[mid]) h = mid;
      else lo = mid + 1;
    }
    out[i] = lo;
  }
  return out;
}

/** `uniform(a, b)` = a + (b − a)·random(). */
export function uniform(rng: MersenneTwister, a: number, b: number): number {
  return a + (b - a) * rng.random();
}

/** `triangular(low, high, mode)` (mode null = midpoint). */
export function triangular(rng: MersenneTwister, low = 0, high = 1, mode: number | null = null): number {
  let u = rng.random();
  let c: number;
  if (mode === null) c = 0.5;
  else {
    if (high - low === 0) return low;
    c = (mode - low) / (high - low);
  }
  if (u > c) {
    u = 1 - u;
    c = 1 - c;
    [low, high] = [high, low];
  }
  return low + (high - low) * Math.sqrt(u * c);
}

/** `gauss(mu, sigma)`: Box–Muller, the second value cached on the generator. */
export function gauss(rng: PyRandom, mu = 0, sigma = 1): number {
  let z = rng.gaussNext;
  rng.gaussNext = null;
  if (z === null) {
    const x2pi = rng.random() * TWOPI;
    const g2rad = Math.sqrt(-2 * accurateLog(1 - rng.random()));
    z = accurateCos(x2pi) * g2rad;
    rng.gaussNext = accurateSin(x2pi) * g2rad;
  }
  return mu + z * sigma;
}

/** `normalvariate(mu, sigma)`: Kinderman and Monahan's ratio method. */
export function normalvariate(rng: MersenneTwister, mu = 0, sigma = 1): number {
  let z: number;
  for (;;) {
    const u1 = rng.random();
    const u2 = 1 - rng.random();
    z = (NV_MAGICCONST * (u1 - 0.5)) / u2;
    const zz = (z * z) / 4;
    if (zz <= -accurateLog(u2)) break;
  }
  return mu + z * sigma;
}

/**
 * `expovariate(lambd)` = −log(1 − random()) / lambd.
 * @throws PythonError ZeroDivisionError "float division by zero" for lambd = 0
 */
export function expovariate(rng: MersenneTwister, lambd: number): number {
  const r = -accurateLog(1 - rng.random());
  if (lambd === 0) throw new PythonError("ZeroDivisionError", "float division by zero");
  return r / lambd;
}

/**
 * `gammavariate(alpha, beta)` (Cheng's and Marsaglia's methods as in Lib/random.py).
 * @throws PythonError ValueError "gammavariate: alpha and beta must be > 0.0"
 */
export function gammavariate(rng: MersenneTwister, alpha: number, beta: number): number {
  if (alpha <= 0 || beta <= 0)
    throw new PythonError("ValueError", "gammavariate: alpha and beta must be > 0.0");
  if (alpha > 1) {
    const ainv = Math.sqrt(2 * alpha - 1);
    const bbb = alpha - LOG4;
    const ccc = alpha + ainv;
    for (;;) {
      const u1 = rng.random();
      if (!(1e-7 < u1 && u1 < 0.9999999)) continue;
      const u2 = 1 - rng.random();
      const v = accurateLog(u1 / (1 - u1)) / ainv;
      const x = alpha * accurateExp(v);
      const z = u1 * u1 * u2;
      const r = bbb + ccc * v - x;
      if (r + SG_MAGICCONST - 4.5 * z >= 0 || r >= accurateLog(z)) return x * beta;
    }
  }
  if (alpha === 1) return -accurateLog(1 - rng.random()) * beta;
  let x: number;
  for (;;) {
    const u = rng.random();
    const b = (Math.E + alpha) / Math.E;
    const p = b * u;
    if (p <= 1) x = powAccurate(p, 1 / alpha);
    else x = -accurateLog((b - p) / alpha);
    const u1 = rng.random();
    if (p > 1) {
      if (u1 <= powAccurate(x, alpha - 1)) break;
    } else if (u1 <= accurateExp(-x)) break;
  }
  return x * beta;
}

/** x ** y for x ≥ 0 as CPython's float pow rounds it. */
function powAccurate(x: number, y: number): number {
  if (x === 0) return y > 0 ? 0 : y === 0 ? 1 : Number.POSITIVE_INFINITY;
  return accuratePow(x, y);
}

/** `betavariate(alpha, beta)` from two gamma draws. */
export function betavariate(rng: MersenneTwister, alpha: number, beta: number): number {
  const y = gammavariate(rng, alpha, 1);
  if (y !== 0) return y / (y + gammavariate(rng, beta, 1));
  return 0;
}
