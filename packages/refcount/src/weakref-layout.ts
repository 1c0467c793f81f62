/**
 * Where the fields of a weak reference object live: CPython 3.11's `PyWeakReference`
 * (Include/cpython/weakrefobject.h) — the object header, then six pointer-sized words.
 * Weak references are GC objects in CPython, so a GC header precedes them.
 *
 * ```
 *  64-bit layout                                            compact layout
 *  obj-16 +--------------------------+                      obj-8  +--------+
 *         | PyGC_Head       16 B     |                             | 8 B    |
 *  obj+0  +--------------------------+                      obj+0  +--------+
 *         | ob_refcnt        8 B     |                             | 4 B    |
 *  obj+8  | ob_type          8 B     |                      obj+4  | 4 B    |
 *  obj+16 | wr_object        8 B     | referent, 0 once dead obj+8  | 4 B    |
 *  obj+24 | wr_callback      8 B     | callback id, 0 = none obj+12 | 4 B    |
 *  obj+32 | hash             8 B     | -1 until computed     obj+16 | 4 B    |
 *  obj+40 | wr_prev          8 B     | referent's list       obj+20 | 4 B    |
 *  obj+48 | wr_next          8 B     |   (NULL-terminated)   obj+24 | 4 B    |
 *  obj+56 | vectorcall       8 B     | 0: calls go through   obj+28 | 4 B    |
 *  obj+64 +--------------------------+    the owning table   obj+32 +--------+
 *  basicSize 64, sys.getsizeof 80 (CPython 3.11 on 64-bit)                       32 / 40
 * ```
 *
 * CPython stores the callback object itself in wr_callback; here it is an index into the
 * owning table's JS-side array of callback functions, so the word stays an integer.
 *
 * @module
 */
import type { ObjectLayout } from "@pymem/core";

/** Byte offsets (from the object address) and sizes of a weak reference's fields. */
export interface WeakrefLayout {
  /** The object header layout this is derived from. */
  readonly layout: ObjectLayout;
  /** wr_object: the referent's address, 0 once the referent died or the weakref was cleared. */
  readonly objectOffset: number;
  /** wr_callback: id of the callback in the table's callback array, 0 for none. */
  readonly callbackOffset: number;
  /** hash: the referent's hash once computed, -1 before. */
  readonly hashOffset: number;
  /** wr_prev: previous weak reference to the same referent, 0 at the head. */
  readonly prevOffset: number;
  /** wr_next: next weak reference to the same referent, 0 at the tail. */
  readonly nextOffset: number;
  /**
   * vectorcall: CPython's fast-call entry point for calling the weak reference. Kept so the
   * size matches CPython's; always 0 here, since calling goes through the owning table.
   */
  readonly vectorcallOffset: number;
  /** tp_basicsize: header + six words (64 B in the 64-bit layout). */
  readonly basicSize: number;
  /** sys.getsizeof: basicSize + GC header (80 B in the 64-bit layout). */
  readonly totalSize: number;
}

/** Number of pointer-sized fields after the object header. */
export const WEAKREF_FIELD_COUNT = 6;

/**
 * The weak reference layout for an object layout.
 * @example
 * ```ts
 * weakrefLayout(LAYOUT_64).totalSize; // 80, as sys.getsizeof(weakref.ref(x)) on CPython 3.11
 * ```
 */
export function weakrefLayout(layout: ObjectLayout): WeakrefLayout {
  const h = layout.headerSize;
  const w = layout.wordSize;
  const basicSize = h + WEAKREF_FIELD_COUNT * w;
  return Object.freeze({
    layout,
    objectOffset: h,
    callbackOffset: h + w,
    hashOffset: h + 2 * w,
    prevOffset: h + 3 * w,
    nextOffset: h + 4 * w,
    vectorcallOffset: h + 5 * w,
    basicSize,
    totalSize: basicSize + layout.gcHeaderSize,
  });
}
