/**
 * The small-int cache: one shared, immortal int object for each value in -5..256
 * (CPython 3.11: `_PY_NSMALLNEGINTS` = 5, `_PY_NSMALLPOSINTS` = 257, Include/internal/pycore_global_objects.h;
 * `get_small_int` in Objects/longobject.c). `x = 7; y = 3 + 4; x is y` holds because both
 * come from here.
 *
 * The int layout belongs to the runtime, so the objects are made by a host callback,
 * `create(value)`, once each, when the cache is built; the cache then makes them immortal
 * through the refcount strategy. CPython 3.11 allocates them statically with a refcount of
 * 999,999,999 (`_PyObject_IMMORTAL_INIT` in pycore_runtime_init.h), which no program brings
 * to zero; 3.12 made that real immortality (PEP 683), which is what this follows.
 *
 * ```
 *  addresses (side Uint32Array, index = value - min)       sorted (for contains)
 *  +--------+--------+-----+--------+-----+--------+        +------+------+-----+
 *  | int -5 | int -4 | ... | int 0  | ... | int256 |        | low  |      | ... |  binary search
 *  +--------+--------+-----+--------+-----+--------+        +------+------+-----+
 *       │ each an immortal int object in the heap, made by create(value)
 *       v
 *  get(v) = min <= v <= max and v an integer ? addresses[v - min] : 0
 * ```
 *
 * Invariant: `get(v)` is non-zero iff `v` is an integer in `[min, max]`, and then it is the
 * same immortal object for every call.
 *
 * @module
 */
import { type Address, InvalidPointerError, type RefcountStrategy } from "@pymem/core";
import { SMALL_INT_MAX, SMALL_INT_MIN, validateTunables } from "./config";

/** Options of {@link SmallIntCache}. */
export interface SmallIntCacheOptions {
  /** Makes the cached ints immortal (and drops them again if building the cache fails). */
  refcount: RefcountStrategy;
  /**
   * Makes the int object for `value` and returns a new reference to it (refcount 1),
   * e.g. by allocating from an int allocator and storing the digits.
   */
  create: (value: number) => Address;
  /**
   * Smallest cached value. Checked by `validateTunables` (`smallIntMin`).
   * @defaultValue -5
   */
  min?: number;
  /**
   * Largest cached value. Checked by `validateTunables` (`smallIntMax`).
   * @defaultValue 256
   */
  max?: number;
}

/**
 * Preallocated, immortal int objects for a range of small values.
 * @example
 * ```ts
 * const ints = new SmallIntCache({ refcount, create: (v) => makeInt(v) });
 * ints.get(7) === ints.get(3 + 4); // true: one object
 * ints.get(257);                   // 0: not cached, make a fresh int
 * refcount.isImmortal(ints.get(0)); // true
 * ```
 */
export class SmallIntCache {
  /** Smallest cached value. */
  readonly min: number;
  /** Largest cached value. */
  readonly max: number;
  private readonly addresses: Uint32Array;
  private readonly sorted: Uint32Array;

  /**
   * Creates every cached int through `create`, in increasing order of value, then makes them
   * all immortal.
   * @throws ConfigurationError for a bad range
   * @throws InvalidPointerError when `create` returns NULL, a non-address or an object already
   * returned for another value; the objects made so far are released (decref) first
   */
  constructor(options: SmallIntCacheOptions) {
    const min = options.min ?? SMALL_INT_MIN;
    const max = options.max ?? SMALL_INT_MAX;
    validateTunables({ smallIntMin: min, smallIntMax: max }, "smallInts.");
    const count = max - min + 1;
    const addresses = new Uint32Array(count);
    const refcount = options.refcount;
    let made = 0;
    try {
      for (; made < count; made++) {
        const value = min + made;
        const obj = options.create(value);
        if (!(Number.isInteger(obj) && obj > 0 && obj < 2 ** 32)) {
          throw new InvalidPointerError(
            Number.isInteger(obj) && obj >= 0 ? obj : 0,
            `a new int object for ${value} from create() (got ${String(obj)})`,
          );
        }
        addresses[made] = obj;
      }
    } catch (error) {
      for (let i = 0; i < made; i++) refcount.decref(addresses[i]!);
      throw error;
    }
    const sorted = addresses.slice().sort();
    for (let i = 1; i < count; i++) {
      if (sorted[i] === sorted[i - 1]) {
        for (let j = 0; j < count; j++) refcount.decref(addresses[j]!);
        throw new InvalidPointerError(
          sorted[i]!,
          "a distinct int object for every cached value from create()",
        );
      }
    }
    for (let i = 0; i < count; i++) refcount.makeImmortal(addresses[i]!);
    this.min = min;
    this.max = max;
    this.addresses = addresses;
    this.sorted = sorted;
  }

  /** Number of cached values. */
  get size(): number {
    return this.addresses.length;
  }

  /** The cached int object for `value` (a borrowed reference), or 0 when `value` is not cached. */
  get(value: number): Address {
    if (!(value >= this.min && value <= this.max) || !Number.isInteger(value)) return 0;
    return this.addresses[value - this.min]!;
  }

  /** Whether `value` is an integer in the cached range. */
  isCached(value: number): boolean {
    return Number.isInteger(value) && value >= this.min && value <= this.max;
  }

  /** Whether `obj` is one of the cached int objects (binary search, no allocation). */
  contains(obj: Address): boolean {
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = sorted[mid]!;
      if (v === obj) return true;
      if (v < obj) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
