/**
 * The allocator layers of a composition, and the runtime options that compose them.
 *
 * ```
 *  heap       (the preset's: an ArrayBuffer that grows on demand, 1 GiB at most)
 *    pages    "the OS": map/unmap pages, peak mapped bytes
 *      raw    --raw tlsf | first-fit | a plugin's: the PyMem_Raw domain
 *        objectDomain  --allocator pymalloc: arenas/pools/blocks <= 512 B, everything else
 *                      forwarded to the raw domain; --allocator raw: the raw allocator itself
 * ```
 *
 * Workloads run on a whole runtime (`createRuntime(runtimeOptions(c))`); a trace replay needs
 * only these layers, built by the runtime's own `createAllocatorStack` from the same options,
 * so that both see the same allocators — and any strategy registered by name (a plugin's)
 * works in both. pymalloc's geometry is the preset's (cpython311: 16 B alignment, 1 MiB
 * arenas, 16 KiB pools; classic: 8 B, 256 KiB, 4 KiB) with `--alignment`, `--arena-size` and
 * `--pool-size` on top; pymalloc checks the result and raises `ConfigurationError` when it
 * cannot work.
 *
 * @module
 */
import type { Allocator, Heap, PageProvider } from "@pymem/core";
import { PYMALLOC_PRESETS, PymallocAllocator, type PymallocConfig } from "@pymem/pymalloc";
import { createAllocatorStack, presets, type RuntimeOptions } from "@pymem/runtime";
import { UsageError } from "./cli-error";
import type { Composition } from "./composition";

/** Thresholds a preset without its own uses as the base of `--threshold`. */
const DEFAULT_THRESHOLDS: readonly number[] = [700, 10, 10];

/** The layers a report reads. */
export interface MemoryStack {
  /** The heap. */
  heap: Heap;
  /** The page provider everything maps from. */
  pages: PageProvider;
  /** The raw domain. */
  raw: Allocator;
  /** pymalloc, or null when the object domain is the raw allocator. */
  pymalloc: PymallocAllocator | null;
  /** Where object-domain requests go: pymalloc, or the raw allocator. */
  objectDomain: Allocator;
}

/** The preset's pymalloc configuration with the composition's geometry applied. */
function pymallocConfig(c: Composition, presetConfig: RuntimeOptions["pymalloc"]): PymallocConfig {
  const base =
    typeof presetConfig === "object" ? presetConfig : PYMALLOC_PRESETS[presetConfig ?? "cpython311"];
  return {
    ...base,
    alignment: c.alignment ?? base.alignment,
    arenaSize: c.arenaSize ?? base.arenaSize,
    poolSize: c.poolSize ?? base.poolSize,
  };
}

/**
 * The runtime options of a composition: the preset, with every given option overriding its slot.
 * @throws UsageError for pymalloc geometry without pymalloc, thresholds without a collector, or
 *   more than one threshold for the single-generation mark-sweep collector
 */
export function runtimeOptions(c: Composition): RuntimeOptions {
  const base: RuntimeOptions = presets[c.preset];
  const objectDomain = c.allocator ?? (base.objectDomain as string | undefined) ?? "pymalloc";
  const gc = c.gc ?? (base.gc as string | undefined) ?? "generational";
  const geometry = c.arenaSize !== undefined || c.poolSize !== undefined || c.alignment !== undefined;
  if (geometry && objectDomain !== "pymalloc") {
    throw new UsageError(
      "--arena-size, --pool-size and --alignment configure pymalloc, but this composition's object allocator is raw (add --allocator pymalloc)",
    );
  }
  if (c.threshold !== undefined && gc === "none") {
    throw new UsageError(
      "--threshold sets the cycle collector's thresholds, but this composition has --gc none",
    );
  }
  if (c.threshold !== undefined && gc === "mark-sweep" && c.threshold.length > 1) {
    throw new UsageError(
      `--gc mark-sweep has one threshold, but --threshold ${c.threshold.join(",")} gives ${c.threshold.length}`,
    );
  }
  const options: { -readonly [K in keyof RuntimeOptions]: RuntimeOptions[K] } = { ...base, objectDomain, gc };
  if (c.raw !== undefined) options.raw = c.raw;
  if (c.freeLists !== undefined) options.freeLists = c.freeLists;
  if (geometry) options.pymalloc = pymallocConfig(c, base.pymalloc);
  if (c.threshold !== undefined) {
    const thresholds = [...(base.gcThresholds ?? DEFAULT_THRESHOLDS)];
    c.threshold.forEach((t, i) => {
      thresholds[i] = t;
    });
    options.gcThresholds = thresholds;
  }
  return options;
}

/**
 * Builds the allocator layers of a composition, without the object model (for trace replay).
 * @throws ConfigurationError when pymalloc rejects the geometry (e.g. a pool larger than an arena)
 */
export function createMemoryStack(c: Composition): MemoryStack {
  return stackOf(createAllocatorStack(runtimeOptions(c)));
}

/** The layers of a runtime's parts, for reports. */
export function stackOf(parts: {
  heap: Heap;
  pages: PageProvider;
  raw: Allocator;
  objectDomain: Allocator;
}): MemoryStack {
  const pymalloc = parts.objectDomain instanceof PymallocAllocator ? parts.objectDomain : null;
  return { heap: parts.heap, pages: parts.pages, raw: parts.raw, pymalloc, objectDomain: parts.objectDomain };
}
