/**
 * The byte space every allocator works in.
 *
 * ```
 *  Heap
 *  +--------------------------------------------------------------+
 *  | buffer: ArrayBuffer | SharedArrayBuffer | WebAssembly.Memory  |
 *  +--------------------------------------------------------------+
 *    u8  Uint8Array    i32 Int32Array    u32 Uint32Array
 *    f64 Float64Array  view DataView      (all over the whole buffer)
 *
 *  byteLength  <= maxByteLength <= 4 GiB      grow(n) never shrinks
 * ```
 *
 * The view properties always describe the current buffer: read them from the heap
 * after any call that may grow it (mapping pages does). Hot paths may cache a view for
 * the duration of one operation that cannot grow the heap.
 *
 * @module
 */

/** Which kind of backing store a heap uses. */
export type HeapKind = "array-buffer" | "resizable-array-buffer" | "shared-array-buffer" | "wasm-memory";

/** Listener called after a heap grew; `heap` already holds the new views. */
export type HeapGrowListener = (heap: Heap, oldByteLength: number) => void;

/**
 * A contiguous, growable byte space addressed by unsigned 32-bit offsets.
 *
 * Address 0 is NULL: page providers reserve the first page so it is never handed out.
 */
export interface Heap {
  /** The kind of backing store. */
  readonly kind: HeapKind;
  /** Current size in bytes (a multiple of {@link Heap.growthGranule}). */
  readonly byteLength: number;
  /** Hard upper bound of {@link Heap.byteLength}; growing past it raises `MemoryError`. */
  readonly maxByteLength: number;
  /** Sizes are multiples of this (64 KiB for WebAssembly memories, 8 otherwise). */
  readonly growthGranule: number;
  /** Byte view of the whole heap. */
  readonly u8: Uint8Array;
  /** Signed 32-bit view (index = address >>> 2). */
  readonly i32: Int32Array;
  /** Unsigned 32-bit view (index = address >>> 2). */
  readonly u32: Uint32Array;
  /** 64-bit float view (index = address >>> 3). */
  readonly f64: Float64Array;
  /** DataView over the whole heap, little-endian accessors for explicit layouts. */
  readonly view: DataView;
  /** The backing buffer (the current one: a non-resizable heap replaces it on growth). */
  readonly buffer: ArrayBufferLike;
  /**
   * Grows the heap to at least `minByteLength` bytes (rounded up to the growth granule,
   * and by doubling, capped at {@link Heap.maxByteLength}). Contents are kept.
   * @throws MemoryError when `minByteLength` exceeds {@link Heap.maxByteLength}; the heap is unchanged.
   */
  grow(minByteLength: number): void;
  /** Registers a listener called after each growth; returns a function that removes it. */
  onGrow(listener: HeapGrowListener): () => void;
}

/** Options shared by every heap implementation. */
export interface HeapOptions {
  /**
   * Initial size in bytes.
   * @defaultValue 1 MiB
   */
  initialByteLength?: number;
  /**
   * Hard maximum size in bytes (at most 4 GiB).
   * @defaultValue 1 GiB
   */
  maxByteLength?: number;
}

/** Default initial heap size: 1 MiB. */
export const DEFAULT_INITIAL_HEAP_BYTES = 1 << 20;
/** Default maximum heap size: 1 GiB. */
export const DEFAULT_MAX_HEAP_BYTES = 1 << 30;
