/**
 * Double-double arithmetic (a value as an unevaluated sum hi + lo of two doubles, ~106 bits) for
 * `exp`, `log` and `pow` results that round like the C library CPython calls, where JavaScript's
 * own `Math.exp`/`Math.log`/`**` are off by one unit in the last place on a few percent of
 * inputs.
 *
 * ```
 *   log(x):  x = 2^k·m, m in [√½, √2)   log m = y0 + (m·e^-y0 − 1)   (one Newton step from Math.log)
 *            log x = k·ln2 + log m        ln2 held as hi + lo
 *   exp(t):  t = k·ln2 + r, |r| ≤ ln2/2   e^r − 1 by Taylor on r/1024, then ten doublings
 *            e^(2s) − 1 = (e^s − 1)(e^s − 1 + 2)   (kept as e^s − 1 so no bits cancel)
 * ```
 *
 * Results are returned through {@link ddResult} (`hi`, `lo`) so that no object is allocated per
 * call; read both fields before the next call.
 *
 * @module
 */

/** The last result: value = hi + lo, |lo| ≤ ulp(hi)/2. */
export const ddResult = { hi: 0, lo: 0 };

const LN2_HI = Math.LN2;
const LN2_LO = 2.3190468138462996e-17;
const SPLITTER = 134217729; // 2^27 + 1

let outHi = 0;
let outLo = 0;

function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  outLo = a - (s - bb) + (b - bb);
  outHi = s;
}

function quickTwoSum(a: number, b: number): void {
  const s = a + b;
  outLo = b - (s - a);
  outHi = s;
}

function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  outLo = ah * bh - p + ah * bl + al * bh + al * bl;
  outHi = p;
}

/** (ah + al) + (bh + bl) → out. */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  twoSum(ah, bh);
  const sh = outHi;
  let sl = outLo;
  twoSum(al, bl);
  const th = outHi;
  let tl = outLo;
  sl += th;
  quickTwoSum(sh, sl);
  const uh = outHi;
  sl = outLo + tl;
  quickTwoSum(uh, sl);
  tl = 0;
}

/** (ah + al) · (bh + bl) → out. */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const ph = outHi;
  const pl = outLo + (ah * bl + al * bh);
  quickTwoSum(ph, pl);
}

/** (ah + al) / d → out. */
function ddDivD(ah: number, al: number, d: number): void {
  const q1 = ah / d;
  twoProd(q1, d);
  const ph = outHi;
  const pl = outLo;
  twoSum(ah, -ph);
  const rh = outHi;
  const rl = outLo + (al - pl);
  const q2 = (rh + rl) / d;
  quickTwoSum(q1, q2);
}

/** e^(th + tl) − 1 for |th| ≤ 0.35, as a double-double in out. */
function expm1Small(th: number, tl: number): void {
  // s = t / 1024 (exact), Taylor series of e^s − 1.
  const sh = th / 1024;
  const sl = tl / 1024;
  let termH = sh;
  let termL = sl;
  let sumH = sh;
  let sumL = sl;
  for (let n = 2; n <= 10; n++) {
    ddMul(termH, termL, sh, sl);
    ddDivD(outHi, outLo, n);
    termH = outHi;
    termL = outLo;
    ddAdd(sumH, sumL, termH, termL);
    sumH = outHi;
    sumL = outLo;
  }
  for (let i = 0; i < 10; i++) {
    // e^(2s) − 1 = (e^s − 1)·(e^s − 1 + 2)
    ddAdd(sumH, sumL, 2, 0);
    ddMul(sumH, sumL, outHi, outLo);
    sumH = outHi;
    sumL = outLo;
  }
  outHi = sumH;
  outLo = sumL;
}

/**
 * e^(th + tl) as a double-double in {@link ddResult} (`hi` is the rounded double; it may be
 * ±Infinity or 0 outside the range).
 */
