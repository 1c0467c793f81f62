/**
 * The JS value thrown while a Python exception propagates: it carries the address of the
 * exception object (which holds one reference to it). It is not an `Error`, so throwing
 * one captures no JS stack.
 *
 * `frameDone` is set when the innermost frame already added its traceback entry (an
 * exception caught and re-raised in the same frame), so that frame's exit does not add a
 * second one.
 *
 * @module
 */
import type { Address } from "@pymem/core";

/** A Python exception in flight. */
export class PyThrow {
  /** The exception object (a reference owned by this value). */
  exc: Address;
  /** Whether the current frame's traceback entry is already in place. */
  frameDone = false;

  constructor(exc: Address) {
    this.exc = exc;
  }
}

/** Thrown to stop a program with `sys.exit(n)` semantics after the exception was handled. */
export class ExitProgram {
  /** The process exit status. */
  readonly code: number;

  constructor(code: number) {
    this.code = code;
  }
}
