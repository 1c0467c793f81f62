/**
 * A closure cell: one reference to a variable shared between scopes (PyCellObject).
 *
 * ```
 *  64-bit layout, tp_basicsize 24
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  contents       ref
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `cell` objects. */
export const CELL = {
  /** Word 0 (reference). */
  contents: 0,
} as const;

/** Layout of `cell` objects. */
export const CELL_SPEC: SlotTypeSpec = {
  name: "cell",
  basicSize64: 24,
  refs: 1,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
