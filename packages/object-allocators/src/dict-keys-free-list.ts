/**
 * CPython 3.11's free list of dict keys objects (Objects/dictobject.c `new_keys_object` /
 * `free_keys_object`): only keys tables of the minimum size (PyDict_LOG_MINSIZE = 3, 8 slots)
 * holding only str keys (`DICT_KEYS_UNICODE`) are cached, up to PyDict_MAXFREELIST (80);
 * every other keys object comes from and goes back to the object domain. 3.11 prints no
 * `sys._debugmallocstats()` line for it.
 *
 * A keys object is not a PyObject (no type, no GC header), so this list deals in raw
 * blocks whose size it computes as CPython 3.11 does:
 *
 * ```
 *  PyDictKeysObject, 64-bit layout (w = 8)           bytes
 *   +0  dk_refcnt            w                          8
 *   +8  dk_log2_size, dk_log2_index_bytes, dk_kind, pad 4
 *  +12  dk_version           4                          4
 *  +16  dk_usable            w                          8
 *  +24  dk_nentries          w                          8
 *  +32  dk_indices[2**log2_size] of 1/2/4/w-byte ints   8  (log2_size 3: 8 x 1 byte)
 *  +40  entries[usable]: (me_key, me_value) for str keys, 2w each   80  (usable = 2*8/3 = 5)
 *                        (me_hash, me_key, me_value) otherwise, 3w
 *  = 120 bytes for the cached kind (compact layout, w = 4: 20 + 8 + 40 = 68)
 *
 *  cached block:  +0 link to the next cached block (u32, 0 at the end)   [in dk_refcnt]
 *                 +4 FREE_LIST_REFCOUNT mark                              [high half / next word]
 * ```
 *
 * CPython keeps the cached pointers in an array; this list threads them through the blocks'
 * first word instead, with the same LIFO order. Invariants: `head` is 0 iff `length` is 0;
 * a block is cached iff it is reachable from `head`, and then its second u32 is the mark;
 * `length <= limit`.
 *
 * @module
 */
import {
  type Address,
  type Allocator,
  DoubleFreeError,
  InvalidPointerError,
  LAYOUT_64,
  MAX_HEAP_BYTES,
  type ObjectAllocatorStats,
  type ObjectLayout,
  SizeError,
} from "@pymem/core";
import { DICT_KEYS_FREELIST_LIMIT, DICT_LOG_MIN_SIZE, validateTunables } from "./config";
import { CountedFreeList } from "./counted-free-list";
import type { FreeListStatsLine, FreeListStatsSource } from "./free-list-stats";

/** Largest log2 table size accepted (a keys object must fit the 4 GiB address range). */
export const DICT_KEYS_MAX_LOG2_SIZE = 26;

/**
 * Bytes of a CPython 3.11 dict keys object with `2 ** log2Size` slots (see the module diagram).
 * @param unicode - whether the table only holds str keys (its entries have no hash field)
 * @throws SizeError unless `log2Size` is an integer in `[1, DICT_KEYS_MAX_LOG2_SIZE]`
 * @example dictKeysBytes(3, true, LAYOUT_64) // 120
 */
export function dictKeysBytes(log2Size: number, unicode: boolean, layout: ObjectLayout = LAYOUT_64): number {
  if (!(Number.isInteger(log2Size) && log2Size >= 1 && log2Size <= DICT_KEYS_MAX_LOG2_SIZE)) {
    throw new SizeError(log2Size, "dict keys log2 size", `an integer from 1 to ${DICT_KEYS_MAX_LOG2_SIZE}`);
  }
  const w = layout.wordSize;
  const header = 3 * w + 8;
  const indexBytes = log2Size <= 7 ? 1 : log2Size <= 15 ? 2 : 4;
  const usable = Math.floor((2 << log2Size) / 3);
  const entry = unicode ? 2 * w : 3 * w;
  return header + indexBytes * 2 ** log2Size + entry * usable;
}

/** Options of {@link DictKeysFreeList}. */
export interface DictKeysFreeListOptions {
  /** The object domain keys objects come from (CPython uses PyObject_Malloc). */
  domain: Allocator;
  /**
   * Layout whose word size the keys objects use.
   * @defaultValue LAYOUT_64
   */
  layout?: ObjectLayout;
  /**
   * Most keys objects kept. Checked by `validateTunables` (`freeListLimit`).
   * @defaultValue 80 (PyDict_MAXFREELIST)
   */
  limit?: number;
  /**
   * log2 of the only cached table size. Checked by `validateTunables` (`dictKeysLog2Size`).
   * @defaultValue 3 (PyDict_LOG_MINSIZE)
   */
  log2Size?: number;
  /**
   * Check released blocks with the domain (its `usableSize` validates the block).
   * @defaultValue true
   */
  checked?: boolean;
}

/** Figures of a {@link DictKeysFreeList} (name "dict keys"; misses count requests of any size). */
export interface DictKeysFreeListStats extends ObjectAllocatorStats {}

