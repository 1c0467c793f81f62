/**
 * Tunables of the reference-counting strategies, in one place, with the conditions that
 * must hold between them checked by {@link validateRefcountConfig}.
 *
 * ```
 *  pending stack   Uint32Array, starts at pendingCapacity entries, doubles when full
 *  ZCT (deferred)  Uint32Array, flushed when it holds more than queueLimit entries
 *  object states   2 bits per BITMAP_GRANULE bytes of heap ("live", "queued")
 * ```
 *
 * @module
 */
import { ConfigurationError } from "@pymem/core";

/** log2 of the bytes one bitmap bit stands for. */
export const BITMAP_GRANULE_SHIFT = 3;
/** Bytes one bitmap bit stands for (8 B): object addresses are multiples of it. */
export const BITMAP_GRANULE = 1 << BITMAP_GRANULE_SHIFT;
/** Bitmap bits per 32-bit word. */
export const BITMAP_WORD_BITS = 32;
/** Heap bytes covered by one 32-bit bitmap word (256 B). */
export const BITMAP_WORD_SPAN = BITMAP_GRANULE * BITMAP_WORD_BITS;

/** Upper bound of the capacities below: 2**28 entries (1 GiB of `Uint32Array`). */
export const MAX_STACK_ENTRIES = 1 << 28;

/** Tunables of {@link ImmediateRefcount} and {@link DeferredRefcount}. */
export interface RefcountConfig {
  /**
   * Initial capacity, in addresses, of the stack of objects whose count reached zero and
   * whose deallocation has not run yet. It doubles when full. Constraint: integer in
   * `[1, MAX_STACK_ENTRIES]`.
   * @defaultValue 1024
   */
  pendingCapacity: number;
  /**
   * {@link DeferredRefcount} only: the zero-count table is flushed automatically when a
   * decrement would make it hold more than this many objects. Constraint: integer in
   * `[1, MAX_STACK_ENTRIES]`.
   * @defaultValue 4096
   */
  queueLimit: number;
}

/** CPython has no such tunables; these defaults keep the side arrays small (16 KiB each). */
export const DEFAULT_REFCOUNT_CONFIG: Readonly<RefcountConfig> = Object.freeze({
  pendingCapacity: 1024,
  queueLimit: 4096,
});

function checkCount(name: keyof RefcountConfig, value: number): void {
  if (!(Number.isInteger(value) && value >= 1 && value <= MAX_STACK_ENTRIES)) {
    throw new ConfigurationError(name, `an integer from 1 to ${MAX_STACK_ENTRIES}`, value);
  }
}

/**
 * Checks every constraint of a configuration.
 * @throws ConfigurationError naming the first option that breaks its constraint
 */
export function validateRefcountConfig(config: RefcountConfig): void {
  checkCount("pendingCapacity", config.pendingCapacity);
  checkCount("queueLimit", config.queueLimit);
}

/**
 * Fills omitted options with {@link DEFAULT_REFCOUNT_CONFIG} and validates the result.
 * @throws ConfigurationError for an option that breaks its constraint
 */
export function resolveRefcountConfig(partial: Partial<RefcountConfig> = {}): RefcountConfig {
  const config: RefcountConfig = {
    pendingCapacity: partial.pendingCapacity ?? DEFAULT_REFCOUNT_CONFIG.pendingCapacity,
    queueLimit: partial.queueLimit ?? DEFAULT_REFCOUNT_CONFIG.queueLimit,
  };
  validateRefcountConfig(config);
  return config;
}
