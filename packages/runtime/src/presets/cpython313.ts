/**
 * Preset `cpython313`: CPython 3.13 on 64-bit Linux — as `cpython312`, with the first
 * generation threshold raised to 2000 (Python/gc.c of 3.13: thresholds (2000, 10, 10)).
 *
 * @module
 */
import type { RuntimeOptions } from "../options";
import { cpython312 } from "./cpython312";

/**
 * CPython 3.13, 64-bit: as 3.12, first threshold 2000.
 * @example
 * ```ts
 * import { createRuntime, cpython313 } from "@pymem/runtime";
 *
 * const rt = createRuntime(cpython313);
 * rt.gc.get_threshold(); // [2000, 10, 10]
 * ```
 */
export const cpython313 = {
  ...cpython312,
  /** Generation thresholds (2000, 10, 10). */
  gcThresholds: [2000, 10, 10],
} as const satisfies RuntimeOptions;
