/**
 * `enumerate` (enumobject).
 *
 * ```
 *  64-bit layout, tp_basicsize 56
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  iterator       ref
 *  obj+24  result         ref
 *  obj+32  longindex      ref
 *  obj+40  index          data
 *  (+1 spare word to CPython's size)
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `enumerate` objects. */
export const ENUMERATE = {
  /** Word 0 (reference). */
  iterator: 0,
  /** Word 1 (reference). */
  result: 1,
  /** Word 2 (reference). */
  longindex: 2,
  /** Word 3. */
  index: 3,
} as const;

/** Layout of `enumerate` objects. */
export const ENUMERATE_SPEC: SlotTypeSpec = {
  name: "enumerate",
  basicSize64: 56,
  refs: 3,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
