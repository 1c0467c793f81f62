/**
 * `float`: one IEEE-754 double after the object header — CPython's PyFloatObject
 * (Include/cpython/floatobject.h). With free lists on, dead floats go to a free list of 100
 * (PyFloat_MAXFREELIST) and the next float reuses one.
 *
 * ```
 *  64-bit layout                      compact layout
 *  obj+0   ob_refcnt  8               obj+0  ob_refcnt 4
 *  obj+8   ob_type    8               obj+4  ob_type   4
 *  obj+16  ob_fval    8 (f64)         obj+8  ob_fval   8 (f64)
 *  obj+24                             obj+16
 *
 *  sys.getsizeof(1.0) = 24
 * ```
 *
 * @module
 */
import type { Address, Decref } from "@pymem/core";
import { hashFloat } from "../hash";
import type { ObjectSpace } from "../object-space";
import { BaseType, type JsValue } from "../runtime-type";

/**
 * Python's float repr: the shortest digits that round-trip, in fixed notation when the
 * decimal exponent is in [-4, 16), else with a two-digit signed exponent.
 * @example formatFloat(1) // "1.0"; formatFloat(1e16) // "1e+16"; formatFloat(1.5e-7) // "1.5e-07"
 */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exponentText] = x.toExponential().split("e") as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  const sign = negative ? "-" : "";
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
    const fraction = digits.slice(exponent + 1);
    return `${sign}${intPart}.${fraction === "" ? "0" : fraction}`;
  }
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exponent).toString().padStart(2, "0");
  return `${sign}${head}e${exponent < 0 ? "-" : "+"}${e}`;
}

/**
 * The float type.
 * @example
 * ```ts
 * const x = floats.create(1.5);
 * floats.value(x); // 1.5
 * ```
 */
export class FloatType extends BaseType {
  readonly kind = "float" as const;
  readonly name = "float";
  readonly basicSize: number;
  readonly itemSize = 0;
  readonly isContainer = false;
  /** Offset of ob_fval. */
  readonly valueOffset: number;
  private readonly space: ObjectSpace;

  constructor(space: ObjectSpace) {
    super();
    this.space = space;
    this.valueOffset = space.layout.headerSize;
    this.basicSize = space.layout.headerSize + 8;
  }

  /** A fresh float (from the free list when one is cached). */
  create(value: number): Address {
    const obj = this.space.newObject(this.typeId);
    this.space.heap.f64[(obj + this.valueOffset) >>> 3] = value;
    return obj;
  }

  /** ob_fval. */
  value(obj: Address): number {
    return this.space.heap.f64[(obj + this.valueOffset) >>> 3]!;
  }

  dealloc(obj: Address, _decref: Decref): void {
    this.space.releaseObject(obj, this.typeId);
  }

  sizeOf(_obj: Address): number {
    return this.basicSize;
  }

  override hash(obj: Address): number {
    return hashFloat(this.value(obj));
  }

  override equals(a: Address, b: Address): boolean {
    return this.value(a) === this.value(b);
  }

  override repr(obj: Address): string {
    return formatFloat(this.value(obj));
  }

  override toJS(obj: Address): JsValue {
    return this.value(obj);
  }
}
