/**
 * Shared machinery of the heap implementations: view bookkeeping, growth policy,
 * listeners and argument checks. Subclasses only supply how the buffer grows.
 *
 * @module
 */
import { alignUp, MAX_HEAP_BYTES } from "./address";
import { MemoryError, validateSize } from "./errors";
import {
  DEFAULT_INITIAL_HEAP_BYTES,
  DEFAULT_MAX_HEAP_BYTES,
  type Heap,
  type HeapGrowListener,
  type HeapKind,
  type HeapOptions,
} from "./heap";

/** Resolved, checked initial and maximum sizes for a heap. */
export function resolveHeapSizes(options: HeapOptions, granule: number): { initial: number; max: number } {
  const max = options.maxByteLength ?? DEFAULT_MAX_HEAP_BYTES;
  validateSize(max, MAX_HEAP_BYTES, "maxByteLength");
  const maxRounded = Math.floor(max / granule) * granule;
  const initial = options.initialByteLength ?? Math.min(DEFAULT_INITIAL_HEAP_BYTES, maxRounded);
  validateSize(initial, maxRounded, "initialByteLength");
  return { initial: alignUp(Math.max(initial, granule), granule), max: maxRounded };
}

/**
 * Base class for heaps: holds the views and implements the growth policy. A subclass
 * creates its first buffer and supplies `growTo`.
 * @example
 * ```ts
 * import { BaseHeap, type HeapOptions, resolveHeapSizes } from "@pymem/core";
 *
 * // A heap whose growth copies the bytes into a new, larger ArrayBuffer.
 * class CopyingHeap extends BaseHeap {
 *   readonly kind = "array-buffer";
 *   constructor(options: HeapOptions = {}) {
 *     const { initial, max } = resolveHeapSizes(options, 8);
 *     super(max, 8);
 *     this.setViews(new ArrayBuffer(initial), initial);
 *   }
 *   protected growTo(byteLength: number): void {
 *     const bytes = new ArrayBuffer(byteLength);
 *     new Uint8Array(bytes).set(this.u8);
 *     this.setViews(bytes, byteLength);
 *   }
 * }
 *
 * const heap = new CopyingHeap({ initialByteLength: 4096, maxByteLength: 1 << 20 });
 * heap.u32[1] = 7;
 * heap.grow(5000); // doubles: heap.byteLength is 8192
 * heap.u32[1];     // 7
 * ```
 */
export abstract class BaseHeap implements Heap {
  abstract readonly kind: HeapKind;
  readonly maxByteLength: number;
  readonly growthGranule: number;
  u8!: Uint8Array;
  i32!: Int32Array;
  u32!: Uint32Array;
  f64!: Float64Array;
  view!: DataView;
  private listeners: HeapGrowListener[] = [];

  protected constructor(maxByteLength: number, growthGranule: number) {
    this.maxByteLength = maxByteLength;
    this.growthGranule = growthGranule;
  }

  get byteLength(): number {
    return this.u8.byteLength;
  }

  get buffer(): ArrayBufferLike {
    return this.u8.buffer;
  }

  /** Recreates the views over `buffer` (whole buffer, fixed length). */
  protected setViews(buffer: ArrayBufferLike, byteLength: number): void {
    this.u8 = new Uint8Array(buffer, 0, byteLength);
    this.i32 = new Int32Array(buffer, 0, byteLength >>> 2);
    this.u32 = new Uint32Array(buffer, 0, byteLength >>> 2);
    this.f64 = new Float64Array(buffer, 0, byteLength >>> 3);
    this.view = new DataView(buffer, 0, byteLength);
  }

  grow(minByteLength: number): void {
    validateSize(minByteLength, MAX_HEAP_BYTES, "heap size");
    const old = this.byteLength;
    if (minByteLength <= old) return;
    if (minByteLength > this.maxByteLength) {
      throw new MemoryError(
        minByteLength - old,
        `growing the heap to ${minByteLength} bytes exceeds its maximum of ${this.maxByteLength}`,
      );
    }
    const doubled = Math.min(this.maxByteLength, Math.max(old * 2, minByteLength));
    const target = Math.min(this.maxByteLength, alignUp(doubled, this.growthGranule));
    if (!this.tryGrowTo(target)) {
      // The platform refused the doubled size (out of memory, or a WebAssembly.Memory whose
      // own maximum is lower): settle for exactly what was asked.
      const exact = Math.min(this.maxByteLength, alignUp(minByteLength, this.growthGranule));
      if (exact === target || !this.tryGrowTo(exact)) {
        throw new MemoryError(
          minByteLength - old,
          `the platform refused to grow the heap from ${old} to ${minByteLength} bytes`,
        );
      }
    }
    for (const listener of this.listeners) listener(this, old);
  }

  /** Calls `growTo`; false when the platform refused (a `RangeError`), the heap then unchanged. */
  private tryGrowTo(byteLength: number): boolean {
    try {
      this.growTo(byteLength);
      return true;
    } catch (e) {
      if (e instanceof RangeError) return false;
      throw e;
    }
  }

  /**
   * Makes the buffer `byteLength` bytes long (a granule multiple within the maximum) and resets
   * the views. Throws a `RangeError`, leaving the heap as it was, when the platform refuses.
   */
  protected abstract growTo(byteLength: number): void;

  onGrow(listener: HeapGrowListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }
}
