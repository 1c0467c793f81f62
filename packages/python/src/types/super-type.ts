/**
 * `super` (superobject).
 *
 * ```
 *  64-bit layout, tp_basicsize 40
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  type           ref
 *  obj+24  obj            ref
 *  obj+32  objType        ref
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `super` objects. */
export const SUPER = {
  /** Word 0 (reference). */
  type: 0,
  /** Word 1 (reference). */
  obj: 1,
  /** Word 2 (reference). */
  objType: 2,
} as const;

/** Layout of `super` objects. */
export const SUPER_SPEC: SlotTypeSpec = {
  name: "super",
  basicSize64: 40,
  refs: 3,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
