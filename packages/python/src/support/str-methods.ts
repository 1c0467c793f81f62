/**
 * Python `str` methods over JavaScript strings, with Python's code-point semantics.
 *
 * A JS string is UTF-16: a code point outside the BMP takes two units. Python indexes by code
 * point, so every index a method takes or returns is a code-point index:
 *
 * ```
 *   "a😀b"      JS units   a  \ud83d \ude00  b      Python   a  😀  b
 *               index      0    1      2     3               0   1  2
 * ```
 *
 * Most strings have no surrogate pair; each method checks once (`hasPairs`) and then works on
 * units directly, converting indices only when pairs are present. Character classes follow
 * CPython's definitions (whitespace = bidi WS/B/S or Zs; printable = not C*, Z* except space);
 * case mapping uses the engine's full mappings plus {@link TITLE_CASE_EXCEPTIONS} and
 * {@link CASE_FOLD_EXCEPTIONS} for what JavaScript lacks.
 *
 * @module
 */
import { PythonError } from "@pymem/runtime";
import {
  CASE_FOLD_EXCEPTIONS,
  DIGIT_RANGES,
  NUMERIC_RANGES,
  TITLE_CASE_EXCEPTIONS,
} from "./unicode-tables.js";

// ---------------------------------------------------------------------------------------------
// Code points

/** True when `s` contains a surrogate pair (so unit and code-point indices differ). */
export function hasPairs(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) return true;
    }
  }
  return false;
}

function isPairAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c >= 0xdc00 || i + 1 >= s.length) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d < 0xe000;
}

/** `len(s)`: the number of code points. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if (isPairAt(s, i)) {
      n--;
      i++;
    }
  }
  return n;
}

/** The unit offset of code-point index `cp` (0 ≤ cp ≤ len). */
export function unitOffset(s: string, cp: number): number {
  let unit = 0;
  for (let k = 0; k < cp && unit < s.length; k++) unit += isPairAt(s, unit) ? 2 : 1;
  return unit;
}

/** The code-point index of unit offset `unit` (at a code-point boundary). */
export function codePointIndex(s: string, unit: number): number {
  let cp = 0;
  for (let i = 0; i < unit; i++) {
    if (isPairAt(s, i)) i++;
    cp++;
  }
  return cp;
}

/** The code points of `s` as one-code-point strings. */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/**
 * `s[index]` with Python's negative indexing.
 * @throws PythonError IndexError "string index out of range"
 */
export function charAt(s: string, index: number): string {
  if (!hasPairs(s)) {
    const i = index < 0 ? index + s.length : index;
    if (i < 0 || i >= s.length) throw new PythonError("IndexError", "string index out of range");
    return s[i];
  }
  const n = codePointLength(s);
  const i = index < 0 ? index + n : index;
  if (i < 0 || i >= n) throw new PythonError("IndexError", "string index out of range");
  const u = unitOffset(s, i);
  return s.slice(u, isPairAt(s, u) ? u + 2 : u + 1);
}

/** Python's slice-index clamping for a sequence of length `n` (start/stop may be undefined). */
function adjust(index: number | undefined, n: number, fallback: number): number {
  if (index === undefined) return fallback;
  if (index < 0) {
    index += n;
    return index < 0 ? 0 : index;
  }
  return index > n ? n : index;
}

/**
 * `s[start:stop:step]` on code points (`undefined` for an omitted bound).
 * @throws PythonError ValueError "slice step cannot be zero"
 */
