/**
 * A LIFO free list of dead objects of one fixed-size type, with a limit: CPython 3.11's
 * float (100), list (80) and dict (80) free lists.
 *
 * Algorithm (Objects/floatobject.c `PyFloat_FromDouble` / `float_dealloc`, listobject.c,
 * dictobject.c): a released object is kept whole — GC header included — on a singly linked
 * stack while the stack holds fewer than `limit`; otherwise its block goes back to the
 * domain. An allocation pops the most recently released object, so a freed float's address
 * is the next float's. The list is threaded through the dead objects' own memory, as
 * CPython's float free list is threaded through `ob_type` ("abuse of their ob_type
 * members"); CPython keeps list and dict free lists in a pointer array instead, which pops
 * in the same LIFO order, so the addresses handed out are the same.
 *
 * ```
 *  head ──> obj A                     obj B                     obj C
 *          +0  ob_refcnt  FREE_MARK   +0  ob_refcnt  FREE_MARK  +0  ob_refcnt  FREE_MARK
 *          +w  ob_type  ──────────────> +w  ob_type ─────────────> +w  ob_type   0 (end)
 *          +2w payload (stale)         ...                       ...
 *
 *  link "ob_type" (default): the word at +w (8 in the 64-bit layout, 4 in the compact one)
 *  link "first-field":       the first word after PyObject_HEAD (+16 / +8)
 *  FREE_MARK = FREE_LIST_REFCOUNT in the refcount word of every cached object
 *
 *  allocate(): head != 0 ? pop head, reformat it (hit) : domain.malloc (miss)
 *  release(o): length < limit ? push o : domain.free(o - gcHeader)
 * ```
 *
 * Invariants: `head` is 0 iff `length` is 0; an object is on the list iff it is reachable
 * from `head` through link words, and then its refcount word is FREE_LIST_REFCOUNT;
 * `length <= limit` always.
 *
 * @module
 */
import {
  type Address,
  ConfigurationError,
  DoubleFreeError,
  type ObjectAllocator,
  type ObjectAllocatorStats,
} from "@pymem/core";
import { CPYTHON_FREELIST_LIMITS, CPYTHON_STATS_LABELS, validateTunables } from "./config";
import { CountedFreeList } from "./counted-free-list";
import type { FreeListStatsLine, FreeListStatsSource } from "./free-list-stats";
import { type ObjectAllocatorOptions, ObjectMemory } from "./object-memory";

/** Which word of a dead object holds the link to the next one. */
export type FreeListLink = "ob_type" | "first-field";

/** Options of {@link FreeListAllocator}. */
export interface FreeListAllocatorOptions extends ObjectAllocatorOptions {
  /**
   * Most objects kept (0: no caching). Checked by `validateTunables` (`freeListLimit`).
   * @defaultValue CPython 3.11's limit for the type's name: float 100, list 80, dict 80;
   * required for any other type
   */
  limit?: number;
  /**
   * The word of a dead object that links it to the next one.
   * @defaultValue "ob_type"
   */
  link?: FreeListLink;
  /**
   * Singular label of this list's `sys._debugmallocstats()` line.
   * @defaultValue CPython's ("free PyFloatObject", "free PyListObject", "free PyDictObject"),
   * else `"free <name>"`
   */
  statsLabel?: string;
}

/**
 * A per-type free list over any object domain (CPython's float, list and dict free lists).
 * @example
 * ```ts
 * const floats = new FreeListAllocator({ domain: pymalloc, types, typeId: floatId }); // limit 100
 * const a = floats.allocate();
 * floats.release(a);            // kept on the free list
 * floats.allocate() === a;      // true: the freed float's address is handed to the next float
 * floats.stats();               // { name: "float", freeListLength: 0, freeListLimit: 100, hits: 1, misses: 1, live: 1 }
 * ```
 */
export class FreeListAllocator implements ObjectAllocator, FreeListStatsSource {
  /** Name for stats. */
  readonly name: string;
  /** Object layout and checks. */
  readonly memory: ObjectMemory;
  /** Most objects kept. */
  readonly limit: number;
  /** Byte offset, from the object address, of the link word. */
  readonly linkOffset: number;
  /** Label of the `sys._debugmallocstats()` line. */
  readonly statsLabel: string;
  /** The cached objects (marked in their refcount word, linked through `linkOffset`) and the counters. */
  private readonly list: CountedFreeList;
  private live = 0;