export function ddExp(th: number, tl = 0): void {
  if (th > 709.8) {
    ddResult.hi = th > 710 ? Number.POSITIVE_INFINITY : Math.exp(th);
    ddResult.lo = 0;
    if (th <= 710) {
      // Near the top: compute e^(t − ln2)·2.
      ddExp(th - LN2_HI, tl - LN2_LO);
      ddResult.hi *= 2;
      ddResult.lo *= 2;
    }
    return;
  }
  if (th < -746) {
    ddResult.hi = 0;
    ddResult.lo = 0;
    return;
  }
  const k = Math.round(th / LN2_HI);
  // r = t − k·ln2 in double-double.
  twoProd(k, LN2_HI);
  const ph = outHi;
  const pl = outLo;
  ddAdd(th, tl, -ph, -pl);
  ddAdd(outHi, outLo, -k * LN2_LO, 0);
  expm1Small(outHi, outLo);
  ddAdd(1, 0, outHi, outLo);
  let hi = outHi;
  let lo = outLo;
  // Scale by 2^k in two steps so that neither factor overflows or underflows early.
  if (k > 1000 || k < -1000) {
    const half = k >> 1;
    const f1 = 2 ** half;
    hi *= f1;
    lo *= f1;
    const f2 = 2 ** (k - half);
    if (k < -1000) {
      // Round once at the subnormal boundary: the sum, not hi alone, must be scaled.
      ddResult.hi = (hi + lo) * f2;
      ddResult.lo = 0;
      return;
    }
    hi *= f2;
    lo *= f2;
  } else {
    const f = 2 ** k;
    hi *= f;
    lo *= f;
  }
  ddResult.hi = hi;
  ddResult.lo = lo;
}

/** ln(x) for a finite x > 0 as a double-double in {@link ddResult}. */
export function ddLog(x: number): void {
  let k = 0;
  let m = x;
  if (m < 2.2250738585072014e-308) {
    m *= 2 ** 64;
    k -= 64;
  }
  const e = Math.min(Math.floor(Math.log2(m)), 1023);
  m /= 2 ** e;
  k += e;
  // Bring m into [√½, √2) (Math.log2 may be off by one at powers of two).
  while (m >= Math.SQRT2) {
    m /= 2;
    k++;
  }
  while (m < Math.SQRT1_2) {
    m *= 2;
    k--;
  }
  const y0 = Math.log(m);
  // log m ≈ y0 + (m·e^-y0 − 1)
  expm1Small(-y0, 0);
  ddAdd(1, 0, outHi, outLo);
  ddMul(outHi, outLo, m, 0);
  ddAdd(outHi, outLo, -1, 0);
  ddAdd(y0, 0, outHi, outLo);
  const lh = outHi;
  const ll = outLo;
  twoProd(k, LN2_HI);
  ddAdd(outHi, outLo, k * LN2_LO, 0);
  ddAdd(outHi, outLo, lh, ll);
  ddResult.hi = outHi;
  ddResult.lo = outLo;
}

/** x^y for finite x > 0 and finite y, through e^(y·ln x) in double-double; correctly rounded but for rare near-ties. */
export function accuratePow(x: number, y: number): number {
  const rough = y * Math.log(x);
  if (rough > 800) return Number.POSITIVE_INFINITY;
  if (rough < -800) return 0;
  if (rough > -690 && rough < 690 && x > 2.2250738585072014e-308 && x < 1e300) {
    const fast = fastPow(x, y);
    if (!Number.isNaN(fast)) return fast;
  }
  ddLog(x);
  ddMul(ddResult.hi, ddResult.lo, y, 0);
  ddExp(outHi, outLo);
  return ddResult.hi;
}

// Fast paths (Ziv's strategy): a table-driven evaluation good to ~2^-60 decides the rounding
// unless the result lies within that error of a rounding boundary; only then does the full
// double-double evaluation run.
//
//   exp x = 2^m · 2^(j/128) · e^r     N = round(x·128/ln2), j = N mod 128, |r| ≤ ln2/256
//   2^(j/128) held as hi + lo (computed once with ddExp), e^r − 1 by a degree-6 polynomial

const EXP_TABLE_HI = new Float64Array(128);
const EXP_TABLE_LO = new Float64Array(128);
let expTableReady = false;
const INV_LN2_128 = 128 / Math.LN2;
// ln2/128 split so that N·L1 is exact for |N| < 2^20.
const LN2_128_1 = 0.0054152123475432745; // ln2/128 with its low 20 bits cleared
const LN2_128_2 = (LN2_HI - 128 * LN2_128_1) / 128 + LN2_LO / 128;

