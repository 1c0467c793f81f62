/**
 * `str`: PEP 393 compact strings, as CPython 3.11 lays them out (Include/cpython/unicodeobject.h):
 * one block holds the header and the characters, 1, 2 or 4 bytes each depending on the
 * largest code point, NUL-terminated.
 *
 * ```
 *  64-bit layout, compact ASCII ("abc")          compact non-ASCII ("é", kind 1)
 *  obj+0   ob_refcnt   8                         obj+0..47  same as ASCII
 *  obj+8   ob_type     8                         obj+48  utf8_length  8   0 (no UTF-8 cache)
 *  obj+16  length      8   3 (code points)       obj+56  utf8         8   NULL
 *  obj+24  hash        8   -1 until computed     obj+64  wstr_length  8   0
 *  obj+32  state       4   interned:2 kind:3     obj+72  data: (length + 1) * kind bytes
 *                          compact:1 ascii:1
 *                          ready:1
 *  obj+36  (padding)   4
 *  obj+40  wstr        8   NULL
 *  obj+48  data        "abc\0"
 *
 *  sys.getsizeof: ASCII 48 + length + 1 ("" 49, "a" 50); otherwise 72 + (length + 1) * kind
 *
 *  CPython 3.12 on (config.unicodeWstr false): no wstr (ASCII header 40, "" 41) and no
 *  wstr_length (compact header 56); with config.latin1Utf8, the one-character Latin-1
 *  singletons carry their UTF-8 form after the characters, utf8 pointing at it, and
 *  sys.getsizeof counts it ("é": 56 + 2 + 3 = 61), as 3.12's statically allocated ones do
 * ```
 *
 * The length word sits where ob_size sits in variable-size objects; the allocator is asked
 * for the payload (characters, NUL and, for non-ASCII strings, the three extra words) as
 * the item count. The empty string and the 256 one-character Latin-1 strings are immortal
 * singletons, created on first use (CPython 3.11 keeps them in static storage).
 *
 * @module
 */
import { type Address, type Decref, NULL } from "@pymem/core";
import { FNV_OFFSET, fixHash, fnvStep } from "../hash";
import type { ObjectSpace } from "../object-space";
import { BaseType, type JsValue } from "../runtime-type";

/** `state.interned`: not interned. */
export const SSTATE_NOT_INTERNED = 0;
/** `state.interned`: interned, freed when no other reference remains. */
export const SSTATE_INTERNED_MORTAL = 1;
/** `state.interned`: interned for the life of the runtime. */
export const SSTATE_INTERNED_IMMORTAL = 2;

/** state bits 0..1: interned state. */
export const STATE_INTERNED_MASK = 0b11;
/** state bits 2..4: kind (1, 2 or 4 bytes per character). */
export const STATE_KIND_SHIFT = 2;
/** state bit 5: compact (always set here). */
export const STATE_COMPACT = 1 << 5;
/** state bit 6: ASCII only. */
export const STATE_ASCII = 1 << 6;
/** state bit 7: ready (always set here). */
export const STATE_READY = 1 << 7;

/** Largest code point stored 1 byte per character. */
export const MAX_UCS1 = 0xff;
/** Largest code point stored 2 bytes per character. */
export const MAX_UCS2 = 0xffff;

const DECODE_CHUNK = 8192;

/**
 * The str type: creation from JS strings, decoding, hash (cached in the object), equality.
 * @example
 * ```ts
 * const s = strs.create("héllo");
 * strs.kindOf(s);  // 1 (Latin-1)
 * strs.value(s);   // "héllo"
 * ```
 */
export class StrType extends BaseType {
  readonly kind = "str" as const;
  readonly name = "str";
  /** Bytes of a compact ASCII header (PyASCIIObject). */
  readonly basicSize: number;
  readonly itemSize = 1;
  readonly isContainer = false;
  /** Offset of `length`. */
  readonly lengthOffset: number;
  /** Offset of `hash`. */
  readonly hashOffset: number;
  /** Offset of `state`. */
  readonly stateOffset: number;
  /** Bytes of a compact non-ASCII header (PyCompactUnicodeObject). */
  readonly compactHeaderSize: number;
  /** Called when an interned string dies, to drop it from the intern table. */
  onInternedDealloc: ((obj: Address, value: string) => void) | null = null;
  private readonly space: ObjectSpace;
  private readonly latin1 = new Uint32Array(256);
  private empty: Address = NULL;

