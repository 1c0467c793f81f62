/**
 * A heap over an `ArrayBuffer`.
 *
 * Two growth modes:
 *
 * ```
 *  "copy" (default)      new ArrayBuffer(2n) <- copy <- old ArrayBuffer(n)   views replaced
 *  "resizable"           buffer.resize(2n)                                   views kept
 * ```
 *
 * "copy" is the fastest for the allocators' typed-array traffic on current V8 (fixed
 * buffers get the fully optimised element access); "resizable" uses the platform's
 * resizable `ArrayBuffer` where it exists, so even a view captured before growth stays
 * valid, at a cost in element access speed.
 *
 * @module
 */
import { BaseHeap, resolveHeapSizes } from "./base-heap";
import type { HeapKind, HeapOptions } from "./heap";

/** Options of {@link ArrayBufferHeap}. */
export interface ArrayBufferHeapOptions extends HeapOptions {
  /**
   * How the heap grows: copy into a larger buffer, or resize a resizable `ArrayBuffer`
   * (falls back to "copy" where the platform has no resizable buffers).
   * @defaultValue "copy"
   */
  growth?: "copy" | "resizable";
}

type ResizableArrayBuffer = ArrayBuffer & { resize(n: number): void };

function hasResizableArrayBuffer(): boolean {
  return typeof (ArrayBuffer.prototype as Partial<ResizableArrayBuffer>).resize === "function";
}

/**
 * A growable heap over an `ArrayBuffer`.
 * @example
 * ```ts
 * const heap = new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength: 1 << 24 });
 * heap.u32[4] = 7;
 * heap.grow(1 << 20);
 * heap.u32[4]; // 7
 * ```
 */
export class ArrayBufferHeap extends BaseHeap {
  readonly kind: HeapKind;
  private readonly resizable: boolean;

  constructor(options: ArrayBufferHeapOptions = {}) {
    const { initial, max } = resolveHeapSizes(options, 8);
    super(max, 8);
    this.resizable = options.growth === "resizable" && hasResizableArrayBuffer();
    this.kind = this.resizable ? "resizable-array-buffer" : "array-buffer";
    if (this.resizable) {
      const buffer = new (
        ArrayBuffer as unknown as new (
          n: number,
          o: { maxByteLength: number },
        ) => ArrayBuffer
      )(initial, { maxByteLength: max });
      this.setTrackingViews(buffer);
    } else {
      this.setViews(new ArrayBuffer(initial), initial);
    }
  }

  private setTrackingViews(buffer: ArrayBuffer): void {
    // Length-tracking views follow the buffer as it resizes.
    this.u8 = new Uint8Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u32 = new Uint32Array(buffer);
    this.f64 = new Float64Array(buffer);
    this.view = new DataView(buffer);
  }

  protected growTo(byteLength: number): void {
    if (this.resizable) {
      (this.u8.buffer as ResizableArrayBuffer).resize(byteLength);
      return;
    }
    const next = new ArrayBuffer(byteLength);
    new Uint8Array(next).set(this.u8);
    this.setViews(next, byteLength);
  }
}
