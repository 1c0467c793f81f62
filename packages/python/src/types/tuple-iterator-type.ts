/**
 * Iterator over a tuple (tupleiterobject).
 *
 * ```
 *  64-bit layout, tp_basicsize 32
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  seq            ref
 *  obj+24  index          data
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `tuple_iterator` objects. */
export const TUPLE_ITERATOR = {
  /** Word 0 (reference). */
  seq: 0,
  /** Word 1. */
  index: 1,
} as const;

/** Layout of `tuple_iterator` objects. */
export const TUPLE_ITERATOR_SPEC: SlotTypeSpec = {
  name: "tuple_iterator",
  basicSize64: 32,
  refs: 1,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
