/**
 * Tunables of the allocator and their named presets, with the one function that checks
 * their constraints.
 *
 * Reference: CPython 3.11, Objects/obmalloc.c, "Main tunable settings section"
 * (the same macros live in Include/internal/pycore_obmalloc.h from 3.12 on).
 *
 * ```
 *  preset        ALIGNMENT  SMALL_REQUEST_THRESHOLD  classes  ARENA_SIZE        POOL_SIZE        keep last free arena
 *  cpython311    16 B       512 B                    32       1 MiB (bits 20)   16 KiB (bits 14)  yes (bpo-37257)
 *  classic        8 B       512 B                    64       256 KiB (bits 18)  4 KiB (bits 12)  no
 * ```
 *
 * cpython311 is what 3.11 builds on 64-bit Linux: `SIZEOF_VOID_P > 4` gives `ALIGNMENT 16` /
 * `ALIGNMENT_SHIFT 4`; `USE_LARGE_ARENAS` gives `ARENA_BITS 20`; `WITH_PYMALLOC_RADIX_TREE 1`
 * enables `USE_LARGE_POOLS`, which gives `POOL_BITS 14`; `NB_SMALL_SIZE_CLASSES` is
 * `SMALL_REQUEST_THRESHOLD / ALIGNMENT` = 32. classic is the layout of the design notes and of
 * CPython 3.7 and earlier on 64-bit: 8-byte alignment (3.8 moved to 16), 256 KiB arenas and
 * 4 KiB pools (kept through 3.9), 64 size classes, and wholly free arenas always released
 * (3.8's bpo-37257 keeps the last one).
 *
 * Constraints (checked by {@link validatePymallocConfig}, each violation a ConfigurationError):
 *  - alignment is a power of two, at least 8 (a free block holds an 8-byte link)
 *  - alignment <= smallRequestThreshold, and the threshold is a multiple of the alignment
 *  - at most 64 size classes (CPython's usedpools table holds 64)
 *  - poolSize is a power of two with room for the pool header and two of the largest blocks
 *    (a pool in the "used" state always has at least one free and one allocated block)
 *  - arenaSize is a power of two, at least poolSize (so a whole number of pools), at most 1 GiB
 *
 * @module
 */
import { ConfigurationError, isPowerOfTwo } from "@pymem/core";
import { POOL_HEADER_BYTES } from "./pool-header";

/** The tunables of {@link PymallocAllocator}. All sizes in bytes. */
export interface PymallocConfig {
  /**
   * Alignment of every block, and spacing of the size classes (ALIGNMENT).
   * @defaultValue 16 (cpython311)
   */
  readonly alignment: number;
  /**
   * Largest request served from pools; larger ones and 0-byte ones go to the raw allocator
   * (SMALL_REQUEST_THRESHOLD).
   * @defaultValue 512
   */
  readonly smallRequestThreshold: number;
  /**
   * Bytes of each arena mapped from the page provider, aligned to its own size (ARENA_SIZE).
   * @defaultValue 1 MiB (cpython311)
   */
  readonly arenaSize: number;
  /**
   * Bytes of each pool, the unit an arena is cut into (POOL_SIZE).
   * @defaultValue 16 KiB (cpython311)
   */
  readonly poolSize: number;
  /**
   * Keep a wholly free arena mapped when it is the last one in `usable_arenas`, so that a loop
   * that allocates and frees one object does not map and unmap an arena every time (bpo-37257,
   * CPython 3.8+). `trim()` releases it on demand.
   * @defaultValue true (cpython311)
   */
  readonly retainLastFreeArena: boolean;
  /**
   * Report the "arena map counts" section of CPython 3.10+'s radix tree in the statistics.
   * @defaultValue true (cpython311)
   */
  readonly radixTreeStats: boolean;
}

/** Names of the built-in presets. */
export type PymallocPresetName = "cpython311" | "classic";

