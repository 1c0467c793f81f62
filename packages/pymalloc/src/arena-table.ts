/**
 * Arena management: the table of arena objects, the `usable_arenas` list kept sorted by
 * number of free pools with its `nfp2lasta` search fingers, and the `unused_arena_objects`
 * list of slots with no arena.
 *
 * Reference: CPython 3.11, Objects/obmalloc.c, `struct arena_object`, `new_arena`,
 * `allocate_from_new_pool` and `insert_to_freepool` (bpo-37029 for nfp2lasta, bpo-37257 for
 * keeping the last wholly free arena).
 *
 * ```
 *  arena (ARENA_SIZE bytes, ARENA_SIZE-aligned, mapped from the page provider)
 *  +----------+----------+----------+----------+------------------------------+
 *  | pool 0   | pool 1   | pool 2   |  ...     | never carved yet             |
 *  +----------+----------+----------+----------+------------------------------+
 *  ^ address                                   ^ poolAddress: next pool to carve
 *
 *  arena objects (side typed arrays, one column per field, indexed by slot; CPython also keeps
 *  them outside the arenas, in a vector that doubles from 16 entries):
 *   slot | address | poolAddress | nfreepools | ntotalpools | freepools | nextarena | prevarena
 *
 *  usable_arenas:  head -> a(1 free) <-> b(1 free) <-> c(3 free) <-> d(7 free) -> NONE
 *                                        ^ nfp2lasta[1]  ^ nfp2lasta[3]  ^ nfp2lasta[7]
 * ```
 *
 * Invariants:
 *  - a slot is on the unused list iff its address is 0
 *  - a slot is on usable_arenas iff it has an arena and nfreepools > 0; the list is in
 *    non-decreasing nfreepools order, so pools come from the most used arena first and
 *    nearly empty arenas get the chance to become wholly free and be unmapped
 *  - nfp2lasta[n] is the last arena on usable_arenas with n free pools, NONE iff there is none
 *  - nfreepools = pools on the freepools list + pools never carved (arenaEnd - poolAddress) / POOL_SIZE
 *
 * @module
 */
import { type Address, type Heap, MemoryError, type PageProvider } from "@pymem/core";
import type { ArenaMap } from "./arena-map";
import type { ResolvedPymallocConfig } from "./config";
import {
  DUMMY_SIZE_IDX as IMPORTED_DUMMY_SIZE_IDX,
  POOL_ARENAINDEX as IMPORTED_POOL_ARENAINDEX,
  POOL_NEXTPOOL as IMPORTED_POOL_NEXTPOOL,
  POOL_SZIDX as IMPORTED_POOL_SZIDX,
} from "./pool-header";

// Module-local aliases of the pool header layout (this module touches pool headers only off the hot path).
const DUMMY_SIZE_IDX = IMPORTED_DUMMY_SIZE_IDX;
const POOL_ARENAINDEX = IMPORTED_POOL_ARENAINDEX;
const POOL_NEXTPOOL = IMPORTED_POOL_NEXTPOOL;
const POOL_SZIDX = IMPORTED_POOL_SZIDX;

/** The NULL of slot links. */
export const NONE = -1;
/** Arena objects allocated the first time (INITIAL_ARENA_OBJECTS); the table doubles after. */
export const INITIAL_ARENA_OBJECTS = 16;

/** Arena objects and the arena lists of one allocator. */
export class ArenaTable {
  /** Slots in the table (maxarenas). */
  capacity = 0;
  /** Arena base address per slot; 0 = no arena (the slot is on the unused list). */
  address = new Uint32Array(0);
  /** Next pool to carve per slot (pool_address). */
  poolAddress = new Uint32Array(0);
  /** Free plus never-carved pools per slot. */
  nfreepools = new Uint32Array(0);
  /** Pools per arena per slot. */
  ntotalpools = new Uint32Array(0);
  /** Head of the singly-linked list of empty pools per slot (0 = NULL; linked by nextpool). */
  freepools = new Uint32Array(0);
  /** usable_arenas / unused list link per slot. */
  nextarena = new Int32Array(0);
  /** usable_arenas back link per slot. */
  prevarena = new Int32Array(0);
  /** Head of the unused slots (unused_arena_objects). */
  unusedHead = NONE;
  /** Head of usable_arenas. */
  usableHead = NONE;
  /** nfp2lasta[n]: last arena in usable_arenas with n free pools, or NONE. */
  readonly nfp2lasta: Int32Array;
  /** Arenas mapped and not yet released (narenas_currently_allocated). */
  currentlyAllocated = 0;
  /** Arenas ever mapped (ntimes_arena_allocated). */
  timesAllocated = 0;
  /** Highest value of currentlyAllocated (narenas_highwater). */
  highwater = 0;

