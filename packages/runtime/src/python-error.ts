/**
 * Python-level exceptions raised by the runtime's object operations (`KeyError`,
 * `IndexError`, `TypeError`, `AttributeError`, `ValueError`, ...), as one typed error class
 * carrying the Python exception name.
 *
 * @module
 */
import { PymemError } from "@pymem/core";

/** Names of the builtin Python exceptions that runtime and front-end operations raise. */
export type PythonExceptionName =
  | "BaseException"
  | "Exception"
  | "ArithmeticError"
  | "AssertionError"
  | "AttributeError"
  | "EOFError"
  | "ImportError"
  | "IndexError"
  | "KeyError"
  | "KeyboardInterrupt"
  | "LookupError"
  | "MemoryError"
  | "ModuleNotFoundError"
  | "NameError"
  | "NotImplementedError"
  | "OSError"
  | "OverflowError"
  | "RecursionError"
  | "ReferenceError"
  | "RuntimeError"
  | "StopIteration"
  | "SyntaxError"
  | "SystemExit"
  | "TypeError"
  | "UnboundLocalError"
  | "UnicodeError"
  | "ValueError"
  | "ZeroDivisionError";

/**
 * A Python exception raised by an object operation. Nothing in the heap changed.
 * @example
 * ```ts
 * try { rt.dict().get("missing") } catch (e) {
 *   if (e instanceof PythonError && e.pyType === "KeyError") console.log(e.message); // KeyError: 'missing'
 * }
 * ```
 */
export class PythonError extends PymemError {
  /** Python exception name, e.g. `"KeyError"`. */
  readonly pyType: PythonExceptionName;
  constructor(pyType: PythonExceptionName, message: string) {
    super(`${pyType}: ${message}`);
    this.pyType = pyType;
  }
}
