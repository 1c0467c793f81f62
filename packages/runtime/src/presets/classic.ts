/**
 * Preset `classic`: the allocator of the design notes (and of CPython up to 3.7 on 64-bit):
 * pymalloc with 8-byte alignment, 256 KiB arenas and 4 KiB pools; everything else as
 * `cpython311`.
 *
 * @module
 */
import type { RuntimeOptions } from "../options";

/** 256 KiB arenas, 4 KiB pools, 8-byte alignment. */
export const classic = {
  layout: "64-bit",
  pages: "heap",
  raw: "tlsf",
  objectDomain: "pymalloc",
  pymalloc: "classic",
  freeLists: true,
  refcount: "immediate",
  gc: "generational",
  gcThresholds: [700, 10, 10],
} as const satisfies RuntimeOptions;