  private readonly heap: Heap;
  private readonly pages: PageProvider;
  private readonly map: ArenaMap;
  private readonly arenaSize: number;
  private readonly poolSize: number;
  private readonly poolsPerArena: number;
  private readonly retainLastFreeArena: boolean;

  constructor(pages: PageProvider, config: ResolvedPymallocConfig, map: ArenaMap) {
    this.heap = pages.heap;
    this.pages = pages;
    this.map = map;
    this.arenaSize = config.arenaSize;
    this.poolSize = config.poolSize;
    this.poolsPerArena = config.poolsPerArena;
    this.retainLastFreeArena = config.retainLastFreeArena;
    this.nfp2lasta = new Int32Array(config.poolsPerArena + 1).fill(NONE);
  }

  /** Doubles the table (16 slots the first time) and puts the new slots on the unused list. */
  private grow(): void {
    const old = this.capacity;
    const n = old === 0 ? INITIAL_ARENA_OBJECTS : old * 2;
    const u32 = (a: Uint32Array) => {
      const b = new Uint32Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.address = u32(this.address);
    this.poolAddress = u32(this.poolAddress);
    this.nfreepools = u32(this.nfreepools);
    this.ntotalpools = u32(this.ntotalpools);
    this.freepools = u32(this.freepools);
    this.nextarena = i32(this.nextarena);
    this.prevarena = i32(this.prevarena);
    for (let i = old; i < n; i++) this.nextarena[i] = i + 1 < n ? i + 1 : NONE;
    this.unusedHead = old;
    this.capacity = n;
  }

  /**
   * Maps a new arena into an unused slot (new_arena). Leaves the slot off every list.
   * @param requested - the request being served, for the error message
   * @throws MemoryError when the page provider has no room; no slot or arena changes state
   */
  private newArena(requested: number): number {
    if (this.unusedHead === NONE) this.grow();
    const slot = this.unusedHead;
    let base: Address;
    try {
      base = this.pages.map(this.arenaSize, this.arenaSize);
    } catch (e) {
      if (e instanceof MemoryError) {
        throw new MemoryError(
          requested,
          `pymalloc needs a new ${this.arenaSize}-byte arena and the page provider has no room (${e.message})`,
        );
      }
      throw e;
    }
    this.unusedHead = this.nextarena[slot];
    this.address[slot] = base;
    this.poolAddress[slot] = base;
    this.nfreepools[slot] = this.poolsPerArena;
    this.ntotalpools[slot] = this.poolsPerArena;
    this.freepools[slot] = 0;
    this.map.mark(base, slot);
    this.currentlyAllocated++;
    this.timesAllocated++;
    if (this.currentlyAllocated > this.highwater) this.highwater = this.currentlyAllocated;
    return slot;
  }

  /**
   * Takes an empty pool from the most used usable arena, mapping a new arena when none has one
   * (the arena half of allocate_from_new_pool). A freshly carved pool gets its arenaindex and a
   * DUMMY_SIZE_IDX size class; a recycled one keeps the header it had.
   * @returns the pool's address
   * @throws MemoryError when a new arena is needed and cannot be mapped; nothing changes
   */
  takePool(requested: number): Address {
    const nfp2lasta = this.nfp2lasta;
    if (this.usableHead === NONE) {
      const slot = this.newArena(requested);
      this.nextarena[slot] = NONE;
      this.prevarena[slot] = NONE;
      this.usableHead = slot;
      nfp2lasta[this.nfreepools[slot]] = slot;
    }
    const ao = this.usableHead;
    const nf = this.nfreepools[ao];
    // The head has the fewest free pools, so taking one keeps the order; only the fingers move.
    if (nfp2lasta[nf] === ao) nfp2lasta[nf] = NONE;
    if (nf > 1) nfp2lasta[nf - 1] = ao;
    const u32 = this.heap.u32;
    let pool = this.freepools[ao];
    if (pool !== 0) {
      this.freepools[ao] = u32[(pool + POOL_NEXTPOOL) >>> 2];
    } else {
      pool = this.poolAddress[ao];
      u32[(pool + POOL_ARENAINDEX) >>> 2] = ao;
      u32[(pool + POOL_SZIDX) >>> 2] = DUMMY_SIZE_IDX;
      this.poolAddress[ao] = pool + this.poolSize;
    }
    this.nfreepools[ao] = nf - 1;
    if (nf === 1) {
      // Wholly allocated: off usable_arenas.
      const next = this.nextarena[ao];
      this.usableHead = next;
      if (next !== NONE) this.prevarena[next] = NONE;
    }
    return pool;
  }

  /** The cached empty pool {@link ArenaTable.takePool} would return next, or 0 when it would carve or map one. */
  peekFreePool(): Address {
    return this.usableHead === NONE ? 0 : this.freepools[this.usableHead];
  }

  /**
   * Puts an empty pool (already unlinked from usedpools) on its arena's freepools list and
   * restores the usable_arenas order; unmaps the arena when all its pools are free, except the
   * last arena of the list when `retainLastFreeArena` is set (the arena half of
   * insert_to_freepool).
   */
  releasePool(pool: Address, ao: number): void {
    const nfp2lasta = this.nfp2lasta;
    const u32 = this.heap.u32;
    u32[(pool + POOL_NEXTPOOL) >>> 2] = this.freepools[ao];
    this.freepools[ao] = pool;
    const nfOld = this.nfreepools[ao];
    const lastnf = nfOld === 0 ? NONE : nfp2lasta[nfOld];
    if (lastnf === ao) {
      // ao was the rightmost arena with nfOld free pools: its left neighbour may take over.
      const p = this.prevarena[ao];
      nfp2lasta[nfOld] = p !== NONE && this.nfreepools[p] === nfOld ? p : NONE;
    }
    const nf = nfOld + 1;
    this.nfreepools[ao] = nf;

    if (nf === this.ntotalpools[ao]) {
      if (nfOld !== 0) {
        // Case 1: wholly free and on usable_arenas. Keep it only if it is the last one there.
        if (!this.retainLastFreeArena || this.nextarena[ao] !== NONE) {
          this.unlinkUsable(ao);
          this.releaseArena(ao);
          return;
        }
      } else if (!this.retainLastFreeArena || this.usableHead !== NONE) {
        // A one-pool arena that was full: it is on no list, so it goes straight back.
        this.releaseArena(ao);
        return;
      }
    }

    if (nf === 1) {
      // Case 2: it was full, so it is on no list: it becomes the head (it has the fewest free pools).
      const head = this.usableHead;
      this.nextarena[ao] = head;
      this.prevarena[ao] = NONE;
      if (head !== NONE) this.prevarena[head] = ao;
      this.usableHead = ao;
      if (nfp2lasta[1] === NONE) nfp2lasta[1] = ao;
      return;
    }

    if (nfp2lasta[nf] === NONE) nfp2lasta[nf] = ao;
    // Case 4: it was the rightmost with nfOld free pools, so it is still in order.
    if (ao === lastnf) return;
    // Case 3: slide it right, to just after the last arena that had nfOld free pools.
    this.unlinkUsable(ao);
    const next = this.nextarena[lastnf];
    this.prevarena[ao] = lastnf;
    this.nextarena[ao] = next;
    if (next !== NONE) this.prevarena[next] = ao;
    this.nextarena[lastnf] = ao;
  }

  /**
   * Unmaps every wholly free arena still on usable_arenas (the one `retainLastFreeArena` keeps).
   * @returns the number of arenas unmapped
   */
  releaseFreeArenas(): number {
    let released = 0;
    let ao = this.usableHead;
    while (ao !== NONE) {
      const next = this.nextarena[ao];
      const nf = this.nfreepools[ao];
      if (nf === this.ntotalpools[ao]) {
        if (this.nfp2lasta[nf] === ao) {
          const p = this.prevarena[ao];
          this.nfp2lasta[nf] = p !== NONE && this.nfreepools[p] === nf ? p : NONE;
        }
        this.unlinkUsable(ao);
        this.releaseArena(ao);
        released++;
      }
      ao = next;
    }
    return released;
  }

  private unlinkUsable(ao: number): void {
    const prev = this.prevarena[ao];
    const next = this.nextarena[ao];
    if (prev === NONE) this.usableHead = next;
    else this.nextarena[prev] = next;
    if (next !== NONE) this.prevarena[next] = prev;
  }

  private releaseArena(ao: number): void {
    const base = this.address[ao];
    this.pages.unmap(base, this.arenaSize);
    this.map.unmark(base);
    this.address[ao] = 0;
    this.nextarena[ao] = this.unusedHead;
    this.unusedHead = ao;
    this.currentlyAllocated--;
  }

  /** Slots of usable_arenas, head first (for tests and diagnostics). */
  usableOrder(): number[] {
    const order: number[] = [];
    for (let ao = this.usableHead; ao !== NONE; ao = this.nextarena[ao]) order.push(ao);
    return order;
  }

  /** Bytes of the side tables. */
  get byteLength(): number {
    return this.capacity * 7 * 4 + this.nfp2lasta.byteLength;
  }
}
