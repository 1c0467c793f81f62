/**
 * A function written in the interpreter (PyCFunctionObject): the bound receiver, if any, and the index of its implementation.
 *
 * ```
 *  64-bit layout, tp_basicsize 56
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  self           ref
 *  obj+24  module         ref
 *  obj+32  impl           data
 *  obj+40  weakreflist    data
 *  (+1 spare word to CPython's size)
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `builtin_function_or_method` objects. */
export const BUILTIN_FUNCTION = {
  /** Word 0 (reference). */
  self: 0,
  /** Word 1 (reference). */
  module: 1,
  /** Word 2. */
  impl: 2,
  /** Word 3. */
  weakreflist: 3,
} as const;

/** Layout of `builtin_function_or_method` objects. */
export const BUILTIN_FUNCTION_SPEC: SlotTypeSpec = {
  name: "builtin_function_or_method",
  basicSize64: 56,
  refs: 2,
  container: true,
  weaklistWord: 3,
  itemSize64: 0,
};