  constructor(space: ObjectSpace) {
    super();
    this.space = space;
    const { headerSize } = space.layout;
    const w = space.w;
    this.lengthOffset = headerSize;
    this.hashOffset = headerSize + w;
    this.stateOffset = headerSize + 2 * w;
    const wstr = space.config.unicodeWstr;
    this.basicSize = headerSize + (wstr ? 4 : 3) * w;
    this.compactHeaderSize = this.basicSize + (wstr ? 3 : 2) * w;
  }

  /**
   * The str object for `s`: a cached singleton for "" and one Latin-1 character, otherwise
   * a fresh object (new reference either way).
   */
  create(s: string): Address {
    if (s.length <= 1) {
      const c = s.length === 0 ? -1 : s.charCodeAt(0);
      if (c <= MAX_UCS1) {
        const cached = c < 0 ? this.empty : this.latin1[c]!;
        if (cached !== NULL) return cached;
        const obj = this.createFresh(s, c >= 0x80 && this.space.config.latin1Utf8);
        this.space.makeStatic(obj);
        if (c < 0) this.empty = obj;
        else this.latin1[c] = obj;
        return obj;
      }
    }
    return this.createFresh(s);
  }

  /**
   * A fresh str object for `s`, never a cached one; with `utf8Cache` (a Latin-1 string),
   * its UTF-8 form follows the characters and the utf8 words point at it.
   */
  createFresh(s: string, utf8Cache = false): Address {
    let maxChar = 0;
    let length = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.codePointAt(i)!;
      if (c > 0xffff) i++;
      if (c > maxChar) maxChar = c;
      length++;
    }
    const ascii = maxChar < 0x80;
    const kind = maxChar <= MAX_UCS1 ? 1 : maxChar <= MAX_UCS2 ? 2 : 4;
    const extra = ascii ? 0 : this.compactHeaderSize - this.basicSize;
    let utf8Length = 0;
    if (utf8Cache && !ascii && kind === 1) {
      for (let i = 0; i < s.length; i++) utf8Length += s.charCodeAt(i) < 0x80 ? 1 : 2;
    }
    const utf8Bytes = utf8Length === 0 ? 0 : utf8Length + 1;
    const obj = this.space.newObject(
      this.typeId,
      extra + (length + 1) * kind + utf8Bytes,
      this.basicSize + extra + (length + 1) * kind + utf8Bytes,
    );
    const space = this.space;
    space.setWord(obj + this.lengthOffset, length);
    space.setSignedWord(obj + this.hashOffset, -1);
    space.heap.u32[(obj + this.stateOffset) >>> 2] =
      (kind << STATE_KIND_SHIFT) | STATE_COMPACT | STATE_READY | (ascii ? STATE_ASCII : 0);
    const data = obj + (ascii ? this.basicSize : this.compactHeaderSize);
    const u8 = space.heap.u8;
    let p = data;
    for (let i = 0; i < s.length; i++) {
      const c = s.codePointAt(i)!;
      if (c > 0xffff) i++;
      u8[p] = c & 0xff;
      if (kind >= 2) u8[p + 1] = (c >>> 8) & 0xff;
      if (kind === 4) {
        u8[p + 2] = c >>> 16;
        u8[p + 3] = 0;
      }
      p += kind;
    }
    // The NUL terminator (already zero from the allocator; written for clarity).
    u8.fill(0, p, p + kind);
    if (utf8Bytes !== 0) {
      let q = p + kind;
      const utf8 = q;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x80) u8[q++] = c;
        else {
          u8[q++] = 0xc0 | (c >>> 6);
          u8[q++] = 0x80 | (c & 0x3f);
        }
      }
      u8[q] = 0;
      space.setWord(obj + this.basicSize, utf8Length);
      space.setWord(obj + this.basicSize + space.w, utf8);
    }
    return obj;
  }

  /** Calls `visit` with each singleton made so far (the empty string, one-character strings). */
  forEachSingleton(visit: (obj: Address) => void): void {
    if (this.empty !== NULL) visit(this.empty);
    for (const obj of this.latin1) if (obj !== NULL) visit(obj);
  }

  /** Length in code points. */
  length(obj: Address): number {
    return this.space.word(obj + this.lengthOffset);
  }

  /** The state word. */
  state(obj: Address): number {
    return this.space.heap.u32[(obj + this.stateOffset) >>> 2]!;
  }

  /** Bytes per character: 1, 2 or 4. */
  kindOf(obj: Address): number {
    return (this.state(obj) >>> STATE_KIND_SHIFT) & 0b111;
  }

  /** Whether the string is ASCII only. */
  isAscii(obj: Address): boolean {
    return (this.state(obj) & STATE_ASCII) !== 0;
  }

  /** Interned state (SSTATE_*). */
  internedState(obj: Address): number {
    return this.state(obj) & STATE_INTERNED_MASK;
  }

  /** Sets the interned state. */
  setInternedState(obj: Address, sstate: number): void {
    const i = (obj + this.stateOffset) >>> 2;
    const u32 = this.space.heap.u32;
    u32[i] = (u32[i]! & ~STATE_INTERNED_MASK) | sstate;
  }

  /** Address of the first character. */
  dataAddress(obj: Address): Address {
    return obj + (this.isAscii(obj) ? this.basicSize : this.compactHeaderSize);
  }

  /** Code point at index `i`. */
  codePointAt(obj: Address, i: number): number {
    const kind = this.kindOf(obj);
    const u8 = this.space.heap.u8;
    const p = this.dataAddress(obj) + i * kind;
    if (kind === 1) return u8[p]!;
    if (kind === 2) return u8[p]! | (u8[p + 1]! << 8);
    return u8[p]! | (u8[p + 1]! << 8) | (u8[p + 2]! << 16);
  }

  /** The JS string. */
  value(obj: Address): string {
    const length = this.length(obj);
    const kind = this.kindOf(obj);
    const data = this.dataAddress(obj);
    const u8 = this.space.heap.u8;
    if (kind === 1) {
      let out = "";
      for (let start = 0; start < length; start += DECODE_CHUNK) {
        const end = Math.min(length, start + DECODE_CHUNK);
        out += String.fromCharCode(...u8.subarray(data + start, data + end));
      }
      return out;
    }
    let out = "";
    for (let i = 0; i < length; i++) out += String.fromCodePoint(this.codePointAt(obj, i));
    return out;
  }

  /** Whether the object holds exactly the JS string `s`. */
  equalsString(obj: Address, s: string): boolean {
    const length = this.length(obj);
    let i = 0;
    let n = 0;
    for (; i < s.length; i++, n++) {
      const c = s.codePointAt(i)!;
      if (c > 0xffff) i++;
      if (n >= length || this.codePointAt(obj, n) !== c) return false;
    }
    return n === length;
  }

  dealloc(obj: Address, _decref: Decref): void {
    if (this.internedState(obj) !== SSTATE_NOT_INTERNED && this.onInternedDealloc !== null) {
      this.onInternedDealloc(obj, this.value(obj));
    }
    this.space.releaseObject(obj, this.typeId);
  }

  sizeOf(obj: Address): number {
    const length = this.length(obj);
    if (this.isAscii(obj)) return this.basicSize + length + 1;
    const size = this.compactHeaderSize + (length + 1) * this.kindOf(obj);
    const space = this.space;
    // A UTF-8 copy kept beside the characters counts (3.12's _PyUnicode_HAS_UTF8_MEMORY).
    return space.word(obj + this.basicSize + space.w) === NULL
      ? size
      : size + space.word(obj + this.basicSize) + 1;
  }

  /** Hash, computed once and cached in the object's hash word. */
  override hash(obj: Address): number {
    const cached = this.space.signedWord(obj + this.hashOffset);
    if (cached !== -1) return cached;
    const length = this.length(obj);
    let h = FNV_OFFSET | 0;
    for (let i = 0; i < length; i++) h = fnvStep(h, this.codePointAt(obj, i));
    h = fixHash(h);
    this.space.setSignedWord(obj + this.hashOffset, h);
    return h;
  }

  override equals(a: Address, b: Address): boolean {
    const length = this.length(a);
    if (length !== this.length(b)) return false;
    const kind = this.kindOf(a);
    if (kind !== this.kindOf(b)) return false;
    const u8 = this.space.heap.u8;
    const pa = this.dataAddress(a);
    const pb = this.dataAddress(b);
    for (let i = 0, n = length * kind; i < n; i++) if (u8[pa + i] !== u8[pb + i]) return false;
    return true;
  }

  override repr(obj: Address): string {
    return reprString(this.value(obj));
  }

  override toJS(obj: Address): JsValue {
    return this.value(obj);
  }
}

/** Python's `repr()` of a string: single quotes unless the text holds only single quotes. */
export function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return out + quote;
}
