/**
 * Handles to `dict` objects.
 *
 * @module
 */
import { NULL } from "@pymem/core";
import type { PyValue } from "./py-object";
import { PyObject } from "./py-object";

/**
 * A handle to a `dict`. Keys and values are stored as given (owned handles are taken over);
 * reads return borrowed handles.
 * @example
 * ```ts
 * using d = rt.dict({ a: 1 });
 * d.set("b", [1, 2]);      // a JS array becomes a list
 * d.get("a")?.toJS();      // 1
 * rt.sys.getsizeof(d);     // 184
 * ```
 */
export class PyDict extends PyObject {
  /** `len(d)`. */
  get size(): number {
    return this.core.dicts.length(this.address);
  }

  /**
   * `d.get(key)`: the value (borrowed), or undefined when missing.
   * @throws PythonError TypeError for an unhashable key
   */
  get(key: PyValue): PyObject | undefined {
    const v = this.core.withRef(key, (k) => this.core.dicts.getItem(this.address, k), this);
    return v === NULL ? undefined : this.core.borrow(v);
  }

  /** `key in d`. */
  has(key: PyValue): boolean {
    return this.get(key) !== undefined;
  }

  /**
   * `d[key] = value`.
   * @throws PythonError TypeError for an unhashable key (nothing changes)
   */
  set(key: PyValue, value: PyValue): void {
    this.core.store2(key, value, (k, v) => this.core.dicts.setItem(this.address, k, v), this);
  }

  /**
   * `del d[key]`.
   * @throws PythonError KeyError when missing
   */
  del(key: PyValue): void {
    this.core.withRef(key, (k) => this.core.dicts.delItem(this.address, k, () => this.core.repr(k)), this);
  }

  /** `d.pop(key)` as an owned handle, or undefined when missing. */
  pop(key: PyValue): PyObject | undefined {
    const v = this.core.withRef(key, (k) => this.core.dicts.popItem(this.address, k), this);
    return v === NULL ? undefined : this.core.own(v);
  }

  /** `d.clear()`. */
  clear(): void {
    this.core.dicts.clear(this.address);
  }

  /** The keys in insertion order, borrowed. */
  keys(): PyObject[] {
    return this.entries().map(([k]) => k);
  }

  /** The values in insertion order, borrowed. */
  values(): PyObject[] {
    return this.entries().map(([, v]) => v);
  }

  /** `[key, value]` pairs in insertion order, borrowed. */
  entries(): [PyObject, PyObject][] {
    const dicts = this.core.dicts;
    const obj = this.address;
    const out: [PyObject, PyObject][] = [];
    for (let ix = dicts.nextEntry(obj, 0); ix >= 0; ix = dicts.nextEntry(obj, ix + 1)) {
      out.push([this.core.borrow(dicts.entryKey(obj, ix)), this.core.borrow(dicts.entryValue(obj, ix))]);
    }
    return out;
  }
}
