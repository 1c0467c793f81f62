/**
 * Preset `minimal`: the reference to copy when adding a preset — reference counting over
 * the raw allocator alone: no pymalloc, no free lists, no cycle collector (cycles leak).
 *
 * @module
 */
import type { RuntimeOptions } from "../options";

/**
 * Raw allocator only, no free lists, no cycle collector.
 * @example
 * ```ts
 * import { createRuntime, minimal, PyList } from "@pymem/runtime";
 *
 * const rt = createRuntime(minimal);
 * rt.parts.objectDomain.name; // "tlsf": objects come straight from the raw allocator
 * const f = rt.frame();
 * f.set("a", rt.list());
 * f.get("a", PyList).append(f.get("a")); // a.append(a): the list refers to itself
 * f.del("a");                            // del a: its own reference keeps it alive
 * rt.gc.collect();                       // 0: there is no collector, the cycle leaks
 * ```
 */
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
