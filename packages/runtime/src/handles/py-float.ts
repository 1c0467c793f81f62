/**
 * Handles to `float` objects.
 *
 * @module
 */
import type { FloatType } from "../types/float-type";
import { PyObject } from "./py-object";

/**
 * A handle to a `float`.
 * @example
 * ```ts
 * using x = rt.float(1);
 * x.repr();  // "1.0"
 * x.value;   // 1
 * ```
 */
export class PyFloat extends PyObject {
  /** ob_fval. */
  get value(): number {
    return (this.core.space.kindOf(this.address) as FloatType).value(this.address);
  }
}
