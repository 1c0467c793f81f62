/**
 * Preset `minimal`: the reference to copy when adding a preset — reference counting over
 * the raw allocator alone: no pymalloc, no free lists, no cycle collector (cycles leak).
 *
 * @module
 */
import type { RuntimeOptions } from "../options";

/** Raw allocator only, no free lists, no cycle collector. */
export const minimal = {
  layout: "64-bit",
  pages: "heap",
  raw: "tlsf",
  objectDomain: "raw",
  freeLists: false,
  refcount: "immediate",
  gc: "none",
} as const satisfies RuntimeOptions;
