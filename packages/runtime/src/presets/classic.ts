/**
 * Preset `classic`: the allocator of the design notes (and of CPython up to 3.7 on 64-bit):
 * pymalloc with 8-byte alignment, 256 KiB arenas and 4 KiB pools; everything else as
 * `cpython311`.
 *
 * @module
 */
import type { RuntimeOptions } from "../options";

/**
 * 256 KiB arenas, 4 KiB pools, 8-byte alignment.
 * @example
 * ```ts
 * import { classic, createRuntime } from "@pymem/runtime";
 *
 * const rt = createRuntime({ ...classic, freeLists: false }); // classic's pymalloc, no free lists
 * const { arenaSize, poolSize, alignment } = rt.parts.objectDomain.config;
 * console.log(arenaSize, poolSize, alignment); // 262144 4096 8
 * ```
 */
export const classic = {
  /** Object header layout: CPython's 64-bit sizes. */
  layout: "64-bit",
  /** Page provider over the heap ("the operating system"). */
  pages: "heap",
  /** Raw allocator: TLSF, standing in for the system malloc. */
  raw: "tlsf",
  /** Objects from pymalloc. */
  objectDomain: "pymalloc",
  /** pymalloc of the design notes: 8-byte alignment, 256 KiB arenas, 4 KiB pools. */
  pymalloc: "classic",
  /** CPython's free lists (float 100, list 80, dict 80, tuple 20 x 2000, dict keys 80). */
  freeLists: true,
  /** Immediate reference counting, as CPython. */
  refcount: "immediate",
  /** CPython's three-generation cycle collector, with its thresholds (700, 10, 10). */
  gc: "generational",
} as const satisfies RuntimeOptions;
