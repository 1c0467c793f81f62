/**
 * How an object of one type maps onto a block of its domain: size, formatting of a fresh
 * object, and the checks made before its memory is taken back. Every allocator of this
 * package is built on it.
 *
 * Sizes follow CPython's `_PyObject_SIZE` / `_PyObject_VAR_SIZE` (basic size plus items,
 * rounded up to a word), with the GC header (`PyGC_Head`) in front of containers, as
 * `PyObject_GC_New` lays them out:
 *
 * ```
 *  block = domain.malloc(gcHeader + objectBytes(n))          64-bit layout, a tuple of 2:
 *
 *  block+0  +--------------------+  GC header (containers only)     block+0   gc_next   8
 *           | gc_next | gc_prev  |  zeroed: untracked               block+8   gc_prev   8
 *  obj      +--------------------+  <- the address handed out       obj+0     ob_refcnt 8  = 1
 *           | ob_refcnt  (w)     |  1                                obj+8     ob_type   8  = type id
 *           | ob_type    (w)     |  type id                          obj+16    ob_size   8  = 2
 *           | ob_size    (w)     |  n (variable-size types only)     obj+24    ob_item[0] 8 = 0
 *           | fields ... items   |  zeroed                           obj+32    ob_item[1] 8 = 0
 *  obj+objectBytes(n)  ----------+                                   obj+40    (end: 16 + 40 = 56 B block)
 *
 *  objectBytes(n) = basicSize                                       fixed-size types
 *                 = alignUp(basicSize + n * itemSize, wordSize)     variable-size types
 * ```
 *
 * @module
 */
import {
  type Address,
  type Allocator,
  alignUp,
  GcList,
  type Heap,
  InvalidPointerError,
  LAYOUT_64,
  MAX_HEAP_BYTES,
  ObjectHeaders,
  type ObjectLayout,
  SizeError,
  type TypeInfo,
  type TypeRegistry,
} from "@pymem/core";

/**
 * Refcount word written into an object while it sits on a free list: a value no live
 * object reaches in practice, below the immortality bit. Seeing it on release triggers a
 * walk of the list, which confirms (or refutes) a double release.
 */
export const FREE_LIST_REFCOUNT = 0x7ffef1e1;

/** Bodies up to this many bytes (4-byte aligned) are zeroed word by word, larger ones with `fill`. */
const SMALL_ZERO_BYTES = 64;

/** Options every object allocator of this package takes. */
export interface ObjectAllocatorOptions {
  /** The object domain the memory comes from (pymalloc, or any `Allocator`). */
  domain: Allocator;
  /** The registry that knows the type. */
  types: TypeRegistry;
  /** Id of the type, as returned by `types.register`. */
  typeId: number;
  /**
   * Object header layout; must be the one the rest of the runtime uses.
   * @defaultValue LAYOUT_64
   */
  layout?: ObjectLayout;
  /**
   * Check every released address with the domain (its `usableSize` validates the block) before
   * taking it back. Header checks (type id, untracked, not cached twice) are always made.
   * @defaultValue true
   */
  checked?: boolean;
  /**
   * Name used in stats and errors.
   * @defaultValue the type's name
   */
  name?: string;
}

/**
 * The memory side of one type: its block size, fresh-object formatting and release checks.
 * @example
 * ```ts
 * const memory = new ObjectMemory({ domain, types, typeId: floatId });
 * const obj = memory.fresh(0); // refcount 1, type id, payload zeroed
 * memory.checkRelease(obj);    // throws unless obj is a live float of this domain
 * memory.freeBlock(obj);
 * ```
 */
export class ObjectMemory {
  /** The domain blocks come from. */
  readonly domain: Allocator;
  /** The type. */
  readonly type: TypeInfo;
  /** The type's id in its registry. */
  readonly typeId: number;
  /** Header layout. */
  readonly layout: ObjectLayout;
  /** Header access. */
  readonly headers: ObjectHeaders;
  /** GC header access. */
  readonly gc: GcList;
  /** Bytes of GC header in front of each object: the layout's for containers, else 0. */
  readonly gcSize: number;
  /** Whether the type has items (itemSize > 0) and ob_size is set from the item count. */
  readonly variable: boolean;
  /** Offset of the first byte zeroed in a fresh object (after the header words that `init` writes). */
  readonly bodyStart: number;
  /** Whether releases are checked against the domain. */
  readonly checked: boolean;
  /** Name for stats and errors. */
  readonly name: string;
  /** Most items an object may have without its block exceeding the heap's address range. */
  readonly maxItems: number;

  constructor(options: ObjectAllocatorOptions) {
    this.domain = options.domain;
    this.type = options.types.get(options.typeId);
    this.typeId = options.typeId;
    this.layout = options.layout ?? LAYOUT_64;
    this.headers = new ObjectHeaders(this.domain.heap, this.layout);
    this.gc = new GcList(this.domain.heap, this.layout);
    this.gcSize = this.type.isContainer ? this.layout.gcHeaderSize : 0;
    this.variable = this.type.itemSize > 0;
    this.bodyStart = this.variable ? this.layout.varHeaderSize : this.layout.headerSize;
    this.checked = options.checked ?? true;
    this.name = options.name ?? this.type.name;
    this.maxItems = this.variable
      ? Math.floor(
          (MAX_HEAP_BYTES - this.layout.wordSize - this.gcSize - this.type.basicSize) / this.type.itemSize,
        )
      : 0;
  }

