/**
 * Tunables and fixed constants of the cycle collectors, with the one function that checks
 * them. Defaults are CPython 3.11's (Modules/gcmodule.c, Include/internal/pycore_gc.h).
 *
 * ```
 *  generation:   0 (young)        1 (middle)        2 (old)         permanent (frozen)
 *  threshold:    700 allocations  10 gen-0 runs     10 gen-1 runs   never collected
 *  count:        allocs - deallocs  gen-0 runs since gen-1 ran  gen-1 runs since gen-2 ran
 *
 *  full collection (generation 2) additionally needs
 *      long_lived_pending  >  long_lived_total / 4          (issue #4074: amortised linear)
 * ```
 *
 * gc_refs lives in the GC header's gc_prev word during a collection, above the two flag bits:
 *
 * ```
 *  bit 31 ................................ 2   1            0
 *  |          gc_refs (30 bits)            | COLLECTING | FINALIZED |
 * ```
 *
 * so a copied refcount is capped at {@link MAX_GC_REFS}; larger counts (immortal objects)
 * stay far above anything subtract_refs can remove, and the object stays reachable.
 *
 * @module
 */
import { ConfigurationError } from "@pymem/core";

// ---- Generations -----------------------------------------------------------------------

/** Generations of CPython's collector (NUM_GENERATIONS). */
export const NUM_GENERATIONS = 3;
/** Index of the oldest generation: collecting it is a "full" collection. */
export const OLDEST_GENERATION = NUM_GENERATIONS - 1;
/** CPython's default thresholds: 700 container allocations, then 10 and 10 collections. */
export const DEFAULT_THRESHOLDS: readonly number[] = Object.freeze([700, 10, 10]);
/** A full collection needs long_lived_pending > long_lived_total / this (25 %). */
export const LONG_LIVED_DIVISOR = 4;

// ---- Incremental collector (CPython 3.14.0) -----------------------------------------

/**
 * CPython 3.14's thresholds: 2000 container allocations start an increment; threshold[1]
 * scales the share of the heap an increment examines (10: 1 %); threshold[2] is unused
 * (Include/internal/pycore_runtime_init.h; `gc.get_threshold()` reports `(2000, 10, 0)`).
 */
export const INCREMENTAL_THRESHOLDS: readonly number[] = Object.freeze([2000, 10, 0]);
/** The heap size is divided by this and by max(2, threshold[1]) to size increments. */
export const SCAN_RATE_DIVISOR = 10;
/** The work counter's starting value (pycore_runtime_init.h: `.work_to_do = -5000`). */
export const INITIAL_WORK_TO_DO = -5000;

// ---- gc_refs in gc_prev ----------------------------------------------------------------

/** Bits of gc_prev below gc_refs (FINALIZED, COLLECTING). */
export const GC_REFS_SHIFT = 2;
/** One gc_refs unit as stored in gc_prev (1 << GC_REFS_SHIFT). */
export const GC_REFS_ONE = 1 << GC_REFS_SHIFT;
/** Largest gc_refs a 32-bit gc_prev word holds (2^30 - 1 references). */
export const MAX_GC_REFS = 0x3fffffff;

// ---- gc_refs table (Reachability's table mode) ----------------------------------------

/**
 * Smallest set of objects for which deduce_unreachable keeps gc_refs in a dense table
 * instead of the GC headers. Even with the objects in the processor's caches the table's
 * visits are cheaper (one byte per referent against its type word and gc_prev): measured on
 * a live graph, 58 against 71 ns per object at 10^3–10^4 objects, 4x faster at 10^6; on all-
 * garbage sets of 10^4 the two modes are even. Young collections (generation 0, a few hundred
 * objects; generation 1, up to a few thousand with the default thresholds), where much of
 * the set is garbage, use the headers, as CPython does.
 */
export const DEFAULT_TABLE_THRESHOLD = 8192;
/**
 * Most table entries per object of the set: the set's address range, in units of the
 * object header size, may be at most this many times its size (else the headers are used).
 */
export const TABLE_MAX_SPREAD = 32;
/** A table of up to this many entries (1 MiB) is used whatever the spread. */
export const TABLE_ALWAYS_ENTRIES = 1 << 20;
/** Most entries (bytes) the table may have (2^27: 128 MiB), whatever the set's size. */
export const TABLE_MAX_ENTRIES = 1 << 27;

// ---- Mark-and-sweep ----------------------------------------------------------------------

/** Default allocation threshold of the mark-and-sweep collector (container allocations). */
export const DEFAULT_MARK_SWEEP_THRESHOLD = 700;
/**
 * Default growth ratio of the mark-and-sweep collector: an automatic collection also needs
 * the allocations since the last one to exceed this fraction of its survivors (25 %), the
 * same amortisation as CPython's long-lived rule.
 */
export const DEFAULT_MARK_SWEEP_GROWTH = 0.25;

// ---- Limits ------------------------------------------------------------------------------

/** Smallest threshold Python's `gc.set_threshold` accepts (a C int). */
export const MIN_THRESHOLD = -(2 ** 31);
/** Largest threshold Python's `gc.set_threshold` accepts (a C int). */
export const MAX_THRESHOLD = 2 ** 31 - 1;

/** The tunables of a collector, as resolved from its options. */
export interface CollectorConfig {
  /** Thresholds, one per generation. */
  thresholds: readonly number[];
  /** Growth ratio of the mark-and-sweep trigger (ignored by the other collectors). */
  growth?: number;
}

/**
 * Checks a threshold value: an integer in C int range, as Python's "i" argument format.
 * Python accepts 0 (disables automatic collection of generation 0) and negative values.
 * @throws ConfigurationError naming the option when it is not
 */
export function validateThreshold(value: number, option: string): void {
  if (!(Number.isInteger(value) && value >= MIN_THRESHOLD && value <= MAX_THRESHOLD)) {
    throw new ConfigurationError(option, `an integer from ${MIN_THRESHOLD} to ${MAX_THRESHOLD}`, value);
  }
}

/**
 * Checks a collector's tunables: `generations` thresholds (each a C int) and, when present,
 * a growth ratio that is a finite number from 0 to 16.
 * @throws ConfigurationError naming the first offending option
 */
export function validateCollectorConfig(config: CollectorConfig, generations: number): void {
  if (!Array.isArray(config.thresholds) || config.thresholds.length !== generations) {
    throw new ConfigurationError(
      "thresholds",
      `an array of ${generations} integer(s)`,
      Array.isArray(config.thresholds) ? `[${config.thresholds.join(", ")}]` : config.thresholds,
    );
  }
  for (let i = 0; i < generations; i++) validateThreshold(config.thresholds[i]!, `thresholds[${i}]`);
  if (config.growth !== undefined) {
    const g = config.growth;
    if (!(typeof g === "number" && Number.isFinite(g) && g >= 0 && g <= 16)) {
      throw new ConfigurationError("growth", "a finite number from 0 to 16", g);
    }
  }
}