function buildExpTable(): void {
  for (let j = 0; j < 128; j++) {
    ddMul(LN2_HI, LN2_LO, j / 128, 0);
    ddExp(outHi, outLo);
    EXP_TABLE_HI[j] = ddResult.hi;
    EXP_TABLE_LO[j] = ddResult.lo;
  }
  expTableReady = true;
}

/** e^x, rounded like a correctly rounded C `exp`. */
export function accurateExp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > -700 && x < 700) {
    tableExp(x, 0);
    const hi = outHi;
    const lo = outLo;
    const bound = Math.abs(hi) * 1e-20;
    const y1 = hi + (lo + bound);
    const y2 = hi + (lo - bound);
    if (y1 === y2) return y1;
  }
  ddExp(x, 0);
  return ddResult.hi;
}

/** ln(x) for finite x > 0, rounded like a correctly rounded C `log`. */
export function accurateLog(x: number): number {
  if (x > 2.2250738585072014e-308 && x < 1.7976931348623157e308 && (x < 0.999 || x > 1.001)) {
    // log x = y0 + (x·e^-y0 − 1) with e^-y0 from the table (y0 = Math.log(x) is within an ulp).
    const y0 = Math.log(x);
    if (y0 > -700 && y0 < 700) {
      tableExp(-y0, 0);
      const eh = outHi;
      const el = outLo;
      // x·(eh + el) − 1 with x·eh exact as a two-product
      twoProd(x, eh);
      const correction = outHi - 1 + outLo + x * el;
      const bound = 2e-20 + Math.abs(y0) * 1.2e-32;
      const y1 = y0 + (correction + bound);
      const y2 = y0 + (correction - bound);
      if (y1 === y2) return y1;
    }
  }
  ddLog(x);
  return ddResult.hi;
}

/** (hi + lo) · (ch + cl) rounded to a double: e.g. ln x · (1/ln 10). */
export function ddScale(hi: number, lo: number, ch: number, cl: number): number {
  ddMul(hi, lo, ch, cl);
  return outHi;
}

const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const PIO2_3 = -1.4973849048591698e-33;

/** sin and cos of the last {@link accurateSinCos} argument (with their low parts). */
export const sinCosResult = { sin: 0, cos: 0, sinLo: 0, cosLo: 0 };

/** Taylor series of sin (odd = true) or cos around 0 for |r| ≤ π/4, r = rh + rl; result in out. */
function sinCosSeries(rh: number, rl: number, odd: boolean): void {
  ddMul(rh, rl, rh, rl);
  const r2h = outHi;
  const r2l = outLo;
  let termH = odd ? rh : 1;
  let termL = odd ? rl : 0;
  let sumH = termH;
  let sumL = termL;
  for (let n = odd ? 2 : 1; n < 60; n += 2) {
    // term *= -r² / ((n)(n+1)) for cos: n = 1,3,…; for sin: n = 2,4,…
    ddMul(termH, termL, r2h, r2l);
    ddDivD(outHi, outLo, -(n * (n + 1)));
    termH = outHi;
    termL = outLo;
    ddAdd(sumH, sumL, termH, termL);
    sumH = outHi;
    sumL = outLo;
    if (Math.abs(termH) < 1e-36 * Math.abs(sumH)) break;
  }
  outHi = sumH;
  outLo = sumL;
}

/**
 * sin x and cos x into {@link sinCosResult}, rounded like a correctly rounded C library for
 * |x| < 2^20·π/2 (argument reduced with π/2 held in three doubles); larger arguments fall back to
 * `Math.sin`/`Math.cos`.
 */
