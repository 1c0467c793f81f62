/**
 * Parsers for option values on the command line. Each returns the parsed value or throws
 * commander's `InvalidArgumentError` saying what was expected; commander turns that into
 * the one-line `option '--x <v>' argument 'y' is invalid. <expected>` error.
 *
 * ```
 *  byte sizes   4096 | 4K | 4k | 4KiB | 1M | 1MiB | 1G     K = 1024 bytes, M = 1024 K, G = 1024 M
 *  integers     decimal digits only, within the option's range
 *  thresholds   a,b,c   one to three integers >= 0 (omitted ones keep the preset's)
 * ```
 *
 * @module
 */
import { isPowerOfTwo } from "@pymem/core";
import { InvalidArgumentError } from "commander";

/** Bytes in a KiB. */
export const KIB = 1024;
/** Bytes in a MiB. */
export const MIB = 1024 * KIB;
/** Bytes in a GiB. */
export const GIB = 1024 * MIB;

const UNIT_BYTES: Readonly<Record<string, number>> = {
  "": 1,
  b: 1,
  k: KIB,
  kib: KIB,
  m: MIB,
  mib: MIB,
  g: GIB,
  gib: GIB,
};
const SIZE_PATTERN = /^(\d+)\s*([a-z]*)$/i;

/**
 * Parses a byte size with an optional binary unit.
 * @example parseByteSize("256K") // 262144
 * @throws InvalidArgumentError when the text is not a whole number of bytes with a known unit
 */
export function parseByteSize(text: string): number {
  const match = SIZE_PATTERN.exec(text.trim());
  const unit = match === null ? undefined : UNIT_BYTES[match[2]!.toLowerCase()];
  if (match === null || unit === undefined) {
    throw new InvalidArgumentError("Expected a byte size such as 4096, 16K or 1M.");
  }
  const bytes = Number(match[1]) * unit;
  if (!Number.isSafeInteger(bytes)) throw new InvalidArgumentError("Expected a byte size below 2^53.");
  return bytes;
}

/** Like {@link parseByteSize}, and the size must be a power of two in [min, max]. */
export function parsePowerOfTwoSize(text: string, min: number, max: number): number {
  const bytes = parseByteSize(text);
  if (bytes < min || bytes > max || !isPowerOfTwo(bytes)) {
    throw new InvalidArgumentError(`Expected a power of two from ${formatUnit(min)} to ${formatUnit(max)}.`);
  }
  return bytes;
}

/**
 * Parses a decimal integer in [min, max].
 * @throws InvalidArgumentError for anything else (signs, fractions, exponents, out of range)
 */
export function parseIntegerIn(text: string, min: number, max: number): number {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) throw new InvalidArgumentError(`Expected an integer from ${min} to ${max}.`);
  const value = Number(trimmed);
  if (!(Number.isSafeInteger(value) && value >= min && value <= max)) {
    throw new InvalidArgumentError(`Expected an integer from ${min} to ${max}.`);
  }
  return value;
}

/**
 * Parses a positive decimal number up to `max` (e.g. `--scale 0.5`).
 * @throws InvalidArgumentError for NaN, infinities, zero, negatives and values above `max`
 */
export function parsePositiveNumber(text: string, max: number): number {
  const trimmed = text.trim();
  const value = /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!(value > 0 && value <= max)) throw new InvalidArgumentError(`Expected a number > 0 and <= ${max}.`);
  return value;
}

/**
 * Parses GC thresholds `a[,b[,c]]`: 1 to `count` C ints (-2^31 to 2^31 - 1, negatives accepted as
 * Python's `gc.set_threshold` accepts them).
 * @example parseThresholds("700,10,10", 3) // [700, 10, 10]
 */
export function parseThresholds(text: string, count: number): number[] {
  const parts = text.split(",");
  const expected = `Expected 1 to ${count} comma-separated integers from ${-(2 ** 31)} to ${2 ** 31 - 1}, e.g. 700,10,10.`;
  if (parts.length > count) throw new InvalidArgumentError(expected);
  return parts.map((part) => {
    if (!/^-?\d+$/.test(part.trim())) throw new InvalidArgumentError(expected);
    const value = Number(part.trim());
    if (value > 2 ** 31 - 1 || value < -(2 ** 31)) throw new InvalidArgumentError(expected);
    return value;
  });
}

/** Parses `on` / `off` (also `true`/`false`, `yes`/`no`, `1`/`0`). */
export function parseOnOff(text: string): boolean {
  const value = text.trim().toLowerCase();
  if (value === "on" || value === "true" || value === "yes" || value === "1") return true;
  if (value === "off" || value === "false" || value === "no" || value === "0") return false;
  throw new InvalidArgumentError("Expected on or off.");
}

/** Formats a byte count with the largest binary unit that divides it: 262144 -> "256K". */
export function formatUnit(bytes: number): string {
  if (bytes >= GIB && bytes % GIB === 0) return `${bytes / GIB}G`;
  if (bytes >= MIB && bytes % MIB === 0) return `${bytes / MIB}M`;
  if (bytes >= KIB && bytes % KIB === 0) return `${bytes / KIB}K`;
  return String(bytes);
}
