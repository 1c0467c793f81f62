/**
 * A small, seeded pseudo-random generator for deterministic workloads.
 *
 * Algorithm: SplitMix32 (a 32-bit variant of Steele, Lea and Flood's SplitMix, "Fast splittable
 * pseudorandom number generators", OOPSLA 2014): the state advances by the golden-ratio
 * increment and each output is the state passed through a two-round xor-shift-multiply mixer.
 *
 * ```
 *  state += 0x9e3779b9            (mod 2^32)
 *  z = state
 *  z = (z ^ z >>> 16) * 0x21f0aaad
 *  z = (z ^ z >>> 15) * 0x735a2d97
 *  out = z ^ z >>> 15             uniform over [0, 2^32)
 * ```
 *
 * Same seed, same sequence, on every platform: workloads are reproducible with `--seed`.
 *
 * @module
 */

/** Golden-ratio increment of the state (2^32 / phi). */
const GOLDEN_GAMMA = 0x9e3779b9;
/** First mixer multiplier. */
const MIX_1 = 0x21f0aaad;
/** Second mixer multiplier. */
const MIX_2 = 0x735a2d97;
/** 2^32, to scale outputs to [0, 1). */
const TWO_POW_32 = 4294967296;

/**
 * Deterministic 32-bit generator.
 * @example
 * ```ts
 * const rng = new Rng(42);
 * rng.below(10); // an integer from 0 to 9, the same one for every run with seed 42
 * ```
 */
export class Rng {
  private state: number;

  /** @param seed - any integer; only its low 32 bits matter */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next output, uniform over [0, 2^32). */
  nextU32(): number {
    this.state = (this.state + GOLDEN_GAMMA) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), MIX_1);
    z = Math.imul(z ^ (z >>> 15), MIX_2);
    return (z ^ (z >>> 15)) >>> 0;
  }

  /** Uniform float in [0, 1). */
  nextFloat(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /** Uniform integer in [0, n) for a positive integer `n` below 2^32. */
  below(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  /** Uniform integer in [lo, hi] (both included). */
  between(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.nextFloat() < p;
  }
}
