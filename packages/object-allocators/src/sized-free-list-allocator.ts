/**
 * Per-length free lists for a variable-size type: CPython 3.11's tuple free lists
 * (Objects/tupleobject.c `maybe_freelist_pop` / `maybe_freelist_push`), generic over the type.
 *
 * Lengths `1..maxSaveSize` each have their own LIFO list of up to `limit` dead objects of
 * exactly that length (so of exactly that block size); other lengths always go to the
 * domain. As in CPython, the list is threaded through the first item (`ob_item[0]`) of the
 * dead objects; `ob_size` keeps the length, and the refcount word carries the free-list mark.
 *
 * ```
 *  lists[n].head (a CountedFreeList per length, n = 1..maxSaveSize)   lists[n].length <= limit
 *     │
 *     v  tuple of length n (64-bit layout)         the next one             ...
 *   -16 gc_next | gc_prev   (stale, untracked)     ...
 *    +0  ob_refcnt  FREE_LIST_REFCOUNT             +0  ob_refcnt  FREE_LIST_REFCOUNT
 *    +8  ob_type    tuple type id                  +8  ob_type    tuple type id
 *   +16  ob_size    n                              +16 ob_size    n
 *   +24  ob_item[0] ───────────────────────────────> +24 ob_item[0] ───> ... ─> 0
 *   +32  ob_item[1..n-1] (stale)
 *
 *  allocate(n): 1 <= n <= maxReused and lists[n] not empty ? pop (hit) : domain.malloc (miss)
 *  release(o):  n = |ob_size|; 1 <= n <= maxSaveSize and lists[n] has room ? push : domain.free
 *  maxReused = maxSaveSize, or maxSaveSize - 1 with `reuseLongest: false`
 * ```
 *
 * `reuseLongest: false` reproduces CPython 3.11 exactly: its `maybe_freelist_push` files
 * tuples of length 1..20 but `maybe_freelist_pop` only serves lengths below
 * PyTuple_MAXSAVESIZE, so dead 20-tuples pile up on their list (up to 2,000) and are never
 * handed out again until the list is cleared (python/cpython gh-121439, fixed in 3.12 and 3.13).
 *
 * Only the list heads and counters live outside the heap (CPython keeps them in the
 * interpreter state); the lists themselves are in the heap.
 *
 * Invariants: those of each {@link CountedFreeList}; an object on list n has ob_size n;
 * `cached` is the sum of the lists' lengths.
 *
 * @module
 */
import {
  type Address,
  ConfigurationError,
  DoubleFreeError,
  HeapCorruptionError,
  type ObjectAllocator,
  type ObjectAllocatorStats,
  SizeError,
} from "@pymem/core";
import { TUPLE_FREELIST_LIMIT, TUPLE_MAX_SAVE_SIZE, validateTunables } from "./config";
import { CountedFreeList } from "./counted-free-list";
import type { FreeListStatsLine, FreeListStatsSource } from "./free-list-stats";
import { FREE_LIST_REFCOUNT, type ObjectAllocatorOptions, ObjectMemory } from "./object-memory";

/** Which word of a dead variable-size object links it to the next one of the same length. */
export type SizedFreeListLink = "first-item" | "ob_type";

/** Options of {@link SizedFreeListAllocator}. */
export interface SizedFreeListAllocatorOptions extends ObjectAllocatorOptions {
  /**
   * Lengths `1..maxSaveSize` have free lists. Checked by `validateTunables`.
   * @defaultValue 20 (CPython 3.11's PyTuple_MAXSAVESIZE)
   */
  maxSaveSize?: number;
  /**
   * Most objects kept per length. Checked by `validateTunables` (`freeListLimit`).
   * @defaultValue 2000 (CPython 3.11's PyTuple_MAXFREELIST)
   */
  limit?: number;
  /**
   * The word of a dead object that links it to the next: its first item (CPython's tuples),
   * or `ob_type` (for types whose items are narrower than 4 bytes).
   * @defaultValue "first-item"
   */
  link?: SizedFreeListLink;
  /**
   * Whether the list of length `maxSaveSize` serves allocations. `false` keeps released
   * objects of that length on their list without ever handing them out, as CPython 3.11's
   * tuple allocator does (see the module comment).
   * @defaultValue true
   */
  reuseLongest?: boolean;
  /**
   * Singular label of the `sys._debugmallocstats()` line of length `n`.
   * @defaultValue `` n => `free ${n}-sized ${name}` ``
   */
  statsLabel?: (length: number) => string;
}

