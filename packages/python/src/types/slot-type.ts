/**
 * `SlotType`: the shape shared by the interpreter's fixed-size heap types (function, cell,
 * method, module, iterators, ...): the object header, then pointer-sized words, the first
 * `refs` of which hold strong references (NULL or an object). Sizes are CPython 3.11's
 * `tp_basicsize`, so `sys.getsizeof` and the memory the allocator hands out agree with it.
 *
 * ```
 *  64-bit layout, a type with refs = 2 and basicSize 48 (e.g. method)
 *  obj-16  gc_next / gc_prev   16   only when the type is a container
 *  obj+0   ob_refcnt            8
 *  obj+8   ob_type              8
 *  obj+16  word 0  (ref)        8   traverse visits it; clear/dealloc release it
 *  obj+24  word 1  (ref)        8
 *  obj+32  word 2               8   plain data (an index, a counter, the weak-reference list)
 *  obj+40  word 3               8
 *  obj+48
 * ```
 *
 * Word `i` lives at `obj + headerSize + i * w`; in the compact layout every size scales with
 * the word. A type whose instances point into a JS-side table (a compiled function, a JS
 * iterator) names the word that holds the index; `release` frees that entry on deallocation.
 *
 * @module
 */
import { type Address, type Decref, NULL, type Visit } from "@pymem/core";
import { BaseType, type ObjectSpace, type TypeKind } from "@pymem/runtime";

/** How one slot type is laid out. */
export interface SlotTypeSpec {
  /** `type(x).__name__` (also the registry name, unique in a runtime). */
  readonly name: string;
  /** CPython 3.11's `tp_basicsize` on a 64-bit build (header included, GC header excluded). */
  readonly basicSize64: number;
  /** Leading words holding strong references. */
  readonly refs: number;
  /** Whether instances carry a GC header and are tracked from creation (Py_TPFLAGS_HAVE_GC). */
  readonly container: boolean;
  /** Word index of the weak-reference list, or -1 when instances cannot be weakly referenced. */
  readonly weaklistWord?: number;
  /** Bytes per item of variable-size instances (64-bit). */
  readonly itemSize64?: number;
}

/**
 * A fixed layout of reference and data words after the object header.
 * @example
 * ```ts
 * const cells = new SlotType(space, { name: "cell", basicSize64: 24, refs: 1, container: true });
 * space.register(cells);
 * ```
 */
export class SlotType extends BaseType {
  readonly kind: TypeKind = "struct";
  readonly name: string;
  readonly basicSize: number;
  readonly itemSize: number;
  readonly isContainer: boolean;
  override readonly weaklistOffset: number;
  /** Number of leading reference words. */
  readonly refs: number;
  /** Byte offset of word 0. */
  readonly base: number;
  /** Bytes per word. */
  readonly w: number;
  /** Called with each instance being deallocated, before its references are released. */
  onRelease: ((obj: Address) => void) | null = null;
  /** The space the type lives in. */
  protected readonly space: ObjectSpace;

  constructor(space: ObjectSpace, spec: SlotTypeSpec) {
    super();
    this.space = space;
    this.name = spec.name;
    const w = space.w;
    this.w = w;
    const header = space.layout.headerSize;
    this.base = header;
    const words = Math.max(spec.refs, (spec.basicSize64 - 16) / 8);
    this.basicSize = header + words * w;
    this.itemSize = ((spec.itemSize64 ?? 0) / 8) * w;
    this.isContainer = spec.container;
    this.refs = spec.refs;
    this.weaklistOffset =
      spec.weaklistWord === undefined || spec.weaklistWord < 0 ? 0 : header + spec.weaklistWord * w;
    this.gcBytes = spec.container ? space.layout.gcHeaderSize : 0;
  }

  /** A new instance (every word zero), tracked when the type is a container. */
  create(itemCount = 0): Address {
    const obj = this.space.newObject(this.typeId, itemCount);
    if (this.isContainer) this.space.track(obj);
    return obj;
  }

  /** A new instance that is not tracked yet (the caller fills it, then tracks it). */
  createUntracked(itemCount = 0): Address {
    return this.space.newObject(this.typeId, itemCount);
  }

  /** Word `i` of `obj`. */
  get(obj: Address, i: number): number {
    return this.space.heap.u32[(obj + this.base + i * this.w) >>> 2]!;
  }

  /** Sets word `i` of `obj` (no reference counting). */
  set(obj: Address, i: number, value: number): void {
    this.space.setWord(obj + this.base + i * this.w, value);
  }

  /** Stores a reference it steals in word `i`, releasing the old one last. */
  setRef(obj: Address, i: number, value: Address): void {
    const at = obj + this.base + i * this.w;
    const old = this.space.word(at);
    this.space.setWord(at, value);
    if (old !== NULL) this.space.decref(old);
  }

  override traverse(obj: Address, visit: Visit): void {
    const u32 = this.space.heap.u32;
    const w = this.w;
    const at = obj + this.base;
    for (let i = 0; i < this.refs; i++) {
      const v = u32[(at + i * w) >>> 2]!;
      if (v !== NULL) visit(v);
    }
  }

  /** tp_clear: each reference word set to NULL, then released. */
  clear(obj: Address, decref: Decref): void {
    const space = this.space;
    for (let i = 0; i < this.refs; i++) {
      const at = obj + this.base + i * this.w;
      const v = space.word(at);
      if (v !== NULL) {
        space.setWord(at, NULL);
        decref(v);
      }
    }
  }

  dealloc(obj: Address, decref: Decref): void {
    if (this.onRelease !== null) this.onRelease(obj);
    this.clear(obj, decref);
    this.space.releaseObject(obj, this.typeId);
  }

  sizeOf(obj: Address): number {
    const items = this.itemSize === 0 ? 0 : this.space.headers.size(obj) * this.itemSize;
    return this.gcBytes + this.basicSize + items;
  }
}
