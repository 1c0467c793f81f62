/**
 * `zip` (zipobject): a tuple of iterators.
 *
 * ```
 *  64-bit layout, tp_basicsize 48
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  iterators      ref
 *  obj+24  result         ref
 *  obj+32  size           data
 *  obj+40  strict         data
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `zip` objects. */
export const ZIP = {
  /** Word 0 (reference). */
  iterators: 0,
  /** Word 1 (reference). */
  result: 1,
  /** Word 2. */
  size: 2,
  /** Word 3. */
  strict: 3,
} as const;

/** Layout of `zip` objects. */
export const ZIP_SPEC: SlotTypeSpec = {
  name: "zip",
  basicSize64: 48,
  refs: 2,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