export function accurateSinCos(x: number): void {
  sinCosResult.sinLo = 0;
  sinCosResult.cosLo = 0;
  if (!Number.isFinite(x) || Math.abs(x) > 1647099) {
    sinCosResult.sin = Math.sin(x);
    sinCosResult.cos = Math.cos(x);
    return;
  }
  const k = Math.round(x / PIO2_1);
  // r = x − k·(p1 + p2 + p3) in double-double.
  twoProd(k, PIO2_1);
  let ph = outHi;
  let pl = outLo;
  ddAdd(x, 0, -ph, -pl);
  let rh = outHi;
  let rl = outLo;
  twoProd(k, PIO2_2);
  ph = outHi;
  pl = outLo;
  ddAdd(rh, rl, -ph, -pl);
  ddAdd(outHi, outLo, -k * PIO2_3, 0);
  rh = outHi;
  rl = outLo;
  sinCosSeries(rh, rl, true);
  const s = outHi;
  const sl = outLo;
  sinCosSeries(rh, rl, false);
  const c = outHi;
  const cl = outLo;
  switch (((k % 4) + 4) % 4) {
    case 0:
      setSinCos(s, sl, c, cl);
      break;
    case 1:
      setSinCos(c, cl, -s, -sl);
      break;
    case 2:
      setSinCos(-s, -sl, -c, -cl);
      break;
    default:
      setSinCos(-c, -cl, s, sl);
  }
}

function setSinCos(s: number, sl: number, c: number, cl: number): void {
  sinCosResult.sin = s;
  sinCosResult.sinLo = sl;
  sinCosResult.cos = c;
  sinCosResult.cosLo = cl;
}

/** (ah + al) / (bh + bl) → out. */
function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl);
  ddAdd(ah, al, -outHi, -outLo);
  quickTwoSum(q1, outHi / bh);
}

/** tan x, rounded like a correctly rounded C `tan` (|x| < 2^20·π/2). */
export function accurateTan(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) > 1647099) return Math.tan(x);
  if (Math.abs(x) < 1e-9) return x;
  accurateSinCos(x);
  ddDiv(sinCosResult.sin, sinCosResult.sinLo, sinCosResult.cos, sinCosResult.cosLo);
  return outHi;
}

/** atan2(y, x) for finite, not both zero, arguments, corrected from Math.atan2 by one Newton step. */
export function accurateAtan2(y: number, x: number): number {
  const y0 = Math.atan2(y, x);
  if (y0 === 0 || !Number.isFinite(y) || !Number.isFinite(x)) return y0;
  // Scale so that the products below neither overflow nor lose bits.
  const big = Math.max(Math.abs(x), Math.abs(y));
  let scale = 1;
  if (big > 2 ** 500) scale = 2 ** -600;
  else if (big < 2 ** -500) scale = 2 ** 600;
  const ys = y * scale;
  const xs = x * scale;
  accurateSinCos(y0);
  // δ = (y·cos y0 − x·sin y0) / (x·cos y0 + y·sin y0)
  ddMul(sinCosResult.cos, sinCosResult.cosLo, ys, 0);
  const ah = outHi;
  const al = outLo;
  ddMul(sinCosResult.sin, sinCosResult.sinLo, xs, 0);
  ddAdd(ah, al, -outHi, -outLo);
  const num = outHi;
  const den = xs * sinCosResult.cos + ys * sinCosResult.sin;
  return y0 + num / den;
}

/** asin x for |x| ≤ 1, corrected from Math.asin by one Newton step. */
export function accurateAsin(x: number): number {
  const y0 = Math.asin(x);
  if (!Number.isFinite(y0) || Math.abs(x) < 1e-9 || Math.abs(x) === 1) return y0;
  accurateSinCos(y0);
  ddAdd(x, 0, -sinCosResult.sin, -sinCosResult.sinLo);
  return y0 + outHi / sinCosResult.cos;
}

/** acos x for |x| ≤ 1, corrected from Math.acos by one Newton step. */
export function accurateAcos(x: number): number {
  const y0 = Math.acos(x);
  if (!Number.isFinite(y0) || Math.abs(x) === 1 || y0 === 0) return y0;
  accurateSinCos(y0);
  ddAdd(sinCosResult.cos, sinCosResult.cosLo, -x, 0);
  return y0 + outHi / sinCosResult.sin;
}

