/**
 * Preset `cpython314`: CPython 3.14.0 on 64-bit Linux — 3.13's object model with the
 * incremental cycle collector (a young generation and two old spaces collected an increment
 * at a time; `gc.get_threshold()` is (2000, 10, 0)) and immortal objects reported as
 * 3221225472 (3 << 30, Include/refcount.h of 3.14).
 *
 * @module
 */
import type { RuntimeOptions } from "../options";

/**
 * CPython 3.14.0, 64-bit: the incremental cycle collector.
 * @example
 * ```ts
 * import { createRuntime, cpython314 } from "@pymem/runtime";
 *
 * const rt = createRuntime(cpython314);
 * rt.parts.collector.name; // "incremental"
 * rt.gc.get_threshold();   // [2000, 10, 0]
 * rt.sys.getrefcount(null); // 3221225472
 * ```
 */
export const cpython314 = {
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
  /** PEP 683 immortals, reported as 3.14's _Py_IMMORTAL_INITIAL_REFCNT (3 << 30). */
  immortality: { kind: "immortal", reportedRefcount: 3221225472 },
  /** 3.12's object layouts (3.14's own sizes are not measured: no 3.14 interpreter was at hand). */
  config: { unicodeWstr: false, latin1Utf8: true, instanceDictOrValues: true },
  /** 3.14.0's incremental collector. */
  gc: "incremental",
  /** Thresholds (2000, 10, 0): young threshold, scan-rate scale, unused. */
  gcThresholds: [2000, 10, 0],
} as const satisfies RuntimeOptions;
