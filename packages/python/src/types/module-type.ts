/**
 * A module: its namespace dict and name (PyModuleObject).
 *
 * ```
 *  64-bit layout, tp_basicsize 56
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  dict           ref
 *  obj+24  name           ref
 *  obj+32  weakreflist    data
 *  (+2 spare words to CPython's size)
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `module` objects. */
export const MODULE = {
  /** Word 0 (reference). */
  dict: 0,
  /** Word 1 (reference). */
  name: 1,
  /** Word 2. */
  weakreflist: 2,
} as const;

/** Layout of `module` objects. */
export const MODULE_SPEC: SlotTypeSpec = {
  name: "module",
  basicSize64: 56,
  refs: 2,
  container: true,
  weaklistWord: 2,
  itemSize64: 0,
};
