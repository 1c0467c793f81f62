/**
 * Python's format-spec mini-language (`format()`, f-strings, `str.format`) and printf-style
 * `%` formatting, as CPython 3.11 renders them, errors included.
 *
 * A spec parses into a {@link FormatSpec} once and is cached per kind (int, float, str), so an
 * f-string in a loop re-renders without re-parsing:
 *
 * ```
 *   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
 *
 *   rendered number:
 *   | lpad | sign | prefix | spad | grouped digits | . | remainder | rpad |
 *     fill   + -    0x       fill   1,234 (zero fill  point  5e+07     fill
 *                           for =   joins the groups)
 * ```
 *
 * Only one of the three pads is non-zero. Zero padding (`0` flag or `0=` fill) is done by the
 * digit grouper so that `format(1234, "08,")` is `0,001,234`, as CPython does.
 *
 * Float digits come from {@link significantDigits} / {@link fixedText} (correctly rounded, ties
 * to even) and are laid out like CPython's `format_float_short`.
 *
 * @module
 */
import { PythonError } from "@pymem/runtime";
import { composeFixed, fixedText, shortestDigits, significantDigits } from "./float-digits.js";
import { checkIntDigitLimit } from "./int-text.js";
import { asciiEscape } from "./str-methods.js";

/** A parsed format spec (`[[fill]align][sign][z][#][0][width][grouping][.precision][type]`). */
export interface FormatSpec {
  /** Fill character (one code point). */
  readonly fill: string;
  /** `<`, `>`, `^` or `=`; `""` when the spec gives none. */
  readonly align: string;
  /** `+`, `-`, `" "`, or `""` when absent. */
  readonly sign: string;
  /** `z`: negative zero is printed without its sign. */
  readonly noNegativeZero: boolean;
  /** `#`: alternate form. */
  readonly alternate: boolean;
  /** Minimum width, -1 when absent. */
  readonly width: number;
  /** `,` or `_` or `""`. */
  readonly grouping: string;
  /** Precision, -1 when absent. */
  readonly precision: number;
  /** Presentation type, `""` when absent. */
  readonly type: string;
  /** True when fill/align came from the `0` flag or an explicit `0=` (zeros joined to the digits). */
  readonly zeroPad: boolean;
}

const PY_SSIZE_T_MAX = "9223372036854775807";
const MAX_WIDTH = 1 << 28;

function isAlign(c: number): boolean {
  return c === 60 || c === 62 || c === 61 || c === 94; // < > = ^
}

/** Reads decimal digits at `pos`; returns [value, end]; CPython's overflow error past Py_ssize_t. */
function readInteger(spec: string, pos: number): number {
  let end = pos;
  while (end < spec.length) {
    const c = spec.charCodeAt(end);
    if (c < 48 || c > 57) break;
    end++;
  }
  integerEnd = end;
  if (end === pos) return -1;
  const text = spec.slice(pos, end).replace(/^0+(?=\d)/, "");
  if (text.length > 19 || (text.length === 19 && text > PY_SSIZE_T_MAX)) {
    throw new PythonError("ValueError", "Too many decimal digits in format string");
  }
  return Number(text);
}
let integerEnd = 0;

/**
 * Parses a format spec as CPython does for an object whose `__format__` is the builtin one.
 * @param spec - the text after `:` in a replacement field
 * @param typeName - `int`, `float`, `str` (for the "Invalid format specifier" message)
 * @throws PythonError ValueError with CPython's text for a malformed spec
 */
