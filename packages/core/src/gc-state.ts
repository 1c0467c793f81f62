/**
 * The state of Python's `gc` module that a collection reads and fills, kept apart from the
 * collector's mechanism: whether automatic collection is on, the DEBUG_* flags, `gc.garbage`,
 * `gc.callbacks` and the per-generation statistics. A collector reads `enabled` and `debug`,
 * appends to `garbage`, calls the `callbacks` and adds to `stats`; the `gc` module exposes
 * them with Python's names.
 *
 * ```
 *  GcState                         gc module                 collector
 *   enabled   true                 enable/disable/isenabled  onAllocate: collect only if enabled
 *   debug     DEBUG_* bits         set_debug/get_debug       DEBUG_STATS lines, SAVEALL
 *   garbage   Address[] (+1 each)  gc.garbage                uncollectable / SAVEALL objects
 *   callbacks ("start"|"stop")     gc.callbacks              around each collection
 *   stats     one per generation   get_stats                 collections, collected, uncollectable
 * ```
 *
 * @module
 */
import type { Address } from "./address";
import type { CollectionCallback, GenerationStats } from "./cycle-collector";
import { ConfigurationError } from "./errors";

/** Smallest C int (what `gc.set_debug` accepts). */
const INT_MIN = -0x80000000;
/** Largest C int. */
const INT_MAX = 0x7fffffff;

/**
 * The `gc` module's state of one collector.
 * @example
 * ```ts
 * const state = new GcState(3);
 * state.setDebug(DEBUG_SAVEALL);
 * state.getStats(); // [{ collections: 0, collected: 0, uncollectable: 0 }, ...] (3 entries)
 * ```
 */
export class GcState {
  /** Whether automatic collection is enabled (`gc.isenabled()`). */
  enabled = true;
  /** DEBUG_* flags (`gc.get_debug()`); set them with {@link GcState.setDebug}. */
  debug = 0;
  /** `gc.garbage`: objects the collector kept; each entry holds a strong reference. */
  readonly garbage: Address[] = [];
  /** `gc.callbacks`: called with "start" and "stop" around every collection. */
  readonly callbacks: CollectionCallback[] = [];
  /** Statistics per generation, youngest first (updated in place by the collector). */
  readonly stats: GenerationStats[] = [];

  constructor(generationCount: number) {
    for (let i = 0; i < generationCount; i++)
      this.stats.push({ collections: 0, collected: 0, uncollectable: 0 });
  }

  /**
   * Sets the DEBUG_* flags (`gc.set_debug`).
   * @throws ConfigurationError unless `flags` is an integer in C int range; nothing changes
   */
  setDebug(flags: number): void {
    if (!(Number.isInteger(flags) && flags >= INT_MIN && flags <= INT_MAX)) {
      throw new ConfigurationError("debug", "an integer of DEBUG_* bits", flags);
    }
    this.debug = flags;
  }

  /** Counts one collection of generation index `index` (`gc.get_stats()`'s figures). */
  recordCollection(index: number, collected: number, uncollectable: number): void {
    const st = this.stats[index]!;
    st.collections++;
    st.collected += collected;
    st.uncollectable += uncollectable;
  }

  /** Per-generation statistics (`gc.get_stats()`), as copies. */
  getStats(): GenerationStats[] {
    return this.stats.map((s) => ({ ...s }));
  }
}
