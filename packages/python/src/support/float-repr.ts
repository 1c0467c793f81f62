/**
 * `repr(float)` and `str(float)` as CPython 3.11 prints them.
 *
 * Python prints the shortest digits that read back as the same float (the same digits as
 * JavaScript's `String(x)`), but lays them out differently:
 *
 * ```
 *   decimal point position p (x = 0.d1d2… × 10^p)
 *   p <= -4      1e-05  1.5e-07          exponent: sign and at least two digits
 *   -4 < p <= 16 0.0001  123.0  1e15 → 1000000000000000.0   fixed, always with a point
 *   p > 16       1e+16  1.2345e+20
 *   specials     inf  -inf  nan  -0.0
 * ```
 *
 * Fast path: JavaScript already prints fixed notation for 1e-7 ≤ |x| < 1e21, so inside
 * Python's narrower fixed range `String(x)` is the answer (plus `.0` for integers).
 *
 * @module
 */
import { shortestDigits } from "./float-digits.js";

/**
 * Python's `repr(x)` (also `str(x)`) of a float: `0.1`, `1e+16`, `1.5e-07`, `-0.0`, `inf`, `nan`.
 * @example floatRepr(0.1 + 0.2) === "0.30000000000000004"
 */
export function floatRepr(x: number): string {
  const ax = Math.abs(x);
  if (ax >= 1e-4 && ax < 1e16) {
    const text = String(x);
    return ax % 1 === 0 ? `${text}.0` : text;
  }
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  if (ax === Number.POSITIVE_INFINITY) return x > 0 ? "inf" : "-inf";
  if (Number.isNaN(x)) return "nan";
  const { digits, decimalPoint } = shortestDigits(ax);
  const sign = x < 0 ? "-" : "";
  if (decimalPoint > -4 && decimalPoint <= 16) {
    // 1e16 > |x| >= 1e-4 is handled above; this branch is only reached at its edges.
    if (decimalPoint <= 0) return `${sign}0.${"0".repeat(-decimalPoint)}${digits}`;
    if (decimalPoint >= digits.length) return `${sign}${digits}${"0".repeat(decimalPoint - digits.length)}.0`;
    return `${sign}${digits.slice(0, decimalPoint)}.${digits.slice(decimalPoint)}`;
  }
  return sign + exponentText(digits, decimalPoint - 1, false);
}

/**
 * `d.ddde+XX` from significant digits and a decimal exponent, Python style: the exponent has a
 * sign and at least two digits; a single digit has no point unless `forcePoint`.
 */
export function exponentText(digits: string, exponent: number, forcePoint: boolean, e = "e"): string {
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : forcePoint ? `${digits}.` : digits;
  const magnitude = exponent < 0 ? -exponent : exponent;
  return `${mantissa}${e}${exponent < 0 ? "-" : "+"}${magnitude < 10 ? "0" : ""}${magnitude}`;
}