  constructor(options: FreeListAllocatorOptions) {
    const memory = new ObjectMemory(options);
    const type = memory.type;
    if (type.itemSize !== 0) {
      throw new ConfigurationError(
        `${memory.name}.itemSize`,
        "0: a free list of one object size (use SizedFreeListAllocator for variable-size types)",
        type.itemSize,
      );
    }
    const limit = options.limit ?? CPYTHON_FREELIST_LIMITS[type.name];
    if (limit === undefined) {
      throw new ConfigurationError(
        `${memory.name}.limit`,
        "a limit (CPython has no free list for this type)",
        limit,
      );
    }
    validateTunables({ freeListLimit: limit }, `${memory.name}.`);
    const link = options.link ?? "ob_type";
    if (link !== "ob_type" && link !== "first-field") {
      throw new ConfigurationError(`${memory.name}.link`, '"ob_type" or "first-field"', link);
    }
    const layout = memory.layout;
    const linkOffset = link === "ob_type" ? layout.typeOffset : layout.headerSize;
    if (linkOffset + layout.wordSize > type.basicSize) {
      throw new ConfigurationError(
        `${memory.name}.link`,
        `a word inside the ${type.basicSize}-byte object (it has no field after its header)`,
        link,
      );
    }
    this.memory = memory;
    this.name = memory.name;
    this.limit = limit;
    this.linkOffset = linkOffset;
    this.statsLabel = options.statsLabel ?? CPYTHON_STATS_LABELS[type.name] ?? `free ${memory.name}`;
    this.list = new CountedFreeList(memory.heap, limit, linkOffset, 0);
  }

  /**
   * Memory for a fresh object: the newest cached one (a hit) or a new block (a miss).
   * @param itemCount - must be 0 (the type has one size)
   * @throws SizeError for a non-zero item count
   * @throws MemoryError when the free list is empty and the domain exhausted; nothing changes
   */
  allocate(itemCount = 0): Address {
    const memory = this.memory;
    if (itemCount !== 0) memory.checkItemCount(itemCount);
    let obj = this.list.take();
    if (obj !== 0) {
      memory.format(obj, 0);
    } else {
      obj = memory.fresh(0);
      this.list.miss();
    }
    this.live++;
    return obj;
  }

  /**
   * Takes back a dead object: onto the free list while it holds fewer than `limit`, else to the domain.
   * @throws InvalidPointerError for NULL, foreign, interior or wrongly typed addresses, or a tracked object
   * @throws DoubleFreeError when the object is already on the free list (or, per the domain, already free)
   */
  release(obj: Address): void {
    const memory = this.memory;
    const usable = memory.checkAddress(obj);
    if (this.list.isMarked(obj) && this.list.contains(obj)) {
      throw new DoubleFreeError(obj, `the ${this.name} object is already on its free list`);
    }
    memory.checkHeader(obj, usable);
    if (!this.list.put(obj)) memory.freeBlock(obj);
    this.live--;
  }

  /** Whether `obj` is on the free list (walks it: O(length)). */
  isCached(obj: Address): boolean {
    return this.list.contains(obj);
  }

  /**
   * Walks the free list and checks its invariants: exactly `length` nodes, each marked with
   * FREE_LIST_REFCOUNT, the last one linking to 0, and `length <= limit`. O(length); for tests
   * and debugging.
   * @throws HeapCorruptionError naming the first node found wrong
   */
  verify(): void {
    this.list.verify(this.name);
  }

  /** Current figures. */
  stats(): ObjectAllocatorStats {
    return this.list.figures(this.name, this.live);
  }

  /** Returns every cached object's block to the domain (CPython's `_PyFloat_ClearFreeList`). */
  clearFreeList(): void {
    const memory = this.memory;
    this.list.clear((obj) => memory.freeBlock(obj));
  }

  /** This list's line of `sys._debugmallocstats()`. */
  freeListStats(): FreeListStatsLine[] {
    return [{ label: this.statsLabel, count: this.list.length, objectSize: this.memory.objectBytes(0) }];
  }
}
