/**
 * Tunables of the object-specific allocators, with CPython 3.11's values as defaults.
 *
 * ```
 *  free list            CPython 3.11 constant         default   where CPython keeps it
 *  -------------------  ----------------------------  --------  ------------------------------
 *  float                PyFloat_MAXFREELIST               100   pycore_floatobject.h
 *  list                 PyList_MAXFREELIST                 80   pycore_list.h
 *  dict                 PyDict_MAXFREELIST                 80   pycore_dict.h
 *  dict keys (8 slots)  PyDict_MAXFREELIST                 80   pycore_dict.h (same limit)
 *  tuple, per length    PyTuple_MAXFREELIST              2000   pycore_tuple.h
 *  tuple lengths        PyTuple_MAXSAVESIZE (1..20)        20   pycore_tuple.h (3.11 reuses 1..19 only)
 *  small ints           -_PY_NSMALLNEGINTS .. _PY_NSMALLPOSINTS-1   -5..256   pycore_global_objects.h
 * ```
 *
 * Every constructor option that is a tunable goes through {@link validateTunables}, the one
 * function that states and checks their constraints.
 *
 * @module
 */
import { ConfigurationError } from "@pymem/core";

/** Floats kept on the float free list (PyFloat_MAXFREELIST), objects. */
export const FLOAT_FREELIST_LIMIT = 100;
/** Lists kept on the list free list (PyList_MAXFREELIST), objects. */
export const LIST_FREELIST_LIMIT = 80;
/** Dicts kept on the dict free list (PyDict_MAXFREELIST), objects. */
export const DICT_FREELIST_LIMIT = 80;
/** Dict keys objects kept on the keys free list (PyDict_MAXFREELIST as well), blocks. */
export const DICT_KEYS_FREELIST_LIMIT = 80;
/** Largest tuple length with a free list (PyTuple_MAXSAVESIZE): lengths 1..20 are cached, items. */
export const TUPLE_MAX_SAVE_SIZE = 20;
/** Tuples kept per length (PyTuple_MAXFREELIST), objects. */
export const TUPLE_FREELIST_LIMIT = 2000;
/** Number of cached negative ints (_PY_NSMALLNEGINTS): -5..-1. */
export const SMALL_INT_NEGATIVE_COUNT = 5;
/** Number of cached non-negative ints (_PY_NSMALLPOSINTS): 0..256. */
export const SMALL_INT_POSITIVE_COUNT = 257;
/** Smallest cached int (-_PY_NSMALLNEGINTS). */
export const SMALL_INT_MIN = -SMALL_INT_NEGATIVE_COUNT;
/** Largest cached int (_PY_NSMALLPOSINTS - 1). */
export const SMALL_INT_MAX = SMALL_INT_POSITIVE_COUNT - 1;
/** log2 of the smallest dict table (PyDict_LOG_MINSIZE): 8 slots; only keys objects of this size are cached. */
export const DICT_LOG_MIN_SIZE = 3;

/** Largest free-list limit accepted, objects (keeps a walk of one list bounded). */
export const MAX_FREELIST_LIMIT = 1 << 20;
/** Largest number of per-length free lists accepted. */
export const MAX_SAVE_SIZE_LIMIT = 4096;
/** Largest number of values the small-int cache may hold. */
export const MAX_SMALL_INT_COUNT = 1 << 20;

/**
 * CPython 3.11's free-list limit for the builtin types that have one, by type name.
 * Types not listed have no free list in CPython.
 */
export const CPYTHON_FREELIST_LIMITS: Readonly<Record<string, number>> = Object.freeze({
  float: FLOAT_FREELIST_LIMIT,
  list: LIST_FREELIST_LIMIT,
  dict: DICT_FREELIST_LIMIT,
});

/**
 * The label CPython 3.11's `_Py*_DebugMallocStats` gives each free list (`"free PyFloatObject"`),
 * by type name.
 */
export const CPYTHON_STATS_LABELS: Readonly<Record<string, string>> = Object.freeze({
  float: "free PyFloatObject",
  list: "free PyListObject",
  dict: "free PyDictObject",
});

