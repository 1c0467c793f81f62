/**
 * Dict views (`d.keys()`, `d.values()`, `d.items()`): a reference to the dict
 * (_PyDictViewObject); one type per kind, as in CPython.
 *
 * ```
 *  64-bit layout, tp_basicsize 24
 *  obj-16  GC header (16)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  dict           ref
 * ```
 *
 * @module
 */
import type { SlotTypeSpec } from "./slot-type";

/** Word indices of dict views. */
export const DICT_VIEW = {
  /** Word 0 (reference): the dict. */
  dict: 0,
} as const;

/** Layouts of `dict_keys`, `dict_values` and `dict_items`. */
export const DICT_VIEW_SPECS: readonly SlotTypeSpec[] = ["dict_keys", "dict_values", "dict_items"].map(
  (name) => ({
    name,
    basicSize64: 24,
    refs: 1,
    container: true,
    weaklistWord: -1,
    itemSize64: 0,
  }),
);
