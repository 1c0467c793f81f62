/**
 * The error every use of a closed runtime raises: its heap is gone, so no call can run.
 *
 * ```
 *  rt.close()  ──►  rt.list(), frame.get(...), handle.repr(), rt.sys.getsizeof(...), ...
 *                   all throw RuntimeClosedError("runtime is closed: ...")
 * ```
 *
 * @module
 */
import { PymemError } from "@pymem/core";

/**
 * Raised by every call on a runtime after `rt.close()` (and on its frames, handles and modules).
 * @example
 * ```ts
 * const rt = createRuntime();
 * const xs = rt.list([1]);
 * rt.close();
 * try { xs.repr() } catch (e) { e instanceof RuntimeClosedError } // true
 * ```
 */
export class RuntimeClosedError extends PymemError {
  /** What was called. */
  readonly operation: string;
  constructor(operation: string) {
    super(`runtime is closed: ${operation} cannot run after close() released the heap`);
    this.operation = operation;
  }
}
