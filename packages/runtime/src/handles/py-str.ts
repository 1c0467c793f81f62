/**
 * Handles to `str` objects.
 *
 * @module
 */
import type { StrType } from "../types/str-type";
import { PyObject } from "./py-object";

/**
 * A handle to a `str`.
 * @example
 * ```ts
 * using s = rt.str("héllo");
 * s.value;  // "héllo"
 * s.kind;   // 1 (one byte per character: Latin-1)
 * ```
 */
export class PyStr extends PyObject {
  private get type(): StrType {
    return this.core.strs;
  }

  /** The JS string. */
  get value(): string {
    return this.type.value(this.address);
  }

  /** Length in code points (`len(s)`). */
  get length(): number {
    return this.type.length(this.address);
  }

  /** Bytes per character: 1, 2 or 4 (PEP 393 kind). */
  get kind(): number {
    return this.type.kindOf(this.address);
  }

  /** Whether the string is interned. */
  get interned(): boolean {
    return this.type.internedState(this.address) !== 0;
  }
}