export function parseFormatSpec(spec: string, typeName: string): FormatSpec {
  let pos = 0;
  const end = spec.length;
  let fill = " ";
  let align = "";
  let fillGiven = false;
  // The fill is one code point, which may be a surrogate pair.
  const firstWidth = end >= 2 && (spec.charCodeAt(0) & 0xfc00) === 0xd800 ? 2 : 1;
  if (end - pos >= firstWidth + 1 && isAlign(spec.charCodeAt(firstWidth))) {
    fill = spec.slice(0, firstWidth);
    align = spec[firstWidth];
    fillGiven = true;
    pos = firstWidth + 1;
  } else if (end - pos >= 1 && isAlign(spec.charCodeAt(0))) {
    align = spec[0];
    pos = 1;
  }
  let sign = "";
  if (pos < end) {
    const c = spec[pos];
    if (c === "+" || c === "-" || c === " ") {
      sign = c;
      pos++;
    }
  }
  let noNegativeZero = false;
  if (pos < end && spec.charCodeAt(pos) === 122) {
    noNegativeZero = true;
    pos++;
  }
  let alternate = false;
  if (pos < end && spec.charCodeAt(pos) === 35) {
    alternate = true;
    pos++;
  }
  let zeroPad = false;
  if (!fillGiven && pos < end && spec.charCodeAt(pos) === 48) {
    // The 0 flag pads numbers after their sign; a str just gets '0' as its fill.
    fill = "0";
    if (align === "" && typeName !== "str") align = "=";
    pos++;
  }
  const width = readInteger(spec, pos);
  pos = integerEnd;
  let grouping = "";
  if (pos < end && spec[pos] === ",") {
    grouping = ",";
    pos++;
  }
  if (pos < end && spec[pos] === "_") {
    if (grouping !== "") throw new PythonError("ValueError", "Cannot specify both ',' and '_'.");
    grouping = "_";
    pos++;
  }
  if (pos < end && spec[pos] === ",") throw new PythonError("ValueError", "Cannot specify both ',' and '_'.");
  let precision = -1;
  if (pos < end && spec[pos] === ".") {
    precision = readInteger(spec, pos + 1);
    pos = integerEnd;
    if (precision < 0) throw new PythonError("ValueError", "Format specifier missing precision");
  }
  const rest = end - pos;
  if (rest > 1 && !(rest === 2 && (spec.charCodeAt(pos) & 0xfc00) === 0xd800)) {
    throw new PythonError(
      "ValueError",
      `Invalid format specifier '${spec}' for object of type '${typeName}'`,
    );
  }
  const type = rest > 0 ? spec.slice(pos) : "";
  if (grouping !== "") {
    const effective = type === "" ? (typeName === "str" ? "s" : typeName === "int" ? "d" : "") : type;
    const allowed =
      "defgEG%F".includes(effective) ||
      (grouping === "_" &&
        (effective === "b" || effective === "o" || effective === "x" || effective === "X"));
    if (!allowed || effective.length > 2) {
      throw new PythonError("ValueError", `Cannot specify '${grouping}' with ${quoteCode(effective)}.`);
    }
  }
  zeroPad = fill === "0" && align === "=";
  return { fill, align, sign, noNegativeZero, alternate, width, grouping, precision, type, zeroPad };
}

/** `'c'` for a printable ASCII type code, `'\x..'` otherwise (CPython's two message forms). */
function quoteCode(code: string): string {
  const c = code.codePointAt(0) ?? 0;
  return c > 32 && c < 128 ? `'${code}'` : `'\\x${c.toString(16)}'`;
}

function unknownCode(code: string, typeName: string): PythonError {
  return new PythonError(
    "ValueError",
    `Unknown format code ${quoteCode(code)} for object of type '${typeName}'`,
  );
}

const intSpecs = new Map<string, FormatSpec>();
const floatSpecs = new Map<string, FormatSpec>();
const strSpecs = new Map<string, FormatSpec>();

function cachedSpec(cache: Map<string, FormatSpec>, spec: string, typeName: string): FormatSpec {
  let parsed = cache.get(spec);
  if (parsed === undefined) {
    parsed = parseFormatSpec(spec, typeName);
    if (cache.size > 512) cache.clear();
    cache.set(spec, parsed);
  }
  return parsed;
}

/**
 * Inserts group separators into `digits` (every `groupSize` from the right); with `minWidth`
 * > 0 it also left-pads with zeros, separators included, until the result is that wide.
 */
function groupDigits(digits: string, separator: string, groupSize: number, minWidth: number): string {
  if (separator === "") {
    return digits.length >= minWidth ? digits : "0".repeat(minWidth - digits.length) + digits;
  }
  let remaining = digits.length;
  let width = minWidth;
  let out = "";
  let first = true;
  for (;;) {
    const len = Math.min(groupSize, Math.max(remaining, width, 1));
    const zeros = Math.max(0, len - remaining);
    const chars = Math.max(0, Math.min(remaining, len));
    const chunk = "0".repeat(zeros) + digits.slice(remaining - chars, remaining);
    out = first ? chunk : chunk + separator + out;
    first = false;
    remaining -= chars;
    width -= len;
    if (remaining <= 0 && width <= 0) break;
    width -= 1;
  }
  return out;
}

/** Lays out a number from its parts per the spec: sign, prefix, integer digits, rest. */
function layoutNumber(
  spec: FormatSpec,
  negative: boolean,
  prefix: string,
  integerDigits: string,
  rest: string,
  groupSize: number,
): string {
  let signText = "";
  if (negative) signText = "-";
  else if (spec.sign === "+") signText = "+";
  else if (spec.sign === " ") signText = " ";
  const nonDigits = signText.length + prefix.length + rest.length;
  const minWidth = spec.zeroPad ? spec.width - nonDigits : 0;
  if (minWidth > MAX_WIDTH) throw new PythonError("MemoryError", "");
  const grouped =
    integerDigits === "" || (spec.grouping === "" && minWidth <= integerDigits.length)
      ? integerDigits
      : groupDigits(integerDigits, spec.grouping, groupSize, minWidth);
  const length = nonDigits + grouped.length;
  const pad = spec.width - length;
  if (pad <= 0) return signText + prefix + grouped + rest;
  const align = spec.align === "" ? ">" : spec.align;
  if (align === "=") return signText + prefix + padText("", pad, "<", spec.fill) + grouped + rest;
  return pad <= 0
    ? signText + prefix + grouped + rest
    : padText(signText + prefix + grouped + rest, pad, align, spec.fill);
}

