/**
 * `object()`: a bare header.
 *
 * ```
 *  64-bit layout, tp_basicsize 16
 *  obj+0   ob_refcnt, ob_type

 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `object` objects. */
export const OBJECT = {} as const;

/** Layout of `object` objects. */
export const OBJECT_SPEC: SlotTypeSpec = {
  name: "object",
  basicSize64: 16,
  refs: 0,
  container: false,
  weaklistWord: -1,
  itemSize64: 0,
};
