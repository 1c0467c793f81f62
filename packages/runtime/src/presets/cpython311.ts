/**
 * Preset `cpython311`: CPython 3.11 on 64-bit Linux — TLSF as the system malloc, pymalloc
 * with 16-byte alignment, 1 MiB arenas and 16 KiB pools, CPython's free lists, immediate
 * reference counting and the three-generation collector with thresholds (700, 10, 10).
 * This is also what every omitted slot defaults to.
 *
 * @module
 */
import type { RuntimeOptions } from "../options";

/** CPython 3.11, 64-bit: the default composition. */
export const cpython311 = {
  layout: "64-bit",
  pages: "heap",
  raw: "tlsf",
  objectDomain: "pymalloc",
  pymalloc: "cpython311",
  freeLists: true,
  refcount: "immediate",
  gc: "generational",
  gcThresholds: [700, 10, 10],
} as const satisfies RuntimeOptions;
