/**
 * Python's integer and float arithmetic where it differs from JavaScript's: floor division and
 * modulo that follow the divisor's sign, correctly rounded `int / int`, `pow` with a modulus or a
 * negative exponent, shifts, `round()`, `int(float)`, with CPython 3.11's exceptions.
 *
 * ```
 *   ints     bigint everywhere; the *Small variants take safe-integer JS numbers (|n| < 2^53)
 *            and stay in doubles, where floor(a / b) is exact (see floorDivSmall)
 *   a / b    correctly rounded: q = ⌊a·2^s / b⌋ with ≥ 55 bits, remainder as a sticky bit,
 *            rounded half-even by hand to 53 bits (fewer for subnormal results), then scaled
 *   round    half-even on the float's exact decimal expansion (float-digits), like CPython's
 *            dtoa-based double_round
 * ```
 *
 * @module
 */
import { PythonError } from "@pymem/runtime";
import { accuratePow } from "./double-double.js";
import { exactDigits, fixedText, roundExact } from "./float-digits.js";
import { bitLength } from "./int-text.js";

const MAX_BIGINT_BITS = 1 << 30;
/** CPython's MAX_LONG_DIGITS on 64-bit: (PY_SSIZE_T_MAX - header) / sizeof(digit). */
const MAX_LONG_DIGITS = (2n ** 63n - 1n - 24n) / 4n;

function zeroDivision(message: string): PythonError {
  return new PythonError("ZeroDivisionError", message);
}

/** float(int) with CPython's OverflowError "int too large to convert to float". */
export function intToFloat(value: bigint): number {
  const x = Number(value);
  if (x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY) {
    throw new PythonError("OverflowError", "int too large to convert to float");
  }
  return x;
}

/**
 * `a // b` for ints.
 * @throws PythonError ZeroDivisionError "integer division or modulo by zero"
 */
export function floorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw zeroDivision("integer division or modulo by zero");
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/**
 * `a % b` for ints: the result has the divisor's sign.
 * @throws PythonError ZeroDivisionError "integer modulo by zero"
 */
export function mod(a: bigint, b: bigint): bigint {
  if (b === 0n) throw zeroDivision("integer modulo by zero");
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

/**
 * `divmod(a, b)` for ints.
 * @throws PythonError ZeroDivisionError "integer division or modulo by zero"
 */
export function divmod(a: bigint, b: bigint): [bigint, bigint] {
  if (b === 0n) throw zeroDivision("integer division or modulo by zero");
  let q = a / b;
  let r = a % b;
  if (r !== 0n && r < 0n !== b < 0n) {
    q -= 1n;
    r += b;
  }
  return [q, r];
}

/**
 * `a // b` for safe integers held as JS numbers. For |a| < 2^53 the double quotient can only
 * round onto an integer when it is one, so `Math.floor(a / b)` is exact.
 * @throws PythonError ZeroDivisionError "integer division or modulo by zero"
 */
export function floorDivSmall(a: number, b: number): number {
  if (b === 0) throw zeroDivision("integer division or modulo by zero");
  return Math.floor(a / b) + 0;
}

/**
 * `a % b` for safe integers held as JS numbers (`%` on doubles is exact).
 * @throws PythonError ZeroDivisionError "integer modulo by zero"
 */
export function modSmall(a: number, b: number): number {
  if (b === 0) throw zeroDivision("integer modulo by zero");
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r + 0;
}

/**
 * `int / int`, correctly rounded to the nearest float (ties to even), as CPython does.
 * @throws PythonError ZeroDivisionError "division by zero"; OverflowError "integer division
 *   result too large for a float"
 */
export function trueDivide(a: bigint, b: bigint): number {
  if (b === 0n) throw zeroDivision("division by zero");
  const LIMIT = 0x20000000000000n;
  if (a > -LIMIT && a < LIMIT && b > -LIMIT && b < LIMIT) return Number(a) / Number(b);
  const negative = a < 0n !== b < 0n;
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a === 0n) return negative ? -0 : 0;
  const diff = bitLength(a) - bitLength(b);
  if (diff > 1025) throw new PythonError("OverflowError", "integer division result too large for a float");
  if (diff < -1076) return negative ? -0 : 0;
  // q = floor(a·2^s / b) has at least 55 bits: 53 kept, a guard bit and one more.
  const s = 55 - diff;
  let q: bigint;
  let sticky: boolean;
  if (s >= 0) {
    const scaled = a << BigInt(s);
    q = scaled / b;
    sticky = scaled % b !== 0n;
  } else {
    const divisor = b << BigInt(-s);
    q = a / divisor;
    sticky = a % divisor !== 0n;
  }
  const bits = bitLength(q);
  const msbExponent = bits - 1 - s;
  const keep = msbExponent >= -1022 ? 53 : 53 - (-1022 - msbExponent);
  const drop = bits - Math.max(keep, 0);
  if (drop > 0) {
    const dropped = q & ((1n << BigInt(drop)) - 1n);
    const half = 1n << BigInt(drop - 1);
    q >>= BigInt(drop);
    if (dropped > half || (dropped === half && (sticky || (q & 1n) === 1n))) q += 1n;
  }
  const result = Number(q) * 2 ** (drop - s);
  if (result === Number.POSITIVE_INFINITY) {
    throw new PythonError("OverflowError", "integer division result too large for a float");
  }
  return negative ? -result : result;
}

