/**
 * A traceback entry (PyTracebackObject): the next entry towards the raise point, the line, and the index of the code it ran in (tb_frame is kept as that index).
 *
 * ```
 *  64-bit layout, tp_basicsize 40
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  next           ref
 *  obj+24  code           data
 *  obj+32  lineno         data
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `traceback` objects. */
export const TRACEBACK = {
  /** Word 0 (reference). */
  next: 0,
  /** Word 1. */
  code: 1,
  /** Word 2. */
  lineno: 2,
} as const;

/** Layout of `traceback` objects. */
export const TRACEBACK_SPEC: SlotTypeSpec = {
  name: "traceback",
  basicSize64: 40,
  refs: 1,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
