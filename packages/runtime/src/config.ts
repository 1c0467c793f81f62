/**
 * Tunables of the runtime's object model, with CPython 3.11's values as defaults, and the
 * one function that checks their constraints.
 *
 * ```
 *  tunable              CPython 3.11 constant            default   constraint
 *  -------------------  -------------------------------  --------  ----------------------------------
 *  smallIntMin          -_PY_NSMALLNEGINTS                    -5   safe integer <= smallIntMax
 *  smallIntMax          _PY_NSMALLPOSINTS - 1                256   range of at most 2**20 values
 *  floatFreeList        PyFloat_MAXFREELIST                  100   integer in [0, 2**20]
 *  listFreeList         PyList_MAXFREELIST                    80   integer in [0, 2**20]
 *  dictFreeList         PyDict_MAXFREELIST                    80   integer in [0, 2**20]
 *  dictKeysFreeList     PyDict_MAXFREELIST (keys)             80   integer in [0, 2**20]
 *  tupleFreeList        PyTuple_MAXFREELIST (per length)    2000   integer in [0, 2**20]
 *  tupleMaxSaveSize     PyTuple_MAXSAVESIZE                   20   integer in [0, 4096]
 *  sharedKeysMaxSize    SHARED_KEYS_MAX_SIZE                  30   integer in [1, 42]
 *  internIdentifiers    (code objects intern name-like constants)  true
 *  unicodeWstr          PyASCIIObject.wstr (removed in 3.12)        true   boolean
 *  latin1Utf8           3.12's static Latin-1 strs carry UTF-8     false   boolean
 *  instanceDictOrValues 3.12's PyDictOrValues (one tagged word)    false   boolean
 * ```
 *
 * `sharedKeysMaxSize` is bounded by the 64 slots of the class's shared keys table
 * (NEXT_LOG2_SHARED_KEYS_MAX_SIZE = 6, two thirds usable = 42).
 *
 * @module
 */
import { ConfigurationError } from "@pymem/core";

/** Largest free-list limit accepted, objects. */
export const MAX_FREE_LIST_LIMIT = 1 << 20;
/** Largest number of per-length tuple free lists accepted. */
export const MAX_TUPLE_SAVE_SIZE = 4096;
/** Most values the small-int cache may hold. */
export const MAX_SMALL_INT_COUNT = 1 << 20;
/** Upper bound of `sharedKeysMaxSize`: usable slots of a 64-slot keys table. */
export const MAX_SHARED_KEYS_SIZE = 42;

/** The runtime's object-model tunables. */
export interface RuntimeConfig {
  /**
   * Smallest int kept in the small-int cache.
   * @defaultValue -5
   */
  readonly smallIntMin: number;
  /**
   * Largest int kept in the small-int cache.
   * @defaultValue 256
   */
  readonly smallIntMax: number;
  /**
   * Floats kept on the float free list (when free lists are on).
   * @defaultValue 100
   */
  readonly floatFreeList: number;
  /**
   * Lists kept on the list free list (when free lists are on).
   * @defaultValue 80
   */
  readonly listFreeList: number;
  /**
   * Dicts kept on the dict free list (when free lists are on).
   * @defaultValue 80
   */
  readonly dictFreeList: number;
  /**
   * 8-slot unicode keys objects kept on the dict keys free list (when free lists are on).
   * @defaultValue 80
   */
  readonly dictKeysFreeList: number;
  /**
   * Tuples kept per length on the tuple free lists (when free lists are on).
   * @defaultValue 2000
   */
  readonly tupleFreeList: number;
  /**
   * Longest tuple with a free list.
   * @defaultValue 20
   */
  readonly tupleMaxSaveSize: number;
  /**
   * Attribute names a class's shared keys hold before new names force instances to a dict.
   * @defaultValue 30
   */
  readonly sharedKeysMaxSize: number;
  /**
   * Intern name-like string literals (`[A-Za-z0-9_]*`), as the compiler does for constants.
   * @defaultValue true
   */
  readonly internIdentifiers: boolean;
  /**
   * str objects have the `wstr` (and, non-ASCII, `wstr_length`) words of CPython up to 3.11
   * (`sys.getsizeof("")` 49); false gives 3.12's layout (41).
   * @defaultValue true
   */
  readonly unicodeWstr: boolean;
  /**
   * The one-character Latin-1 singletons above U+007F carry their UTF-8 form, as 3.12's
   * statically allocated ones do (`sys.getsizeof("\u00e9")` 61 in 3.12).
   * @defaultValue false
   */
  readonly latin1Utf8: boolean;
  /**
   * Instances keep their dict or their inline values in one tagged word, as 3.12's
   * `PyDictOrValues` (`sys.getsizeof` of an instance 48 instead of 56).
   * @defaultValue false
   */
  readonly instanceDictOrValues: boolean;
}

