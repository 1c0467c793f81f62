/**
 * `bytes`: an immutable byte string in one block, NUL-terminated — CPython 3.11's
 * PyBytesObject (Include/cpython/bytesobject.h, Objects/bytesobject.c).
 *
 * ```
 *  64-bit layout, b"hi"
 *  obj+0   ob_refcnt  8
 *  obj+8   ob_type    8
 *  obj+16  ob_size    8   2
 *  obj+24  ob_shash   8   -1 until computed
 *  obj+32  ob_sval    "hi\0"
 *
 *  sys.getsizeof(b"") = 33 (PyBytesObject_SIZE), b"hi" = 35
 * ```
 *
 * The empty bytes object is an immortal singleton, created on first use.
 *
 * @module
 */
import { type Address, type Decref, NULL } from "@pymem/core";
import { hashByteRange } from "../hash";
import type { ObjectSpace } from "../object-space";
import { BaseType, type JsValue } from "../runtime-type";

/**
 * The bytes type.
 * @example
 * ```ts
 * const b = bytesType.create(new Uint8Array([104, 105]));
 * bytesType.value(b); // Uint8Array [104, 105]
 * ```
 */
export class BytesType extends BaseType {
  readonly kind = "bytes" as const;
  readonly name = "bytes";
  /** PyBytesObject_SIZE: header, ob_shash and the terminating NUL. */
  readonly basicSize: number;
  readonly itemSize = 1;
  readonly isContainer = false;
  /** Offset of ob_shash. */
  readonly hashOffset: number;
  /** Offset of ob_sval. */
  readonly dataOffset: number;
  private readonly space: ObjectSpace;
  private empty: Address = NULL;

  constructor(space: ObjectSpace) {
    super();
    this.space = space;
    this.hashOffset = space.layout.varHeaderSize;
    this.dataOffset = space.layout.varHeaderSize + space.w;
    this.basicSize = this.dataOffset + 1;
  }

  /** A bytes object holding a copy of `data` (the empty one is a singleton). */
  create(data: Uint8Array): Address {
    if (data.length === 0 && this.empty !== NULL) return this.empty;
    const obj = this.space.newObject(this.typeId, data.length, this.basicSize + data.length);
    this.space.setSignedWord(obj + this.hashOffset, -1);
    this.space.heap.u8.set(data, obj + this.dataOffset);
    if (data.length === 0) {
      this.space.makeStatic(obj);
      this.empty = obj;
    }
    return obj;
  }

  /** The empty bytes singleton, or NULL before it is first made. */
  get emptySingleton(): Address {
    return this.empty;
  }

  /** Number of bytes. */
  length(obj: Address): number {
    return this.space.headers.size(obj);
  }

  /** A copy of the bytes. */
  value(obj: Address): Uint8Array {
    const start = obj + this.dataOffset;
    return this.space.heap.u8.slice(start, start + this.length(obj));
  }

  dealloc(obj: Address, _decref: Decref): void {
    this.space.releaseObject(obj, this.typeId);
  }

  sizeOf(obj: Address): number {
    return this.basicSize + this.length(obj);
  }

  override hash(obj: Address): number {
    const cached = this.space.signedWord(obj + this.hashOffset);
    if (cached !== -1) return cached;
    const h = hashByteRange(this.space.heap.u8, obj + this.dataOffset, this.length(obj));
    this.space.setSignedWord(obj + this.hashOffset, h);
    return h;
  }

  override equals(a: Address, b: Address): boolean {
    const n = this.length(a);
    if (n !== this.length(b)) return false;
    const u8 = this.space.heap.u8;
    const pa = a + this.dataOffset;
    const pb = b + this.dataOffset;
    for (let i = 0; i < n; i++) if (u8[pa + i] !== u8[pb + i]) return false;
    return true;
  }

  override repr(obj: Address): string {
    let out = "b'";
    for (const c of this.value(obj)) {
      if (c === 0x27 || c === 0x5c) out += `\\${String.fromCharCode(c)}`;
      else if (c === 0x0a) out += "\\n";
      else if (c === 0x0d) out += "\\r";
      else if (c === 0x09) out += "\\t";
      else if (c < 0x20 || c >= 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
      else out += String.fromCharCode(c);
    }
    return `${out}'`;
  }

  override toJS(obj: Address): JsValue {
    return this.value(obj);
  }
}
