/**
 * Text ↔ int/float conversions with CPython 3.11's rules and messages: `int(text, base)`,
 * `str(int)` under the 4300-digit limit, `float(text)`, and `hex()/oct()/bin()`.
 *
 * ```
 *   int("  -0x_1f  ", 0)      strip → sign → prefix (base 0 picks it) → digits with single '_'
 *                             between them (one may follow the prefix) → BigInt
 *   str(10**5000)             ValueError once the decimal form would exceed the limit; the
 *                             bit length rules out most cases before any conversion
 *   float(" 1_000.5e-3 ")     strip → grammar check → underscores dropped → Number()
 *                             (correctly rounded, as CPython's strtod)
 * ```
 *
 * Unicode decimal digits (Arabic-Indic, fullwidth, …) and Unicode whitespace are accepted like
 * CPython does. The digit limit is process-wide, as `sys.set_int_max_str_digits` makes it.
 *
 * @module
 */
import { PythonError } from "@pymem/runtime";
import { isSpaceCode, strRepr } from "./str-methods.js";

let maxStrDigits = 4300;

/** `sys.get_int_max_str_digits()`: the current limit (0 = none). */
export function getIntMaxStrDigits(): number {
  return maxStrDigits;
}

/**
 * `sys.set_int_max_str_digits(n)`.
 * @throws PythonError ValueError "maxdigits must be 0 or larger than 640"
 */
export function setIntMaxStrDigits(limit: number): void {
  if (limit !== 0 && limit < 640)
    throw new PythonError("ValueError", "maxdigits must be 0 or larger than 640");
  maxStrDigits = limit;
}

const LOG10_2 = Math.log10(2);

/** Number of bits in |value| (0 for 0). */
export function bitLength(value: bigint): number {
  if (value < 0n) value = -value;
  if (value < 0x20000000000000n) {
    const n = Number(value);
    return n >= 2 ** 32 ? 64 - Math.clz32(Math.floor(n / 2 ** 32)) : 32 - Math.clz32(n);
  }
  const hex = value.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(Number.parseInt(hex[0], 16)));
}

/**
 * Throws CPython's ValueError when `str(value)` would have more decimal digits than the limit.
 * @throws PythonError ValueError "Exceeds the limit (4300 digits) for integer string conversion; …"
 */
