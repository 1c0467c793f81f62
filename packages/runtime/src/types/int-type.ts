/**
 * `int` (and `bool`, which shares its layout): arbitrary-precision integers stored as
 * 30-bit digits, least significant first, with the sign in ob_size — CPython 3.11's
 * PyLongObject (Include/cpython/longintrepr.h, Objects/longobject.c).
 *
 * ```
 *  64-bit layout, the int 2**40 + 5 (two digits):
 *
 *  obj+0   ob_refcnt       8
 *  obj+8   ob_type         8
 *  obj+16  ob_size         8   signed digit count: +2 (negative for negative ints, 0 for 0)
 *  obj+24  ob_digit[0]     4   5            (bits 0..29)
 *  obj+28  ob_digit[1]     4   1024         (bits 30..59)
 *  obj+32
 *
 *  sys.getsizeof(n) = 24 + 4 * max(1, |ob_size|)      0 -> 28, 1 -> 28, 2**30 -> 32
 * ```
 *
 * Zero has ob_size 0 but still owns one (zero) digit: CPython 3.11 allocates at least one
 * digit (`_PyLong_New`), and since 3.11.2 `int.__sizeof__` counts it (gh-100637), so
 * `sys.getsizeof(0)` and `sys.getsizeof(False)` are 28; 3.11.0 and 3.11.1 reported 24.
 *
 * Ints from `smallIntMin` to `smallIntMax` (-5..256) come from the small-int cache; they
 * are immortal here (CPython 3.11 keeps them alive forever through static storage).
 *
 * @module
 */
import { type Address, type Decref, NULL } from "@pymem/core";
import { hashBigInt, hashInteger } from "../hash";
import type { ObjectSpace } from "../object-space";
import { PythonError } from "../python-error";
import { BaseType, type JsValue, type TypeKind } from "../runtime-type";

/** Bits per digit (PyLong_SHIFT). */
export const PYLONG_SHIFT = 30;
/** Digit base, 2**30 (PyLong_BASE). */
export const PYLONG_BASE = 2 ** PYLONG_SHIFT;
/** Mask of one digit (PyLong_MASK). */
export const PYLONG_MASK = PYLONG_BASE - 1;
/** Bytes per digit (sizeof(digit)). */
export const DIGIT_BYTES = 4;

const BIG_SHIFT = BigInt(PYLONG_SHIFT);
const BIG_MASK = BigInt(PYLONG_MASK);

/**
 * The int type: creation from JS numbers and bigints, value access, hash and equality.
 * @example
 * ```ts
 * const n = ints.create(2n ** 40n + 5n);
 * ints.digitCount(n); // 2
 * ints.value(n);      // 1099511627781n
 * ```
 */
export class IntType extends BaseType {
  readonly kind: TypeKind = "int";
  readonly name: string = "int";
  readonly basicSize: number;
  readonly itemSize = DIGIT_BYTES;
  readonly isContainer = false;
  /** Offset of ob_digit[0]. */
  readonly digitsOffset: number;
  /** The object space the ints live in. */
  protected readonly space: ObjectSpace;

  constructor(space: ObjectSpace) {
    super();
    this.space = space;
    this.basicSize = space.layout.varHeaderSize;
    this.digitsOffset = space.layout.varHeaderSize;
  }

  /** Signed digit count (ob_size). */
  signedSize(obj: Address): number {
    return this.space.signedWord(obj + this.space.layout.sizeOffset);
  }

  /** Number of digits (|ob_size|). */
  digitCount(obj: Address): number {
    return Math.abs(this.signedSize(obj));
  }

  /**
   * A fresh int object holding `value` (no cache lookup: see `Runtime.int`).
   * @throws MemoryError when memory is exhausted
   */
  create(value: number | bigint): Address {
    if (typeof value === "number") {
      if (!Number.isSafeInteger(value)) return this.createBig(BigInt(value));
      const negative = value < 0;
      let magnitude = negative ? -value : value;
      const n =
        magnitude === 0 ? 0 : magnitude < PYLONG_BASE ? 1 : magnitude < PYLONG_BASE * PYLONG_BASE ? 2 : 3;
      const obj = this.space.newObject(this.typeId, Math.max(1, n), this.requestedBytes(n));
      const u32 = this.space.heap.u32;
      const base = (obj + this.digitsOffset) >>> 2;
      for (let i = 0; i < n; i++) {
        u32[base + i] = magnitude % PYLONG_BASE;
        magnitude = Math.floor(magnitude / PYLONG_BASE);
      }
      this.space.setSignedWord(obj + this.space.layout.sizeOffset, negative ? -n : n);
      return obj;
    }
    return this.createBig(value);
  }

