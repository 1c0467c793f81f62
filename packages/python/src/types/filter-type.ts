/**
 * `filter` (filterobject).
 *
 * ```
 *  64-bit layout, tp_basicsize 32
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  func           ref
 *  obj+24  iterator       ref
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `filter` objects. */
export const FILTER = {
  /** Word 0 (reference). */
  func: 0,
  /** Word 1 (reference). */
  iterator: 1,
} as const;

/** Layout of `filter` objects. */
export const FILTER_SPEC: SlotTypeSpec = {
  name: "filter",
  basicSize64: 32,
  refs: 2,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
