/**
 * Python's `math` module over JS numbers and bigints, with CPython 3.11's special cases and
 * errors ("math domain error", "math range error").
 *
 * ```
 *   error rule (CPython's math_1): NaN from non-NaN input      → ValueError  math domain error
 *                                  ±inf from finite input      → OverflowError math range error
 *                                                                (ValueError where the C function
 *                                                                cannot overflow: log, sqrt, …)
 *   exp, log, log2, log10, pow, sin, cos, tan,         double-double (double-double.ts): rounded
 *   asin, acos, atan, atan2, hypot                     like glibc (correctly), which CPython calls
 *   expm1, log1p, tanh, atanh                          the engine's fdlibm ports: glibc uses the
 *                                                      same fdlibm algorithms for these
 *   sinh, cosh, asinh, acosh                           fdlibm's formulas over expm1/log1p and
 *                                                      the glibc-rounded exp/log
 *   gamma, lgamma                                      CPython's own Lanczos code, step for step
 *   erf, erfc                                          fdlibm's rational approximations (erf.ts)
 *   log(int) past the float range                      log(m) + e·log(2), x = m·2^e (as CPython)
 *   fsum                                               exact partial sums (Shewchuk), CPython's
 *                                                      special-value rules
 *   factorial, comb, perm, isqrt, gcd, lcm            exact bigint arithmetic
 * ```
 *
 * @module
 */
import { PythonError } from "@pymem/runtime";
import {
  accurateAcos,
  accurateAsin,
  accurateAtan,
  accurateAtan2,
  accurateCos,
  accurateExp,
  accurateLog,
  accuratePow,
  accurateSin,
  accurateTan,
  ddLog,
  ddResult,
  ddScale,
} from "./double-double.js";
import { bitLength } from "./int-text.js";

export { erf, erfc } from "./erf.js";

/** `math.pi`. */
export const pi = Math.PI;
/** `math.e`. */
export const e = Math.E;
/** `math.tau`. */
export const tau = 2 * Math.PI;
/** `math.inf`. */
export const inf = Number.POSITIVE_INFINITY;
/** `math.nan`. */
export const nan = Number.NaN;

function domainError(): PythonError {
  return new PythonError("ValueError", "math domain error");
}
function rangeError(): PythonError {
  return new PythonError("OverflowError", "math range error");
}

/** CPython's math_1 checks: NaN out of non-NaN in is a domain error; inf out of finite in overflows. */
function checked(x: number, r: number, canOverflow: boolean): number {
  if (Number.isNaN(r) && !Number.isNaN(x)) throw domainError();
  if ((r === Number.POSITIVE_INFINITY || r === Number.NEGATIVE_INFINITY) && Number.isFinite(x)) {
    throw canOverflow ? rangeError() : domainError();
  }
  return r;
}

/** float(x) for an int argument, as math functions convert it. */
function toFloat(x: number | bigint): number {
  if (typeof x === "number") return x;
  const f = Number(x);
  if (!Number.isFinite(f)) throw new PythonError("OverflowError", "int too large to convert to float");
  return f;
}

/**
 * `math.sqrt(x)`, correctly rounded.
 * @throws PythonError ValueError "math domain error" for x < 0
 */
export function sqrt(x: number | bigint): number {
  const v = toFloat(x);
  return checked(v, Math.sqrt(v), false);
}

/**
 * `math.exp(x)`.
 * @throws PythonError OverflowError "math range error"
 */
export function exp(x: number | bigint): number {
  const v = toFloat(x);
  if (Number.isNaN(v)) return v;
  if (v === Number.POSITIVE_INFINITY) return v;
  if (v === Number.NEGATIVE_INFINITY) return 0;
  return checked(v, accurateExp(v), true);
}

/** `math.expm1(x)` (the engine's expm1). */
export function expm1(x: number | bigint): number {
  const v = toFloat(x);
  return checked(v, Math.expm1(v), true);
}