export function sliceStr(s: string, start?: number, stop?: number, step = 1): string {
  if (step === 0) throw new PythonError("ValueError", "slice step cannot be zero");
  const pairs = hasPairs(s);
  const points = pairs ? codePoints(s) : null;
  const n = points ? points.length : s.length;
  if (step === 1) {
    const a = adjust(start, n, 0);
    const b = adjust(stop, n, n);
    if (a >= b) return "";
    return points ? points.slice(a, b).join("") : s.slice(a, b);
  }
  let a: number;
  let b: number;
  if (step > 0) {
    a = adjust(start, n, 0);
    b = adjust(stop, n, n);
  } else {
    a = start === undefined ? n - 1 : start < 0 ? Math.max(start + n, -1) : Math.min(start, n - 1);
    b = stop === undefined ? -1 : stop < 0 ? Math.max(stop + n, -1) : Math.min(stop, n - 1);
  }
  let out = "";
  if (step > 0) for (let i = a; i < b; i += step) out += points ? points[i] : s[i];
  else for (let i = a; i > b; i += step) out += points ? points[i] : s[i];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Character classes

/** Python's whitespace (`str.isspace`, `split()`, `strip()`). */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029]);

function inRanges(ranges: readonly number[], c: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if (c < ranges[i]) return false;
    if (c <= ranges[i + 1]) return true;
  }
  return false;
}

const ALPHA = /^\p{L}$/u;
const DECIMAL = /^\p{Nd}$/u;
const NUMBER = /^\p{N}$/u;
const LOWER = /^\p{Lowercase}$/u;
const UPPER = /^\p{Uppercase}$/u;
const TITLE = /^\p{Lt}$/u;
const CASED = /^\p{Cased}$/u;
const CASE_IGNORABLE = /^\p{Case_Ignorable}$/u;
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const ID_START = /^[\p{XID_Start}_]$/u;
const ID_CONTINUE = /^\p{XID_Continue}$/u;

function isAlphaChar(ch: string, c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return ALPHA.test(ch);
}
function isDecimalChar(ch: string, c: number): boolean {
  if (c < 128) return c >= 48 && c <= 57;
  return DECIMAL.test(ch);
}
function isDigitChar(ch: string, c: number): boolean {
  return isDecimalChar(ch, c) || inRanges(DIGIT_RANGES, c);
}
function isNumericChar(ch: string, c: number): boolean {
  if (c < 128) return c >= 48 && c <= 57;
  return NUMBER.test(ch) || inRanges(NUMERIC_RANGES, c);
}
/** Python's printable test for one code point (`repr` escapes the others). */
function isPrintableChar(ch: string, c: number): boolean {
  if (c < 128) return c >= 0x20 && c < 0x7f;
  return !NOT_PRINTABLE.test(ch);
}

function everyChar(s: string, test: (ch: string, c: number) => boolean): boolean {
  if (s.length === 0) return false;
  for (const ch of s) if (!test(ch, ch.codePointAt(0)!)) return false;
  return true;
}

/** `str.isspace()`. */
export function isSpace(s: string): boolean {
  return everyChar(s, (_ch, c) => isSpaceCode(c));
}
/** `str.isalpha()`: letters (category L*). */
export function isAlpha(s: string): boolean {
  return everyChar(s, isAlphaChar);
}
/** `str.isdecimal()`: category Nd. */
export function isDecimal(s: string): boolean {
  return everyChar(s, isDecimalChar);
}
/** `str.isdigit()`: decimals and other digits (superscripts, circled digits…). */
export function isDigit(s: string): boolean {
  return everyChar(s, isDigitChar);
}
/** `str.isnumeric()`: digits, numerals and numeric ideographs. */
export function isNumeric(s: string): boolean {
  return everyChar(s, isNumericChar);
}
/** `str.isalnum()`. */
export function isAlnum(s: string): boolean {
  return everyChar(
    s,
    (ch, c) => isAlphaChar(ch, c) || isDecimalChar(ch, c) || isDigitChar(ch, c) || isNumericChar(ch, c),
  );
}
/** `str.isascii()` (true for ""). */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}
/** `str.isprintable()` (true for ""). */
export function isPrintable(s: string): boolean {
  for (const ch of s) if (!isPrintableChar(ch, ch.codePointAt(0)!)) return false;
  return true;
}
/** `str.isidentifier()`. */
export function isIdentifier(s: string): boolean {
  let first = true;
  for (const ch of s) {
    if (first ? !ID_START.test(ch) : !ID_CONTINUE.test(ch)) return false;
    first = false;
  }
  return !first;
}
/** `str.islower()`: has a cased character and none upper- or title-case. */
export function isLower(s: string): boolean {
  let cased = false;
  for (const ch of s) {
    if (UPPER.test(ch) || TITLE.test(ch)) return false;
    if (!cased && LOWER.test(ch)) cased = true;
  }
  return cased;
}
/** `str.isupper()`: has a cased character and none lower- or title-case. */
export function isUpper(s: string): boolean {
  let cased = false;
  for (const ch of s) {
    if (LOWER.test(ch) || TITLE.test(ch)) return false;
    if (!cased && UPPER.test(ch)) cased = true;
  }
  return cased;
}
/** `str.istitle()`: upper/title-case only after uncased, lower-case only after cased. */
export function isTitle(s: string): boolean {
  let cased = false;
  let previousCased = false;
  for (const ch of s) {
    if (UPPER.test(ch) || TITLE.test(ch)) {
      if (previousCased) return false;
      previousCased = true;
      cased = true;
    } else if (LOWER.test(ch)) {
      if (!previousCased) return false;
      previousCased = true;
      cased = true;
    } else previousCased = false;
  }
  return cased;
}

