/**
 * `property` (propertyobject).
 *
 * ```
 *  64-bit layout, tp_basicsize 64
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  fget           ref
 *  obj+24  fset           ref
 *  obj+32  fdel           ref
 *  obj+40  doc            ref
 *  obj+48  name           ref
 *  obj+56  getterdoc      data
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `property` objects. */
export const PROPERTY = {
  /** Word 0 (reference). */
  fget: 0,
  /** Word 1 (reference). */
  fset: 1,
  /** Word 2 (reference). */
  fdel: 2,
  /** Word 3 (reference). */
  doc: 3,
  /** Word 4 (reference). */
  name: 4,
  /** Word 5. */
  getterdoc: 5,
} as const;

/** Layout of `property` objects. */
export const PROPERTY_SPEC: SlotTypeSpec = {
  name: "property",
  basicSize64: 64,
  refs: 5,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