/** CPython 3.11 on 64-bit Linux: 16-byte alignment, 32 size classes, 1 MiB arenas, 16 KiB pools. */
export const CPYTHON_311: Readonly<PymallocConfig> = Object.freeze({
  alignment: 16,
  smallRequestThreshold: 512,
  arenaSize: 1 << 20, // ARENA_BITS 20: 1 MiB
  poolSize: 1 << 14, // POOL_BITS 14: 16 KiB
  retainLastFreeArena: true,
  radixTreeStats: true,
});

/** The design notes' layout (CPython <= 3.7, 64-bit): 8-byte alignment, 64 size classes, 256 KiB arenas, 4 KiB pools. */
export const CLASSIC: Readonly<PymallocConfig> = Object.freeze({
  alignment: 8,
  smallRequestThreshold: 512,
  arenaSize: 1 << 18, // ARENA_BITS 18: 256 KiB
  poolSize: 1 << 12, // POOL_BITS 12: 4 KiB
  retainLastFreeArena: false,
  radixTreeStats: false,
});

/** The presets by name. */
export const PYMALLOC_PRESETS: Readonly<Record<PymallocPresetName, Readonly<PymallocConfig>>> = Object.freeze(
  {
    cpython311: CPYTHON_311,
    classic: CLASSIC,
  },
);

/** Most size classes the allocator supports (CPython's usedpools table has 64 entries). */
export const MAX_SIZE_CLASSES = 64;
/** Smallest alignment: a free block stores an 8-byte link word. */
export const MIN_ALIGNMENT = 8;
/** Largest arena: 1 GiB (2**30 bytes), a quarter of the 32-bit address space. */
export const MAX_ARENA_BYTES = 1 << 30;

/** A validated configuration with the constants derived from it. */
export interface ResolvedPymallocConfig extends PymallocConfig {
  /** Preset name, or "custom". */
  readonly name: PymallocPresetName | "custom";
  /** log2(alignment) (ALIGNMENT_SHIFT). */
  readonly alignmentShift: number;
  /** log2(arenaSize) (ARENA_BITS). */
  readonly arenaBits: number;
  /** log2(poolSize) (POOL_BITS). */
  readonly poolBits: number;
  /** smallRequestThreshold / alignment (NB_SMALL_SIZE_CLASSES). */
  readonly sizeClassCount: number;
  /** Bytes before a pool's first block: the 48-byte header rounded up to the alignment (POOL_OVERHEAD). */
  readonly poolOverhead: number;
  /** arenaSize / poolSize (MAX_POOLS_IN_ARENA). */
  readonly poolsPerArena: number;
}

function requireInteger(option: string, value: unknown): asserts value is number {
  if (!(typeof value === "number" && Number.isInteger(value) && value > 0)) {
    throw new ConfigurationError(option, "a positive integer", value);
  }
}

function requireBoolean(option: string, value: unknown): void {
  if (typeof value !== "boolean") throw new ConfigurationError(option, "a boolean", value);
}

/**
 * Checks every constraint of a configuration (listed in this module's comment).
 * @throws ConfigurationError naming the first option that breaks one, with what was expected
 * @example validatePymallocConfig({ ...CPYTHON_311, poolSize: 3000 }) // throws: poolSize must be a power of two
 */
