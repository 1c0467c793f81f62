/**
 * Correctly rounded decimal digits of a binary64 float, the engine under `repr(float)`,
 * `format(x, ".3f")`, `"%e" % x` and `round(x, n)`.
 *
 * CPython gets these digits from David Gay's dtoa; here the engine's own conversions do the work
 * wherever they agree with it, and exact BigInt arithmetic takes over where they cannot:
 *
 * ```
 *   shortest digits   x.toExponential()        ECMAScript's shortest round-trip = dtoa mode 0
 *   n significant     x.toExponential(n - 1)   rounds ties up     ─┐ an exact tie is detected
 *   n after point     x.toFixed(n)             rounds ties up     ─┘ from the float's bits and
 *                                                                    re-rounded half-even
 *   beyond 100 digits, |x| >= 1e21 ──────────► exact expansion  m·2^e = (m·5^-e)·10^e as BigInt
 * ```
 *
 * An exact tie is rare and cheap to detect: a float with k fractional bits has exactly k
 * fractional decimal digits, the last one a 5, so rounding to n places ties only when k = n + 1.
 *
 * Digits come back as a {@link DecimalDigits}: value = 0.d1d2d3… × 10^decimalPoint.
 *
 * @module
 */

/** Decimal digits of a non-negative float: value = 0.`digits` × 10^`decimalPoint`. */
export interface DecimalDigits {
  /** Significant digits, first one non-zero (unless the value is zero: `"0"`). */
  digits: string;
  /** Position of the decimal point relative to the first digit (CPython's `decpt`). */
  decimalPoint: number;
}

const scratchFloat = new Float64Array(1);
const scratchBits = new BigUint64Array(scratchFloat.buffer);
const TWO_POW_53 = 2 ** 53;

/**
 * Every significant digit of a finite, non-negative float, exactly (no trailing zeros).
 * @param ax - a finite float ≥ 0
 */
export function exactDigits(ax: number): DecimalDigits {
  if (ax === 0) return { digits: "0", decimalPoint: 1 };
  scratchFloat[0] = ax;
  const bits = scratchBits[0];
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 0x10000000000000n;
    exponent = biased - 1075;
  }
  while ((mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exponent++;
  }
  let text: string;
  let decimalPoint: number;
  if (exponent >= 0) {
    text = (mantissa << BigInt(exponent)).toString();
    decimalPoint = text.length;
    let end = text.length;
    while (end > 1 && text.charCodeAt(end - 1) === 48) end--;
    text = text.slice(0, end);
  } else {
    text = (mantissa * 5n ** BigInt(-exponent)).toString();
    decimalPoint = text.length + exponent;
  }
  return { digits: text, decimalPoint };
}

/**
 * Rounds exact digits to `count` significant digits, half to even (count may be ≤ 0: then the
 * result is `""` or, when it rounds up, `"1"` one place higher).
 */
function roundExact(exact: DecimalDigits, count: number): DecimalDigits {
  const digits = exact.digits;
  if (count >= digits.length)
    return { digits: digits + "0".repeat(count - digits.length), decimalPoint: exact.decimalPoint };
  if (count < 0) return { digits: "", decimalPoint: exact.decimalPoint };
  const next = digits.charCodeAt(count) - 48;
  let up: boolean;
  if (next !== 5) up = next > 5;
  else if (digits.length > count + 1) up = true;
  else up = count > 0 && ((digits.charCodeAt(count - 1) - 48) & 1) === 1;
  if (!up) return { digits: digits.slice(0, count), decimalPoint: exact.decimalPoint };
  return incremented(digits.slice(0, count), exact.decimalPoint);
}

/** Adds one unit in the last place of a digit string, carrying into a new leading digit. */
function incremented(kept: string, decimalPoint: number): DecimalDigits {
  let i = kept.length - 1;
  while (i >= 0 && kept.charCodeAt(i) === 57) i--;
  if (i < 0)
    return {
      digits: `1${"0".repeat(kept.length)}`.slice(0, Math.max(kept.length, 1)),
      decimalPoint: decimalPoint + 1,
    };
  const bumped = String.fromCharCode(kept.charCodeAt(i) + 1);
  return { digits: kept.slice(0, i) + bumped + "0".repeat(kept.length - i - 1), decimalPoint };
}

/** True when `ax` (not an integer) has exactly `k` fractional bits. */
function hasFractionalBits(ax: number, k: number): boolean {
  if (k < 1 || k > 1074) return false;
  const scaled = ax * 2 ** k;
  return scaled % 1 === 0 && (scaled / 2) % 1 !== 0;
}

/**
 * The shortest digits that read back as `ax` (Python's `repr` digits).
 * @param ax - a finite float ≥ 0
 */
export function shortestDigits(ax: number): DecimalDigits {
  if (ax === 0) return { digits: "0", decimalPoint: 1 };
  const text = ax.toExponential();
  const e = text.indexOf("e");
  const digits = e === 1 ? text[0] : text[0] + text.slice(2, e);
  return { digits, decimalPoint: Number(text.slice(e + 1)) + 1 };
}

/**
 * `ax` rounded half-even to `count` ≥ 1 significant digits; `digits` has exactly `count` digits
 * (trailing zeros kept).
 * @param ax - a finite float ≥ 0
 */
export function significantDigits(ax: number, count: number): DecimalDigits {
  if (ax === 0) return { digits: "0".repeat(count), decimalPoint: 1 };
  if (count <= 101) {
    const text = ax.toExponential(count - 1);
    const e = text.indexOf("e");
    const exponent = Number(text.slice(e + 1));
    let tie: boolean;
    if (ax % 1 !== 0) tie = hasFractionalBits(ax, count - exponent);
    else if (ax < TWO_POW_53) {
      let n = ax;
      while (n % 10 === 0) n /= 10;
      tie = n % 10 === 5 && String(n).length === count + 1;
    } else tie = true;
    if (!tie) return { digits: e === 1 ? text[0] : text[0] + text.slice(2, e), decimalPoint: exponent + 1 };
  }
  return roundExact(exactDigits(ax), count);
}

/**
 * `ax` rounded half-even to `places` ≥ 0 digits after the point, as plain text
 * (`"123.450"`, `"0"`, no exponent, no sign).
 * @param ax - a finite float ≥ 0
 */
export function fixedText(ax: number, places: number): string {
  if (places <= 100 && ax < 1e21) {
    if (!hasFractionalBits(ax, places + 1)) return ax.toFixed(places);
  }
  const exact = exactDigits(ax);
  const rounded = ax === 0 ? exact : roundExact(exact, exact.decimalPoint + places);
  return composeFixed(rounded.digits, rounded.decimalPoint, places);
}

/** Lays out digits (value = 0.digits × 10^decimalPoint) with exactly `places` fractional digits. */
export function composeFixed(digits: string, decimalPoint: number, places: number): string {
  let whole: string;
  let fraction: string;
  if (decimalPoint <= 0) {
    whole = "0";
    fraction = "0".repeat(-decimalPoint) + digits;
  } else if (decimalPoint >= digits.length) {
    whole = digits === "" ? "0" : digits + "0".repeat(decimalPoint - digits.length);
    fraction = "";
  } else {
    whole = digits.slice(0, decimalPoint);
    fraction = digits.slice(decimalPoint);
  }
  if (places === 0) return whole;
  if (fraction.length < places) fraction += "0".repeat(places - fraction.length);
  else if (fraction.length > places) fraction = fraction.slice(0, places);
  return `${whole}.${fraction}`;
}