/**
 * Cache of minimum-size, str-keyed dict keys objects.
 * @example
 * ```ts
 * const keys = new DictKeysFreeList({ domain: pymalloc });
 * const k = keys.allocate(3, true);   // 120 bytes, from pymalloc (a miss)
 * keys.release(k, 3, true);           // cached
 * keys.allocate(3, true) === k;       // true (a hit)
 * keys.allocate(4, true);             // 16 slots: never cached, 208 bytes from pymalloc
 * ```
 */
export class DictKeysFreeList implements FreeListStatsSource {
  /** Name for stats. */
  readonly name = "dict keys";
  /** The domain. */
  readonly domain: Allocator;
  /** Layout of the keys objects. */
  readonly layout: ObjectLayout;
  /** Most blocks kept. */
  readonly limit: number;
  /** log2 of the cached table size. */
  readonly log2Size: number;
  /** Bytes of each cached block. */
  readonly blockSize: number;
  /** Whether releases are checked against the domain. */
  readonly checked: boolean;
  /** The cached blocks (linked through their first word, marked in their second) and the counters. */
  private readonly list: CountedFreeList;
  private live = 0;

  constructor(options: DictKeysFreeListOptions) {
    const limit = options.limit ?? DICT_KEYS_FREELIST_LIMIT;
    const log2Size = options.log2Size ?? DICT_LOG_MIN_SIZE;
    validateTunables({ freeListLimit: limit, dictKeysLog2Size: log2Size }, "dictKeys.");
    this.domain = options.domain;
    this.layout = options.layout ?? LAYOUT_64;
    this.limit = limit;
    this.log2Size = log2Size;
    this.blockSize = dictKeysBytes(log2Size, true, this.layout);
    this.checked = options.checked ?? true;
    this.list = new CountedFreeList(this.domain.heap, limit, 0, 4);
  }

  /** Bytes of a keys object of `2 ** log2Size` slots in this layout. */
  blockBytes(log2Size: number, unicode: boolean): number {
    return dictKeysBytes(log2Size, unicode, this.layout);
  }

  /**
   * A block for a keys object (uninitialised: the dict code fills in its header): a cached
   * one when the table has the cached size and str keys and one is cached, else a new block.
   * @throws SizeError for a bad `log2Size`
   * @throws MemoryError when the domain is exhausted; nothing changes
   */
  allocate(log2Size: number, unicode: boolean): Address {
    const bytes = dictKeysBytes(log2Size, unicode, this.layout);
    if (unicode && log2Size === this.log2Size) {
      const block = this.list.take();
      if (block !== 0) {
        this.live++;
        return block;
      }
    }
    const fresh = this.domain.malloc(bytes);
    this.list.miss();
    this.live++;
    return fresh;
  }

  /**
   * Takes back the block of a dead keys object of `2 ** log2Size` slots: cached when it has
   * the cached size, str keys and the list has room, else freed.
   * @throws SizeError for a bad `log2Size`
   * @throws InvalidPointerError for NULL, misaligned or foreign blocks, or one too small for that table
   * @throws DoubleFreeError when the block is already cached (or, per the domain, already free)
   */
  release(keys: Address, log2Size: number, unicode: boolean): void {
    const bytes = dictKeysBytes(log2Size, unicode, this.layout);
    const domain = this.domain;
    if (
      !Number.isInteger(keys) ||
      keys <= 0 ||
      keys + 8 > domain.heap.byteLength ||
      keys % domain.alignment !== 0 ||
      keys + bytes > MAX_HEAP_BYTES
    ) {
      throw new InvalidPointerError(
        Number.isInteger(keys) && keys >= 0 ? keys : 0,
        `a ${domain.alignment}-byte aligned dict keys block of ${domain.name} inside the heap (got ${String(keys)})`,
      );
    }
    if (this.list.isMarked(keys) && this.list.contains(keys)) {
      throw new DoubleFreeError(keys, "the dict keys block is already on its free list");
    }
    if (this.checked) {
      const usable = domain.usableSize(keys);
      if (usable < bytes) {
        throw new InvalidPointerError(
          keys,
          `a block of at least ${bytes} bytes for a ${2 ** log2Size}-slot keys table (it has ${usable})`,
        );
      }
    }
    if (!(unicode && log2Size === this.log2Size && this.list.put(keys))) domain.free(keys);
    this.live--;
  }

  /** Whether `keys` is on the free list (walks it). */
  isCached(keys: Address): boolean {
    return this.list.contains(keys);
  }

  /**
   * Walks the free list and checks its invariants (`length` marked blocks ending in 0,
   * `length <= limit`). For tests and debugging.
   * @throws HeapCorruptionError naming the first block found wrong
   */
  verify(): void {
    this.list.verify(this.name);
  }

  /** Current figures. */
  stats(): DictKeysFreeListStats {
    return this.list.figures(this.name, this.live);
  }

  /** Returns every cached block to the domain (part of CPython's `_PyDict_ClearFreeList`). */
  clearFreeList(): void {
    const domain = this.domain;
    this.list.clear((block) => domain.free(block));
  }

  /** CPython 3.11 prints no line for the keys free list: always empty. */
  freeListStats(): FreeListStatsLine[] {
    return [];
  }
}
