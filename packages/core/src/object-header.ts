/**
 * Typed access to object headers and pointer-sized fields in the heap.
 *
 * ```
 *  obj+0             obj+w            obj+2w
 *  | ob_refcnt (w)   | ob_type id (w) | ob_size (w, var-size only) | fields ...
 * ```
 *
 * `w` is the layout's word size. Methods read the heap's current `u32` view each call,
 * so they stay correct when the heap grows.
 *
 * @module
 */
import type { Address } from "./address";
import type { Heap } from "./heap";
import type { ObjectLayout } from "./object-layout";

/**
 * Reads and writes header words of objects in one heap.
 * @example
 * ```ts
 * const headers = new ObjectHeaders(heap, LAYOUT_64);
 * headers.init(obj, listTypeId, 3); // refcount 1, type, ob_size 3
 * headers.refcount(obj); // 1
 * ```
 */
export class ObjectHeaders {
  /** The heap the objects live in. */
  readonly heap: Heap;
  /** The header layout. */
  readonly layout: ObjectLayout;
  private readonly typeWord: number;
  private readonly sizeWord: number;
  private readonly wide: boolean;

  constructor(heap: Heap, layout: ObjectLayout) {
    this.heap = heap;
    this.layout = layout;
    this.typeWord = layout.typeOffset >>> 2;
    this.sizeWord = layout.sizeOffset >>> 2;
    this.wide = layout.wordSize === 8;
  }

  /** Reads the pointer-sized word at `address`. */
  readWord(address: Address): number {
    return this.heap.u32[address >>> 2]!;
  }

  /** Writes the pointer-sized word at `address` (clears the high half in the 64-bit layout). */
  writeWord(address: Address, value: number): void {
    const u32 = this.heap.u32;
    const i = address >>> 2;
    u32[i] = value;
    if (this.wide) u32[i + 1] = 0;
  }

  /** Initialises a fresh object's header: refcount 1, type id, and ob_size when `size` is given. */
  init(obj: Address, typeId: number, size?: number): void {
    const u32 = this.heap.u32;
    const i = obj >>> 2;
    u32[i] = 1;
    u32[i + this.typeWord] = typeId;
    if (this.wide) {
      u32[i + 1] = 0;
      u32[i + this.typeWord + 1] = 0;
    }
    if (size !== undefined) {
      u32[i + this.sizeWord] = size;
      if (this.wide) u32[i + this.sizeWord + 1] = 0;
    }
  }

  /** The raw refcount word (an immortal object's is {@link IMMORTAL_REFCOUNT}). */
  refcount(obj: Address): number {
    return this.heap.u32[obj >>> 2]!;
  }

  /** Overwrites the refcount word. */
  setRefcount(obj: Address, value: number): void {
    this.heap.u32[obj >>> 2] = value;
  }

  /** The type id stored in ob_type. */
  typeId(obj: Address): number {
    return this.heap.u32[(obj >>> 2) + this.typeWord]!;
  }

  /** Overwrites ob_type. */
  setTypeId(obj: Address, typeId: number): void {
    this.heap.u32[(obj >>> 2) + this.typeWord] = typeId;
  }

  /** ob_size of a variable-size object. */
  size(obj: Address): number {
    return this.heap.u32[(obj >>> 2) + this.sizeWord]!;
  }

  /** Overwrites ob_size. */
  setSize(obj: Address, size: number): void {
    this.heap.u32[(obj >>> 2) + this.sizeWord] = size;
  }
}
