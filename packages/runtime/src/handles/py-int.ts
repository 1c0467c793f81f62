/**
 * Handles to `int` and `bool` objects.
 *
 * @module
 */
import type { IntType } from "../types/int-type";
import { PyObject } from "./py-object";

/**
 * A handle to an `int`.
 * @example
 * ```ts
 * using n = rt.int(2n ** 70n);
 * n.value;           // 1180591620717411303424n
 * rt.sys.getsizeof(n); // 36 (three 30-bit digits)
 * ```
 */
export class PyInt extends PyObject {
  private get type(): IntType {
    return this.core.space.kindOf(this.address) as IntType;
  }

  /** The exact value. */
  get value(): bigint {
    return this.type.value(this.address);
  }

  /** The value as a JS number (rounded beyond 2**53). */
  toNumber(): number {
    return this.type.numberValue(this.address);
  }

  /** Number of 30-bit digits (|ob_size|). */
  get digitCount(): number {
    return this.type.digitCount(this.address);
  }
}

/** A handle to `True` or `False`. */
export class PyBool extends PyInt {
  /** The truth value. */
  get truth(): boolean {
    return this.value !== 0n;
  }
}
