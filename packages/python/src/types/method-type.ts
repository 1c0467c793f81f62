/**
 * A bound method: a function and the instance it is bound to (PyMethodObject).
 *
 * ```
 *  64-bit layout, tp_basicsize 48
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  func           ref
 *  obj+24  self           ref
 *  obj+32  weakreflist    data
 *  (+1 spare word to CPython's size)
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `method` objects. */
export const METHOD = {
  /** Word 0 (reference). */
  func: 0,
  /** Word 1 (reference). */
  self: 1,
  /** Word 2. */
  weakreflist: 2,
} as const;

/** Layout of `method` objects. */
export const METHOD_SPEC: SlotTypeSpec = {
  name: "method",
  basicSize64: 48,
  refs: 2,
  container: true,
  weaklistWord: 2,
  itemSize64: 0,
};