// ---------------------------------------------------------------------------------------------
// Case mapping

/** `str.upper()` (full mappings: `ß` → `SS`). */
export function upper(s: string): string {
  return s.toUpperCase();
}
/** `str.lower()` (full mappings, final sigma). */
export function lower(s: string): string {
  return s.toLowerCase();
}
/** `str.casefold()`: lower-casing plus Unicode's full case folds (`ß` → `ss`). */
export function casefold(s: string): string {
  let out = "";
  for (const ch of s) {
    const folded = CASE_FOLD_EXCEPTIONS.get(ch.codePointAt(0)!);
    out += folded ?? ch.toLowerCase();
  }
  return out;
}
function titleChar(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c < 128) return c >= 97 && c <= 122 ? String.fromCharCode(c - 32) : ch;
  const special = TITLE_CASE_EXCEPTIONS.get(c);
  if (special !== undefined) return special;
  const u = ch.toUpperCase();
  if (u.length === 1 || (u.length === 2 && isPairAt(u, 0))) return u;
  const firstLength = isPairAt(u, 0) ? 2 : 1;
  return u.slice(0, firstLength) + u.slice(firstLength).toLowerCase();
}
/** Lower-cases one code point as Python's `str.lower` would inside a word (final sigma rule). */
function lowerInContext(s: string, ch: string, unit: number): string {
  if (ch !== "\u03a3") return ch.toLowerCase();
  return finalSigma(s, unit) ? "\u03c2" : "\u03c3";
}
/** Python's final-sigma test: a cased letter before (skipping case-ignorables), none after. */
function finalSigma(s: string, unit: number): boolean {
  let i = unit - 1;
  let before = false;
  while (i >= 0) {
    const lo = s.charCodeAt(i) & 0xfc00;
    const start = lo === 0xdc00 && i > 0 && isPairAt(s, i - 1) ? i - 1 : i;
    const ch = s.slice(start, i + 1);
    if (!CASE_IGNORABLE.test(ch)) {
      before = CASED.test(ch);
      break;
    }
    i = start - 1;
  }
  if (!before) return false;
  let j = unit + 1;
  while (j < s.length) {
    const len = isPairAt(s, j) ? 2 : 1;
    const ch = s.slice(j, j + len);
    if (!CASE_IGNORABLE.test(ch)) return !CASED.test(ch);
    j += len;
  }
  return true;
}
/** `str.capitalize()`: first code point title-cased, the rest lower-cased. */
export function capitalize(s: string): string {
  if (s.length === 0) return s;
  const firstLength = isPairAt(s, 0) ? 2 : 1;
  let out = titleChar(s.slice(0, firstLength));
  for (let i = firstLength; i < s.length; ) {
    const len = isPairAt(s, i) ? 2 : 1;
    out += lowerInContext(s, s.slice(i, i + len), i);
    i += len;
  }
  return out;
}
/** `str.title()`: title-case after an uncased character, lower-case after a cased one. */
export function title(s: string): string {
  let out = "";
  let previousCased = false;
  for (let i = 0; i < s.length; ) {
    const len = isPairAt(s, i) ? 2 : 1;
    const ch = s.slice(i, i + len);
    out += previousCased ? lowerInContext(s, ch, i) : titleChar(ch);
    previousCased = CASED.test(ch);
    i += len;
  }
  return out;
}
/** `str.swapcase()`: upper-case letters lowered and lower-case ones raised. */
export function swapcase(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; ) {
    const len = isPairAt(s, i) ? 2 : 1;
    const ch = s.slice(i, i + len);
    if (UPPER.test(ch)) out += lowerInContext(s, ch, i);
    else if (LOWER.test(ch)) out += ch.toUpperCase();
    else out += ch;
    i += len;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Searching

/** Resolves Python `start`/`end` arguments (code points) into unit offsets of `s`. */
function unitRange(
  s: string,
  start: number | undefined,
  end: number | undefined,
  pairs: boolean,
): [number, number] {
  const n = pairs ? codePointLength(s) : s.length;
  let a = adjust(start, n, 0);
  let b = adjust(end, n, n);
  if (start !== undefined && start > n) a = n + 1; // past the end: nothing matches, not even ""
  if (pairs) {
    a = a > n ? s.length + 1 : unitOffset(s, a);
    b = unitOffset(s, b);
  }
  return [a, b];
}

/** `str.find(sub, start, end)`: lowest code-point index of `sub`, or -1. */
export function find(s: string, sub: string, start?: number, end?: number): number {
  const pairs = hasPairs(s);
  const [a, b] = unitRange(s, start, end, pairs);
  if (b - a < sub.length) return -1;
  const at = s.indexOf(sub, a);
  if (at < 0 || at + sub.length > b) return -1;
  return pairs ? codePointIndex(s, at) : at;
}

/** `str.rfind(sub, start, end)`: highest code-point index of `sub`, or -1. */
export function rfind(s: string, sub: string, start?: number, end?: number): number {
  const pairs = hasPairs(s);
  const [a, b] = unitRange(s, start, end, pairs);
  if (b - a < sub.length) return -1;
  const at = s.lastIndexOf(sub, b - sub.length);
  if (at < a) return -1;
  return pairs ? codePointIndex(s, at) : at;
}

/**
 * `str.index(sub, start, end)`.
 * @throws PythonError ValueError "substring not found"
 */
export function index(s: string, sub: string, start?: number, end?: number): number {
  const at = find(s, sub, start, end);
  if (at < 0) throw new PythonError("ValueError", "substring not found");
  return at;
}

/**
 * `str.rindex(sub, start, end)`.
 * @throws PythonError ValueError "substring not found"
 */
export function rindex(s: string, sub: string, start?: number, end?: number): number {
  const at = rfind(s, sub, start, end);
  if (at < 0) throw new PythonError("ValueError", "substring not found");
  return at;
}

/** `str.count(sub, start, end)`: non-overlapping occurrences (`""` counts every position). */
export function count(s: string, sub: string, start?: number, end?: number): number {
  const pairs = hasPairs(s);
  const [a, b] = unitRange(s, start, end, pairs);
  if (b < a) return 0;
  if (sub.length === 0) return (pairs ? codePointLength(s.slice(a, b)) : b - a) + 1;
  let n = 0;
  let at = s.indexOf(sub, a);
  while (at >= 0 && at + sub.length <= b) {
    n++;
    at = s.indexOf(sub, at + sub.length);
  }
  return n;
}

/** `str.startswith(prefix, start, end)`; `prefix` may be a tuple (array) of candidates. */
export function startswith(
  s: string,
  prefix: string | readonly string[],
  start?: number,
  end?: number,
): boolean {
  const pairs = hasPairs(s);
  const [a, b] = unitRange(s, start, end, pairs);
  if (a > s.length) return false;
  const test = (p: string) => b - a >= p.length && s.startsWith(p, a);
  return typeof prefix === "string" ? test(prefix) : prefix.some(test);
}

/** `str.endswith(suffix, start, end)`; `suffix` may be a tuple (array) of candidates. */
export function endswith(
  s: string,
  suffix: string | readonly string[],
  start?: number,
  end?: number,
): boolean {
  const pairs = hasPairs(s);
  const [a, b] = unitRange(s, start, end, pairs);
  if (a > s.length) return false;
  const test = (p: string) => b - a >= p.length && s.startsWith(p, b - p.length);
  return typeof suffix === "string" ? test(suffix) : suffix.some(test);
}

// ---------------------------------------------------------------------------------------------
// Splitting and joining

/**
 * `str.split(sep, maxsplit)`: on runs of whitespace when `sep` is null/undefined, else on `sep`.
 * @throws PythonError ValueError "empty separator"
 */
export function split(s: string, sep?: string | null, maxsplit = -1): string[] {
  if (maxsplit < 0) maxsplit = Number.MAX_SAFE_INTEGER;
  const out: string[] = [];
  if (sep === undefined || sep === null) {
    let i = 0;
    const n = s.length;
    while (true) {
      while (i < n && isSpaceCode(s.charCodeAt(i))) i++;
      if (i >= n) break;
      if (out.length >= maxsplit) {
        out.push(s.slice(i));
        break;
      }
      const start = i;
      while (i < n && !isSpaceCode(s.charCodeAt(i))) i++;
      out.push(s.slice(start, i));
    }
    return out;
  }
  if (sep.length === 0) throw new PythonError("ValueError", "empty separator");
  let start = 0;
  while (out.length < maxsplit) {
    const at = s.indexOf(sep, start);
    if (at < 0) break;
    out.push(s.slice(start, at));
    start = at + sep.length;
  }
  out.push(s.slice(start));
  return out;
}

/**
 * `str.rsplit(sep, maxsplit)`: like {@link split}, splitting from the right.
 * @throws PythonError ValueError "empty separator"
 */
export function rsplit(s: string, sep?: string | null, maxsplit = -1): string[] {
  if (maxsplit < 0) return split(s, sep, -1);
  const out: string[] = [];
  if (sep === undefined || sep === null) {
    let i = s.length;
    while (true) {
      while (i > 0 && isSpaceCode(s.charCodeAt(i - 1))) i--;
      if (i <= 0) break;
      if (out.length >= maxsplit) {
        out.push(s.slice(0, i));
        break;
      }
      const end = i;
      while (i > 0 && !isSpaceCode(s.charCodeAt(i - 1))) i--;
      out.push(s.slice(i, end));
    }
    return out.reverse();
  }
  if (sep.length === 0) throw new PythonError("ValueError", "empty separator");
  let end = s.length;
  while (out.length < maxsplit) {
    if (end < sep.length) break;
    const at = s.lastIndexOf(sep, end - sep.length);
    if (at < 0) break;
    out.push(s.slice(at + sep.length, end));
    end = at;
  }
  out.push(s.slice(0, end));
  return out.reverse();
}

/** `str.splitlines(keepends)`: on \n, \r, \r\n, \v, \f, \x1c–\x1e, \x85, \u2028, \u2029. */
export function splitlines(s: string, keepends = false): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (!LINE_BREAKS.has(c)) {
      i++;
      continue;
    }
    let eol = i + 1;
    if (c === 0x0d && eol < n && s.charCodeAt(eol) === 0x0a) eol++;
    out.push(s.slice(start, keepends ? eol : i));
    start = eol;
    i = eol;
  }
  if (start < n) out.push(s.slice(start));
  return out;
}

