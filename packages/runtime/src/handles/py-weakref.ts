/**
 * Handles to weak reference objects.
 *
 * @module
 */
import { PyObject } from "./py-object";

/**
 * A handle to a `weakref.ref`.
 * @example
 * ```ts
 * const f = rt.frame();
 * f.set("x", rt.list());
 * using wr = rt.weakref(f.get("x"), () => console.log("gone"));
 * f.del("x");        // prints "gone"
 * wr.get();          // null
 * ```
 */
export class PyWeakref extends PyObject {
  /** Calling the weak reference: an owned handle to the referent, or null once it died. */
  get(): PyObject | null {
    const referent = this.core.weakrefs.referent(this.address);
    return referent === 0 ? null : this.core.ownNew(referent);
  }

  /** Whether the referent died. */
  get dead(): boolean {
    return this.core.weakrefs.isDead(this.address);
  }
}
