/**
 * Number formatting for reports: byte counts, counts, rates, durations and ratios.
 *
 * ```
 *  formatBytes(3145728)      "3.00 MiB"        binary units, 3 significant decimals at most
 *  formatCount(1234567)      "1,234,567"       thousands separators, as CPython's stats
 *  formatRate(1.5e6)         "1.50 M/s"
 *  formatDuration(1234.5)    "1.23 s"          ms below one second
 *  formatPercent(0.1234)     "12.3 %"
 * ```
 *
 * @module
 */
import { formatThousands } from "@pymem/core";

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/** Bytes with the largest binary unit that keeps the number at least 1. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(2)} ${BYTE_UNITS[unit]}`;
}

/** A non-negative integer with thousands separators. */
export function formatCount(n: number): string {
  return formatThousands(Math.max(0, Math.round(n)));
}

/** Operations per second with a k/M/G suffix. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return "n/a";
  if (perSecond >= 1e9) return `${(perSecond / 1e9).toFixed(2)} G/s`;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(2)} k/s`;
  return `${perSecond.toFixed(0)} /s`;
}

/** Milliseconds as "12.3 ms" or "1.23 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(1)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** A ratio in [0, 1] as a percentage with one decimal. */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`;
}
