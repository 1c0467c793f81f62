/**
 * Handles to `tuple` objects.
 *
 * @module
 */
import { PythonError } from "../python-error";
import { PyObject } from "./py-object";

/**
 * A handle to a `tuple`.
 * @example
 * ```ts
 * using t = rt.tuple([1, "a"]);
 * t.get(1).repr(); // "'a'"
 * t.length;        // 2
 * ```
 */
export class PyTuple extends PyObject {
  /** `len(t)`. */
  get length(): number {
    return this.core.tuples.length(this.address);
  }

  /**
   * `t[i]` (negative indices count from the end), borrowed.
   * @throws PythonError IndexError when out of range
   */
  get(i: number): PyObject {
    const n = this.length;
    const index = i < 0 ? i + n : i;
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new PythonError("IndexError", "tuple index out of range");
    }
    return this.core.borrow(this.core.tuples.item(this.address, index));
  }

  /** The items, borrowed. */
  items(): PyObject[] {
    const out: PyObject[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.core.borrow(this.core.tuples.item(this.address, i)));
    return out;
  }
}