/** atan x. */
export function accurateAtan(x: number): number {
  if (Number.isNaN(x) || Math.abs(x) < 1e-9) return x;
  if (!Number.isFinite(x)) return Math.atan(x);
  return accurateAtan2(x, 1);
}

// Fast sin/cos: the same reduction, then Taylor polynomials whose leading terms are kept in
// double-double; the full series runs only when the rounding test below cannot decide.
const SIN_TAIL = [
  -1 / 5040,
  1 / 362880,
  -1 / 39916800,
  1 / 6227020800,
  -1 / 1307674368000,
  1 / 355687428096000,
  -1 / 121645100408832000,
  1 / 51090942171709440000,
];
const COS_TAIL = [
  -1 / 720,
  1 / 40320,
  -1 / 3628800,
  1 / 479001600,
  -1 / 87178291200,
  1 / 20922789888000,
  -1 / 6402373705728000,
  1 / 2432902008176640000,
];

function polyTail(coefficients: readonly number[], r2: number): number {
  let acc = coefficients[coefficients.length - 1];
  for (let i = coefficients.length - 2; i >= 0; i--) acc = coefficients[i] + r2 * acc;
  return acc;
}

/**
 * sin(rh + rl) for |r| ≤ π/4, or NaN when the fast evaluation cannot decide the rounding:
 * r − r³/6 + r⁵/120 in double-double, the rest of the series in doubles (≤ 2^-63 relative error).
 */
function fastSinReduced(rh: number, rl: number): number {
  const r2 = rh * rh;
  const tail = r2 * r2 * r2 * rh * polyTail(SIN_TAIL, r2);
  twoProd(rh, rh);
  const sh = outHi;
  const sl = outLo;
  ddMul(sh, sl, rh, 0);
  const ch = outHi;
  const cl = outLo;
  ddMul(ch, cl, sh, sl);
  ddDivD(outHi, outLo, 120);
  const fh = outHi;
  const fl = outLo;
  ddDivD(ch, cl, -6);
  ddAdd(outHi, outLo, fh, fl);
  const th = outHi;
  const tl = outLo;
  twoSum(rh, th);
  const hi = outHi;
  // rl enters through sin(rh + rl) ≈ sin rh + rl·cos rh.
  const lo = outLo + (tl + tail + rl * (1 - (r2 / 2) * (1 - r2 / 12)));
  const bound = Math.abs(rh) * 1e-18;
  const y1 = hi + (lo + bound);
  const y2 = hi + (lo - bound);
  return y1 === y2 ? y1 : Number.NaN;
}

/** cos(rh + rl) for |r| ≤ π/4 like {@link fastSinReduced}: 1 − r²/2 + r⁴/24 in double-double. */
function fastCosReduced(rh: number, rl: number): number {
  const r2 = rh * rh;
  const tail = r2 * r2 * r2 * polyTail(COS_TAIL, r2);
  twoProd(rh, rh);
  const a = outHi;
  const b = outLo;
  ddMul(a, b, a, b);
  ddDivD(outHi, outLo, 24);
  const qh = outHi;
  const ql = outLo;
  twoSum(1, -a / 2);
  const h = outHi;
  const l = outLo;
  twoSum(h, qh);
  const hi = outHi;
  // rl enters through cos(rh + rl) ≈ cos rh − rl·sin rh.
  const lo = outLo + (l + ql + tail - b / 2 - rh * rl * (1 - (r2 / 6) * (1 - r2 / 20)));
  const bound = 1e-18;
  const y1 = hi + (lo + bound);
  const y2 = hi + (lo - bound);
  return y1 === y2 ? y1 : Number.NaN;
}

/** Reduces x by multiples of π/2 into out (rh, rl); returns the quadrant. */
function reduceHalfPi(x: number): number {
  const k = Math.round(x / PIO2_1);
  twoProd(k, PIO2_1);
  const ph = outHi;
  const pl = outLo;
  ddAdd(x, 0, -ph, -pl);
  const rh = outHi;
  const rl = outLo;
  twoProd(k, PIO2_2);
  const qh = outHi;
  const ql = outLo;
  ddAdd(rh, rl, -qh, -ql);
  ddAdd(outHi, outLo, -k * PIO2_3, 0);
  return ((k % 4) + 4) % 4;
}