  /** The heap (read through the domain, so it is current after growth). */
  get heap(): Heap {
    return this.domain.heap;
  }

  /** Bytes of an object with `itemCount` items, without the GC header (`_PyObject_VAR_SIZE`). */
  objectBytes(itemCount: number): number {
    if (!this.variable) return this.type.basicSize;
    return alignUp(this.type.basicSize + itemCount * this.type.itemSize, this.layout.wordSize);
  }

  /** Bytes of the whole block: GC header plus object. */
  blockBytes(itemCount: number): number {
    return this.gcSize + this.objectBytes(itemCount);
  }

  /**
   * Checks an item count for `allocate`.
   * @throws SizeError unless it is an integer in `[0, maxItems]` (exactly 0 for fixed-size types)
   */
  checkItemCount(itemCount: number): void {
    if (!(Number.isInteger(itemCount) && itemCount >= 0 && itemCount <= this.maxItems)) {
      throw new SizeError(
        itemCount,
        `item count of a ${this.name} object`,
        this.variable ? `an integer from 0 to ${this.maxItems}` : `0 (${this.name} is a fixed-size type)`,
      );
    }
  }

  /**
   * Formats the object at `obj` as a fresh one: GC header zeroed (untracked), refcount 1,
   * type id, ob_size for variable-size types, the rest zeroed.
   */
  format(obj: Address, itemCount: number): void {
    if (this.gcSize !== 0) this.gc.clearHeader(obj);
    if (this.variable) this.headers.init(obj, this.typeId, itemCount);
    else this.headers.init(obj, this.typeId);
    const start = obj + this.bodyStart;
    const end = obj + this.objectBytes(itemCount);
    const heap = this.domain.heap;
    if (end - start <= SMALL_ZERO_BYTES && ((start | end) & 3) === 0) {
      // A word loop beats TypedArray.fill's call overhead for the few bytes of small objects.
      const u32 = heap.u32;
      for (let i = start >>> 2, last = end >>> 2; i < last; i++) u32[i] = 0;
    } else {
      heap.u8.fill(0, start, end);
    }
  }

  /**
   * Takes a block from the domain and formats a fresh object in it.
   * @returns the object address (after the GC header for containers)
   * @throws MemoryError when the domain is exhausted; nothing changes
   */
  fresh(itemCount: number): Address {
    const obj = this.domain.malloc(this.blockBytes(itemCount)) + this.gcSize;
    this.format(obj, itemCount);
    return obj;
  }

  /** Returns the block of `obj` to the domain. */
  freeBlock(obj: Address): void {
    this.domain.free(obj - this.gcSize);
  }

  /**
   * Item count of a variable-size object (0 for fixed-size types): the magnitude of its ob_size
   * read as a signed word, since CPython's ints keep their sign there.
   */
  itemCount(obj: Address): number {
    return this.variable ? Math.abs(this.domain.heap.i32[(obj + this.layout.sizeOffset) >>> 2]!) : 0;
  }

  /**
   * Checks that the address can be a block of this domain at all: an integer inside the
   * heap, not NULL, aligned to the domain's alignment after the GC header, and (checked mode)
   * a live block according to the domain's `usableSize`.
   * @returns the block's usable size in checked mode, else 0
   * @throws InvalidPointerError for NULL, foreign, misaligned or interior addresses
   * @throws DoubleFreeError when the domain knows the block is free
   */
  checkAddress(obj: Address): number {
    const block = obj - this.gcSize;
    if (
      !Number.isInteger(obj) ||
      block <= 0 ||
      obj + this.layout.headerSize > this.domain.heap.byteLength ||
      block % this.domain.alignment !== 0
    ) {
      throw new InvalidPointerError(
        Number.isInteger(obj) && obj >= 0 ? obj : 0,
        `the address of a ${this.name} object: non-NULL, inside the heap, ${this.gcSize > 0 ? `${this.gcSize} bytes after ` : ""}a ${this.domain.alignment}-byte aligned block of ${this.domain.name} (got ${String(obj)})`,
      );
    }
    // The domain's own check: raises its typed error for free, foreign or interior blocks.
    // (`owns` would not do: a domain such as pymalloc serves large requests from another one.)
    if (this.checked) return this.domain.usableSize(block);
    return 0;
  }

  /**
   * Checks the header of a dead object before its memory is taken back: the type id is this
   * type's, the object is not tracked by the cycle collector, and (checked mode) its block
   * is large enough for its item count.
   * @param usable - what {@link ObjectMemory.checkAddress} returned
   * @throws InvalidPointerError when any check fails
   */
  checkHeader(obj: Address, usable: number): void {
    const typeId = this.headers.typeId(obj);
    if (typeId !== this.typeId) {
      throw new InvalidPointerError(
        obj,
        `a ${this.name} object (type id ${this.typeId}); its header holds type id ${typeId}`,
      );
    }
    if (this.gcSize !== 0 && this.gc.isTracked(obj)) {
      throw new InvalidPointerError(obj, `an untracked ${this.name} object: untrack it before releasing it`);
    }
    const n = this.itemCount(obj);
    if (n > this.maxItems || (this.checked && usable < this.blockBytes(n))) {
      throw new InvalidPointerError(
        obj,
        `a ${this.name} object whose block holds its ${this.blockBytes(n)} bytes (ob_size ${n}); the header is corrupt or the address is not an object start`,
      );
    }
  }
}
