/**
 * Preset `cpython312`: CPython 3.12 on 64-bit Linux — as `cpython311`, with the static
 * singletons immortal (PEP 683: `sys.getrefcount(None)` is 4294967295 and never moves) and
 * 3.12's object layouts (str without `wstr`, instances with one dict-or-values word).
 *
 * @module
 */
import type { RuntimeOptions } from "../options";

/**
 * CPython 3.12, 64-bit: immortal objects (PEP 683) and 3.12's object layouts.
 * @example
 * ```ts
 * import { createRuntime, cpython312 } from "@pymem/runtime";
 *
 * const rt = createRuntime(cpython312);
 * rt.sys.getrefcount(null); // 4294967295
 * rt.sys.getsizeof("");     // 41
 * rt.gc.get_threshold();    // [700, 10, 10]
 * ```
 */
export const cpython312 = {
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
  /** Generation thresholds (700, 10, 10). */
  gcThresholds: [700, 10, 10],
} as const satisfies RuntimeOptions;