/** Every tunable of this package; each constructor validates the ones it takes. */
export interface ObjectAllocatorTunables {
  /** Objects one free list keeps (0 disables it). Integer in `[0, MAX_FREELIST_LIMIT]`. */
  freeListLimit: number;
  /** Per-length free lists for lengths `1..maxSaveSize`. Integer in `[0, MAX_SAVE_SIZE_LIMIT]`. */
  maxSaveSize: number;
  /** Smallest cached int. Safe integer, at most {@link ObjectAllocatorTunables.smallIntMax}. */
  smallIntMin: number;
  /** Largest cached int. Safe integer; the range holds at most `MAX_SMALL_INT_COUNT` values. */
  smallIntMax: number;
  /** log2 of the only dict keys table size that is cached. Integer in `[1, 30]`. */
  dictKeysLog2Size: number;
}

/** CPython 3.11's values of every tunable (the float limit stands for `freeListLimit`). */
export const DEFAULT_TUNABLES: Readonly<ObjectAllocatorTunables> = Object.freeze({
  freeListLimit: FLOAT_FREELIST_LIMIT,
  maxSaveSize: TUPLE_MAX_SAVE_SIZE,
  smallIntMin: SMALL_INT_MIN,
  smallIntMax: SMALL_INT_MAX,
  dictKeysLog2Size: DICT_LOG_MIN_SIZE,
});

function checkInteger(option: string, value: number, min: number, max: number): void {
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    throw new ConfigurationError(option, `an integer from ${min} to ${max}`, value);
  }
}

/**
 * Checks the tunables that are given and returns them unchanged. The constraints:
 *
 * - `freeListLimit` is an integer in `[0, MAX_FREELIST_LIMIT]`;
 * - `maxSaveSize` is an integer in `[0, MAX_SAVE_SIZE_LIMIT]`;
 * - `smallIntMin <= smallIntMax`, both safe integers, spanning at most `MAX_SMALL_INT_COUNT` values;
 * - `dictKeysLog2Size` is an integer in `[1, 30]`.
 *
 * @param prefix - prepended to option names in error messages (e.g. `"float."`)
 * @throws ConfigurationError naming the first option that breaks its constraint
 * @example validateTunables({ freeListLimit: -1 }) // throws ConfigurationError
 */
export function validateTunables(
  tunables: Partial<ObjectAllocatorTunables>,
  prefix = "",
): Partial<ObjectAllocatorTunables> {
  const { freeListLimit, maxSaveSize, smallIntMin, smallIntMax, dictKeysLog2Size } = tunables;
  if (freeListLimit !== undefined)
    checkInteger(`${prefix}freeListLimit`, freeListLimit, 0, MAX_FREELIST_LIMIT);
  if (maxSaveSize !== undefined) checkInteger(`${prefix}maxSaveSize`, maxSaveSize, 0, MAX_SAVE_SIZE_LIMIT);
  if (smallIntMin !== undefined) {
    checkInteger(`${prefix}smallIntMin`, smallIntMin, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }
  if (smallIntMax !== undefined) {
    checkInteger(`${prefix}smallIntMax`, smallIntMax, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }
  if (smallIntMin !== undefined && smallIntMax !== undefined) {
    if (smallIntMin > smallIntMax) {
      throw new ConfigurationError(
        `${prefix}smallIntMax`,
        `at least smallIntMin (${smallIntMin})`,
        smallIntMax,
      );
    }
    if (smallIntMax - smallIntMin + 1 > MAX_SMALL_INT_COUNT) {
      throw new ConfigurationError(
        `${prefix}smallIntMax`,
        `a range of at most ${MAX_SMALL_INT_COUNT} values from smallIntMin (${smallIntMin})`,
        smallIntMax,
      );
    }
  }
  if (dictKeysLog2Size !== undefined) checkInteger(`${prefix}dictKeysLog2Size`, dictKeysLog2Size, 1, 30);
  return tunables;
}
