/**
 * `NoneType`: a bare object header, one immortal instance (CPython's `_Py_NoneStruct`).
 *
 * ```
 *  obj+0  ob_refcnt  w   immortal
 *  obj+w  ob_type    w
 *  obj+2w                      sys.getsizeof(None) = 16 in the 64-bit layout
 * ```
 *
 * @module
 */
import { type Address, type Decref, HeapCorruptionError, NULL } from "@pymem/core";
import type { ObjectSpace } from "../object-space";
import { BaseType, type JsValue } from "../runtime-type";

/** The None type and its singleton. */
export class NoneType extends BaseType {
  readonly kind = "none" as const;
  readonly name = "NoneType";
  readonly basicSize: number;
  readonly itemSize = 0;
  readonly isContainer = false;
  /** The None singleton (NULL until created). */
  none: Address = NULL;
  private readonly space: ObjectSpace;

  constructor(space: ObjectSpace) {
    super();
    this.space = space;
    this.basicSize = space.layout.headerSize;
  }

  /** Creates the immortal singleton. */
  createSingleton(): Address {
    this.none = this.space.newObject(this.typeId);
    this.space.makeStatic(this.none, "None");
    return this.none;
  }

  /** None is immortal: reaching this is a refcount bug. */
  dealloc(obj: Address, _decref: Decref): void {
    throw new HeapCorruptionError(obj, "refcount", "None was deallocated: its reference count reached zero");
  }

  sizeOf(_obj: Address): number {
    return this.basicSize;
  }

  override hash(_obj: Address): number {
    // CPython 3.12+ hashes None to a constant; 3.11 used its address.
    return 0xfca86420 | 0;
  }

  override repr(): string {
    return "None";
  }

  override toJS(): JsValue {
    return null;
  }
}