function padText(text: string, pad: number, align: string, fill: string): string {
  if (pad > MAX_WIDTH) throw new PythonError("MemoryError", "");
  if (align === ">") return fill.repeat(pad) + text;
  if (align === "<") return text + fill.repeat(pad);
  const left = pad >> 1;
  return fill.repeat(left) + text + fill.repeat(pad - left);
}

/** Number of code points in a JS string. */
function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The first `count` code points of `s`. */
function codePointPrefix(s: string, count: number): string {
  let units = 0;
  for (let k = 0; k < count && units < s.length; k++) {
    const c = s.charCodeAt(units);
    units +=
      c >= 0xd800 && c < 0xdc00 && units + 1 < s.length && (s.charCodeAt(units + 1) & 0xfc00) === 0xdc00
        ? 2
        : 1;
  }
  return s.slice(0, units);
}

/**
 * `format(value, spec)` for a str: width, alignment, fill and precision (truncation), counted in
 * code points.
 * @throws PythonError ValueError with CPython's text for a spec a str does not accept
 */
export function formatStr(value: string, spec: string): string {
  if (spec === "") return value;
  const s = cachedSpec(strSpecs, spec, "str");
  if (s.type !== "" && s.type !== "s") throw unknownCode(s.type, "str");
  if (s.sign !== "") {
    throw new PythonError(
      "ValueError",
      `${s.sign === " " ? "Space" : "Sign"} not allowed in string format specifier`,
    );
  }
  if (s.noNegativeZero) {
    throw new PythonError("ValueError", "Negative zero coercion (z) not allowed in string format specifier");
  }
  if (s.alternate)
    throw new PythonError("ValueError", "Alternate form (#) not allowed in string format specifier");
  if (s.align === "=")
    throw new PythonError("ValueError", "'=' alignment not allowed in string format specifier");
  let text = value;
  if (s.precision >= 0 && s.precision < text.length) text = codePointPrefix(text, s.precision);
  if (s.width < 0) return text;
  const pad = s.width - codePointLength(text);
  return pad > 0 ? padText(text, pad, s.align === "" ? "<" : s.align, s.fill) : text;
}

/**
 * `format(value, spec)` for an int (`d b o x X c n`, and the float types `e f g %` via float()).
 * Accepts a bigint, or a JS number holding an integer (the fast path for small ints).
 * @throws PythonError ValueError for a bad spec, OverflowError for `c` out of range or a float
 *   conversion of a huge int
 */
export function formatInt(value: bigint | number, spec: string): string {
  if (spec === "") return typeof value === "number" ? String(value) : intDecimal(value);
  const s = cachedSpec(intSpecs, spec, "int");
  const type = s.type;
  switch (type) {
    case "":
    case "d":
    case "n":
    case "b":
    case "o":
    case "x":
    case "X":
    case "c":
      break;
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
    case "%":
      return formatFloatParsed(intToFloat(value), s);
    default:
      throw unknownCode(type, "int");
  }
  if (s.precision >= 0)
    throw new PythonError("ValueError", "Precision not allowed in integer format specifier");
  if (s.noNegativeZero) {
    throw new PythonError("ValueError", "Negative zero coercion (z) not allowed in integer format specifier");
  }
  if (type === "c") {
    if (s.sign !== "")
      throw new PythonError("ValueError", "Sign not allowed with integer format specifier 'c'");
    if (s.alternate) {
      throw new PythonError("ValueError", "Alternate form (#) not allowed with integer format specifier 'c'");
    }
    if (value < -0x7fffffffffffffffn - 1n || value > 0x7fffffffffffffffn) {
      throw new PythonError("OverflowError", "Python int too large to convert to C long");
    }
    if (value < 0 || value > 0x10ffff)
      throw new PythonError("OverflowError", "%c arg not in range(0x110000)");
    const ch = String.fromCodePoint(Number(value));
    return s.width < 0 ? ch : layoutNumber(s, false, "", "", ch, 3);
  }
  const negative = value < 0;
  const magnitude = negative ? -value : value;
  let digits: string;
  let prefix = "";
  let groupSize = 3;
  switch (type) {
    case "b":
      digits = magnitude.toString(2);
      prefix = "0b";
      groupSize = 4;
      break;
    case "o":
      digits = magnitude.toString(8);
      prefix = "0o";
      groupSize = 4;
      break;
    case "x":
      digits = magnitude.toString(16);
      prefix = "0x";
      groupSize = 4;
      break;
    case "X":
      digits = magnitude.toString(16).toUpperCase();
      prefix = "0X";
      groupSize = 4;
      break;
    default:
      digits = typeof magnitude === "number" ? String(magnitude) : intDecimal(magnitude);
  }
  return layoutNumber(s, negative, s.alternate ? prefix : "", digits, "", groupSize);
}

