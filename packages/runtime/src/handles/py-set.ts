/**
 * Handles to `set` objects.
 *
 * @module
 */
import type { PyValue } from "./py-object";
import { PyObject } from "./py-object";

/**
 * A handle to a `set`.
 * @example
 * ```ts
 * using s = rt.set([1, 2, 2]);
 * s.size;       // 2
 * s.has(1.0);   // true (1 == 1.0)
 * ```
 */
export class PySet extends PyObject {
  /** `len(s)`. */
  get size(): number {
    return this.core.sets.length(this.address);
  }

  /**
   * `s.add(value)`; returns whether it was new.
   * @throws PythonError TypeError for an unhashable value (nothing changes)
   */
  add(value: PyValue): boolean {
    let added = false;
    this.core.store(
      value,
      (ref) => {
        added = this.core.sets.add(this.address, ref);
      },
      this,
    );
    return added;
  }

  /** `s.discard(value)`; returns whether it was present. */
  discard(value: PyValue): boolean {
    return this.core.withRef(value, (ref) => this.core.sets.discard(this.address, ref), this);
  }

  /** `value in s`. */
  has(value: PyValue): boolean {
    return this.core.withRef(value, (ref) => this.core.sets.contains(this.address, ref), this);
  }

  /** `s.clear()`. */
  clear(): void {
    this.core.sets.clear(this.address);
  }

  /** The elements in table order, borrowed. */
  values(): PyObject[] {
    return this.core.sets.elements(this.address).map((a) => this.core.borrow(a));
  }
}
