/**
 * Preset `cpython311`: CPython 3.11 on 64-bit Linux — TLSF as the system malloc, pymalloc
 * with 16-byte alignment, 1 MiB arenas and 16 KiB pools, CPython's free lists, immediate
 * reference counting and the three-generation collector with thresholds (700, 10, 10).
 * This is also what every omitted slot defaults to.
 *
 * @module
 */
import type { RuntimeOptions } from "../options";

/**
 * CPython 3.11, 64-bit: the default composition.
 * @example
 * ```ts
 * import { cpython311, createRuntime } from "@pymem/runtime";
 *
 * const rt = createRuntime(cpython311); // what createRuntime() builds
 * const { arenaSize, poolSize, alignment } = rt.parts.objectDomain.config;
 * console.log(arenaSize, poolSize, alignment); // 1048576 16384 16
 * rt.gc.get_threshold(); // [700, 10, 10]
 * rt.sys.getrefcount(null); // 5475: None is counted, not immortal
 * ```
 */
export const cpython311 = {
  /** Object header layout: CPython's 64-bit sizes. */
  layout: "64-bit",
  /** Page provider over the heap ("the operating system"). */
  pages: "heap",
  /** Raw allocator: TLSF, standing in for the system malloc. */
  raw: "tlsf",
  /** Objects from pymalloc. */
  objectDomain: "pymalloc",
  /** pymalloc as CPython 3.11 builds it: 16-byte alignment, 1 MiB arenas, 16 KiB pools. */
  pymalloc: "cpython311",
  /** CPython's free lists (float 100, list 80, dict 80, tuple 20 x 2000, dict keys 80). */
  freeLists: true,
  /** Immediate reference counting, as CPython. */
  refcount: "immediate",
  /** None, the bools and the small ints are counted from large starts (3.11 has no immortals). */
  immortality: { kind: "counted" },
  /** CPython's three-generation cycle collector, with its thresholds (700, 10, 10). */
  gc: "generational",
} as const satisfies RuntimeOptions;