/**
 * Free lists keyed by item count for one variable-size type.
 * @example
 * ```ts
 * const tuples = new SizedFreeListAllocator({ domain: pymalloc, types, typeId: tupleId });
 * const t = tuples.allocate(3);   // a 3-tuple: ob_size 3, items zeroed
 * tuples.release(t);              // onto the list of 3-tuples
 * tuples.allocate(3) === t;       // true
 * tuples.lengthStats(3).hits;     // 1
 * ```
 */
export class SizedFreeListAllocator implements ObjectAllocator, FreeListStatsSource {
  /** Name for stats. */
  readonly name: string;
  /** Object layout and checks. */
  readonly memory: ObjectMemory;
  /** Lengths `1..maxSaveSize` are cached. */
  readonly maxSaveSize: number;
  /** Most objects kept per length. */
  readonly limit: number;
  /** Longest length whose list serves allocations: `maxSaveSize`, or one less (CPython 3.11's tuples). */
  readonly maxReused: number;
  /** Byte offset, from the object address, of the link word. */
  readonly linkOffset: number;
  private readonly label: (length: number) => string;
  /** `lists[n]`: the cached objects of length n, each of ob_size n (index 0 unused). */
  private readonly lists: CountedFreeList[];
  /** Misses of the lengths that are never cached. */
  private uncachedMisses = 0;
  /** Objects on all the lists. */
  private cached = 0;
  private live = 0;

  constructor(options: SizedFreeListAllocatorOptions) {
    const memory = new ObjectMemory(options);
    const type = memory.type;
    if (type.itemSize === 0) {
      throw new ConfigurationError(
        `${memory.name}.itemSize`,
        "a positive item size (use FreeListAllocator for fixed-size types)",
        type.itemSize,
      );
    }
    const maxSaveSize = options.maxSaveSize ?? TUPLE_MAX_SAVE_SIZE;
    const limit = options.limit ?? TUPLE_FREELIST_LIMIT;
    validateTunables({ maxSaveSize, freeListLimit: limit }, `${memory.name}.`);
    const link = options.link ?? "first-item";
    if (link !== "first-item" && link !== "ob_type") {
      throw new ConfigurationError(`${memory.name}.link`, '"first-item" or "ob_type"', link);
    }
    const linkOffset = link === "ob_type" ? memory.layout.typeOffset : type.basicSize;
    if (linkOffset % 4 !== 0 || linkOffset + 4 > memory.objectBytes(1)) {
      throw new ConfigurationError(
        `${memory.name}.link`,
        `a 4-byte aligned word inside a 1-item object (first item at +${type.basicSize}, ${type.itemSize} bytes); use "ob_type"`,
        link,
      );
    }
    this.memory = memory;
    this.name = memory.name;
    this.maxSaveSize = maxSaveSize;
    this.limit = limit;
    const reuseLongest = options.reuseLongest ?? true;
    if (typeof reuseLongest !== "boolean") {
      throw new ConfigurationError(`${memory.name}.reuseLongest`, "a boolean", reuseLongest);
    }
    this.maxReused = reuseLongest ? maxSaveSize : maxSaveSize - 1;
    this.linkOffset = linkOffset;
    const name = memory.name;
    this.label = options.statsLabel ?? ((n: number) => `free ${n}-sized ${name}`);
    this.lists = [];
    for (let n = 0; n <= maxSaveSize; n++)
      this.lists.push(new CountedFreeList(memory.heap, limit, linkOffset, 0));
  }

  /**
   * Memory for a fresh object of `itemCount` items: a cached one of that length (a hit), or
   * a new block (a miss).
   * @throws SizeError for a negative, fractional or too large item count
   * @throws MemoryError when nothing is cached and the domain is exhausted; nothing changes
   */
  allocate(itemCount = 0): Address {
    const memory = this.memory;
    memory.checkItemCount(itemCount);
    const cacheable = itemCount >= 1 && itemCount <= this.maxSaveSize;
    if (cacheable && itemCount <= this.maxReused) {
      const obj = this.lists[itemCount]!.take();
      if (obj !== 0) {
        this.cached--;
        memory.format(obj, itemCount);
        this.live++;
        return obj;
      }
    }
    const obj = memory.fresh(itemCount);
    if (cacheable) this.lists[itemCount]!.miss();
    else this.uncachedMisses++;
    this.live++;
    return obj;
  }

