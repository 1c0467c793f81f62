/**
 * Weak references as the refcount strategy and the cycle collector see them.
 *
 * ```
 *  referent (type with weaklistOffset) ---weaklist---> wr1 --next--> wr2 --> 0
 *  wr: | header | wr_object | wr_callback | ... |    wr_object = referent, or NULL once cleared
 * ```
 *
 * The host (the runtime, or a test) implements this over its weakref object layout.
 *
 * @module
 */
import type { Address } from "./address";

/** Access to the weak references that point at objects. */
export interface WeakrefSupport {
  /**
   * A capability: when true, the list of weak references to an object is headed by the
   * pointer-sized word at its type's `weaklistOffset` (0: it has none), so a refcount
   * strategy can test for weak references by reading that word instead of calling
   * {@link WeakrefSupport.hasWeakrefs}.
   * @defaultValue false
   */
  readonly weaklistInHeader?: boolean;
  /** Whether any weak reference currently points at `obj` (O(1)). */
  hasWeakrefs(obj: Address): boolean;
  /** The weak reference objects pointing at `obj`, in list order (empty when none). */
  weakrefsTo(obj: Address): Address[];
  /**
   * Detaches weakref `wr` from its referent: from now on it reports a dead referent. The
   * callback is kept (CPython's `_PyWeakref_ClearRef`), so it can still be invoked once.
   */
  clearWeakref(wr: Address): void;
  /** Whether weakref `wr` has a callback. */
  hasCallback(wr: Address): boolean;
  /**
   * Calls the callback of `wr` with `wr` (Python calls `callback(wr)`); the caller holds a
   * strong reference to `wr` during the call. The callback is used up: it runs at most once.
   * Errors from the callback are reported, not thrown.
   */
  invokeCallback(wr: Address): void;
}