  /**
   * Bytes CPython 3.11 asks for an int of `n` digits: `sizeof(PyLongObject)` (one digit, padded
   * to 32 bytes) for values that fit one digit, else the unpadded header plus the digits.
   */
  private requestedBytes(n: number): number {
    return n <= 1 ? -1 : this.digitsOffset + n * DIGIT_BYTES;
  }

  private createBig(value: bigint): Address {
    const negative = value < 0n;
    let magnitude = negative ? -value : value;
    let n = 0;
    for (let m = magnitude; m > 0n; m >>= BIG_SHIFT) n++;
    if (n > 0x3fffffff) throw new PythonError("OverflowError", "int too large to store");
    const obj = this.space.newObject(this.typeId, Math.max(1, n), this.requestedBytes(n));
    const u32 = this.space.heap.u32;
    const base = (obj + this.digitsOffset) >>> 2;
    for (let i = 0; i < n; i++) {
      u32[base + i] = Number(magnitude & BIG_MASK);
      magnitude >>= BIG_SHIFT;
    }
    this.space.setSignedWord(obj + this.space.layout.sizeOffset, negative ? -n : n);
    return obj;
  }

  /** The exact value. */
  value(obj: Address): bigint {
    const size = this.signedSize(obj);
    const n = Math.abs(size);
    const u32 = this.space.heap.u32;
    const base = (obj + this.digitsOffset) >>> 2;
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << BIG_SHIFT) | BigInt(u32[base + i]!);
    return size < 0 ? -v : v;
  }

  /** The value as a JS number (exact when it is a safe integer, else rounded). */
  numberValue(obj: Address): number {
    const size = this.signedSize(obj);
    const n = Math.abs(size);
    if (n > 2) return Number(this.value(obj));
    const u32 = this.space.heap.u32;
    const base = (obj + this.digitsOffset) >>> 2;
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * PYLONG_BASE + u32[base + i]!;
    return size < 0 ? -v : v;
  }

  /** Whether the value fits a JS safe integer. */
  isSafe(obj: Address): boolean {
    const n = this.digitCount(obj);
    return n <= 1 || (n === 2 && this.space.heap.u32[(obj + this.digitsOffset + 4) >>> 2]! < 2 ** 23);
  }

  dealloc(obj: Address, _decref: Decref): void {
    // ob_size back to the digit count the allocator formatted (the sign lives there).
    this.space.setWord(obj + this.space.layout.sizeOffset, Math.max(1, this.digitCount(obj)));
    this.space.releaseObject(obj, this.typeId);
  }

  sizeOf(obj: Address): number {
    return this.space.layout.varHeaderSize + DIGIT_BYTES * Math.max(1, this.digitCount(obj));
  }

  override hash(obj: Address): number {
    return this.isSafe(obj) ? hashInteger(this.numberValue(obj)) : hashBigInt(this.value(obj));
  }

  override equals(a: Address, b: Address): boolean {
    const n = this.signedSize(a);
    if (n !== this.signedSize(b)) return false;
    const u32 = this.space.heap.u32;
    const da = (a + this.digitsOffset) >>> 2;
    const db = (b + this.digitsOffset) >>> 2;
    for (let i = Math.abs(n) - 1; i >= 0; i--) if (u32[da + i] !== u32[db + i]) return false;
    return true;
  }

  override repr(obj: Address): string {
    return this.isSafe(obj) ? String(this.numberValue(obj)) : this.value(obj).toString();
  }

  override toJS(obj: Address): JsValue {
    return this.isSafe(obj) ? this.numberValue(obj) : this.value(obj);
  }
}

/**
 * `bool`: an int subclass with two immortal instances (ob_size 0 for False, 1 for True;
 * `sys.getsizeof` is 28 for both in the 64-bit layout, as in CPython 3.11.2+).
 */
export class BoolType extends IntType {
  override readonly kind: TypeKind = "bool";
  override readonly name: string = "bool";
  /** The False singleton. */
  falseObject: Address = NULL;
  /** The True singleton. */
  trueObject: Address = NULL;

  /** Creates both singletons (immortal). */
  createSingletons(): void {
    this.falseObject = this.create(0);
    this.trueObject = this.create(1);
    this.space.makeStatic(this.falseObject, "False");
    this.space.makeStatic(this.trueObject, "True");
  }

  override repr(obj: Address): string {
    return this.signedSize(obj) === 0 ? "False" : "True";
  }

  override toJS(obj: Address): JsValue {
    return this.signedSize(obj) !== 0;
  }
}
