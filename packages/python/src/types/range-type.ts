/**
 * `range`: start, stop, step and length as int objects (rangeobject); not a container, as in CPython.
 *
 * ```
 *  64-bit layout, tp_basicsize 48
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  start          ref
 *  obj+24  stop           ref
 *  obj+32  step           ref
 *  obj+40  length         ref
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `range` objects. */
export const RANGE = {
  /** Word 0 (reference). */
  start: 0,
  /** Word 1 (reference). */
  stop: 1,
  /** Word 2 (reference). */
  step: 2,
  /** Word 3 (reference). */
  length: 3,
} as const;

/** Layout of `range` objects. */
export const RANGE_SPEC: SlotTypeSpec = {
  name: "range",
  basicSize64: 48,
  refs: 4,
  container: false,
  weaklistWord: -1,
  itemSize64: 0,
};
