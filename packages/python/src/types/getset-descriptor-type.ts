/**
 * `getset_descriptor` (PyGetSetDescrObject): the `__dict__` and `__weakref__` entries of a class's namespace, each holding the class.
 *
 * ```
 *  64-bit layout, tp_basicsize 56
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  objclass       ref
 *  obj+24  name           ref
 *  obj+32  kind           data
 *  (+2 spare words to CPython's size)
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of `getset_descriptor` objects. */
export const GETSET_DESCRIPTOR = {
  /** Word 0 (reference). */
  objclass: 0,
  /** Word 1 (reference). */
  name: 1,
  /** Word 2. */
  kind: 2,
} as const;

/** Layout of `getset_descriptor` objects. */
export const GETSET_DESCRIPTOR_SPEC: SlotTypeSpec = {
  name: "getset_descriptor",
  basicSize64: 56,
  refs: 2,
  container: true,
  weaklistWord: -1,
  itemSize64: 0,
};
