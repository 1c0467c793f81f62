/**
 * `classmethod` (classmethod object).
 *
 * ```
 *  64-bit layout, tp_basicsize 32
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  callable       ref
 *  obj+24  dict           ref
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `classmethod` objects. */
export const CLASSMETHOD = {
  /** Word 0 (reference). */
  callable: 0,
  /** Word 1 (reference). */
  dict: 1,
} as const;

/** Layout of `classmethod` objects. */
export const CLASSMETHOD_SPEC: SlotTypeSpec = {
  name: "classmethod",
  basicSize64: 32,
  refs: 2,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