function intDecimal(value: bigint): string {
  if (value >= -0x20000000000000n && value <= 0x20000000000000n) return String(value);
  checkIntDigitLimit(value);
  return value.toString();
}

/** float(int) with CPython's OverflowError for ints beyond the float range. */
function intToFloat(value: bigint | number): number {
  const x = Number(value);
  if (!Number.isFinite(x)) throw new PythonError("OverflowError", "int too large to convert to float");
  return x;
}

/**
 * `format(value, spec)` for a float: `e E f F g G n %` and the default (repr-like) type,
 * correctly rounded with ties to even, `z` for negative zero, grouping, padding.
 * @throws PythonError ValueError for a bad spec
 */
export function formatFloat(value: number, spec: string): string {
  const s = cachedSpec(floatSpecs, spec, "float");
  return formatFloatParsed(value, s);
}

function formatFloatParsed(value: number, s: FormatSpec): string {
  let type = s.type;
  let precision = s.precision;
  let addDot0 = false;
  let percent = false;
  switch (type) {
    case "":
      addDot0 = true;
      type = precision < 0 ? "r" : "g";
      break;
    case "n":
      type = "g";
      break;
    case "%":
      type = "f";
      percent = true;
      break;
    case "e":
    case "E":
    case "f":
    case "F":
    case "g":
    case "G":
      break;
    default:
      throw unknownCode(type, "float");
  }
  if (precision < 0 && type !== "r") precision = 6;
  let x = percent ? value * 100 : value;
  let negative = x < 0 || Object.is(x, -0);
  const upper = type === "E" || type === "F" || type === "G";
  let body: string;
  if (Number.isFinite(x)) {
    const ax = negative ? -x : x;
    body = floatBody(ax, upper ? type.toLowerCase() : type, precision, s.alternate, addDot0);
    if (upper) body = body.toUpperCase();
    if (negative && s.noNegativeZero && isZeroText(body)) negative = false;
  } else if (Number.isNaN(x)) {
    body = upper ? "NAN" : "nan";
    negative = false;
  } else {
    body = upper ? "INF" : "inf";
    x = 0;
  }
  if (percent) body += "%";
  if (s.width < 0 && s.grouping === "" && s.sign === "") return negative ? `-${body}` : body;
  // Split into integer digits and the remainder (point, fraction, exponent, '%').
  let split = 0;
  while (split < body.length) {
    const c = body.charCodeAt(split);
    if (c < 48 || c > 57) break;
    split++;
  }
  return layoutNumber(s, negative, "", body.slice(0, split), body.slice(split), 3);
}

function isZeroText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 101 || c === 69 || c === 37) return true; // exponent or '%': mantissa was all zeros
    if (c >= 49 && c <= 57) return false;
  }
  return true;
}

/**
 * The unsigned text of a finite float `ax` ≥ 0 in presentation type `e`, `f`, `g` or `r`
 * (repr), following CPython's `format_float_short`.
 * @param ax - finite, ≥ 0
 * @param type - `e`, `f`, `g` or `r`
 * @param precision - digits (after the point for e/f, significant for g); ignored for `r`
 * @param alternate - `#`: keep the point and, for `g`, trailing zeros
 * @param addDot0 - the default type's rule: an integer-looking result gets `.0`
 */
