/**
 * Addresses: unsigned 32-bit byte offsets into one {@link Heap}.
 *
 * ```
 *   0            4 KiB                                   byteLength
 *   +------------+---------------------------------------+
 *   | NULL page  |  mapped and unmapped regions ...      |
 *   +------------+---------------------------------------+
 *   ^ address 0 is NULL and is never handed out
 * ```
 *
 * An address is a plain `number` (no boxing on hot paths). It is stored in the heap as
 * one word of the object layout's width (8 bytes in the 64-bit layout, low half used).
 *
 * @module
 */

/** A byte offset into a heap; `0` is {@link NULL}. Always an integer in `[0, 2**32)`. */
export type Address = number;

/** The null address. No allocator ever returns it for a successful allocation. */
export const NULL: Address = 0;

/** Largest byte length a heap can have: addresses are unsigned 32-bit. */
export const MAX_HEAP_BYTES = 2 ** 32;

/** True when `n` is a positive power of two. */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && Number.isInteger(Math.log2(n));
}

/**
 * Rounds `n` up to a multiple of `alignment` (a power of two).
 * @example alignUp(13, 8) // 16
 */
export function alignUp(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}

/**
 * Rounds `n` down to a multiple of `alignment` (a power of two).
 * @example alignDown(13, 8) // 8
 */
export function alignDown(n: number, alignment: number): number {
  return Math.floor(n / alignment) * alignment;
}

/**
 * Formats an address as CPython prints pointers: `0x` and lower-case hex. A value that is no
 * address at all (negative, fractional, NaN, too large, not a number) is printed as given.
 * @example formatAddress(0x1010) // "0x00001010";  formatAddress(-10) // "-10 (not an address)"
 */
export function formatAddress(address: Address): string {
  if (typeof address === "number" && Number.isInteger(address) && address >= 0 && address < MAX_HEAP_BYTES) {
    return `0x${address.toString(16).padStart(8, "0")}`;
  }
  return `${formatValue(address)} (not an address)`;
}

/**
 * Prints a value given where a number was expected, faithfully: `-10`, `NaN`, `1.8`,
 * `Infinity`, `10n` for a bigint, `"12"` for a string, `undefined`.
 */
export function formatValue(value: unknown): string {
  switch (typeof value) {
    case "bigint":
      return `${value}n`;
    case "string":
      return JSON.stringify(value);
    case "symbol":
      return value.toString();
    case "object":
      return value === null
        ? "null"
        : Array.isArray(value)
          ? `[${value.map(formatValue).join(", ")}]`
          : "an object";
    case "function":
      return "a function";
    default:
      return Object.is(value, -0) ? "-0" : String(value);
  }
}
