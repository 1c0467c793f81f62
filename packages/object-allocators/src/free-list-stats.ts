/**
 * The free-list section at the tail of `sys._debugmallocstats()`.
 *
 * CPython 3.11's `_PyObject_DebugTypeStats` asks each type for its lines, in this order:
 * dict, float, list, tuple (one line per tuple length 1..20). Each line is
 * `_PyDebugAllocatorStats(out, label, numfree, size)`:
 *
 * ```
 *             0 free PyDictObjects * 48 bytes each =                    0
 *           12 free PyFloatObjects * 24 bytes each =                  288
 *             3 free PyListObjects * 40 bytes each =                  120
 *    5 free 1-sized PyTupleObjects * 32 bytes each =                  160
 *  |<------------ right-aligned in 48 ------------>| =|<---- 21 columns --->|
 * ```
 *
 * The size is the object's size without its GC header (`sizeof(PyFloatObject)`,
 * `_PyObject_VAR_SIZE(&PyTuple_Type, n)`). The column formatting is core's
 * `formatAllocatorStatsLine`.
 *
 * @module
 */
import { formatAllocatorStatsLine } from "@pymem/core";

/** One free-list line of `sys._debugmallocstats()`. */
export interface FreeListStatsLine {
  /** Singular label, as CPython passes it (`"free PyFloatObject"`); an "s" is appended when printed. */
  readonly label: string;
  /** Objects on the free list now. */
  readonly count: number;
  /** Bytes of each object, without the GC header. */
  readonly objectSize: number;
}

/** Anything that contributes free-list lines to `sys._debugmallocstats()`. */
export interface FreeListStatsSource {
  /** Its lines, in the order CPython prints them (empty when it has no free list). */
  freeListStats(): FreeListStatsLine[];
}

/**
 * Formats the free-list lines of `sources`, in the order given, exactly as CPython 3.11
 * prints them at the tail of `sys._debugmallocstats()`. Pass the dict, float, list and tuple
 * allocators in that order to reproduce CPython's section.
 * @returns the lines, each ending in `"\n"` (empty string for no lines)
 * @example
 * ```ts
 * formatFreeListStats([dicts, floats, lists, tuples]);
 * // "             0 free PyDictObjects * 48 bytes each =                    0\n" + ...
 * ```
 */
export function formatFreeListStats(sources: Iterable<FreeListStatsSource>): string {
  let out = "";
  for (const source of sources) {
    for (const line of source.freeListStats()) {
      out += formatAllocatorStatsLine(line.label, line.count, line.objectSize);
    }
  }
  return out;
}
