/**
 * `map` (mapobject).
 *
 * ```
 *  64-bit layout, tp_basicsize 32
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  iterators      ref
 *  obj+24  func           ref
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `map` objects. */
export const MAP = {
  /** Word 0 (reference). */
  iterators: 0,
  /** Word 1 (reference). */
  func: 1,
} as const;

/** Layout of `map` objects. */
export const MAP_SPEC: SlotTypeSpec = {
  name: "map",
  basicSize64: 32,
  refs: 2,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
