/**
 * CPython's hashes of numbers, which are exact and platform-independent (unlike str hashes):
 * every number hashes to its value modulo the Mersenne prime P = 2^61 − 1, so that
 * `hash(1) == hash(1.0)`; −1 is reserved for errors and becomes −2.
 *
 * ```
 *   hash(n)      sign(n) · (|n| mod P)
 *   hash(m·2^e)  sign · (m · 2^(e mod 61) mod P)      (2^61 ≡ 1 mod P)
 *   hash(±inf)   ±314159        hash(nan)  identity-based in CPython (0 here)
 * ```
 *
 * @module
 */

const P = (1n << 61n) - 1n;

/** CPython's `hash(int)` as a bigint (a signed 64-bit value). */
export function hashInt(value: bigint): bigint {
  const h = (value < 0n ? -value : value) % P;
  const signed = value < 0n ? -h : h;
  return signed === -1n ? -2n : signed;
}

/** CPython's `hash(float)`: reduced modulo the Mersenne prime 2^61 − 1, as a bigint. */
export function hashFloat(x: number): bigint {
  if (Number.isNaN(x)) return 0n; // CPython 3.10+ hashes NaN by identity; 0 is a stand-in here
  if (!Number.isFinite(x)) return x > 0 ? 314159n : -314159n;
  if (Number.isInteger(x)) {
    const v = BigInt(x);
    let h = (v < 0n ? -v : v) % P;
    if (v < 0n) h = -h;
    return h === -1n ? -2n : h;
  }
  // x = m · 2^e with m an integer: hash = m · 2^e mod P, where 2^e mod P rotates 61-bit values.
  let m = Math.abs(x);
  let e = 0;
  while (m % 1 !== 0) {
    m *= 2;
    e--;
  }
  let h = BigInt(m) % P;
  // multiply by 2^e mod P: 2^-1 ≡ 2^60 (mod P); 2^e for e < 0 is 2^(61·k + e).
  const shift = ((e % 61) + 61) % 61;
  h = (h << BigInt(shift)) % P;
  if (x < 0) h = -h;
  return h === -1n ? -2n : h;
}