/**
 * `a << n`.
 * @throws PythonError ValueError "negative shift count"; MemoryError past what a BigInt can hold
 */
export function leftShift(a: bigint, n: bigint): bigint {
  if (n < 0n) throw new PythonError("ValueError", "negative shift count");
  if (a === 0n) return 0n;
  // CPython sizes the result in 30-bit digits; past its largest object size that is an OverflowError.
  const digits = BigInt(Math.ceil(bitLength(a) / 30)) + n / 30n + (n % 30n === 0n ? 0n : 1n);
  if (digits > MAX_LONG_DIGITS) throw new PythonError("OverflowError", "too many digits in integer");
  if (n > BigInt(MAX_BIGINT_BITS) || bitLength(a) + Number(n) > MAX_BIGINT_BITS) {
    throw new PythonError("MemoryError", "");
  }
  return a << n;
}

/**
 * `a >> n` (floor: negative values stay negative).
 * @throws PythonError ValueError "negative shift count"
 */
export function rightShift(a: bigint, n: bigint): bigint {
  if (n < 0n) throw new PythonError("ValueError", "negative shift count");
  if (n > BigInt(MAX_BIGINT_BITS)) return a < 0n ? -1n : 0n;
  return a >> n;
}

/** `a & b`, `a | b`, `a ^ b`, `~a`: JS bigints already use Python's infinite two's complement. */
export function bitAnd(a: bigint, b: bigint): bigint {
  return a & b;
}
/** `a | b`. */
export function bitOr(a: bigint, b: bigint): bigint {
  return a | b;
}
/** `a ^ b`. */
export function bitXor(a: bigint, b: bigint): bigint {
  return a ^ b;
}
/** `~a` = -(a + 1). */
export function bitInvert(a: bigint): bigint {
  return ~a;
}

/** Modular inverse of a mod m (m > 0), or null when gcd(a, m) ≠ 1. */
function modInverse(a: bigint, m: bigint): bigint | null {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) return null;
  return ((oldS % m) + m) % m;
}

/**
 * `pow(base, exp)` and `pow(base, exp, modulus)` for ints. A negative `exp` without a modulus
 * gives a float (as Python); with one it uses the modular inverse.
 * @throws PythonError ZeroDivisionError "0.0 cannot be raised to a negative power"; ValueError
 *   "pow() 3rd argument cannot be 0", "base is not invertible for the given modulus";
 *   MemoryError for a result too large to hold
 */