function logFloat(v: number): number {
  if (Number.isNaN(v)) return v;
  if (v <= 0) throw domainError();
  if (v === Number.POSITIVE_INFINITY) return v;
  return accurateLog(v);
}

const LOG2E_HI = Math.LOG2E; // 1/ln(2)
const LOG2E_LO = 2.0355273740931033e-17;

const LOG10_2HI = 0.30102999566361177;
const LOG10_2LO = 3.694239077158931e-13;
const IVLN10 = Math.LOG10E;
const log10Scratch = new Float64Array(1);
const log10Words = new Uint32Array(log10Scratch.buffer);

/**
 * log10 as the C library computes it (fdlibm's e_log10 over a glibc-rounded log): x = 2^k·m with
 * m in [1, 2) (or [½, 1) when k < 0), then k·log10(2) split in two plus log(m)/ln 10.
 */
function log10Float(v: number): number {
  if (Number.isNaN(v)) return v;
  if (v <= 0) throw domainError();
  if (v === Number.POSITIVE_INFINITY) return v;
  let k = 0;
  let x = v;
  if (x < 2.2250738585072014e-308) {
    k -= 54;
    x *= 2 ** 54;
  }
  log10Scratch[0] = x;
  let hx = log10Words[1] | 0;
  k += (hx >> 20) - 1023;
  const i = k < 0 ? 1 : 0;
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y = k + i;
  log10Words[1] = hx;
  const m = log10Scratch[0];
  const z = y * LOG10_2LO + IVLN10 * accurateLog(m);
  return z + y * LOG10_2HI;
}

function log2Float(v: number): number {
  if (Number.isNaN(v)) return v;
  if (v <= 0) throw domainError();
  if (v === Number.POSITIVE_INFINITY) return v;
  const guess = Math.round(Math.log2(v));
  if (2 ** guess === v) return guess;
  ddLog(v);
  return ddScale(ddResult.hi, ddResult.lo, LOG2E_HI, LOG2E_LO);
}

/** CPython's loghelper: ints beyond the float range go through log(m) + e·log(2). */
function logOf(x: number | bigint, f: (v: number) => number): number {
  if (typeof x === "bigint") {
    if (x <= 0n) throw domainError();
    const v = Number(x);
    if (Number.isFinite(v)) return f(v);
    const bits = bitLength(x);
    const shift = bits - 1022;
    const m = Number(x >> BigInt(shift)) / 2 ** 1022; // x = m·2^(bits) with m in [0.5, 1)
    return f(m) + f(2) * bits;
  }
  return f(x);
}

/**
 * `math.log(x[, base])`, ints of any size included.
 * @throws PythonError ValueError "math domain error" for x ≤ 0 or base ≤ 0; ZeroDivisionError
 *   "float division by zero" for base 1
 */
export function log(x: number | bigint, base?: number | bigint): number {
  const num = logOf(x, logFloat);
  if (base === undefined) return num;
  const den = logOf(base, logFloat);
  if (den === 0) throw new PythonError("ZeroDivisionError", "float division by zero");
  return num / den;
}

/**
 * `math.log2(x)`: exact for powers of two.
 * @throws PythonError ValueError "math domain error"
 */
export function log2(x: number | bigint): number {
  return logOf(x, log2Float);
}

/**
 * `math.log10(x)`: exact for powers of ten.
 * @throws PythonError ValueError "math domain error"
 */
export function log10(x: number | bigint): number {
  return logOf(x, log10Float);
}

/**
 * `math.log1p(x)`.
 * @throws PythonError ValueError "math domain error" for x ≤ −1
 */
export function log1p(x: number | bigint): number {
  const v = toFloat(x);
  if (v <= -1) throw domainError();
  return checked(v, Math.log1p(v), false);
}

/**
 * `math.pow(x, y)`: C99 pow, never complex.
 * @throws PythonError ValueError "math domain error" (negative base with a fractional exponent,
 *   zero to a negative power); OverflowError "math range error"
 */
