/**
 * `float.hex()`, `float.fromhex()` and `float.as_integer_ratio()`: the exact binary value of a
 * float, as CPython 3.11 writes and reads it.
 *
 * ```
 *   1.0     0x1.0000000000000p+0      normal: 1.<13 hex digits of the 52-bit fraction>p<exp>
 *   5e-324  0x0.0000000000001p-1022   subnormal: 0.<fraction>p-1022
 *   0.1     (3602879701896397, 36028797018963968)   numerator / 2^k, reduced
 * ```
 *
 * `fromhex` reads the digits into an exact bigint M and exponent E and rounds M·2^E once, half
 * to even (through {@link trueDivide} for negative E).
 *
 * @module
 */
import { PythonError } from "@pymem/runtime";
import { trueDivide } from "./int-math.js";
import { isSpaceCode } from "./str-methods.js";

const scratch = new Float64Array(1);
const bits = new BigUint64Array(scratch.buffer);

/** `float.hex(x)`. */
export function floatHex(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  scratch[0] = x;
  const b = bits[0];
  const sign = b >> 63n === 1n ? "-" : "";
  const biased = Number((b >> 52n) & 0x7ffn);
  const fraction = (b & 0xfffffffffffffn).toString(16).padStart(13, "0");
  if (biased === 0) {
    if (fraction === "0000000000000") return `${sign}0x0.0p+0`;
    return `${sign}0x0.${fraction}p-1022`;
  }
  const e = biased - 1023;
  return `${sign}0x1.${fraction}p${e < 0 ? "-" : "+"}${Math.abs(e)}`;
}

function invalid(): PythonError {
  return new PythonError("ValueError", "invalid hexadecimal floating-point string");
}

/**
 * `float.fromhex(text)`.
 * @throws PythonError ValueError "invalid hexadecimal floating-point string"; OverflowError
 *   "hexadecimal value too large to represent as a float"
 */
export function floatFromHex(text: string): number {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  let s = text.slice(start, end);
  let negative = false;
  if (s[0] === "+" || s[0] === "-") {
    negative = s[0] === "-";
    s = s.slice(1);
  }
  const lower = s.toLowerCase();
  if (lower === "inf" || lower === "infinity")
    return negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (lower === "nan") return Number.NaN;
  const match = /^(?:0x)?([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?[0-9]+))?$/.exec(lower);
  if (match === null) throw invalid();
  const whole = match[1];
  const fraction = match[2] ?? "";
  if (whole.length + fraction.length === 0) throw invalid();
  let exponent = match[3] === undefined ? 0 : Number(match[3]);
  if (!Number.isFinite(exponent)) exponent = match[3]!.startsWith("-") ? -1e9 : 1e9;
  exponent = Math.max(-1e7, Math.min(1e7, exponent)) - 4 * fraction.length;
  const digits = (whole + fraction).replace(/^0+/, "");
  let value: number;
  if (digits === "") value = 0;
  else {
    const mantissa = BigInt(`0x${digits}`);
    const topBit = (digits.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(digits[0], 16)));
    if (topBit + exponent > 1025)
      throw new PythonError("OverflowError", "hexadecimal value too large to represent as a float");
    if (topBit + exponent < -1080) value = 0;
    else if (exponent >= 0) value = Number(mantissa << BigInt(exponent));
    else value = trueDivide(mantissa, 1n << BigInt(-exponent));
    if (!Number.isFinite(value)) {
      throw new PythonError("OverflowError", "hexadecimal value too large to represent as a float");
    }
  }
  return negative ? -value : value;
}

/**
 * `float.as_integer_ratio(x)` → [numerator, denominator] in lowest terms, denominator > 0.
 * @throws PythonError OverflowError "cannot convert Infinity to integer ratio"; ValueError
 *   "cannot convert NaN to integer ratio"
 */
export function asIntegerRatio(x: number): [bigint, bigint] {
  if (Number.isNaN(x)) throw new PythonError("ValueError", "cannot convert NaN to integer ratio");
  if (!Number.isFinite(x)) throw new PythonError("OverflowError", "cannot convert Infinity to integer ratio");
  if (x === 0) return [0n, 1n];
  scratch[0] = Math.abs(x);
  const b = bits[0];
  const biased = Number((b >> 52n) & 0x7ffn);
  let mantissa = b & 0xfffffffffffffn;
  let e: number;
  if (biased === 0) e = -1074;
  else {
    mantissa |= 0x10000000000000n;
    e = biased - 1075;
  }
  while ((mantissa & 1n) === 0n && e < 0) {
    mantissa >>= 1n;
    e++;
  }
  const numerator = e >= 0 ? mantissa << BigInt(e) : mantissa;
  const denominator = e >= 0 ? 1n : 1n << BigInt(-e);
  return [x < 0 ? -numerator : numerator, denominator];
}