export function validatePymallocConfig(config: PymallocConfig): void {
  const { alignment, smallRequestThreshold: threshold, arenaSize, poolSize } = config;
  requireInteger("alignment", alignment);
  requireInteger("smallRequestThreshold", threshold);
  requireInteger("arenaSize", arenaSize);
  requireInteger("poolSize", poolSize);
  requireBoolean("retainLastFreeArena", config.retainLastFreeArena);
  requireBoolean("radixTreeStats", config.radixTreeStats);
  if (!isPowerOfTwo(alignment)) throw new ConfigurationError("alignment", "a power of two", alignment);
  if (alignment < MIN_ALIGNMENT) {
    throw new ConfigurationError(
      "alignment",
      `at least ${MIN_ALIGNMENT} (a free block holds an 8-byte link)`,
      alignment,
    );
  }
  if (threshold < alignment) {
    throw new ConfigurationError("smallRequestThreshold", `at least the alignment (${alignment})`, threshold);
  }
  if (threshold % alignment !== 0) {
    throw new ConfigurationError(
      "smallRequestThreshold",
      `a multiple of the alignment (${alignment})`,
      threshold,
    );
  }
  if (threshold / alignment > MAX_SIZE_CLASSES) {
    throw new ConfigurationError(
      "smallRequestThreshold",
      `at most ${MAX_SIZE_CLASSES} size classes, i.e. at most ${MAX_SIZE_CLASSES * alignment} with alignment ${alignment}`,
      threshold,
    );
  }
  if (!isPowerOfTwo(poolSize)) throw new ConfigurationError("poolSize", "a power of two", poolSize);
  const overhead = roundUp(POOL_HEADER_BYTES, alignment);
  if (poolSize < overhead + 2 * threshold) {
    throw new ConfigurationError(
      "poolSize",
      `room for the ${overhead}-byte pool header and two ${threshold}-byte blocks (at least ${overhead + 2 * threshold})`,
      poolSize,
    );
  }
  if (!isPowerOfTwo(arenaSize)) throw new ConfigurationError("arenaSize", "a power of two", arenaSize);
  if (arenaSize < poolSize) {
    throw new ConfigurationError(
      "arenaSize",
      `at least the pool size (${poolSize}), a whole number of pools`,
      arenaSize,
    );
  }
  if (arenaSize > MAX_ARENA_BYTES) {
    throw new ConfigurationError("arenaSize", `at most ${MAX_ARENA_BYTES} (1 GiB)`, arenaSize);
  }
}

function roundUp(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}

function presetName(config: PymallocConfig): PymallocPresetName | "custom" {
  for (const name of Object.keys(PYMALLOC_PRESETS) as PymallocPresetName[]) {
    const preset = PYMALLOC_PRESETS[name];
    if (
      preset.alignment === config.alignment &&
      preset.smallRequestThreshold === config.smallRequestThreshold &&
      preset.arenaSize === config.arenaSize &&
      preset.poolSize === config.poolSize &&
      preset.retainLastFreeArena === config.retainLastFreeArena &&
      preset.radixTreeStats === config.radixTreeStats
    ) {
      return name;
    }
  }
  return "custom";
}

/**
 * Validates a configuration (or looks up a preset by name) and derives its constants.
 * @param config - a preset name or a full configuration (default "cpython311")
 * @throws ConfigurationError for an unknown preset name or a configuration that breaks a constraint
 * @example resolvePymallocConfig("classic").sizeClassCount // 64
 */
export function resolvePymallocConfig(
  config: PymallocConfig | PymallocPresetName = "cpython311",
): ResolvedPymallocConfig {
  let base: PymallocConfig;
  if (typeof config === "string") {
    const preset = (PYMALLOC_PRESETS as Record<string, PymallocConfig | undefined>)[config];
    if (preset === undefined) {
      throw new ConfigurationError(
        "config",
        `a preset name (${Object.keys(PYMALLOC_PRESETS).join(", ")})`,
        config,
      );
    }
    base = preset;
  } else {
    if (typeof config !== "object" || config === null) {
      throw new ConfigurationError("config", "a configuration object or a preset name", config);
    }
    base = config;
  }
  validatePymallocConfig(base);
  const { alignment, smallRequestThreshold, arenaSize, poolSize } = base;
  return Object.freeze({
    alignment,
    smallRequestThreshold,
    arenaSize,
    poolSize,
    retainLastFreeArena: base.retainLastFreeArena,
    radixTreeStats: base.radixTreeStats,
    name: presetName(base),
    alignmentShift: Math.log2(alignment),
    arenaBits: Math.log2(arenaSize),
    poolBits: Math.log2(poolSize),
    sizeClassCount: smallRequestThreshold / alignment,
    poolOverhead: roundUp(POOL_HEADER_BYTES, alignment),
    poolsPerArena: arenaSize / poolSize,
  });
}
