/**
 * The allocator stack a trace is replayed on: the three lower layers of a composition,
 * without the object model above them.
 *
 * ```
 *  ArrayBufferHeap                         the bytes (grows on demand, 1 GiB at most)
 *    HeapPageProvider                      "the OS": map/unmap pages, peak mapped bytes
 *      TlsfAllocator | FirstFitAllocator   --raw: the PyMem_Raw domain
 *        PymallocAllocator                 --allocator pymalloc: arenas/pools/blocks <= 512 B,
 *                                          everything else forwarded to the raw domain
 *  objectDomain = pymalloc, or the raw allocator itself with --allocator raw
 * ```
 *
 * pymalloc's geometry comes from the preset (cpython311: 16 B alignment, 1 MiB arenas, 16 KiB
 * pools; classic: 8 B, 256 KiB, 4 KiB) with `--alignment`, `--arena-size` and `--pool-size`
 * applied on top; pymalloc checks the result and raises `ConfigurationError` when it cannot work.
 *
 * @module
 */
import { type Allocator, ArrayBufferHeap, type Heap } from "@pymem/core";
import { type PymallocConfig, PymallocAllocator, PYMALLOC_PRESETS } from "@pymem/pymalloc";
import { type BoundaryTagAllocator, FirstFitAllocator, HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import type { Composition, ObjectDomainName, PresetName, RawName } from "./composition";

/** What each preset puts in the layers a trace replay uses. */
export interface PresetMemoryLayers {
  /** Raw allocator. */
  raw: RawName;
  /** Object-domain allocator. */
  allocator: ObjectDomainName;
  /** pymalloc geometry (ignored with allocator "raw"). */
  pymalloc: Readonly<PymallocConfig>;
}

/** The memory layers of each preset. */
export const PRESET_MEMORY_LAYERS: Readonly<Record<PresetName, PresetMemoryLayers>> = Object.freeze({
  cpython311: { raw: "tlsf", allocator: "pymalloc", pymalloc: PYMALLOC_PRESETS.cpython311 },
  classic: { raw: "first-fit", allocator: "pymalloc", pymalloc: PYMALLOC_PRESETS.classic },
  minimal: { raw: "tlsf", allocator: "raw", pymalloc: PYMALLOC_PRESETS.cpython311 },
});

/** The layers of a composition, built and wired. */
export interface MemoryStack {
  /** The heap. */
  heap: Heap;
  /** The page provider everything maps from. */
  pages: HeapPageProvider;
  /** The raw domain. */
  raw: BoundaryTagAllocator;
  /** pymalloc, or null with `--allocator raw`. */
  pymalloc: PymallocAllocator | null;
  /** Where object-domain requests go: pymalloc, or the raw allocator. */
  objectDomain: Allocator;
}

/**
 * Builds the allocator stack of a composition.
 * @throws ConfigurationError when pymalloc rejects the geometry (e.g. a pool larger than an arena)
 */
export function createMemoryStack(composition: Composition): MemoryStack {
  const layers = PRESET_MEMORY_LAYERS[composition.preset];
  const heap = new ArrayBufferHeap();
  const pages = new HeapPageProvider({ heap });
  const rawName = composition.raw ?? layers.raw;
  const raw: BoundaryTagAllocator = rawName === "first-fit" ? new FirstFitAllocator({ pages }) : new TlsfAllocator({ pages });
  let pymalloc: PymallocAllocator | null = null;
  if ((composition.allocator ?? layers.allocator) === "pymalloc") {
    pymalloc = new PymallocAllocator({ pages, raw, config: pymallocConfig(composition, layers.pymalloc) });
  }
  return { heap, pages, raw, pymalloc, objectDomain: pymalloc ?? raw };
}

/** The preset's pymalloc geometry with the composition's overrides applied. */
export function pymallocConfig(composition: Composition, base: Readonly<PymallocConfig>): PymallocConfig {
  return {
    ...base,
    alignment: composition.alignment ?? base.alignment,
    arenaSize: composition.arenaSize ?? base.arenaSize,
    poolSize: composition.poolSize ?? base.poolSize,
  };
}