export function floatBody(
  ax: number,
  type: string,
  precision: number,
  alternate: boolean,
  addDot0: boolean,
): string {
  if (type === "f") {
    const text = fixedText(ax, precision);
    return alternate && precision === 0 ? `${text}.` : text;
  }
  let digits: string;
  let decimalPoint: number;
  let vEnd: number;
  let useExp = false;
  if (type === "r") {
    ({ digits, decimalPoint } = shortestDigits(ax));
    vEnd = digits.length;
    useExp = decimalPoint <= -4 || decimalPoint > 16;
  } else {
    const count = type === "e" ? precision + 1 : precision === 0 ? 1 : precision;
    ({ digits, decimalPoint } = significantDigits(ax, count));
    let len = digits.length;
    while (len > 1 && digits.charCodeAt(len - 1) === 48) len--;
    if (len < digits.length) digits = digits.slice(0, len);
    if (type === "e") {
      useExp = true;
      vEnd = count;
    } else {
      useExp = decimalPoint <= -4 || decimalPoint > (addDot0 ? count - 1 : count);
      vEnd = alternate ? count : digits.length;
    }
  }
  let exponent = 0;
  if (useExp) {
    exponent = decimalPoint - 1;
    decimalPoint = 1;
  }
  if (!useExp && addDot0) vEnd = vEnd > decimalPoint ? vEnd : decimalPoint + 1;
  else vEnd = vEnd > decimalPoint ? vEnd : decimalPoint;
  // vEnd counts digits from the first significant one; composeFixed wants places after the point.
  let text = composeFixed(digits, decimalPoint, vEnd - decimalPoint);
  if (vEnd === decimalPoint && alternate) text += ".";
  if (!useExp) return text;
  const magnitude = exponent < 0 ? -exponent : exponent;
  return `${text}e${exponent < 0 ? "-" : "+"}${magnitude < 10 ? "0" : ""}${magnitude}`;
}

/** A replacement field of a `str.format` template: `{first.path[key]!conversion:spec}`. */
export interface FormatField {
  /** Positional index (explicit or automatic numbering) or keyword name. */
  readonly first: number | string;
  /** Attribute (`.name`) and item (`[key]`) lookups after the first part, in order. */
  readonly path: readonly FieldAccessor[];
  /** `r`, `s` or `a`, or `null` when absent. */
  readonly conversion: "r" | "s" | "a" | null;
  /** The spec when it contains no replacement field (`""` when absent). */
  readonly spec: string;
  /** The spec's own parts when it contains replacement fields (format them, join, then use). */
  readonly specParts: readonly FormatPart[] | null;
}

/** One step of a field name: `.attribute` or `[key]` (a digit-only key is an int). */
export type FieldAccessor = { readonly attribute: string } | { readonly key: number | string };

/** A piece of a parsed template: literal text or a replacement field. */
export type FormatPart = string | FormatField;

const EMPTY_PATH: readonly FieldAccessor[] = [];

/**
 * Parses a `str.format` template into literal text and fields, with CPython's errors and its
 * automatic field numbering (`{}` → 0, 1, …, continuing into nested spec fields).
 * @throws PythonError ValueError: "Single '}' encountered in format string", "expected '}'
 *   before end of string", "Max string recursion exceeded", "cannot switch from manual field
 *   specification to automatic field numbering", "Unknown conversion specifier x", …
 */
export function parseFormatTemplate(template: string): FormatPart[] {
  const numbering = { next: 0, manual: false, auto: false };
  return parseTemplateLevel(template, 2, numbering);
}

interface Numbering {
  next: number;
  manual: boolean;
  auto: boolean;
}

function parseTemplateLevel(template: string, depth: number, numbering: Numbering): FormatPart[] {
  if (depth <= 0) throw new PythonError("ValueError", "Max string recursion exceeded");
  const parts: FormatPart[] = [];
  let literal = "";
  let i = 0;
  const n = template.length;
  let start = 0;
  while (i < n) {
    const c = template.charCodeAt(i);
    if (c === 125) {
      // '}'
      if (i + 1 < n && template.charCodeAt(i + 1) === 125) {
        literal += template.slice(start, i + 1);
        i += 2;
        start = i;
        continue;
      }
      throw new PythonError("ValueError", "Single '}' encountered in format string");
    }
    if (c !== 123) {
      i++;
      continue;
    }
    // '{'
    if (i + 1 < n && template.charCodeAt(i + 1) === 123) {
      literal += template.slice(start, i + 1);
      i += 2;
      start = i;
      continue;
    }
    literal += template.slice(start, i);
    if (i + 1 >= n) throw new PythonError("ValueError", "Single '{' encountered in format string");
    // The field name runs to '}', ':' or '!'; inside '[...]' those characters are part of it.
    let j = i + 1;
    let c2 = 0;
    while (j < n) {
      c2 = template.charCodeAt(j++);
      if (c2 === 123) throw new PythonError("ValueError", "unexpected '{' in field name");
      if (c2 === 91) {
        while (j < n && template.charCodeAt(j) !== 93) j++;
        continue;
      }
      if (c2 === 125 || c2 === 58 || c2 === 33) break;
    }
    const name = template.slice(i + 1, j - 1);
    let conversion: "r" | "s" | "a" | null = null;
    let spec = "";
    let fieldEnd: number;
    if (c2 === 33 || c2 === 58) {
      let convChar = "";
      let specNeeded = true;
      if (c2 === 33) {
        if (j >= n)
          throw new PythonError("ValueError", "end of string while looking for conversion specifier");
        convChar = template[j++];
        if (j < n) {
          const after = template.charCodeAt(j++);
          if (after === 125) specNeeded = false;
          else if (after !== 58)
            throw new PythonError("ValueError", "expected ':' after conversion specifier");
        }
      }
      if (specNeeded) {
        const specStart = j;
        let depth = 1;
        fieldEnd = -1;
        while (j < n) {
          const d = template.charCodeAt(j++);
          if (d === 123) depth++;
          else if (d === 125 && --depth === 0) {
            fieldEnd = j - 1;
            break;
          }
        }
        if (fieldEnd < 0) throw new PythonError("ValueError", "unmatched '{' in format spec");
        spec = template.slice(specStart, fieldEnd);
      } else fieldEnd = j - 1;
      if (c2 === 33) {
        if (convChar !== "r" && convChar !== "s" && convChar !== "a") {
          throw new PythonError("ValueError", `Unknown conversion specifier ${convChar}`);
        }
        conversion = convChar;
      }
    } else if (c2 !== 125 || j > n) {
      throw new PythonError("ValueError", "expected '}' before end of string");
    } else fieldEnd = j - 1;
    if (literal !== "") {
      parts.push(literal);
      literal = "";
    }
    const { first, path } = parseFieldName(name, numbering);
    const specParts = spec.indexOf("{") >= 0 ? parseTemplateLevel(spec, depth - 1, numbering) : null;
    parts.push({ first, path, conversion, spec: specParts === null ? spec : "", specParts });
    i = fieldEnd + 1;
    start = i;
  }
  literal += template.slice(start);
  if (literal !== "") parts.push(literal);
  return parts;
}

