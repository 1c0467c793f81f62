/**
 * Iterator over a dict's keys, values or items (dictiterobject); `kind` is 0, 1 or 2.
 *
 * ```
 *  64-bit layout, tp_basicsize 56
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  dict           ref
 *  obj+24  result         ref
 *  obj+32  pos            data
 *  obj+40  len            data
 *  obj+48  kind           data
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `dict_keyiterator` objects. */
export const DICT_ITERATOR = {
  /** Word 0 (reference). */
  dict: 0,
  /** Word 1 (reference). */
  result: 1,
  /** Word 2. */
  pos: 2,
  /** Word 3. */
  len: 3,
  /** Word 4. */
  kind: 4,
} as const;

/** Layout of `dict_keyiterator` objects. */
export const DICT_ITERATOR_SPEC: SlotTypeSpec = {
  name: "dict_keyiterator",
  basicSize64: 56,
  refs: 2,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
