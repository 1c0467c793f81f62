/**
 * `slice` (PySliceObject).
 *
 * ```
 *  64-bit layout, tp_basicsize 40
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  start          ref
 *  obj+24  stop           ref
 *  obj+32  step           ref
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `slice` objects. */
export const SLICE = {
  /** Word 0 (reference). */
  start: 0,
  /** Word 1 (reference). */
  stop: 1,
  /** Word 2 (reference). */
  step: 2,
} as const;

/** Layout of `slice` objects. */
export const SLICE_SPEC: SlotTypeSpec = {
  name: "slice",
  basicSize64: 40,
  refs: 3,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