export function intPow(base: bigint, exp: bigint, modulus?: bigint): bigint | number {
  if (modulus !== undefined) {
    if (modulus === 0n) throw new PythonError("ValueError", "pow() 3rd argument cannot be 0");
    const negativeModulus = modulus < 0n;
    const m = negativeModulus ? -modulus : modulus;
    let b = ((base % m) + m) % m;
    let e = exp;
    if (e < 0n) {
      const inverse = modInverse(b, m);
      if (inverse === null)
        throw new PythonError("ValueError", "base is not invertible for the given modulus");
      b = inverse;
      e = -e;
    }
    let result = m === 1n ? 0n : 1n;
    while (e > 0n) {
      if ((e & 1n) === 1n) result = (result * b) % m;
      b = (b * b) % m;
      e >>= 1n;
    }
    return negativeModulus && result !== 0n ? result - m : result;
  }
  if (exp < 0n) return floatPow(intToFloat(base), intToFloat(exp));
  if (base === 0n || base === 1n) return exp === 0n ? 1n : base;
  if (base === -1n) return (exp & 1n) === 0n ? 1n : -1n;
  if (exp > BigInt(MAX_BIGINT_BITS) || bitLength(base) * Number(exp) > MAX_BIGINT_BITS * 1.01) {
    throw new PythonError("MemoryError", "");
  }
  return base ** exp;
}

function isOddInteger(x: number): boolean {
  return Number.isInteger(x) && Math.abs(x % 2) === 1;
}

/**
 * `a ** b` for floats, with C99's special cases (`1 ** nan == 1`, `(-1) ** inf == 1`).
 * @throws PythonError ZeroDivisionError "0.0 cannot be raised to a negative power";
 *   OverflowError "(34, 'Numerical result out of range')"; ValueError when the result would be
 *   complex (a negative base to a fractional power), which pymem does not model
 */
export function floatPow(a: number, b: number): number {
  if (b === 0) return 1;
  if (Number.isNaN(a)) return a;
  if (Number.isNaN(b)) return a === 1 ? 1 : b;
  if (!Number.isFinite(b)) {
    const m = Math.abs(a);
    if (m === 1) return 1;
    if (m > 1 === b > 0) return Number.POSITIVE_INFINITY;
    return 0;
  }
  if (a === 0) {
    if (b < 0) throw zeroDivision("0.0 cannot be raised to a negative power");
    return isOddInteger(b) ? a : 0;
  }
  if (!Number.isFinite(a)) return a ** b;
  if (a < 0 && !Number.isInteger(b)) {
    throw new PythonError(
      "ValueError",
      "negative number cannot be raised to a fractional power (complex result)",
    );
  }
  let r: number;
  if (b === 2) r = a * a;
  else if (b === 1) r = a;
  else if (b === -1) r = 1 / a;
  else if (b === 0.5) r = Math.sqrt(a);
  else if (Number.isInteger(b) && Math.abs(b) <= 4096) r = exactIntegerPower(a, b);
  else r = a < 0 ? (Math.abs(b) % 2 === 1 ? -1 : 1) * accuratePow(-a, b) : accuratePow(a, b);
  if (!Number.isFinite(r)) throw new PythonError("OverflowError", "(34, 'Numerical result out of range')");
  return r;
}

const powScratch = new Float64Array(1);
const powBits = new BigUint64Array(powScratch.buffer);

/**
 * x^n for a finite non-zero float and an integer n, correctly rounded: x = M·2^E exactly, so
 * x^n = M^n·2^(E·n) is an exact rational that {@link trueDivide} rounds once.
 */
function exactIntegerPower(x: number, n: number): number {
  powScratch[0] = Math.abs(x);
  const bits = powBits[0];
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
  const magnitude = n < 0 ? -n : n;
  const power = mantissa ** BigInt(magnitude);
  // The result's binary exponent decides overflow/underflow before any huge shift.
  const resultExponent = (bitLength(power) - 1 + exponent * magnitude) * (n < 0 ? -1 : 1);
  let r: number;
  if (resultExponent > 1025) r = Number.POSITIVE_INFINITY;
  else if (resultExponent < -1100) r = 0;
  else {
    const shift = exponent * magnitude;
    let num = shift >= 0 ? power << BigInt(shift) : power;
    let den = shift >= 0 ? 1n : 1n << BigInt(-shift);
    if (n < 0) [num, den] = [den, num];
    r = trueDivide(num, den);
  }
  return x < 0 && magnitude % 2 === 1 ? -r : r;
}

