/**
 * Labels for an object's bytes, as the hex view shows them: the pre-header, the GC header,
 * the object header and the fields of the builtin types, at their offsets in the 64-bit
 * (w = 8) and compact (w = 4) layouts.
 *
 * ```
 *  block ─► | pre-header | gc_next | gc_prev | ob_refcnt | ob_type | type fields ... |
 *           ^ block      ^ obj - gcHeader     ^ obj
 * ```
 *
 * @module
 */
import type { FieldView } from "./snapshot-types";

/** What the labels are computed from. */
export interface FieldInput {
  /** Type name. */
  type: string;
  /** Bytes per word. */
  w: number;
  /** Offset of the object from its block. */
  objectOffset: number;
  /** Bytes of GC header (0 for non-containers). */
  gcHeader: number;
  /** Bytes shown. */
  shown: number;
  /** ob_size (items of a tuple, digits of an int), when the type has one. */
  itemCount: number;
}

/** Labelled fields within the first `shown` bytes of an object's block. */
export function objectFields(input: FieldInput): FieldView[] {
  const { w, objectOffset: o, gcHeader, shown } = input;
  const fields: FieldView[] = [];
  const add = (offset: number, size: number, name: string): void => {
    if (offset >= 0 && offset + size <= shown) fields.push({ offset, size, name });
  };
  const gcStart = o - gcHeader;
  if (gcStart > 0) add(0, gcStart, "pre-header");
  if (gcHeader > 0) {
    add(gcStart, w, "gc_next");
    add(gcStart + w, w, "gc_prev");
  }
  add(o, w, "ob_refcnt");
  add(o + w, w, "ob_type");
  const f = o + 2 * w;
  const n = Math.min(input.itemCount, 64);
  switch (input.type) {
    case "float":
      add(f, 8, "ob_fval");
      break;
    case "int":
    case "bool":
      add(f, w, "ob_size");
      for (let i = 0; i < Math.max(1, n); i++) add(f + w + 4 * i, 4, `ob_digit[${i}]`);
      break;
    case "tuple":
      add(f, w, "ob_size");
      for (let i = 0; i < n; i++) add(f + w + w * i, w, `ob_item[${i}]`);
      break;
    case "list":
      add(f, w, "ob_size");
      add(f + w, w, "ob_item");
      add(f + 2 * w, w, "allocated");
      break;
    case "dict":
      add(f, w, "ma_used");
      add(f + w, 8, "ma_version_tag");
      add(f + w + 8, w, "ma_keys");
      add(f + 2 * w + 8, w, "ma_values");
      break;
    case "set":
      add(f, w, "fill");
      add(f + w, w, "used");
      add(f + 2 * w, w, "mask");
      add(f + 3 * w, w, "table");
      add(f + 4 * w, w, "hash");
      add(f + 5 * w, w, "finger");
      add(f + 6 * w, Math.min(128, shown - (f + 6 * w)), "smalltable");
      break;
    case "str":
      add(f, w, "length");
      add(f + w, w, "hash");
      add(f + 2 * w, 4, "state");
      add(f + 3 * w, w, "wstr");
      add(f + 4 * w, Math.max(1, Math.min(input.itemCount + 1, shown - (f + 4 * w))), "data");
      break;
    case "bytes":
      add(f, w, "ob_size");
      add(f + w, w, "ob_shash");
      add(f + 2 * w, Math.max(1, Math.min(input.itemCount + 1, shown - (f + 2 * w))), "ob_sval");
      break;
    case "NoneType":
      break;
    default:
      if (gcHeader > 0) {
        add(f, w, "weakreflist / fields");
      }
      break;
  }
  return fields;
}
