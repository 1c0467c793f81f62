/**
 * Where an object's header fields live, for the two supported layouts.
 *
 * ```
 *  64-bit layout (CPython 64-bit sizes)           compact layout (32-bit words)
 *
 *  obj-16 +-----------------------+ GC header      obj-8 +-----------+ GC header
 *         | gc_next        8 B    | (containers)         | gc_next 4 |
 *  obj-8  | gc_prev|flags  8 B    |                obj-4 | gc_prev 4 |
 *  obj+0  +-----------------------+ object         obj+0 +-----------+
 *         | ob_refcnt      8 B    |                      | refcnt  4 |
 *  obj+8  | ob_type (type id) 8 B |                obj+4 | type    4 |
 *  obj+16 | ob_size        8 B    | (var-size)     obj+8 | ob_size 4 |
 *  obj+24 | ... type fields       |               obj+12 | ...       |
 * ```
 *
 * An 8-byte word keeps its value in the low (first, little-endian) 4 bytes; the high half
 * is written as zero. So every word is read as `u32[(address >>> 2)]` in both layouts.
 * The object address is what a Python `id()` would be: the header start, after the GC header.
 *
 * @module
 */

/** Field offsets and sizes of object headers. */
export interface ObjectLayout {
  /** Layout name. */
  readonly name: "64-bit" | "compact";
  /** Bytes of one header word (refcount, type, ob_size, GC links, pointers). */
  readonly wordSize: 8 | 4;
  /** Offset of ob_refcnt from the object address. */
  readonly refcountOffset: number;
  /** Offset of ob_type (the type id) from the object address. */
  readonly typeOffset: number;
  /** Offset of ob_size (variable-size objects) from the object address. */
  readonly sizeOffset: number;
  /** PyObject_HEAD: refcount + type. */
  readonly headerSize: number;
  /** PyObject_VAR_HEAD: refcount + type + ob_size. */
  readonly varHeaderSize: number;
  /** PyGC_Head: two link words placed just before container objects. */
  readonly gcHeaderSize: number;
}

/** CPython's 64-bit layout: 16-byte object header, 16-byte GC header (the default). */
export const LAYOUT_64: ObjectLayout = Object.freeze({
  name: "64-bit",
  wordSize: 8,
  refcountOffset: 0,
  typeOffset: 8,
  sizeOffset: 16,
  headerSize: 16,
  varHeaderSize: 24,
  gcHeaderSize: 16,
});

/** The compact layout: every header word 4 bytes. */
export const LAYOUT_COMPACT: ObjectLayout = Object.freeze({
  name: "compact",
  wordSize: 4,
  refcountOffset: 0,
  typeOffset: 4,
  sizeOffset: 8,
  headerSize: 8,
  varHeaderSize: 12,
  gcHeaderSize: 8,
});

/** Looks up a layout by name. */
export function objectLayout(name: ObjectLayout["name"]): ObjectLayout {
  return name === "compact" ? LAYOUT_COMPACT : LAYOUT_64;
}

/**
 * Refcount of immortal objects (PEP 683): bit 31 of the refcount word set means immortal,
 * and incref/decref leave the word alone.
 */
export const IMMORTAL_REFCOUNT = 0xffffffff;
/** Mask of the refcount word's immortality bit. */
export const IMMORTAL_BIT = 0x80000000;
