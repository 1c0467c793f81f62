/**
 * Type objects (`class C: ...` and the builtin types): the class's name, namespace dict,
 * bases and MRO as heap references, and the index of its JS-side record (method tables,
 * the instance type) — PyHeapTypeObject, whose `sys.getsizeof` is 1688 in CPython 3.11.
 *
 * ```
 *  64-bit layout, tp_basicsize 904 (+ GC header 16; getsizeof reports 1688)
 *  obj+0   ob_refcnt, ob_type
 *  obj+16  name       ref     str
 *  obj+24  dict       ref     the class namespace (a dict)
 *  obj+32  bases      ref     tuple of type objects
 *  obj+40  mro        ref     tuple of type objects, starting with the class itself
 *  obj+48  module     ref     str
 *  obj+56  qualname   ref     str
 *  obj+64  classIndex data    index of the class record in the interpreter
 *  obj+72  weakreflist
 *  ...     spare words up to CPython's size
 * ```
 *
 * A class is in a cycle with itself (its MRO tuple holds it) and with its module's dict:
 * only the cycle collector frees a class, as in CPython.
 *
 * @module
 */
import type { Address } from "@pymem/core";
import type { ObjectSpace } from "@pymem/runtime";
import { SlotType } from "./slot-type";

/** Word indices of type objects. */
export const TYPE = {
  /** `__name__` (reference). */
  name: 0,
  /** `__dict__` (reference). */
  dict: 1,
  /** `__bases__` (reference). */
  bases: 2,
  /** `__mro__` (reference). */
  mro: 3,
  /** `__module__` (reference). */
  module: 4,
  /** `__qualname__` (reference). */
  qualname: 5,
  /** Index of the class record. */
  classIndex: 6,
  /** Weak-reference list. */
  weakreflist: 7,
} as const;

/** `sys.getsizeof` of a heap type in CPython 3.11 (64-bit). */
export const HEAP_TYPE_SIZE = 1688;

/**
 * The `type` type.
 * @example
 * ```ts
 * const types = new TypeObjectType(space);
 * ```
 */
export class TypeObjectType extends SlotType {
  constructor(space: ObjectSpace) {
    super(space, {
      name: "type",
      basicSize64: 904,
      refs: 6,
      container: true,
      weaklistWord: TYPE.weakreflist,
    });
  }

  override sizeOf(_obj: Address): number {
    return (HEAP_TYPE_SIZE / 8) * this.w;
  }
}