/**
 * `str.partition(sep)` → [head, sep, tail] (or [s, "", ""]).
 * @throws PythonError ValueError "empty separator"
 */
export function partition(s: string, sep: string): [string, string, string] {
  if (sep.length === 0) throw new PythonError("ValueError", "empty separator");
  const at = s.indexOf(sep);
  return at < 0 ? [s, "", ""] : [s.slice(0, at), sep, s.slice(at + sep.length)];
}

/**
 * `str.rpartition(sep)` → [head, sep, tail] (or ["", "", s]).
 * @throws PythonError ValueError "empty separator"
 */
export function rpartition(s: string, sep: string): [string, string, string] {
  if (sep.length === 0) throw new PythonError("ValueError", "empty separator");
  const at = s.lastIndexOf(sep);
  return at < 0 ? ["", "", s] : [s.slice(0, at), sep, s.slice(at + sep.length)];
}

/** `str.replace(old, new, count)`; an empty `old` inserts `new` around every code point. */
export function replace(s: string, old: string, replacement: string, maxCount = -1): string {
  if (maxCount < 0) maxCount = Number.MAX_SAFE_INTEGER;
  if (maxCount === 0) return s;
  if (old.length === 0) {
    let out = replacement;
    let done = 1;
    let i = 0;
    while (i < s.length) {
      const len = isPairAt(s, i) ? 2 : 1;
      out += s.slice(i, i + len);
      i += len;
      if (done < maxCount) {
        out += replacement;
        done++;
      } else {
        out += s.slice(i);
        break;
      }
    }
    return out;
  }
  if (maxCount === Number.MAX_SAFE_INTEGER) return s.split(old).join(replacement);
  let out = "";
  let start = 0;
  for (let done = 0; done < maxCount; done++) {
    const at = s.indexOf(old, start);
    if (at < 0) break;
    out += s.slice(start, at) + replacement;
    start = at + old.length;
  }
  return out + s.slice(start);
}

