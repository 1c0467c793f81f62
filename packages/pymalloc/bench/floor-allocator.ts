/**
 * The benchmark's floor: the least an allocator over a typed array can do per call.
 *
 * Segregated free lists with 16-byte size classes, a bump pointer for fresh memory and no
 * checks, no coalescing, no returning memory: what any allocator over typed arrays can
 * approach, and the yardstick the benchmark divides every other contender's rate by.
 *
 * ```
 *  block (8-byte aligned)              free block
 *  a-8  +----------------+             a-8  +----------------+
 *       | size class c   | 4 B              | size class c   |
 *  a-4  | (unused)       | 4 B         a-4  | (unused)       |
 *  a    +----------------+             a    +----------------+
 *       | payload c*16 B |                  | next free (4 B)| -> heads[c] chain, LIFO
 *       +----------------+                  +----------------+
 *
 *  class c = ceil(size / 16), at least 1       heads: Int32Array, one head per class (0 = empty)
 *  fresh memory: top += 8 + c*16; the array doubles when top passes its end
 * ```
 *
 * @module
 */

/** Bytes of each block's header (the size class word, padded to keep 8-byte alignment). */
const HEADER_BYTES = 8; // B
/** Size-class spacing. */
const CLASS_BYTES = 16; // B
/** log2(CLASS_BYTES). */
const CLASS_SHIFT = 4;
/** Address of the first block: address 0 stays NULL. */
const FIRST_BLOCK = 16; // B

/**
 * A bump allocator with per-class LIFO free lists over one Int32Array.
 * @example
 * ```ts
 * const floor = new FloorAllocator(1 << 20, 65536);
 * const a = floor.malloc(24); // class 2 (32 B)
 * floor.free(a);
 * floor.malloc(30) === a;     // true: LIFO reuse of the class-2 list
 * ```
 */
export class FloorAllocator {
  /** The whole memory, as 32-bit words (index = address >>> 2). */
  private i32: Int32Array;
  /** Head of each class's free list, 0 when empty. */
  private readonly heads: Int32Array;
  /** Next unused byte. */
  private top = FIRST_BLOCK;
  /** Bytes of `i32` (top <= limit iff the bump pointer is inside the array). */
  private limit: number;

  /**
   * @param initialBytes - bytes of memory to start with (doubles when exhausted)
   * @param maxRequest - largest request the benchmark will make (sizes the class table)
   */
  constructor(initialBytes: number, maxRequest: number) {
    this.i32 = new Int32Array(Math.floor(Math.max(initialBytes, 1 << 16) / 4));
    this.limit = this.i32.length * 4;
    this.heads = new Int32Array((maxRequest >>> CLASS_SHIFT) + 2);
  }

  /** Returns an 8-byte aligned block of at least `size` bytes (no checks). */
  malloc(size: number): number {
    const cls = size === 0 ? 1 : (size + CLASS_BYTES - 1) >>> CLASS_SHIFT;
    const head = this.heads[cls]!;
    if (head !== 0) {
      this.heads[cls] = this.i32[head >>> 2]!;
      return head;
    }
    const block = this.top + HEADER_BYTES;
    this.top = block + (cls << CLASS_SHIFT);
    if (this.top > this.limit) this.grow();
    this.i32[(block - HEADER_BYTES) >>> 2] = cls;
    return block;
  }

  /** Pushes the block onto its class's free list (no checks). */
  free(address: number): void {
    const cls = this.i32[(address - HEADER_BYTES) >>> 2]!;
    this.i32[address >>> 2] = this.heads[cls]!;
    this.heads[cls] = address;
  }

  /** Bytes obtained so far (the bump pointer). */
  get bytesReserved(): number {
    return this.top;
  }

  private grow(): void {
    const next = new Int32Array(Math.max(this.i32.length * 2, (this.top >>> 2) + 1));
    next.set(this.i32);
    this.i32 = next;
    this.limit = next.length * 4;
  }
}
