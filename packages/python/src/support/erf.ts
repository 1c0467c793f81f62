/**
 * `math.erf` and `math.erfc`. CPython 3.11 calls the C library's erf/erfc; this is the same
 * algorithm (Sun's fdlibm rational approximations, as in glibc), with its `exp` calls rounded
 * like glibc's (double-double), so results agree with CPython on Linux.
 *
 * ```
 *   |x| < 0.84375        erf = x + x·P(x²)/Q(x²)
 *   0.84375 ≤ |x| < 1.25 erf = erx + P(|x|−1)/Q(|x|−1)          (erx = erf(1) rounded to 24 bits)
 *   1.25 ≤ |x| < 28      erfc = exp(−z² − 0.5625)·exp((z − x)(z + x) + R(1/x²)/S(1/x²)) / x
 *                        with z = x with its low 32 bits cleared, so z² is exact
 * ```
 *
 * @module
 */
import { accurateExp } from "./double-double.js";

const ERX = 0.8450629115104675;
const EFX8 = 1.0270333367641007;
const PP = [
  0.12837916709551256, -0.3250421072470015, -0.02848174957559851, -0.005770270296489442,
  -2.3763016656650163e-5,
];
const QQ = [
  0.39791722395915535, 0.0650222499887673, 0.005081306281875766, 0.00013249473800432164,
  -3.960228278775368e-6,
];
const PA = [
  -0.0023621185607526594, 0.41485611868374833, -0.3722078760357013, 0.31834661990116175, -0.11089469428239668,
  0.035478304325618236, -0.002166375594868791,
];
const QA = [
  0.10642088040084423, 0.540397917702171, 0.07182865441419627, 0.12617121980876164, 0.01363708391202905,
  0.011984499846799107,
];
const RA = [
  -0.009864944034847148, -0.6938585727071818, -10.558626225323291, -62.375332450326006, -162.39666946257347,
  -184.60509290671104, -81.2874355063066, -9.814329344169145,
];
const SA = [
  19.651271667439257, 137.65775414351904, 434.56587747522923, 645.3872717332679, 429.00814002756783,
  108.63500554177944, 6.570249770319282, -0.0604244152148581,
];
const RB = [
  -0.0098649429247001, -0.799283237680523, -17.757954917754752, -160.63638485582192, -637.5664433683896,
  -1025.0951316110772, -483.5191916086514,
];
const SB = [
  30.33806074348246, 325.7925129965739, 1536.729586084437, 3199.8582195085955, 2553.0504064331644,
  474.52854120695537, -22.44095244658582,
];

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/** x with the low 32 bits of its representation cleared. */
function truncateLow(x: number): number {
  scratch[0] = x;
  words[0] = 0;
  return scratch[0];
}

// The polynomials are evaluated in the split order glibc uses (pairs of terms combined with
// powers of the argument), which rounds differently from plain Horner.

/** P(z)/Q(z) for |x| < 0.84375, z = x². */
function smallRatio(z: number): number {
  const r1 = PP[0] + z * PP[1];
  const z2 = z * z;
  const r2 = PP[2] + z * PP[3];
  const z4 = z2 * z2;
  const s1 = 1 + z * QQ[0];
  const s2 = QQ[1] + z * QQ[2];
  const s3 = QQ[3] + z * QQ[4];
  const r = r1 + z2 * r2 + z4 * PP[4];
  const q = s1 + z2 * s2 + z4 * s3;
  return r / q;
}

/** The (0.84375, 1.25) piece: P(s)/Q(s), s = |x| − 1. */
function middleRatio(s: number): number {
  const p1 = PA[0] + s * PA[1];
  const s2 = s * s;
  const q1 = 1 + s * QA[0];
  const s4 = s2 * s2;
  const p2 = PA[2] + s * PA[3];
  const s6 = s4 * s2;
  const q2 = QA[1] + s * QA[2];
  const p3 = PA[4] + s * PA[5];
  const q3 = QA[3] + s * QA[4];
  const p = p1 + s2 * p2 + s4 * p3 + s6 * PA[6];
  const q = q1 + s2 * q2 + s4 * q3 + s6 * QA[5];
  return p / q;
}

/** exp(−x² − 0.5625 + R/S)·x, the common core of erfc for 1.25 ≤ |x| < 28 (divide by x after). */
function tailScaled(ax: number): number {
  const s = 1 / (ax * ax);
  let r: number;
  let q: number;
  const s2 = s * s;
  const s4 = s2 * s2;
  const s6 = s4 * s2;
  if (ax < 2.857142857142857) {
    const r1 = RA[0] + s * RA[1];
    const q1 = 1 + s * SA[0];
    const r2 = RA[2] + s * RA[3];
    const s8 = s4 * s4;
    const q2 = SA[1] + s * SA[2];
    const r3 = RA[4] + s * RA[5];
    const q3 = SA[3] + s * SA[4];
    const r4 = RA[6] + s * RA[7];
    const q4 = SA[5] + s * SA[6];
    r = r1 + s2 * r2 + s4 * r3 + s6 * r4;
    q = q1 + s2 * q2 + s4 * q3 + s6 * q4 + s8 * SA[7];
  } else {
    const r1 = RB[0] + s * RB[1];
    const q1 = 1 + s * SB[0];
    const r2 = RB[2] + s * RB[3];
    const q2 = SB[1] + s * SB[2];
    const r3 = RB[4] + s * RB[5];
    const q3 = SB[3] + s * SB[4];
    const q4 = SB[5] + s * SB[6];
    r = r1 + s2 * r2 + s4 * r3 + s6 * RB[6];
    q = q1 + s2 * q2 + s4 * q3 + s6 * q4;
  }
  const z = truncateLow(ax);
  return accurateExp(-z * z - 0.5625) * accurateExp((z - ax) * (z + ax) + r / q);
}

/** erfc(|x|) for 1.25 ≤ |x| < 28. */
function tail(ax: number): number {
  return tailScaled(ax) / ax;
}

/** `math.erf(x)`. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return x > 0 ? 1 : -1;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -28) return (8 * x + EFX8 * x) / 8;
    return x + x * smallRatio(x * x);
  }
  let y: number;
  if (ax < 1.25) return x >= 0 ? ERX + middleRatio(ax - 1) : -ERX - middleRatio(ax - 1);
  else if (ax < 6) {
    const r = tailScaled(ax);
    return x > 0 ? 1 - r / ax : r / ax - 1;
  } else y = 1 - 2.2250738585072014e-308;
  return x < 0 ? -y : y;
}

/** `math.erfc(x)`. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  if (!Number.isFinite(x)) return x > 0 ? 0 : 2;
  const ax = Math.abs(x);
  if (ax < 0.84375) {
    if (ax < 2 ** -56) return 1 - x;
    const y = smallRatio(x * x);
    if (x < 0.25) return 1 - (x + x * y);
    return 0.5 - (x - 0.5 + x * y);
  }
  if (ax < 1.25) {
    const r = middleRatio(ax - 1);
    return x < 0 ? 1 + (ERX + r) : 1 - ERX - r;
  }
  if (ax < 28) {
    if (x < -6) return 2 - 1e-300;
    const t = tail(ax);
    return x < 0 ? 2 - t : t;
  }
  return x < 0 ? 2 - 2.2250738585072014e-308 : 2.2250738585072014e-308 * 2.2250738585072014e-308;
}
