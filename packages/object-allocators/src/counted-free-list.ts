/**
 * One LIFO free list threaded through the dead blocks it keeps, with a limit and hit/miss
 * counters: the list the float/list/dict free lists, each length of the tuple free lists
 * and the dict keys free list are made of.
 *
 * ```
 *  head ──> block A                  block B                  block C
 *           mark word  FREE_MARK     mark word  FREE_MARK     mark word  FREE_MARK
 *           link word ──────────────> link word ─────────────> link word  0 (end)
 *
 *  take():   head != 0 ? pop head, hits += 1 : 0          (the caller counts a miss when it
 *  put(b):   length < limit ? mark b, push it : false      allocates from the domain instead)
 * ```
 *
 * The link and mark words are 32-bit words at fixed offsets inside each block (an object's
 * `ob_type` and refcount, a dict keys block's first two words). Every method reads the heap's
 * current `u32` view, so the list survives heap growth.
 *
 * Invariants: `head` is 0 iff `length` is 0; a block is on the list iff it is reachable from
 * `head` through link words, and then its mark word is FREE_LIST_REFCOUNT; `length <= limit`.
 *
 * @module
 */
import { type Address, type Heap, HeapCorruptionError, type ObjectAllocatorStats } from "@pymem/core";
import { FREE_LIST_REFCOUNT } from "./object-memory";

/**
 * A free list with its counters.
 * @example
 * ```ts
 * const list = new CountedFreeList(heap, 80, 8, 0); // link at +8 (ob_type), mark at +0
 * list.put(obj);    // true: kept
 * list.take();      // obj (a hit)
 * list.take();      // 0: empty, the caller allocates and calls miss()
 * ```
 */
export class CountedFreeList {
  /** The heap the blocks live in. */
  readonly heap: Heap;
  /** Most blocks kept. */
  readonly limit: number;
  /** 32-bit word index, inside a block, of the link to the next block. */
  readonly linkWord: number;
  /** 32-bit word index, inside a block, of the FREE_LIST_REFCOUNT mark. */
  readonly markWord: number;
  /** Newest kept block; 0 iff `length` is 0. */
  head: Address = 0;
  /** Blocks kept. */
  length = 0;
  /** Requests served from the list. */
  hits = 0;
  /** Requests the list could not serve (counted by the caller with {@link CountedFreeList.miss}). */
  misses = 0;

  constructor(heap: Heap, limit: number, linkOffset: number, markOffset: number) {
    this.heap = heap;
    this.limit = limit;
    this.linkWord = linkOffset >>> 2;
    this.markWord = markOffset >>> 2;
  }

  /** Pops the newest block, counting a hit; 0 (nothing counted) when the list is empty. */
  take(): Address {
    const block = this.head;
    if (block !== 0) {
      this.head = this.heap.u32[(block >>> 2) + this.linkWord]!;
      this.length--;
      this.hits++;
    }
    return block;
  }

  /** Counts a request served by the domain instead. */
  miss(): void {
    this.misses++;
  }

  /** Keeps `block` (marking it) while the list has room; false, and nothing written, when full. */
  put(block: Address): boolean {
    if (this.length >= this.limit) return false;
    const u32 = this.heap.u32;
    const i = block >>> 2;
    u32[i + this.markWord] = FREE_LIST_REFCOUNT;
    u32[i + this.linkWord] = this.head;
    this.head = block;
    this.length++;
    return true;
  }

  /** Whether `block` carries the mark of a kept block (then {@link CountedFreeList.contains} decides). */
  isMarked(block: Address): boolean {
    return this.heap.u32[(block >>> 2) + this.markWord] === FREE_LIST_REFCOUNT;
  }

  /** Whether `block` is on the list (walks it: O(length)). */
  contains(block: Address): boolean {
    const u32 = this.heap.u32;
    let node = this.head;
    for (let i = this.length; i > 0 && node !== 0; i--) {
      if (node === block) return true;
      node = u32[(node >>> 2) + this.linkWord]!;
    }
    return false;
  }

  /** The list's figures, as an allocator called `name` with `live` objects out reports them. */
  figures(name: string, live: number): ObjectAllocatorStats {
    return {
      name,
      freeListLength: this.length,
      freeListLimit: this.limit,
      hits: this.hits,
      misses: this.misses,
      live,
    };
  }

  /** Empties the list, handing each block to `release` (newest first). */
  clear(release: (block: Address) => void): void {
    while (this.head !== 0) {
      const block = this.head;
      this.head = this.heap.u32[(block >>> 2) + this.linkWord]!;
      this.length--;
      release(block);
    }
    this.length = 0;
  }

  /**
   * Walks the list and checks its invariants: `length` marked blocks (each accepted by
   * `accept`, when given), the last linking to 0, `length <= limit`. O(length).
   * @throws HeapCorruptionError naming the first block found wrong and `label`
   */
  verify(label: string, accept?: (block: Address) => boolean): void {
    const u32 = this.heap.u32;
    let node = this.head;
    for (let i = 0; i < this.length; i++) {
      if (
        node === 0 ||
        u32[(node >>> 2) + this.markWord] !== FREE_LIST_REFCOUNT ||
        accept?.(node) === false
      ) {
        throw new HeapCorruptionError(
          node,
          "bad-header",
          `${label} free list node ${i} of ${this.length} is ${node === 0 ? "missing" : "not a cached block"}`,
        );
      }
      node = u32[(node >>> 2) + this.linkWord]!;
    }
    if (node !== 0 || this.length > this.limit) {
      throw new HeapCorruptionError(
        node,
        "bad-header",
        `${label} free list does not end after its ${this.length} nodes (limit ${this.limit})`,
      );
    }
  }
}