/** CPython 3.11's values of every tunable. */
export const DEFAULT_RUNTIME_CONFIG: Readonly<RuntimeConfig> = Object.freeze({
  smallIntMin: -5,
  smallIntMax: 256,
  floatFreeList: 100,
  listFreeList: 80,
  dictFreeList: 80,
  dictKeysFreeList: 80,
  tupleFreeList: 2000,
  tupleMaxSaveSize: 20,
  sharedKeysMaxSize: 30,
  internIdentifiers: true,
  unicodeWstr: true,
  latin1Utf8: false,
  instanceDictOrValues: false,
});

function checkInteger(option: string, value: unknown, min: number, max: number): void {
  if (!(typeof value === "number" && Number.isInteger(value) && value >= min && value <= max)) {
    throw new ConfigurationError(option, `an integer from ${min} to ${max}`, value);
  }
}

/**
 * Fills in defaults and checks every constraint of the tunables:
 *
 * - `smallIntMin <= smallIntMax`, both safe integers, spanning at most 2**20 values, and the
 *   range contains 0 and 1 (bool and small-int fast paths rely on them);
 * - every free-list limit is an integer in `[0, 2**20]`;
 * - `tupleMaxSaveSize` is an integer in `[0, 4096]`;
 * - `sharedKeysMaxSize` is an integer in `[1, 42]`;
 * - `internIdentifiers` is a boolean.
 *
 * @throws ConfigurationError naming the first option that breaks its constraint
 * @example resolveRuntimeConfig({ listFreeList: -1 }) // throws ConfigurationError
 */
export function resolveRuntimeConfig(config: Partial<RuntimeConfig> = {}): RuntimeConfig {
  const c: RuntimeConfig = { ...DEFAULT_RUNTIME_CONFIG, ...config };
  checkInteger("smallIntMin", c.smallIntMin, Number.MIN_SAFE_INTEGER, 0);
  checkInteger("smallIntMax", c.smallIntMax, 1, Number.MAX_SAFE_INTEGER);
  if (c.smallIntMax - c.smallIntMin + 1 > MAX_SMALL_INT_COUNT) {
    throw new ConfigurationError(
      "smallIntMax",
      `a range of at most ${MAX_SMALL_INT_COUNT} values from smallIntMin (${c.smallIntMin})`,
      c.smallIntMax,
    );
  }
  for (const key of [
    "floatFreeList",
    "listFreeList",
    "dictFreeList",
    "dictKeysFreeList",
    "tupleFreeList",
  ] as const) {
    checkInteger(key, c[key], 0, MAX_FREE_LIST_LIMIT);
  }
  checkInteger("tupleMaxSaveSize", c.tupleMaxSaveSize, 0, MAX_TUPLE_SAVE_SIZE);
  checkInteger("sharedKeysMaxSize", c.sharedKeysMaxSize, 1, MAX_SHARED_KEYS_SIZE);
  for (const key of ["internIdentifiers", "unicodeWstr", "latin1Utf8", "instanceDictOrValues"] as const) {
    if (typeof c[key] !== "boolean") throw new ConfigurationError(key, "a boolean", c[key]);
  }
  return Object.freeze(c);
}
