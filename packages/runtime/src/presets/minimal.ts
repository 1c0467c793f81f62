/**
 * Preset `minimal`: the reference to copy when adding a preset — reference counting over
 * the raw allocator alone: no pymalloc, no free lists, no cycle collector (cycles leak).
 *
 * @module
 */
import type { RuntimeOptions } from "../options";

/** Raw allocator only, no free lists, no cycle collector. */
export const minimal = {
  /** Object header layout: CPython's 64-bit sizes. */
  layout: "64-bit",
  /** Page provider over the heap ("the operating system"). */
  pages: "heap",
  /** Raw allocator: TLSF, standing in for the system malloc. */
  raw: "tlsf",
  /** Objects straight from the raw allocator (PYTHONMALLOC=malloc). */
  objectDomain: "raw",
  /** No per-type free lists. */
  freeLists: false,
  /** Immediate reference counting, as CPython. */
  refcount: "immediate",
  /** No cycle collector: cycles leak. */
  gc: "none",
} as const satisfies RuntimeOptions;