// ---------------------------------------------------------------------------------------------
// Stripping, padding

function stripSet(chars: string): (ch: string) => boolean {
  const set = new Set(Array.from(chars));
  return (ch) => set.has(ch);
}

function stripImpl(s: string, chars: string | null | undefined, left: boolean, right: boolean): string {
  let start = 0;
  let end = s.length;
  if (chars === undefined || chars === null) {
    if (left) while (start < end && isSpaceCode(s.charCodeAt(start))) start++;
    if (right) while (end > start && isSpaceCode(s.charCodeAt(end - 1))) end--;
    return start === 0 && end === s.length ? s : s.slice(start, end);
  }
  const member = stripSet(chars);
  if (left) {
    while (start < end) {
      const len = isPairAt(s, start) ? 2 : 1;
      if (!member(s.slice(start, start + len))) break;
      start += len;
    }
  }
  if (right) {
    while (end > start) {
      const len = end - 2 >= start && isPairAt(s, end - 2) ? 2 : 1;
      if (!member(s.slice(end - len, end))) break;
      end -= len;
    }
  }
  return s.slice(start, end);
}

/** `str.strip(chars)`: whitespace, or any code point of `chars`, from both ends. */
export function strip(s: string, chars?: string | null): string {
  return stripImpl(s, chars, true, true);
}
/** `str.lstrip(chars)`. */
export function lstrip(s: string, chars?: string | null): string {
  return stripImpl(s, chars, true, false);
}
/** `str.rstrip(chars)`. */
export function rstrip(s: string, chars?: string | null): string {
  return stripImpl(s, chars, false, true);
}