function toIndex(text: string): number {
  if (text.length > 19 || (text.length === 19 && text > PY_SSIZE_T_MAX)) {
    throw new PythonError("ValueError", "Too many decimal digits in format string");
  }
  return Number(text);
}

/**
 * Splits a field name into its first part (auto-numbered when empty) and its accessors.
 * @throws PythonError ValueError for "Empty attribute in format string", "Only '.' or '[' may
 *   follow ']' in format field specifier", and the numbering-switch errors
 */
function parseFieldName(
  name: string,
  numbering: Numbering,
): { first: number | string; path: readonly FieldAccessor[] } {
  let i = 0;
  while (i < name.length && name[i] !== "." && name[i] !== "[") i++;
  const head = name.slice(0, i);
  let first: number | string;
  if (head === "") {
    if (numbering.manual) {
      throw new PythonError(
        "ValueError",
        "cannot switch from manual field specification to automatic field numbering",
      );
    }
    numbering.auto = true;
    first = numbering.next++;
  } else if (/^[0-9]+$/.test(head)) {
    if (numbering.auto) {
      throw new PythonError(
        "ValueError",
        "cannot switch from automatic field numbering to manual field specification",
      );
    }
    numbering.manual = true;
    first = toIndex(head);
  } else first = head;
  if (i === name.length) return { first, path: EMPTY_PATH };
  const path: FieldAccessor[] = [];
  while (i < name.length) {
    const c = name[i];
    if (c === ".") {
      let j = i + 1;
      while (j < name.length && name[j] !== "." && name[j] !== "[") j++;
      const attribute = name.slice(i + 1, j);
      if (attribute === "") throw new PythonError("ValueError", "Empty attribute in format string");
      path.push({ attribute });
      i = j;
    } else if (c === "[") {
      const close = name.indexOf("]", i + 1);
      if (close < 0) throw new PythonError("ValueError", "Missing ']' in format string");
      const key = name.slice(i + 1, close);
      if (key === "") throw new PythonError("ValueError", "Empty attribute in format string");
      path.push({ key: /^[0-9]+$/.test(key) ? toIndex(key) : key });
      i = close + 1;
    } else {
      throw new PythonError("ValueError", "Only '.' or '[' may follow ']' in format field specifier");
    }
  }
  return { first, path };
}

/** Callbacks through which {@link percentFormat} reaches values that are not plain JS values. */
export interface PercentHooks {
  /** `repr(value)`. */
  repr(value: unknown): string;
  /** `str(value)`. */
  str(value: unknown): string;
  /** `ascii(value)`; defaults to `repr`. */
  ascii?(value: unknown): string;
  /** The Python type name of a value for error messages (`dict`, `list`, …). */
  typeName?(value: unknown): string;
  /** `mapping[key]` when the right operand is a mapping; absent when it is not. */
  lookup?(key: string): unknown;
}

function typeNameOf(value: unknown, hooks: PercentHooks): string {
  switch (typeof value) {
    case "bigint":
      return "int";
    case "number":
      return "float";
    case "string":
      return "str";
    case "boolean":
      return "bool";
    default:
      if (value === null) return "NoneType";
      return hooks.typeName ? hooks.typeName(value) : "object";
  }
}

