/**
 * Exception instances (PyBaseExceptionObject), one registered type per exception class so
 * that an object's type word names its class. A class defined in Python adds the
 * weak-reference word CPython gives subclasses (80 bytes instead of 72).
 *
 * ```
 *  64-bit layout, tp_basicsize 72 (80 for a subclass defined in Python)
 *  obj-16  GC header
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  dict              ref   attributes set on the instance (a dict, made on first use)
 *  obj+24  args              ref   tuple
 *  obj+32  notes             ref
 *  obj+40  traceback         ref
 *  obj+48  context           ref
 *  obj+56  cause             ref
 *  obj+64  suppress_context  data
 *  obj+72  weakreflist             (subclasses defined in Python)
 * ```
 *
 * @module
 */
import type { Address } from "@pymem/core";
import type { ObjectSpace } from "@pymem/runtime";
import { SlotType } from "./slot-type";

/** Word indices of exception objects. */
export const EXC = {
  /** `__dict__` (reference). */
  dict: 0,
  /** `args` (reference). */
  args: 1,
  /** `__notes__` (reference). */
  notes: 2,
  /** `__traceback__` (reference). */
  traceback: 3,
  /** `__context__` (reference). */
  context: 4,
  /** `__cause__` (reference). */
  cause: 5,
  /** `__suppress_context__`. */
  suppressContext: 6,
  /** Weak-reference list (subclasses defined in Python). */
  weakreflist: 7,
} as const;

/**
 * The instance type of one exception class.
 * @example
 * ```ts
 * const valueErrors = new ExceptionType(space, "ValueError", false, null);
 * ```
 */
export class ExceptionType extends SlotType {
  /** The finalizer (`__del__` of a class defined in Python), if any. */
  readonly finalize?: (obj: Address) => void;

  constructor(
    space: ObjectSpace,
    registryName: string,
    userDefined: boolean,
    finalize: ((obj: Address) => void) | null,
  ) {
    super(space, {
      name: registryName,
      basicSize64: userDefined ? 80 : 72,
      refs: 6,
      container: true,
      weaklistWord: userDefined ? EXC.weakreflist : -1,
    });
    if (finalize !== null) this.finalize = finalize;
  }
}
