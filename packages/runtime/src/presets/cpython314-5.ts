/**
 * Preset `cpython314_5`: CPython 3.14.5 and later 3.14 releases on 64-bit Linux — 3.14.0
 * with the incremental collector replaced by the forward-ported generational collector of
 * 3.13 (python/cpython#148726): three generations, thresholds (2000, 10, 10), immortal
 * objects reported as 3221225472. The heap_size bookkeeping that release added
 * (python/cpython#149195) is not reproduced: its effect on collections was not established.
 *
 * @module
 */
import type { RuntimeOptions } from "../options";

/**
 * CPython 3.14.5, 64-bit: 3.13's generational collector restored.
 * @example
 * ```ts
 * import { createRuntime, cpython314_5 } from "@pymem/runtime";
 *
 * const rt = createRuntime(cpython314_5);
 * rt.parts.collector.name; // "generational"
 * rt.gc.get_threshold();   // [2000, 10, 10]
 * ```
 */
export const cpython314_5 = {
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
  /** 3.12's object layouts. */
  config: { unicodeWstr: false, latin1Utf8: true, instanceDictOrValues: true },
  /** The three-generation collector, as restored in 3.14.5. */
  gc: "generational",
  /** Generation thresholds (2000, 10, 10). */
  gcThresholds: [2000, 10, 10],
} as const satisfies RuntimeOptions;