/**
 * printf-style formatting: `template % args`. Values are JS values: bigint = int, number =
 * float, string = str, boolean = bool, null = None; anything else is an object reached through
 * the hooks (repr/str for `%r`/`%s`, its type name for error messages).
 * @param template - the left operand
 * @param args - the tuple's items, or the one non-tuple operand
 * @param repr - `repr()` for `%r` and `%a`
 * @param str - `str()` for `%s`
 * @param hooks - `typeName` for messages, `lookup` when the operand is a mapping (`%(key)s`)
 * @throws PythonError TypeError "not enough arguments for format string", "not all arguments
 *   converted during string formatting", "%d format: a real number is required, not str", …;
 *   ValueError "unsupported format character 'z' (0x7a) at index 1", "incomplete format"
 */
export function percentFormat(
  template: string,
  args: readonly unknown[],
  repr: (value: unknown) => string,
  str: (value: unknown) => string,
  hooks: Partial<PercentHooks> = {},
): string {
  const h: PercentHooks = { repr, str, ...hooks };
  let out = "";
  let argIndex = 0;
  const n = template.length;
  let i = 0;
  let start = 0;
  // After a %(key), the looked-up value is the only argument left (CPython resets its argument
  // cursor to that one value), so '*' or a later plain spec consumes it or runs out.
  let keyMode = false;
  let pending: unknown;
  let hasPending = false;
  const nextArg = (): unknown => {
    if (keyMode) {
      if (!hasPending) throw new PythonError("TypeError", "not enough arguments for format string");
      hasPending = false;
      return pending;
    }
    if (argIndex >= args.length) throw new PythonError("TypeError", "not enough arguments for format string");
    return args[argIndex++];
  };
  while (i < n) {
    if (template.charCodeAt(i) !== 37) {
      i++;
      continue;
    }
    out += template.slice(start, i);
    i++;
    if (i < n && template.charCodeAt(i) === 37) {
      out += "%";
      i++;
      start = i;
      continue;
    }
    let value: unknown;
    if (i < n && template.charCodeAt(i) === 40) {
      // %(key)
      if (h.lookup === undefined) throw new PythonError("TypeError", "format requires a mapping");
      let depth = 1;
      const keyStart = i + 1;
      i++;
      while (i < n && depth > 0) {
        const c = template.charCodeAt(i);
        if (c === 40) depth++;
        else if (c === 41) depth--;
        i++;
      }
      if (depth > 0) throw new PythonError("ValueError", "incomplete format key");
      pending = h.lookup(template.slice(keyStart, i - 1));
      hasPending = true;
      keyMode = true;
    }
    let left = false;
    let sign = "";
    let alternate = false;
    let zero = false;
    for (; i < n; i++) {
      const c = template[i];
      if (c === "-") left = true;
      else if (c === "+") sign = "+";
      else if (c === " ") {
        if (sign === "") sign = " ";
      } else if (c === "#") alternate = true;
      else if (c === "0") zero = true;
      else break;
    }
    let width = -1;
    if (i < n && template[i] === "*") {
      const w = nextArg();
      if (typeof w !== "bigint" && typeof w !== "boolean") throw new PythonError("TypeError", "* wants int");
      if (typeof w === "bigint" && (w > 0x7fffffffffffffffn || w < -0x8000000000000000n)) {
        throw new PythonError("OverflowError", "Python int too large to convert to C ssize_t");
      }
      width = Number(w);
      if (width > MAX_WIDTH || width < -MAX_WIDTH) throw new PythonError("MemoryError", "");
      if (width < 0) {
        left = true;
        width = -width;
      }
      i++;
    } else {
      const w = readPercentNumber(template, i, "width too big");
      if (w >= 0) {
        width = w;
        i = percentEnd;
      }
    }
    let precision = -1;
    if (i < n && template[i] === ".") {
      i++;
      if (i < n && template[i] === "*") {
        const p = nextArg();
        if (typeof p !== "bigint" && typeof p !== "boolean")
          throw new PythonError("TypeError", "* wants int");
        if (typeof p === "bigint" && (p > 0x7fffffffn || p < -0x80000000n)) {
          throw new PythonError("OverflowError", "Python int too large to convert to C int");
        }
        precision = Math.max(0, Number(p));
        i++;
      } else {
        const p = readPercentNumber(template, i, "precision too big");
        precision = p >= 0 ? p : 0;
        if (p >= 0) i = percentEnd;
      }
    }
    while (i < n && (template[i] === "h" || template[i] === "l" || template[i] === "L")) i++;
    if (i >= n) throw new PythonError("ValueError", "incomplete format");
    const conv = template[i];
    const convCode = template.codePointAt(i) ?? 0;
    if (!"srabcdiuoxXeEfFgG".includes(conv)) {
      throw new PythonError(
        "ValueError",
        `unsupported format character '${convCode >= 32 && convCode <= 126 ? conv : "?"}' (0x${convCode.toString(16)}) at index ${i}`,
      );
    }
    i++;
    start = i;
    value = nextArg();
    let text: string;
    let numeric = false;
    let negative = false;
    let prefix = "";
    switch (conv) {
      case "s":
        text = h.str(value);
        if (precision >= 0) text = codePointPrefix(text, precision);
        break;
      case "r":
      case "a":
        text = conv === "r" ? h.repr(value) : h.ascii ? h.ascii(value) : asciiEscape(h.repr(value));
        if (precision >= 0) text = codePointPrefix(text, precision);
        break;
      case "c":
        if (typeof value === "string") {
          if (codePointLength(value) !== 1) throw new PythonError("TypeError", "%c requires int or char");
          text = value;
        } else if (typeof value === "bigint" || typeof value === "boolean") {
          const code = typeof value === "boolean" ? (value ? 1n : 0n) : value;
          if (code < 0n || code > 0x10ffffn)
            throw new PythonError("OverflowError", "%c arg not in range(0x110000)");
          text = String.fromCodePoint(Number(code));
        } else throw new PythonError("TypeError", "%c requires int or char");
        break;
      case "d":
      case "i":
      case "u":
      case "o":
      case "x":
      case "X": {
        let intValue: bigint;
        if (typeof value === "bigint") intValue = value;
        else if (typeof value === "boolean") intValue = value ? 1n : 0n;
        else if (typeof value === "number" && (conv === "d" || conv === "i" || conv === "u")) {
          if (Number.isNaN(value)) throw new PythonError("ValueError", "cannot convert float NaN to integer");
          if (!Number.isFinite(value)) {
            throw new PythonError("OverflowError", "cannot convert float infinity to integer");
          }
          intValue = BigInt(Math.trunc(value));
        } else if (conv === "d" || conv === "i" || conv === "u") {
          throw new PythonError(
            "TypeError",
            `%${conv} format: a real number is required, not ${typeNameOf(value, h)}`,
          );
        } else {
          throw new PythonError(
            "TypeError",
            `%${conv} format: an integer is required, not ${typeNameOf(value, h)}`,
          );
        }
        negative = intValue < 0n;
        const magnitude = negative ? -intValue : intValue;
        if (conv === "o") text = magnitude.toString(8);
        else if (conv === "x") text = magnitude.toString(16);
        else if (conv === "X") text = magnitude.toString(16).toUpperCase();
        else text = intDecimal(magnitude);
        if (precision > text.length) text = "0".repeat(precision - text.length) + text;
        if (alternate && (conv === "o" || conv === "x" || conv === "X"))
          prefix = conv === "o" ? "0o" : `0${conv}`;
        numeric = true;
        break;
      }
      default: {
        let x: number;
        if (typeof value === "number") x = value;
        else if (typeof value === "bigint") x = intToFloat(value);
        else if (typeof value === "boolean") x = value ? 1 : 0;
        else throw new PythonError("TypeError", `must be real number, not ${typeNameOf(value, h)}`);
        const lower = conv.toLowerCase();
        negative = x < 0 || Object.is(x, -0);
        if (Number.isNaN(x)) {
          negative = false;
          text = "nan";
        } else if (!Number.isFinite(x)) text = "inf";
        else text = floatBody(Math.abs(x), lower, precision < 0 ? 6 : precision, alternate, false);
        if (conv !== lower) text = text.toUpperCase();
        numeric = true;
      }
    }
    if (numeric) {
      const signText = negative ? "-" : sign;
      const len = signText.length + prefix.length + text.length;
      if (width > len) {
        if (left) text = signText + prefix + text + " ".repeat(width - len);
        else if (zero) text = signText + prefix + "0".repeat(width - len) + text;
        else text = " ".repeat(width - len) + signText + prefix + text;
      } else text = signText + prefix + text;
    } else if (width >= 0) {
      const pad = width - codePointLength(text);
      if (pad > 0) text = left ? text + " ".repeat(pad) : " ".repeat(pad) + text;
    }
    out += text;
  }
  out += template.slice(start);
  if (argIndex < args.length && h.lookup === undefined) {
    throw new PythonError("TypeError", "not all arguments converted during string formatting");
  }
  return out;
}

let percentEnd = 0;
function readPercentNumber(template: string, pos: number, overflow: string): number {
  let end = pos;
  let value = 0;
  while (end < template.length) {
    const c = template.charCodeAt(end);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    if (value > 0x7fffffff) {
      throw new PythonError("ValueError", overflow);
    }
    end++;
  }
  percentEnd = end;
  return end === pos ? -1 : value;
}