/** `str.removeprefix(prefix)`. */
export function removeprefix(s: string, prefix: string): string {
  return prefix.length > 0 && s.startsWith(prefix) ? s.slice(prefix.length) : s;
}
/** `str.removesuffix(suffix)`. */
export function removesuffix(s: string, suffix: string): string {
  return suffix.length > 0 && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s;
}

function checkFill(fill: string): void {
  if (codePointLength(fill) !== 1) {
    throw new PythonError("TypeError", "The fill character must be exactly one character long");
  }
}

/**
 * `str.center(width, fill)`, with CPython's choice of side for an odd margin.
 * @throws PythonError TypeError when `fill` is not one character
 */
export function center(s: string, width: number, fill = " "): string {
  checkFill(fill);
  const margin = width - codePointLength(s);
  if (margin <= 0) return s;
  const left = (margin >> 1) + (margin & width & 1);
  return fill.repeat(left) + s + fill.repeat(margin - left);
}
/**
 * `str.ljust(width, fill)`.
 * @throws PythonError TypeError when `fill` is not one character
 */
export function ljust(s: string, width: number, fill = " "): string {
  checkFill(fill);
  const margin = width - codePointLength(s);
  return margin <= 0 ? s : s + fill.repeat(margin);
}
/**
 * `str.rjust(width, fill)`.
 * @throws PythonError TypeError when `fill` is not one character
 */
