/**
 * A heap over a `WebAssembly.Memory`, for runtimes whose code runs in WebAssembly.
 *
 * ```
 *  WebAssembly.Memory { initial, maximum } pages of 64 KiB
 *  grow(n) -> memory.grow(pages) -> old ArrayBuffer detached -> views recreated
 * ```
 *
 * When WebAssembly code grows the memory itself, call {@link WasmMemoryHeap.refresh}
 * before using the views again.
 *
 * @module
 */
import { BaseHeap, resolveHeapSizes } from "./base-heap";
import { ConfigurationError } from "./errors";
import type { HeapOptions } from "./heap";

/** Bytes in one WebAssembly page. */
export const WASM_PAGE_BYTES = 65536;

/** Options of {@link WasmMemoryHeap}. */
export interface WasmMemoryHeapOptions extends HeapOptions {
  /**
   * Use this memory instead of creating one. Its current size must not exceed `maxByteLength`;
   * when its own maximum is lower, growing past it raises `MemoryError`.
   */
  memory?: WebAssembly.Memory;
  /**
   * Create a shared memory (backed by a `SharedArrayBuffer`).
   * @defaultValue false
   */
  shared?: boolean;
}

/**
 * A growable heap over a `WebAssembly.Memory`.
 * @example
 * ```ts
 * const heap = new WasmMemoryHeap({ maxByteLength: 64 << 20 });
 * const instance = await WebAssembly.instantiate(module, { env: { memory: heap.memory } });
 * ```
 */
export class WasmMemoryHeap extends BaseHeap {
  readonly kind = "wasm-memory" as const;
  /** The underlying memory, to import into WebAssembly modules. */
  readonly memory: WebAssembly.Memory;

  constructor(options: WasmMemoryHeapOptions = {}) {
    const { initial, max } = resolveHeapSizes(options, WASM_PAGE_BYTES);
    super(max, WASM_PAGE_BYTES);
    this.memory =
      options.memory ??
      new WebAssembly.Memory({
        initial: initial / WASM_PAGE_BYTES,
        maximum: max / WASM_PAGE_BYTES,
        shared: options.shared ?? false,
      });
    if (this.memory.buffer.byteLength > max) {
      throw new ConfigurationError(
        "memory",
        `a WebAssembly.Memory of at most maxByteLength = ${max} bytes`,
        `a memory of ${this.memory.buffer.byteLength} bytes`,
      );
    }
    this.setViews(this.memory.buffer, this.memory.buffer.byteLength);
  }

  /** Re-reads the memory's buffer after WebAssembly code grew it. */
  refresh(): void {
    if (this.u8.byteLength !== this.memory.buffer.byteLength || this.u8.buffer !== this.memory.buffer) {
      this.setViews(this.memory.buffer, this.memory.buffer.byteLength);
    }
  }

  protected growTo(byteLength: number): void {
    this.refresh();
    const pages = (byteLength - this.memory.buffer.byteLength) / WASM_PAGE_BYTES;
    if (pages > 0) this.memory.grow(pages);
    this.setViews(this.memory.buffer, this.memory.buffer.byteLength);
  }
}
