/**
 * Text formatting shared by every `sys._debugmallocstats()` section, reproducing the two
 * helpers of CPython 3.11's Objects/obmalloc.c: `printone` (one "label = value" line) and
 * `_PyDebugAllocatorStats` (the "N things * S bytes each = total" line of free lists).
 *
 * ```
 *  printone: label padded with spaces to column 35, "=", value right-aligned in 21 columns
 *
 *  col 0                               35                    57
 *  |# arenas allocated total           =                    3\n
 *  |<--------- label, 35 ----------->|=|<------ value, 21 ---->|
 *
 *  _PyDebugAllocatorStats: "%d %ss * %zd bytes each" right-aligned in 48 columns, one
 *  space, then printone's "=" and value (the label is longer than 35, so no padding):
 *
 *  |                  80 free floats * 24 bytes each =                1,920\n
 *  |<------------------- 48 ------------------------->| |=|<------ 21 ------->|
 * ```
 *
 * Values carry thousands separators (`1,048,576`). As in CPython, a value wider than its
 * 21 columns keeps only its rightmost 21 characters.
 *
 * @module
 */
import { validateSize } from "./errors";

/** Column of the `=` in a {@link formatStatLine} line: labels are padded to this many characters. */
export const STAT_LABEL_WIDTH = 35;
/** Characters the value of a {@link formatStatLine} line is right-aligned in. */
export const STAT_VALUE_WIDTH = 21;
/** Characters the description of a {@link formatAllocatorStatsLine} line is right-aligned in. */
export const ALLOCATOR_STATS_LABEL_WIDTH = 48;
/** Longest text CPython's 128-byte `snprintf` buffers hold (one byte goes to the terminator). */
const SNPRINTF_LIMIT = 127;

/**
 * Formats a non-negative integer with a comma every three digits, as `printone` does.
 * @throws SizeError for a negative, fractional or unsafe integer
 * @example formatThousands(1048576) // "1,048,576"
 */
export function formatThousands(value: number): string {
  validateSize(value, Number.MAX_SAFE_INTEGER, "statistic value");
  const digits = String(value);
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return out;
}

/**
 * One "label = value" line exactly as CPython's `printone`: the label, spaces up to column
 * {@link STAT_LABEL_WIDTH}, `=`, the value with thousands separators right-aligned in
 * {@link STAT_VALUE_WIDTH} columns, and a newline.
 * @param label - the text left of `=` (longer labels are not cut, only not padded)
 * @param value - a non-negative integer
 * @returns the line, ending in `"\n"`
 * @throws SizeError for a negative, fractional or unsafe integer value
 * @example
 * ```ts
 * formatStatLine("# arenas allocated total", 3);
 * // "# arenas allocated total           =                    3\n"
 * ```
 */
export function formatStatLine(label: string, value: number): string {
  const number = formatThousands(value);
  const field =
    number.length > STAT_VALUE_WIDTH ? number.slice(-STAT_VALUE_WIDTH) : number.padStart(STAT_VALUE_WIDTH);
  return `${label.padEnd(STAT_LABEL_WIDTH)}=${field}\n`;
}

/**
 * The line CPython's `_PyDebugAllocatorStats` prints for a free list or cache:
 * `"<count> <name>s * <size> bytes each"` right-aligned in {@link ALLOCATOR_STATS_LABEL_WIDTH}
 * columns, a space, then `=` and `count * size` as in {@link formatStatLine}.
 * @param blockName - singular name of what is cached; an "s" is appended ("free float" -> "free floats")
 * @param numBlocks - how many are cached
 * @param blockSize - bytes each
 * @returns the line, ending in `"\n"`
 * @throws SizeError when a number is negative, fractional or unsafe
 * @example
 * ```ts
 * formatAllocatorStatsLine("free float", 80, 24);
 * // "                  80 free floats * 24 bytes each =                1,920\n"
 * ```
 */
export function formatAllocatorStatsLine(blockName: string, numBlocks: number, blockSize: number): string {
  validateSize(numBlocks, Number.MAX_SAFE_INTEGER, "block count");
  validateSize(blockSize, Number.MAX_SAFE_INTEGER, "block size");
  const what = `${numBlocks} ${blockName}s * ${blockSize} bytes each`.slice(0, SNPRINTF_LIMIT);
  const label = `${what.padStart(ALLOCATOR_STATS_LABEL_WIDTH)} `.slice(0, SNPRINTF_LIMIT);
  return formatStatLine(label, numBlocks * blockSize);
}
