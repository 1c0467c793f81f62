/**
 * Handles to `list` objects.
 *
 * @module
 */
import type { PyValue } from "./py-object";
import { PyObject } from "./py-object";

/**
 * A handle to a `list`. Stores take the value over when it is an owned handle (see
 * {@link PyObject}); reads return borrowed handles.
 * @example
 * ```ts
 * using xs = rt.list();
 * for (let i = 0; i < 5; i++) xs.append(i);
 * xs.allocated;             // 8  (growth pattern 0, 4, 8, 16, ...)
 * rt.sys.getsizeof(xs);     // 120
 * ```
 */
export class PyList extends PyObject {
  /** `len(xs)`. */
  get length(): number {
    return this.core.lists.length(this.address);
  }

  /** Slots of the items array (the over-allocation `list_resize` keeps). */
  get allocated(): number {
    return this.core.lists.allocated(this.address);
  }

  /**
   * `xs[i]` (negative indices count from the end), borrowed.
   * @throws PythonError IndexError when out of range
   */
  get(i: number): PyObject {
    return this.core.borrow(this.core.lists.getItem(this.address, i));
  }

  /**
   * `xs[i] = value`.
   * @throws PythonError IndexError when out of range (nothing changes)
   */
  set(i: number, value: PyValue): void {
    this.core.store(value, (ref) => this.core.lists.setItem(this.address, i, ref), this);
  }

  /** `xs.append(value)`. */
  append(value: PyValue): void {
    this.core.store(value, (ref) => this.core.lists.append(this.address, ref), this);
  }

  /** `xs.insert(i, value)`. */
  insert(i: number, value: PyValue): void {
    this.core.store(value, (ref) => this.core.lists.insert(this.address, i, ref), this);
  }

  /**
   * `xs.extend(values)` with a sequence of known length, as CPython extends by a list or
   * tuple: one resize to the new length (an empty list gets exactly the length rounded up to
   * even). Owned handles among the values are moved in; this handle stays usable when it is
   * one of them (`xs.extend([xs])`). On failure nothing changes.
   */
  extend(values: Iterable<PyValue>): void {
    const own: PyObject[] = [];
    const items = [...values].map((v) => {
      if (v !== this) return v;
      const ref = this.newRef();
      own.push(ref);
      return ref;
    });
    try {
      this.core.withRefs(items, (refs) => {
        this.core.lists.extend(this.address, refs);
        return this.address;
      });
    } catch (e) {
      for (const ref of own) if (ref.owned) ref.release();
      throw e;
    }
  }

  /** `xs * count` (an owned handle): a new list of exactly `len(xs) * count` items. */
  repeat(count: number): PyList {
    return this.core.own(this.core.lists.repeat(this.address, count)) as PyList;
  }

  /**
   * `xs.pop(i)`: removes and returns item `i` (default the last) as an owned handle.
   * @throws PythonError IndexError for an empty list or an index out of range
   */
  pop(i = -1): PyObject {
    return this.core.own(this.core.lists.pop(this.address, i));
  }

  /** `xs.clear()`. */
  clear(): void {
    this.core.lists.clear(this.address);
  }

  /** The items, borrowed. */
  items(): PyObject[] {
    const out: PyObject[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.core.borrow(this.core.lists.item(this.address, i)));
    return out;
  }
}
