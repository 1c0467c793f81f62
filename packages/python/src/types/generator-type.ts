/**
 * A generator: names, the suspended frame's index in the interpreter's table, and one item word per frame slot, as CPython 3.11 embeds the frame (PyGenObject).
 *
 * ```
 *  64-bit layout, tp_basicsize 152
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  name           ref
 *  obj+24  qualname       ref
 *  obj+32  func           ref
 *  obj+40  frame          data
 *  obj+48  state          data
 *  obj+56  weakreflist    data
 *  (+11 spare words to CPython's size)
 *  then 8 bytes per item
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `generator` objects. */
export const GENERATOR = {
  /** Word 0 (reference). */
  name: 0,
  /** Word 1 (reference). */
  qualname: 1,
  /** Word 2 (reference). */
  func: 2,
  /** Word 3. */
  frame: 3,
  /** Word 4. */
  state: 4,
  /** Word 5. */
  weakreflist: 5,
} as const;

/** Layout of `generator` objects. */
export const GENERATOR_SPEC: SlotTypeSpec = {
  name: "generator",
  basicSize64: 152,
  refs: 3,
  container: true,
  weaklistWord: 5,
  itemSize64: 8,
};