export function rjust(s: string, width: number, fill = " "): string {
  checkFill(fill);
  const margin = width - codePointLength(s);
  return margin <= 0 ? s : fill.repeat(margin) + s;
}
/** `str.zfill(width)`: zeros after a leading sign. */
export function zfill(s: string, width: number): string {
  const margin = width - codePointLength(s);
  if (margin <= 0) return s;
  const zeros = "0".repeat(margin);
  const c = s.charCodeAt(0);
  return c === 43 || c === 45 ? s[0] + zeros + s.slice(1) : zeros + s;
}

/** `str.expandtabs(tabsize)`: columns counted in code points, reset by \n and \r. */
export function expandtabs(s: string, tabsize = 8): string {
  let out = "";
  let column = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9) {
      if (tabsize > 0) {
        const spaces = tabsize - (column % tabsize);
        out += " ".repeat(spaces);
        column += spaces;
      }
    } else {
      out += s[i];
      if (c === 10 || c === 13) column = 0;
      else if (!((c & 0xfc00) === 0xdc00 && i > 0 && isPairAt(s, i - 1))) column++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// repr

const HEX = "0123456789abcdef";

function escapeCode(c: number): string {
  if (c < 0x100) return `\\x${HEX[c >> 4]}${HEX[c & 15]}`;
  if (c < 0x10000) return `\\u${c.toString(16).padStart(4, "0")}`;
  return `\\U${c.toString(16).padStart(8, "0")}`;
}

/** True when every unit is printable ASCII other than a quote or backslash. */
function plainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x27 || c === 0x5c) return false;
  }
  return true;
}

/** Python's `repr(str)`: quotes chosen as Python does, non-printables escaped. */
export function strRepr(s: string): string {
  if (plainAscii(s)) return `'${s}'`;
  const quote = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
  let out = quote;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      if (c === 0x5c) out += "\\\\";
      else if (s[i] === quote) out += `\\${quote}`;
      else out += s[i];
    } else if (c === 9) out += "\\t";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c < 0x80) out += escapeCode(c);
    else {
      const pair = isPairAt(s, i);
      const ch = pair ? s.slice(i, i + 2) : s[i];
      const code = pair ? ch.codePointAt(0)! : c;
      out += isPrintableChar(ch, code) ? ch : escapeCode(code);
      if (pair) i++;
    }
  }
  return out + quote;
}

/** Python's `ascii(str)` text: like `repr` with every non-ASCII code point escaped. */
export function strAscii(s: string): string {
  return asciiEscape(strRepr(s));
}

/** Escapes every non-ASCII code point of a repr as `\xNN`, `\uNNNN` or `\UNNNNNNNN` (`ascii()`). */
export function asciiEscape(r: string): string {
  if (isAscii(r)) return r;
  let out = "";
  for (const ch of r) {
    const c = ch.codePointAt(0)!;
    out += c < 0x80 ? ch : escapeCode(c);
  }
  return out;
}

/** Python's `repr(bytes)`: `b'...'` with \t \n \r, \\, \xNN and the quote rule of str. */
export function bytesRepr(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x27) hasSingle = true;
    else if (bytes[i] === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = `b${quote}`;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x5c) out += "\\\\";
    else if (c === 9) out += "\\t";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === quote.charCodeAt(0)) out += `\\${quote}`;
    else if (c < 0x20 || c >= 0x7f) out += `\\x${HEX[c >> 4]}${HEX[c & 15]}`;
    else out += String.fromCharCode(c);
  }
  return out + quote;
}
