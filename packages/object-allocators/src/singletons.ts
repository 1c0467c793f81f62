/**
 * The interpreter's singleton objects — `None`, `True`, `False`, `Ellipsis` and the empty
 * tuple — each made once through a host callback and made immortal (CPython: `_Py_NoneStruct`,
 * `_Py_TrueStruct` / `_Py_FalseStruct`, `_Py_EllipsisObject` in Objects/object.c, boolobject.c
 * and sliceobject.c; `_Py_SINGLETON(tuple_empty)`). CPython allocates them statically; 3.12
 * made them immortal (PEP 683), which is what this follows, so `x is None` is an address
 * comparison and their refcounts never change.
 *
 * ```
 *  Singletons (JS handle)          heap
 *   none       ───────────────>   +refcnt immortal | type NoneType |
 *   true       ───────────────>   +refcnt immortal | type bool | ob_size 1 | digit 1 |
 *   false      ───────────────>   +refcnt immortal | type bool | ob_size 0 | ...     |
 *   ellipsis   ───────────────>   +refcnt immortal | type ellipsis |
 *   emptyTuple ───────────────>   (gc header) +refcnt immortal | type tuple | ob_size 0 |
 *                                   layouts are the host's; only the addresses are kept here
 * ```
 *
 * Invariant: the five addresses are distinct, non-NULL, and immortal for the table's lifetime.
 *
 * @module
 */
import { type Address, InvalidPointerError, type RefcountStrategy } from "@pymem/core";

/** Names of the singletons, in the order they are created. */
export const SINGLETON_NAMES = ["none", "true", "false", "ellipsis", "emptyTuple"] as const;

/** Name of one singleton. */
export type SingletonName = (typeof SINGLETON_NAMES)[number];

/**
 * Host callbacks that make each singleton and return a new reference to it. `emptyTuple`
 * may return an existing object such as `TupleFreeLists.emptyTuple`.
 */
export type SingletonFactories = { readonly [K in SingletonName]: () => Address };

/** Options of {@link Singletons}. */
export interface SingletonsOptions {
  /** Makes the singletons immortal (and drops them again if creation fails). */
  refcount: RefcountStrategy;
  /** One callback per singleton. */
  create: SingletonFactories;
}

/**
 * None, True, False, Ellipsis and the empty tuple, made once and immortal.
 * @example
 * ```ts
 * const singletons = new Singletons({
 *   refcount,
 *   create: { none: makeNone, true: () => makeBool(1), false: () => makeBool(0), ellipsis: makeEllipsis,
 *             emptyTuple: () => tuples.emptyTuple },
 * });
 * singletons.bool(2 > 1) === singletons.true; // true
 * refcount.isImmortal(singletons.none);       // true
 * ```
 */
export class Singletons {
  /** `None`. */
  readonly none: Address;
  /** `True`. */
  readonly true: Address;
  /** `False`. */
  readonly false: Address;
  /** `Ellipsis` (`...`). */
  readonly ellipsis: Address;
  /** The empty tuple, `()`. */
  readonly emptyTuple: Address;
  private readonly all: Uint32Array;

  /**
   * Calls each factory once, in {@link SINGLETON_NAMES} order, then makes every object immortal.
   * @throws InvalidPointerError when a factory returns NULL, a non-address, or an object another
   * factory returned; the references made so far are dropped (decref) first
   */
  constructor(options: SingletonsOptions) {
    const { refcount, create } = options;
    const all = new Uint32Array(SINGLETON_NAMES.length);
    let made = 0;
    try {
      for (; made < SINGLETON_NAMES.length; made++) {
        const name = SINGLETON_NAMES[made]!;
        const obj = create[name]();
        if (!(Number.isInteger(obj) && obj > 0 && obj < 2 ** 32)) {
          throw new InvalidPointerError(
            Number.isInteger(obj) && obj >= 0 ? obj : 0,
            `the ${name} singleton from its factory (got ${String(obj)})`,
          );
        }
        const clash = all.subarray(0, made).indexOf(obj);
        if (clash >= 0) {
          throw new InvalidPointerError(
            obj,
            `a ${name} singleton distinct from ${SINGLETON_NAMES[clash]}, which has the same address`,
          );
        }
        all[made] = obj;
      }
    } catch (error) {
      for (let i = 0; i < made; i++) refcount.decref(all[i]!);
      throw error;
    }
    for (let i = 0; i < all.length; i++) refcount.makeImmortal(all[i]!);
    this.all = all;
    this.none = all[0]!;
    this.true = all[1]!;
    this.false = all[2]!;
    this.ellipsis = all[3]!;
    this.emptyTuple = all[4]!;
  }

  /** `True` or `False`. */
  bool(value: boolean): Address {
    return value ? this.true : this.false;
  }

  /** The singleton called `name`. */
  get(name: SingletonName): Address {
    return this.all[SINGLETON_NAMES.indexOf(name)]!;
  }

  /** Whether `obj` is one of the singletons. */
  isSingleton(obj: Address): boolean {
    return obj !== 0 && this.all.indexOf(obj) >= 0;
  }

  /** The name of singleton `obj`, or undefined when it is none of them. */
  nameOf(obj: Address): SingletonName | undefined {
    const i = obj === 0 ? -1 : this.all.indexOf(obj);
    return i < 0 ? undefined : SINGLETON_NAMES[i];
  }
}
