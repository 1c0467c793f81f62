/**
 * A heap over a growable `SharedArrayBuffer`, for heaps shared with workers.
 *
 * ```
 *  SharedArrayBuffer(initial, { maxByteLength })  --grow(n)-->  same buffer, longer
 *  fixed-length views recreated after growth; views taken earlier keep working
 *  over the bytes they cover (a shared buffer never detaches)
 * ```
 *
 * Where the platform has no growable shared buffers, the whole maximum is reserved up
 * front and growth only moves the heap's logical end.
 *
 * @module
 */
import { BaseHeap, resolveHeapSizes } from "./base-heap";
import { ConfigurationError } from "./errors";
import type { HeapOptions } from "./heap";

type GrowableSharedArrayBuffer = SharedArrayBuffer & { grow(n: number): void; growable: boolean };

/**
 * A growable heap over a `SharedArrayBuffer`.
 * @example
 * ```ts
 * const heap = new SharedArrayBufferHeap({ maxByteLength: 1 << 24 });
 * new Worker(url, { workerData: heap.buffer }); // the worker sees the same bytes
 * ```
 */
export class SharedArrayBufferHeap extends BaseHeap {
  readonly kind = "shared-array-buffer" as const;
  private readonly shared: SharedArrayBuffer;

  constructor(options: HeapOptions = {}) {
    const { initial, max } = resolveHeapSizes(options, 8);
    super(max, 8);
    if (typeof SharedArrayBuffer === "undefined") {
      throw new ConfigurationError(
        "heap",
        'a platform with SharedArrayBuffer (Node, or a cross-origin isolated page); use "array-buffer" here',
        '"shared-array-buffer"',
      );
    }
    let shared: SharedArrayBuffer;
    try {
      shared = new (
        SharedArrayBuffer as unknown as new (
          n: number,
          o: { maxByteLength: number },
        ) => SharedArrayBuffer
      )(initial, { maxByteLength: max });
    } catch {
      shared = new SharedArrayBuffer(max);
    }
    this.shared = shared;
    this.setViews(shared, initial);
  }

  protected growTo(byteLength: number): void {
    const growable = this.shared as GrowableSharedArrayBuffer;
    if (growable.growable && growable.byteLength < byteLength) growable.grow(byteLength);
    this.setViews(this.shared, byteLength);
  }
}
