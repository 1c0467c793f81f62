/**
 * The one rule for collector thresholds, shared by `createRuntime({ gcThresholds })`,
 * `rt.gc.set_threshold(...)` and the CLI's `--threshold`:
 *
 * ```
 *  1 to N integers, each a C int (-2147483648 .. 2147483647), as Python's set_threshold takes
 *  them: 0 turns automatic collection of that generation off; negatives are accepted
 *  N = the collector's generations:  generational 3   mark-sweep 1   none 0 (no thresholds at all)
 *  values set the thresholds from the youngest generation on; omitted ones keep their value
 *  more values than the collector has generations: ConfigurationError (never silently dropped)
 * ```
 *
 * @module
 */
import { ConfigurationError, formatValue } from "@pymem/core";

/** Thresholds each builtin collector takes. */
export const BUILTIN_COLLECTOR_THRESHOLDS = { generational: 3, "mark-sweep": 1, none: 0 } as const;

/** Smallest threshold (C `int`). */
export const MIN_GC_THRESHOLD = -(2 ** 31);
/** Largest threshold (C `int`). */
export const MAX_GC_THRESHOLD = 2 ** 31 - 1;

/**
 * How many thresholds a collector takes: its generation count, 0 for the collector that never
 * collects ("none").
 */
export function thresholdCount(collector: {
  readonly name: string;
  readonly generationCount: number;
}): number {
  return collector.name === "none" ? 0 : collector.generationCount;
}

/**
 * Checks thresholds against the rule (see the module comment).
 * @param values - what was given
 * @param count - how many the collector takes ({@link thresholdCount})
 * @param option - the option or function name, for the message
 * @param collectorName - the collector's name, for the message
 * @returns the values, as numbers
 * @throws ConfigurationError when they break the rule
 */
export function checkThresholds(
  values: unknown,
  count: number,
  option: string,
  collectorName: string,
): number[] {
  if (count === 0) {
    throw new ConfigurationError(
      option,
      `no thresholds: the "${collectorName}" collector never collects automatically`,
      formatValue(values),
    );
  }
  if (!Array.isArray(values) || values.length < 1 || values.length > count) {
    throw new ConfigurationError(
      option,
      `1 to ${count} integer threshold(s) for the "${collectorName}" collector (${count} generation(s))`,
      formatValue(values),
    );
  }
  values.forEach((v, i) => {
    if (!(typeof v === "number" && Number.isInteger(v) && v >= MIN_GC_THRESHOLD && v <= MAX_GC_THRESHOLD)) {
      throw new ConfigurationError(
        `${option}[${i}]`,
        `an integer from ${MIN_GC_THRESHOLD} to ${MAX_GC_THRESHOLD}`,
        formatValue(v),
      );
    }
  });
  return values as number[];
}
