/**
 * Iterator over a set (setiterobject).
 *
 * ```
 *  64-bit layout, tp_basicsize 48
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  set            ref
 *  obj+24  pos            data
 *  obj+32  len            data
 *  (+1 spare word to CPython's size)
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `set_iterator` objects. */
export const SET_ITERATOR = {
  /** Word 0 (reference). */
  set: 0,
  /** Word 1. */
  pos: 1,
  /** Word 2. */
  len: 2,
} as const;

/** Layout of `set_iterator` objects. */
export const SET_ITERATOR_SPEC: SlotTypeSpec = {
  name: "set_iterator",
  basicSize64: 48,
  refs: 1,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
