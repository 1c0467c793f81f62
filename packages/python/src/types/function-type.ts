/**
 * A Python function: its globals, names, defaults, closure cells and the index of its compiled code (PyFunctionObject, 152 bytes with the GC header).
 *
 * ```
 *  64-bit layout, tp_basicsize 136
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  globals        ref
 *  obj+24  name           ref
 *  obj+32  qualname       ref
 *  obj+40  defaults       ref
 *  obj+48  kwdefaults     ref
 *  obj+56  closure        ref
 *  obj+64  doc            ref
 *  obj+72  dict           ref
 *  obj+80  module         ref
 *  obj+88  annotations    ref
 *  obj+96  code           data
 *  obj+104 weakreflist    data
 *  (+3 spare words to CPython's size)
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `function` objects. */
export const FUNCTION = {
  /** Word 0 (reference). */
  globals: 0,
  /** Word 1 (reference). */
  name: 1,
  /** Word 2 (reference). */
  qualname: 2,
  /** Word 3 (reference). */
  defaults: 3,
  /** Word 4 (reference). */
  kwdefaults: 4,
  /** Word 5 (reference). */
  closure: 5,
  /** Word 6 (reference). */
  doc: 6,
  /** Word 7 (reference). */
  dict: 7,
  /** Word 8 (reference). */
  module: 8,
  /** Word 9 (reference). */
  annotations: 9,
  /** Word 10. */
  code: 10,
  /** Word 11. */
  weakreflist: 11,
} as const;

/** Layout of `function` objects. */
export const FUNCTION_SPEC: SlotTypeSpec = {
  name: "function",
  basicSize64: 136,
  refs: 10,
  container: true,
  weaklistWord: 11,
  itemSize64: 0,
};