/** sin x rounded like a correctly rounded C `sin` (fast path, falling back to the full series). */
export function accurateSin(x: number): number {
  if (Number.isFinite(x) && Math.abs(x) < 1647099 && Math.abs(x) > 1e-300) {
    const quadrant = reduceHalfPi(x);
    const rh = outHi;
    const rl = outLo;
    let y: number;
    if (quadrant === 0) y = fastSinReduced(rh, rl);
    else if (quadrant === 1) y = fastCosReduced(rh, rl);
    else if (quadrant === 2) y = -fastSinReduced(rh, rl);
    else y = -fastCosReduced(rh, rl);
    if (!Number.isNaN(y)) return y;
  }
  accurateSinCos(x);
  return sinCosResult.sin;
}

/** cos x rounded like a correctly rounded C `cos` (fast path, falling back to the full series). */
export function accurateCos(x: number): number {
  if (Number.isFinite(x) && Math.abs(x) < 1647099) {
    const quadrant = reduceHalfPi(x);
    const rh = outHi;
    const rl = outLo;
    let y: number;
    if (quadrant === 0) y = fastCosReduced(rh, rl);
    else if (quadrant === 1) y = -fastSinReduced(rh, rl);
    else if (quadrant === 2) y = -fastCosReduced(rh, rl);
    else y = fastSinReduced(rh, rl);
    if (!Number.isNaN(y)) return y;
  }
  accurateSinCos(x);
  return sinCosResult.cos;
}

/**
 * e^(th + tl) for |th| < 700 from the table, as an unrounded pair out = (hi, lo) with relative
 * error below 2^-68: r = th − n·ln2/128 is split into an exact part and a tiny remainder, and
 * T·(1 + r + q) is summed with exact products so that no step rounds at the 2^-53 level.
 */
function tableExp(th: number, tl: number): void {
  if (!expTableReady) buildExpTable();
  const n = Math.round(th * INV_LN2_128);
  const j = n & 127;
  const m = (n - j) / 128;
  // r = th + tl − n·ln2/128 as a double-double (rh, rl): the first difference is exact.
  twoSum(th - n * LN2_128_1, tl - n * LN2_128_2);
  const rh = outHi;
  const rl = outLo;
  const q = rh * rh * (0.5 + rh * (1 / 6 + rh * (1 / 24 + rh * (1 / 120 + rh * (1 / 720 + rh / 5040)))));
  const t = EXP_TABLE_HI[j];
  twoProd(t, rh);
  const ph = outHi;
  const pl = outLo;
  twoSum(t, ph);
  const hi = outHi;
  // T·e^(rh + rl) ≈ T·(1 + rh + q)·(1 + rl)
  const lo = outLo + (pl + t * (q + rl * (1 + rh)) + EXP_TABLE_LO[j] * (1 + rh));
  const scale = 2 ** m;
  outHi = hi * scale;
  outLo = lo * scale;
}

/**
 * x^y for x > 0 through the tables: ln x = y0 + (x·e^-y0 − 1) (y0 = Math.log x), then
 * e^(y·ln x); NaN when the ~2^-58 error bound straddles a rounding boundary.
 */
function fastPow(x: number, y: number): number {
  const y0 = Math.log(x);
  tableExp(-y0, 0);
  const eh = outHi;
  const el = outLo;
  twoProd(x, eh);
  const c = outHi - 1 + outLo + x * el;
  // z = y·(y0 + c) in double-double
  twoProd(y, y0);
  const zh0 = outHi;
  const zl0 = outLo + y * c;
  quickTwoSum(zh0, zl0);
  const zh = outHi;
  const zl = outLo;
  if (!(zh > -700 && zh < 700)) return Number.NaN;
  tableExp(zh, zl);
  const hi = outHi;
  const lo = outLo;
  const bound = hi * (1e-20 * (2 + Math.abs(y)) + Math.abs(zh) * 1e-31);
  const y1 = hi + (lo + bound);
  const y2 = hi + (lo - bound);
  return y1 === y2 ? y1 : Number.NaN;
}