export function checkIntDigitLimit(value: bigint): void {
  if (maxStrDigits === 0) return;
  const bits = bitLength(value);
  if ((bits - 1) * LOG10_2 + 1 < maxStrDigits) return;
  const digits = (value < 0n ? -value : value).toString().length;
  if (digits > maxStrDigits) {
    throw new PythonError(
      "ValueError",
      `Exceeds the limit (${maxStrDigits} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
}

/**
 * `str(value)` / `repr(value)` of an int, honouring the digit limit.
 * @throws PythonError ValueError past the limit
 */
export function intToString(value: bigint | number): string {
  if (typeof value === "number") return String(value);
  if (value > -0x20000000000000n && value < 0x20000000000000n) return String(value);
  checkIntDigitLimit(value);
  return value.toString();
}

/** `hex(value)`: `0x1f`, `-0x1f`. */
export function intToHex(value: bigint | number): string {
  return value < 0 ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`;
}

/** `oct(value)`: `0o17`, `-0o17`. */
export function intToOctal(value: bigint | number): string {
  return value < 0 ? `-0o${(-value).toString(8)}` : `0o${value.toString(8)}`;
}

/** `bin(value)`: `0b101`, `-0b101`. */
export function intToBinary(value: bigint | number): string {
  return value < 0 ? `-0b${(-value).toString(2)}` : `0b${value.toString(2)}`;
}

const NON_ASCII_DIGIT = /\p{Nd}/gu;
const ND = /\p{Nd}/u;

/** Strips Python whitespace (`str.isspace` characters) from both ends. */
function stripPython(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpaceCode(text.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Replaces non-ASCII Unicode decimal digits by ASCII ones (their value is their offset in the run of ten). */
function asciiDigits(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 127) {
      ascii = false;
      break;
    }
  }
  if (ascii) return text;
  return text.replace(NON_ASCII_DIGIT, (d) => {
    let cp = d.codePointAt(0)!;
    if (cp < 128) return d;
    let run = 0;
    while (ND.test(String.fromCodePoint(cp - 1))) {
      cp--;
      run++;
    }
    return String.fromCharCode(48 + (run % 10));
  });
}

function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 87;
  if (c >= 65 && c <= 90) return c - 55;
  return 99;
}

function invalidLiteral(original: string, base: number): PythonError {
  let quoted = strRepr(original);
  if ([...quoted].length > 200) quoted = [...quoted].slice(0, 200).join("");
  return new PythonError("ValueError", `invalid literal for int() with base ${base}: ${quoted}`);
}

/**
 * `int(text, base)`: optional sign, base prefix (`0x`, `0o`, `0b`; required to pick the base when
 * `base` is 0), single underscores between digits, surrounding whitespace, Unicode digits.
 * @throws PythonError ValueError "invalid literal for int() with base 10: 'x'", "int() base must
 *   be >= 2 and <= 36, or 0", or the digit-limit error
 */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the name int(text, base) has across the support modules
export function parseInt(text: string, base: number): bigint {
  if (base !== 0 && (base < 2 || base > 36)) {
    throw new PythonError("ValueError", "int() base must be >= 2 and <= 36, or 0");
  }
  const s = asciiDigits(stripPython(text));
  let i = 0;
  const n = s.length;
  let negative = false;
  if (i < n && (s[i] === "+" || s[i] === "-")) {
    negative = s[i] === "-";
    i++;
  }
  let b = base;
  let prefixed = false;
  if (i + 1 < n && s[i] === "0") {
    const p = s[i + 1].toLowerCase();
    const pb = p === "x" ? 16 : p === "o" ? 8 : p === "b" ? 2 : 0;
    if (pb !== 0 && (b === 0 || b === pb)) {
      b = pb;
      i += 2;
      prefixed = true;
    }
  }
  const reportedBase = base;
  if (b === 0) b = 10;
  // Digits with single underscores between them; one underscore may follow a prefix.
  if (prefixed && i < n && s.charCodeAt(i) === 95) i++;
  let expectDigit = true;
  let clean = "";
  let chunkStart = i;
  let allZero = true;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 95) {
      if (expectDigit) throw invalidLiteral(text, reportedBase);
      clean += s.slice(chunkStart, i);
      chunkStart = i + 1;
      expectDigit = true;
      continue;
    }
    if (digitValue(c) >= b) throw invalidLiteral(text, reportedBase);
    if (c !== 48) allZero = false;
    expectDigit = false;
  }
  if (expectDigit) throw invalidLiteral(text, reportedBase);
  clean += s.slice(chunkStart, n);
  // Base 0 without a prefix: a decimal literal, where leading zeros are only allowed for zero.
  if (base === 0 && !prefixed && clean.length > 1 && clean[0] === "0" && !allZero) {
    throw invalidLiteral(text, reportedBase);
  }
  if ((b & (b - 1)) !== 0 && maxStrDigits !== 0 && clean.length > maxStrDigits) {
    throw new PythonError(
      "ValueError",
      `Exceeds the limit (${maxStrDigits} digits) for integer string conversion: value has ${clean.length} digits; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  let value: bigint;
  if (b === 10) value = clean.length <= 15 ? BigInt(Number(clean)) : BigInt(clean);
  else if (b === 16) value = BigInt(`0x${clean}`);
  else if (b === 8) value = BigInt(`0o${clean}`);
  else if (b === 2) value = BigInt(`0b${clean}`);
  else if (clean.length <= 10) value = BigInt(Number.parseInt(clean, b));
  else {
    value = 0n;
    const bb = BigInt(b);
    for (let k = 0; k < clean.length; k++) value = value * bb + BigInt(digitValue(clean.charCodeAt(k)));
  }
  return negative ? -value : value;
}

const FLOAT_GRAMMAR =
  /^[+-]?(?:(?:[0-9](?:_?[0-9])*)(?:\.(?:[0-9](?:_?[0-9])*)?)?|\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/**
 * `float(text)`: decimal literals with underscores, `inf`/`infinity`/`nan` in any case with a
 * sign, surrounding whitespace, Unicode digits; correctly rounded.
 * @throws PythonError ValueError "could not convert string to float: 'x'"
 */
// biome-ignore lint/suspicious/noShadowRestrictedNames: the name float(text) has across the support modules
export function parseFloat(text: string): number {
  const s = asciiDigits(stripPython(text));
  if (FLOAT_GRAMMAR.test(s)) return Number(s.indexOf("_") >= 0 ? s.replace(/_/g, "") : s);
  const special = SPECIAL_FLOAT.exec(s);
  if (special !== null) {
    const value = special[2].toLowerCase() === "nan" ? Number.NaN : Number.POSITIVE_INFINITY;
    return special[1] === "-" ? -value : value;
  }
  throw new PythonError("ValueError", `could not convert string to float: ${strRepr(text)}`);
}