/**
 * `a // b` for floats.
 * @throws PythonError ZeroDivisionError "float floor division by zero"
 */
export function floatFloorDiv(a: number, b: number): number {
  if (b === 0) throw zeroDivision("float floor division by zero");
  return floatDivmodUnchecked(a, b)[0];
}

/**
 * `a % b` for floats: the result has the divisor's sign (`-0.0 % 5 == 0.0`, `0.0 % -5 == -0.0`).
 * @throws PythonError ZeroDivisionError "float modulo"
 */
export function floatMod(a: number, b: number): number {
  if (b === 0) throw zeroDivision("float modulo");
  let m = a % b;
  if (m !== 0) {
    if (b < 0 !== m < 0) m += b;
  } else m = b < 0 ? -0 : 0;
  return m;
}

/**
 * `divmod(a, b)` for floats.
 * @throws PythonError ZeroDivisionError "float divmod()"
 */
export function floatDivmod(a: number, b: number): [number, number] {
  if (b === 0) throw zeroDivision("float divmod()");
  return floatDivmodUnchecked(a, b);
}

function floatDivmodUnchecked(a: number, b: number): [number, number] {
  let m = a % b;
  let div = (a - m) / b;
  if (m !== 0) {
    if (b < 0 !== m < 0) {
      m += b;
      div -= 1;
    }
  } else m = b < 0 ? -0 : 0;
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else floordiv = a / b < 0 || Object.is(a / b, -0) ? -0 : 0;
  return [floordiv, m];
}

/**
 * `a / b` for floats.
 * @throws PythonError ZeroDivisionError "float division by zero"
 */
export function floatTrueDivide(a: number, b: number): number {
  if (b === 0) throw zeroDivision("float division by zero");
  return a / b;
}

/**
 * `int(x)` for a float: truncation toward zero.
 * @throws PythonError OverflowError "cannot convert float infinity to integer"; ValueError
 *   "cannot convert float NaN to integer"
 */
export function floatToInt(x: number): bigint {
  if (Number.isNaN(x)) throw new PythonError("ValueError", "cannot convert float NaN to integer");
  if (!Number.isFinite(x)) throw new PythonError("OverflowError", "cannot convert float infinity to integer");
  return BigInt(Math.trunc(x));
}

/**
 * `round(x)` for a float: nearest int, ties to even.
 * @throws PythonError as {@link floatToInt}
 */
export function roundFloatToInt(x: number): bigint {
  if (!Number.isFinite(x)) return floatToInt(x);
  let r = Math.round(x);
  if (Math.abs(x % 1) === 0.5) r = 2 * Math.round(x / 2);
  return BigInt(r);
}

/**
 * `round(x, ndigits)` for a float: rounded half-even on its exact decimal value, as CPython.
 * @throws PythonError OverflowError "rounded value too large to represent"
 */
export function roundFloat(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (ndigits > 323) return x;
  if (ndigits < -308) return x < 0 ? -0 : 0;
  const ax = Math.abs(x);
  let r: number;
  if (ndigits >= 0 && ndigits <= 100 && ax < 1e21) r = Number(fixedText(ax, ndigits));
  else {
    const exact = exactDigits(ax);
    const rounded = roundExact(exact, exact.decimalPoint + ndigits);
    r = rounded.digits === "" ? 0 : Number(`0.${rounded.digits}e${rounded.decimalPoint}`);
    if (r === Number.POSITIVE_INFINITY)
      throw new PythonError("OverflowError", "rounded value too large to represent");
  }
  return x < 0 ? -r : r;
}

/** `round(n, ndigits)` for an int: unchanged for ndigits ≥ 0, else half-even to 10^-ndigits. */
export function roundInt(n: bigint, ndigits: bigint): bigint {
  if (ndigits >= 0n) return n;
  if (Number(-ndigits) > bitLength(n) * 0.30103 + 2) return 0n;
  const p = 10n ** -ndigits;
  let [q, r] = divmod(n, p);
  const twice = 2n * r;
  if (twice > p || (twice === p && (q & 1n) === 1n)) q += 1n;
  return q * p;
}
