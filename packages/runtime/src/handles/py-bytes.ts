/**
 * Handles to `bytes` objects.
 *
 * @module
 */
import { PyObject } from "./py-object";

/**
 * A handle to a `bytes` object.
 * @example
 * ```ts
 * using b = rt.bytes(new Uint8Array([104, 105]));
 * b.repr(); // "b'hi'"
 * ```
 */
export class PyBytes extends PyObject {
  /** A copy of the bytes. */
  get value(): Uint8Array {
    return this.core.bytesType.value(this.address);
  }

  /** `len(b)`. */
  get length(): number {
    return this.core.bytesType.length(this.address);
  }
}