export function pow(x: number | bigint, y: number | bigint): number {
  const a = toFloat(x);
  const b = toFloat(y);
  if (b === 0) return 1;
  if (Number.isNaN(a)) return a;
  if (Number.isNaN(b)) return a === 1 ? 1 : b;
  if (!Number.isFinite(b)) {
    const m = Math.abs(a);
    if (m === 1) return 1;
    return m > 1 === b > 0 ? Number.POSITIVE_INFINITY : 0;
  }
  if (!Number.isFinite(a)) return a ** b;
  if (a === 0) {
    if (b < 0) throw domainError();
    return Number.isInteger(b) && Math.abs(b % 2) === 1 ? a : 0;
  }
  const oddInteger = Number.isInteger(b) && Math.abs(b % 2) === 1;
  if (a < 0 && !Number.isInteger(b)) throw domainError();
  let r: number;
  if (b === 1) r = a;
  else if (b === 2) r = a * a;
  else if (b === -1) r = 1 / a;
  else if (b === 0.5) r = Math.sqrt(a);
  else r = accuratePow(Math.abs(a), b) * (a < 0 && oddInteger ? -1 : 1);
  if (!Number.isFinite(r)) throw rangeError();
  return r;
}

/**
 * `math.sin(x)`.
 * @throws PythonError ValueError "math domain error" for ±inf
 */
export function sin(x: number | bigint): number {
  const v = toFloat(x);
  return checked(v, accurateSin(v), false);
}
/**
 * `math.cos(x)`.
 * @throws PythonError ValueError "math domain error" for ±inf
 */
export function cos(x: number | bigint): number {
  const v = toFloat(x);
  return checked(v, accurateCos(v), false);
}
/**
 * `math.tan(x)`.
 * @throws PythonError ValueError "math domain error" for ±inf
 */
export function tan(x: number | bigint): number {
  const v = toFloat(x);
  if (!Number.isFinite(v)) return checked(v, Number.NaN, false);
  return checked(v, accurateTan(v), false);
}
/**
 * `math.asin(x)`.
 * @throws PythonError ValueError "math domain error" outside [−1, 1]
 */
export function asin(x: number | bigint): number {
  const v = toFloat(x);
  return checked(v, accurateAsin(v), false);
}
/**
 * `math.acos(x)`.
 * @throws PythonError ValueError "math domain error" outside [−1, 1]
 */
export function acos(x: number | bigint): number {
  const v = toFloat(x);
  return checked(v, accurateAcos(v), false);
}
/** `math.atan(x)`. */
export function atan(x: number | bigint): number {
  return accurateAtan(toFloat(x));
}
/** `math.atan2(y, x)` with C99's special cases. */
export function atan2(y: number | bigint, x: number | bigint): number {
  const a = toFloat(y);
  const b = toFloat(x);
  if (Number.isNaN(a) || Number.isNaN(b) || !Number.isFinite(a) || !Number.isFinite(b) || a === 0) {
    return Math.atan2(a, b);
  }
  return accurateAtan2(a, b);
}
/**
 * `math.sinh(x)`.
 * @throws PythonError OverflowError "math range error"
 */
export function sinh(x: number | bigint): number {
  const v = toFloat(x);
  return checked(v, fdlibmSinh(v), true);
}

const LOG_MAX = 709.782712893384; // log(DBL_MAX)

