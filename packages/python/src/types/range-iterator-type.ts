/**
 * Iterator over a range of machine-sized ints (rangeiterobject): start, step and length as C longs, not objects.
 *
 * ```
 *  64-bit layout, tp_basicsize 48
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  start          data
 *  obj+24  step           data
 *  obj+32  len            data
 *  obj+40  index          data
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `range_iterator` objects. */
export const RANGE_ITERATOR = {
  /** Word 0. */
  start: 0,
  /** Word 1. */
  step: 1,
  /** Word 2. */
  len: 2,
  /** Word 3. */
  index: 3,
} as const;

/** Layout of `range_iterator` objects. */
export const RANGE_ITERATOR_SPEC: SlotTypeSpec = {
  name: "range_iterator",
  basicSize64: 48,
  refs: 0,
  container: false,
  weaklistWord: -1,
  itemSize64: 0,
};
