/**
 * Preset `cpython313`: CPython 3.13 on 64-bit Linux — as `cpython312`, with the first
 * generation threshold raised to 2000 (Python/gc.c of 3.13: thresholds (2000, 10, 10)).
 *
 * @module
 */
import type { RuntimeOptions } from "../options";

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
  /** Object header layout: CPython's 64-bit sizes. */
  layout: "64-bit",
  /** Page provider over the heap ("the operating system"). */
  pages: "heap",
  /** Raw allocator: TLSF, standing in for the system malloc. */
  raw: "tlsf",
  /** Objects from pymalloc. */
  objectDomain: "pymalloc",
  /** pymalloc as CPython 3.11 on builds it: 16-byte alignment, 1 MiB arenas, 16 KiB pools. */
  pymalloc: "cpython311",
  /** CPython's free lists (float 100, list 80, dict 80, tuple 20 x 2000, dict keys 80). */
  freeLists: true,
  /** Immediate reference counting, as CPython. */
  refcount: "immediate",
  /** PEP 683: None, the bools, the small ints and the static strs are immortal (reported 4294967295). */
  immortality: { kind: "immortal", reportedRefcount: 4294967295 },
  /** 3.12's object layouts: str without wstr, static Latin-1 strs with UTF-8, instance dict-or-values. */
  config: { unicodeWstr: false, latin1Utf8: true, instanceDictOrValues: true },
  /** CPython's three-generation cycle collector. */
  gc: "generational",
  /** Generation thresholds (2000, 10, 10). */
  gcThresholds: [2000, 10, 10],
} as const satisfies RuntimeOptions;