/** fdlibm's acosh over a glibc-rounded log. */
function fdlibmAcosh(x: number): number {
  if (Number.isNaN(x) || x < 1) return Number.NaN;
  if (x >= 2 ** 28) return x === Number.POSITIVE_INFINITY ? x : accurateLog(x) + Math.LN2;
  if (x === 1) return 0;
  if (x > 2) return accurateLog(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
  const t = x - 1;
  return Math.log1p(t + Math.sqrt(2 * t + t * t));
}

/** fdlibm's sinh (the C library's algorithm) over expm1 and a glibc-rounded exp. */
function fdlibmSinh(x: number): number {
  if (!Number.isFinite(x)) return x;
  const ax = Math.abs(x);
  const h = x < 0 ? -0.5 : 0.5;
  if (ax < 22) {
    if (ax < 2 ** -28) return x;
    const t = Math.expm1(ax);
    if (ax < 1) return h * (2 * t - (t * t) / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ax < LOG_MAX) return h * accurateExp(ax);
  if (ax <= 710.4758600739439) {
    const w = accurateExp(0.5 * ax);
    return h * w * w;
  }
  return x * Number.POSITIVE_INFINITY;
}

/** fdlibm's cosh over expm1 and a glibc-rounded exp. */
function fdlibmCosh(x: number): number {
  if (Number.isNaN(x)) return x;
  const ax = Math.abs(x);
  if (ax < 0.5 * Math.LN2) {
    const t = Math.expm1(ax);
    const w = 1 + t;
    if (ax < 2 ** -55) return w;
    return 1 + (t * t) / (w + w);
  }
  if (ax < 22) {
    const t = accurateExp(ax);
    return 0.5 * t + 0.5 / t;
  }
  if (ax < LOG_MAX) return 0.5 * accurateExp(ax);
  if (ax <= 710.4758600739439) {
    const w = accurateExp(0.5 * ax);
    return 0.5 * w * w;
  }
  return Number.POSITIVE_INFINITY;
}
/**
 * `math.cosh(x)`.
 * @throws PythonError OverflowError "math range error"
 */
export function cosh(x: number | bigint): number {
  const v = toFloat(x);
  return checked(v, fdlibmCosh(v), true);
}
/** `math.tanh(x)`. */
export function tanh(x: number | bigint): number {
  return Math.tanh(toFloat(x));
}
/** `math.asinh(x)`. */
export function asinh(x: number | bigint): number {
  const v = toFloat(x);
  const ax = Math.abs(v);
  if (!Number.isFinite(v) || ax < 2 ** -28) return v;
  let w: number;
  // fdlibm's asinh (the C library's algorithm) over a glibc-rounded log
  if (ax > 2 ** 28) w = accurateLog(ax) + Math.LN2;
  else if (ax > 2) w = accurateLog(2 * ax + 1 / (Math.sqrt(v * v + 1) + ax));
  else {
    const t = v * v;
    w = Math.log1p(ax + t / (1 + Math.sqrt(1 + t)));
  }
  return v < 0 ? -w : w;
}
/**
 * `math.acosh(x)`.
 * @throws PythonError ValueError "math domain error" for x < 1
 */
export function acosh(x: number | bigint): number {
  const v = toFloat(x);
  return checked(v, fdlibmAcosh(v), false);
}
/**
 * `math.atanh(x)`.
 * @throws PythonError ValueError "math domain error" for |x| ≥ 1
 */
export function atanh(x: number | bigint): number {
  const v = toFloat(x);
  if (Math.abs(v) >= 1) throw domainError();
  return checked(v, Math.atanh(v), false);
}

/** `math.degrees(x)`. */
export function degrees(x: number | bigint): number {
  return toFloat(x) * (180 / Math.PI);
}
/** `math.radians(x)`. */
export function radians(x: number | bigint): number {
  return toFloat(x) * (Math.PI / 180);
}

function toIntegral(v: number): bigint {
  if (Number.isNaN(v)) throw new PythonError("ValueError", "cannot convert float NaN to integer");
  if (!Number.isFinite(v)) throw new PythonError("OverflowError", "cannot convert float infinity to integer");
  return BigInt(v);
}
/**
 * `math.floor(x)` → int.
 * @throws PythonError OverflowError / ValueError for inf / nan
 */
export function floor(x: number | bigint): bigint {
  return typeof x === "bigint" ? x : toIntegral(Math.floor(x));
}
/**
 * `math.ceil(x)` → int.
 * @throws PythonError OverflowError / ValueError for inf / nan
 */
export function ceil(x: number | bigint): bigint {
  return typeof x === "bigint" ? x : toIntegral(Math.ceil(x));
}
/**
 * `math.trunc(x)` → int.
 * @throws PythonError OverflowError / ValueError for inf / nan
 */
export function trunc(x: number | bigint): bigint {
  return typeof x === "bigint" ? x : toIntegral(Math.trunc(x));
}

/**
 * `math.isqrt(n)`: ⌊√n⌋ exactly.
 * @throws PythonError ValueError "isqrt() argument must be nonnegative"
 */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new PythonError("ValueError", "isqrt() argument must be nonnegative");
  if (n < 0x20000000000000n) {
    let r = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (r * r > n) r -= 1n;
    while ((r + 1n) * (r + 1n) <= n) r += 1n;
    return r;
  }
  // Newton's iteration from an over-estimate.
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

function gcd2(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** `math.gcd(*integers)` (0 for none). */
export function gcd(...values: bigint[]): bigint {
  let g = 0n;
  for (const v of values) g = gcd2(g, v);
  return g;
}

/** `math.lcm(*integers)` (1 for none). */
export function lcm(...values: bigint[]): bigint {
  if (values.length === 0) return 1n;
  let l = values[0] < 0n ? -values[0] : values[0];
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    if (l === 0n || v === 0n) {
      l = 0n;
      continue;
    }
    l = (l / gcd2(l, v)) * v;
    if (l < 0n) l = -l;
  }
  return l;
}

/** Product of the integers in [lo, hi) by binary splitting (balanced multiplications). */
function rangeProduct(lo: bigint, hi: bigint): bigint {
  const n = hi - lo;
  if (n <= 0n) return 1n;
  if (n <= 16n) {
    let p = 1n;
    for (let k = lo; k < hi; k++) p *= k;
    return p;
  }
  const mid = lo + n / 2n;
  return rangeProduct(lo, mid) * rangeProduct(mid, hi);
}

/**
 * `math.factorial(n)`.
 * @throws PythonError ValueError "factorial() not defined for negative values"; OverflowError
 *   "factorial() argument should not exceed 9223372036854775807"
 */
export function factorial(n: bigint): bigint {
  if (n < 0n) throw new PythonError("ValueError", "factorial() not defined for negative values");
  if (n > 0x7fffffffffffffffn) {
    throw new PythonError("OverflowError", "factorial() argument should not exceed 9223372036854775807");
  }
  if (n > 5_000_000n) throw new PythonError("MemoryError", "");
  return rangeProduct(2n, n + 1n);
}

/**
 * `math.perm(n, k)` (k omitted: n!).
 * @throws PythonError ValueError "n must be a non-negative integer" / "k must be a non-negative integer"
 */
export function perm(n: bigint, k?: bigint): bigint {
  if (k === undefined) return factorial(n);
  if (n < 0n) throw new PythonError("ValueError", "n must be a non-negative integer");
  if (k < 0n) throw new PythonError("ValueError", "k must be a non-negative integer");
  if (k > n) return 0n;
  return rangeProduct(n - k + 1n, n + 1n);
}

/**
 * `math.comb(n, k)`.
 * @throws PythonError ValueError "n must be a non-negative integer" / "k must be a non-negative integer"
 */
export function comb(n: bigint, k: bigint): bigint {
  if (n < 0n) throw new PythonError("ValueError", "n must be a non-negative integer");
  if (k < 0n) throw new PythonError("ValueError", "k must be a non-negative integer");
  if (k > n) return 0n;
  if (k > n - k) k = n - k;
  return rangeProduct(n - k + 1n, n + 1n) / rangeProduct(1n, k + 1n);
}

/**
 * `math.fsum(values)`: the correctly rounded sum (Shewchuk's exact partials, then CPython's
 * half-even correction).
 * @throws PythonError OverflowError "intermediate overflow in fsum"; ValueError "-inf + inf in fsum"
 */
export function fsum(values: Iterable<number>): number {
  const partials: number[] = [];
  let specialSum = 0;
  let infSum = 0;
  for (const x0 of values) {
    let x = x0;
    const xsave = x;
    let i = 0;
    for (let j = 0; j < partials.length; j++) {
      let y = partials[j];
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    if (x !== 0) {
      if (!Number.isFinite(x)) {
        // a nonfinite x could arise either as a result of intermediate overflow, or
        // as a result of a nan or inf in the summands
        if (Number.isFinite(xsave)) throw new PythonError("OverflowError", "intermediate overflow in fsum");
        if (xsave === Number.POSITIVE_INFINITY || xsave === Number.NEGATIVE_INFINITY) infSum += xsave;
        specialSum += xsave;
        partials.length = 0;
      } else partials.push(x);
    }
  }
  if (specialSum !== 0) {
    if (Number.isNaN(infSum)) throw new PythonError("ValueError", "-inf + inf in fsum");
    return specialSum;
  }
  let hi = 0;
  let n = partials.length;
  if (n > 0) {
    hi = partials[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = partials[--n];
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    // Round half-even correctly when the remaining partials decide the tie.
    if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
  }
  return hi;
}

/** `math.prod` over floats (ints are multiplied by the interpreter's own arithmetic). */
export function prodFloat(values: Iterable<number>, start = 1): number {
  let p = start;
  for (const v of values) p *= v;
  return p;
}

/** √(Σ xᵢ²) with each square and the sum carried in double-double, rounded once. */
function norm(values: readonly number[]): number {
  let max = 0;
  let sawNaN = false;
  for (const v of values) {
    const a = Math.abs(v);
    if (a === Number.POSITIVE_INFINITY) return a;
    if (Number.isNaN(a)) sawNaN = true;
    else if (a > max) max = a;
  }
  if (sawNaN) return Number.NaN;
  if (max === 0 || values.length <= 1) return max;
  // Scale by a power of two near max so squares neither overflow nor underflow.
  const scale = 2 ** Math.min(1023, Math.max(-1022, Math.floor(Math.log2(max))));
  let sh = 0;
  let sl = 0;
  for (const v of values) {
    const x = v / scale;
    const p = x * x;
    const t = 134217729 * x;
    const xh = t - (t - x);
    const xl = x - xh;
    const pl = xh * xh - p + 2 * xh * xl + xl * xl;
    // (sh, sl) += (p, pl)
    const s = sh + p;
    const bb = s - sh;
    const e = sh - (s - bb) + (p - bb) + sl + pl;
    sh = s + e;
    sl = e - (sh - s);
  }
  // sqrt of a double-double: r = √sh, then one Newton correction with the low part.
  const r = Math.sqrt(sh);
  const t = 134217729 * r;
  const rh = t - (t - r);
  const rl = r - rh;
  const residual = sh - r * r - (rh * rh - r * r + 2 * rh * rl + rl * rl) + sl;
  return (r + residual / (2 * r)) * scale;
}

/** `math.hypot(*coordinates)`. */
export function hypot(...coordinates: number[]): number {
  return norm(coordinates);
}

/**
 * `math.dist(p, q)`.
 * @throws PythonError ValueError "both points must have the same number of dimensions"
 */
export function dist(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length)
    throw new PythonError("ValueError", "both points must have the same number of dimensions");
  return norm(p.map((v, i) => Math.abs(v - q[i])));
}

/**
 * `math.isclose(a, b, rel_tol=1e-09, abs_tol=0.0)`.
 * @throws PythonError ValueError "tolerances must be non-negative"
 */
export function isclose(a: number, b: number, relTol = 1e-9, absTol = 0): boolean {
  if (relTol < 0 || absTol < 0) throw new PythonError("ValueError", "tolerances must be non-negative");
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const diff = Math.abs(b - a);
  return diff <= Math.abs(relTol * b) || diff <= Math.abs(relTol * a) || diff <= absTol;
}

/** `math.isfinite(x)`. */
export function isfinite(x: number): boolean {
  return Number.isFinite(x);
}
/** `math.isinf(x)`. */
export function isinf(x: number): boolean {
  return x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY;
}
/** `math.isnan(x)`. */
export function isnan(x: number): boolean {
  return Number.isNaN(x);
}
/** `math.copysign(x, y)` (the sign of −0.0 counts). */
export function copysign(x: number, y: number): number {
  const negative = y < 0 || Object.is(y, -0);
  const a = Math.abs(x);
  return negative ? -a : a;
}
/** `math.fabs(x)`. */
export function fabs(x: number | bigint): number {
  return Math.abs(toFloat(x));
}
/**
 * `math.fmod(x, y)` (C fmod: the sign of x).
 * @throws PythonError ValueError "math domain error" for y = 0 or infinite x
 */
export function fmod(x: number | bigint, y: number | bigint): number {
  const a = toFloat(x);
  const b = toFloat(y);
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.NaN;
  if (!Number.isFinite(a) || b === 0) throw domainError();
  if (!Number.isFinite(b)) return a;
  return a % b;
}
/** `math.modf(x)` → [fractional part, integer part], both with x's sign. */
export function modf(x: number | bigint): [number, number] {
  const v = toFloat(x);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? [v, v] : [copysign(0, v), v];
  const whole = Math.trunc(v);
  return [copysign(v - whole, v), whole];
}
/** `math.frexp(x)` → [m, e] with x = m·2^e, 0.5 ≤ |m| < 1. */
export function frexp(x: number | bigint): [number, bigint] {
  const v = toFloat(x);
  if (v === 0 || !Number.isFinite(v)) return [v, 0n];
  let m = v;
  let adjust = 0;
  if (Math.abs(m) < 2 ** -1000) {
    m *= 2 ** 64;
    adjust = -64;
  }
  let e = Math.floor(Math.log2(Math.abs(m))) + 1;
  m *= 2 ** -e;
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e--;
  }
  while (Math.abs(m) >= 1) {
    m /= 2;
    e++;
  }
  return [m, BigInt(e + adjust)];
}

/**
 * `math.ldexp(x, i)`: x·2^i rounded once.
 * @throws PythonError OverflowError "math range error"
 */
export function ldexp(x: number | bigint, i: bigint | number): number {
  const v = toFloat(x);
  if (v === 0 || !Number.isFinite(v)) return v;
  const k =
    typeof i === "bigint"
      ? i > 5000n
        ? 5000
        : i < -5000n
          ? -5000
          : Number(i)
      : Math.max(-5000, Math.min(5000, i));
  const [m, ev] = frexp(v);
  const t = Number(ev) + k;
  if (t > 1024) throw rangeError();
  if (t < -1080) return v < 0 ? -0 : 0;
  if (t >= -1021) return t === 1024 ? m * 2 ** 1023 * 2 : m * 2 ** t;
  // A subnormal result: scale into the normal range exactly, then round once.
  return m * 2 ** (t + 600) * 2 ** -600;
}

const LANCZOS_G = 6.02468004077673;
const LANCZOS_G_MINUS_HALF = 5.52468004077673;
const LANCZOS_NUM = [
  23531376880.41076, 42919803642.6491, 35711959237.35567, 17921034426.03721, 6039542586.352028,
  1439720407.3117216, 248874557.86205417, 31426415.585400194, 2876370.6289353725, 186056.26539522348,
  8071.672002365816, 210.82427775157936, 2.5066282746310002,
];
const LANCZOS_DEN = [
  0, 39916800, 120543840, 150917976, 105258076, 45995730, 13339535, 2637558, 357423, 32670, 1925, 66, 1,
];
const LOG_PI = 1.1447298858494002;

function lanczosSum(x: number): number {
  let num = 0;
  let den = 0;
  if (x < 5) {
    for (let i = 12; i >= 0; i--) {
      num = num * x + LANCZOS_NUM[i];
      den = den * x + LANCZOS_DEN[i];
    }
  } else {
    for (let i = 0; i < 13; i++) {
      num = num / x + LANCZOS_NUM[i];
      den = den / x + LANCZOS_DEN[i];
    }
  }
  return num / den;
}

function sinpi(x: number): number {
  const y = Math.abs(x) % 2;
  const n = Math.round(2 * y);
  let r: number;
  switch (n) {
    case 0:
      r = sin(Math.PI * y);
      break;
    case 1:
      r = cos(Math.PI * (y - 0.5));
      break;
    case 2:
      r = sin(Math.PI * (1 - y));
      break;
    case 3:
      r = -cos(Math.PI * (y - 1.5));
      break;
    default:
      r = sin(Math.PI * (y - 2));
  }
  return copysign(1, x) * r;
}

const FACTORIALS: number[] = [];
for (let k = 0, f = 1; k < 23; k++) {
  FACTORIALS.push(f);
  f *= k + 1;
}

/**
 * `math.gamma(x)`, CPython's Lanczos computation.
 * @throws PythonError ValueError "math domain error" at poles; OverflowError "math range error"
 */
export function gamma(x: number | bigint): number {
  const v = toFloat(x);
  if (!Number.isFinite(v)) {
    if (Number.isNaN(v) || v > 0) return v;
    throw domainError();
  }
  if (v === 0) throw domainError();
  if (v === Math.floor(v)) {
    if (v < 0) throw domainError();
    if (v <= 23) return FACTORIALS[v - 1];
  }
  const absx = Math.abs(v);
  if (absx < 1e-20) {
    const r = 1 / v;
    if (!Number.isFinite(r)) throw rangeError();
    return r;
  }
  if (absx > 200) {
    if (v < 0) return 0 / sinpi(v);
    throw rangeError();
  }
  const y = absx + LANCZOS_G_MINUS_HALF;
  let z: number;
  if (absx > LANCZOS_G_MINUS_HALF) {
    const q = y - absx;
    z = q - LANCZOS_G_MINUS_HALF;
  } else {
    const q = y - LANCZOS_G_MINUS_HALF;
    z = q - absx;
  }
  z = (z * LANCZOS_G) / y;
  let r: number;
  if (v < 0) {
    r = ((-Math.PI / sinpi(absx) / absx) * accurateExp(y)) / lanczosSum(absx);
    r -= z * r;
    if (absx < 140) r /= accuratePow(y, absx - 0.5);
    else {
      const sqrtpow = accuratePow(y, absx / 2 - 0.25);
      r /= sqrtpow;
      r /= sqrtpow;
    }
  } else {
    r = lanczosSum(absx) / accurateExp(y);
    r += z * r;
    if (absx < 140) r *= accuratePow(y, absx - 0.5);
    else {
      const sqrtpow = accuratePow(y, absx / 2 - 0.25);
      r *= sqrtpow;
      r *= sqrtpow;
    }
  }
  if (!Number.isFinite(r)) throw rangeError();
  return r;
}

/**
 * `math.lgamma(x)`: log |Γ(x)|, CPython's Lanczos computation.
 * @throws PythonError ValueError "math domain error" at non-positive integers
 */
export function lgamma(x: number | bigint): number {
  const v = toFloat(x);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? v : Number.POSITIVE_INFINITY;
  if (v === Math.floor(v) && v <= 2) {
    if (v <= 0) throw domainError();
    return 0;
  }
  const absx = Math.abs(v);
  if (absx < 1e-20) return -accurateLog(absx);
  let r = accurateLog(lanczosSum(absx)) - LANCZOS_G;
  r += (absx - 0.5) * (accurateLog(absx + LANCZOS_G - 0.5) - 1);
  if (v < 0) r = LOG_PI - accurateLog(Math.abs(sinpi(absx))) - accurateLog(absx) - r;
  if (!Number.isFinite(r)) throw rangeError();
  return r;
}