  /**
   * Takes back a dead object: onto the list of its length while that list has room, else to the domain.
   * @throws InvalidPointerError for NULL, foreign, interior or wrongly typed addresses, a tracked
   * object, or an ob_size its block cannot hold
   * @throws DoubleFreeError when the object is already cached (or, per the domain, already free)
   */
  release(obj: Address): void {
    const memory = this.memory;
    const usable = memory.checkAddress(obj);
    if (memory.headers.refcount(obj) === FREE_LIST_REFCOUNT && this.isCached(obj)) {
      throw new DoubleFreeError(obj, `the ${this.name} object is already on its free list`);
    }
    memory.checkHeader(obj, usable);
    const n = memory.itemCount(obj);
    if (n >= 1 && n <= this.maxSaveSize && this.lists[n]!.put(obj)) this.cached++;
    else memory.freeBlock(obj);
    this.live--;
  }

  /** Whether `obj` is on the free list of the length its ob_size gives (walks that list). */
  isCached(obj: Address): boolean {
    const n = this.memory.itemCount(obj);
    if (!(n >= 1 && n <= this.maxSaveSize)) return false;
    return this.lists[n]!.contains(obj);
  }

  /**
   * Walks every list and checks the invariants: each list's (marked nodes ending in 0, at
   * most `limit`), every node of list n of ob_size n, and the lengths summing to the cached
   * total. For tests and debugging.
   * @throws HeapCorruptionError naming the first node found wrong
   */
  verify(): void {
    const memory = this.memory;
    let total = 0;
    for (let n = 1; n <= this.maxSaveSize; n++) {
      const list = this.lists[n]!;
      list.verify(`${this.name} ${n}-item`, (node) => memory.itemCount(node) === n);
      total += list.length;
    }
    if (total !== this.cached) {
      throw new HeapCorruptionError(
        0,
        "bad-header",
        `${this.name} free lists hold ${total} objects, not ${this.cached}`,
      );
    }
  }

  /**
   * Figures over all lengths. `freeListLimit` is the total capacity, `limit * maxSaveSize`;
   * `misses` includes lengths that are never cached.
   */
  stats(): ObjectAllocatorStats {
    let hits = 0;
    let misses = this.uncachedMisses;
    for (let n = 1; n <= this.maxSaveSize; n++) {
      hits += this.lists[n]!.hits;
      misses += this.lists[n]!.misses;
    }
    return {
      name: this.name,
      freeListLength: this.cached,
      freeListLimit: this.limit * this.maxSaveSize,
      hits,
      misses,
      live: this.live,
    };
  }

  /**
   * Figures of the list for length `n` (named `"<name>[n]"`); `live` is the allocator's total.
   * @throws SizeError unless `n` is an integer in `[1, maxSaveSize]`
   */
  lengthStats(n: number): ObjectAllocatorStats {
    if (!(Number.isInteger(n) && n >= 1 && n <= this.maxSaveSize)) {
      throw new SizeError(
        n,
        `length of a ${this.name} free list`,
        `an integer from 1 to ${this.maxSaveSize}`,
      );
    }
    return this.lists[n]!.figures(`${this.name}[${n}]`, this.live);
  }

  /** Returns every cached object's block to the domain (CPython's `_PyTuple_ClearFreeList`). */
  clearFreeList(): void {
    const memory = this.memory;
    for (let n = 1; n <= this.maxSaveSize; n++) this.lists[n]!.clear((obj) => memory.freeBlock(obj));
    this.cached = 0;
  }

  /** One `sys._debugmallocstats()` line per cached length, 1..maxSaveSize. */
  freeListStats(): FreeListStatsLine[] {
    const lines: FreeListStatsLine[] = [];
    for (let n = 1; n <= this.maxSaveSize; n++) {
      lines.push({
        label: this.label(n),
        count: this.lists[n]!.length,
        objectSize: this.memory.objectBytes(n),
      });
    }
    return lines;
  }
}
