/**
 * The ownership test: which addresses lie in a pymalloc arena (CPython's `address_in_range`).
 *
 * Reference: CPython 3.11, Objects/obmalloc.c, "radix tree for tracking arena usage",
 * `arena_map_mark_used`, `arena_map_is_used`.
 *
 * Arenas are mapped aligned to their own size, so every arena covers exactly one "ideal arena"
 * slot `address >>> ARENA_BITS` and CPython's leaf test (`tail_lo` / `tail_hi`) reduces to
 * "is this slot marked". With 32-bit addresses the whole radix tree collapses into its bottom
 * level: one flat table indexed by `address >>> ARENA_BITS`.
 *
 * ```
 *  address:  | ideal arena number (32 - ARENA_BITS bits) | offset in arena (ARENA_BITS bits) |
 *                         |
 *                         v
 *  entries: Int32Array [ 0 | 0 | 3 | 0 | 1 | ... ]    length = ceil(heap max bytes / ARENA_SIZE)
 *                                ^ arena slot 2 + 1 lives here; 0 = not a pymalloc arena
 * ```
 *
 * Invariant: `entries[a >>> ARENA_BITS] == s + 1` iff arena slot `s` is associated with the
 * mapped arena containing `a`; every other entry is 0.
 *
 * For the statistics, the map also records which nodes CPython 3.11's three-level tree would
 * have created for the same arena addresses on a 64-bit build (nodes are never freed there).
 *
 * @module
 */
import type { Address, Heap } from "@pymem/core";

/** Figures of the radix tree CPython 3.11 builds on a 64-bit build ("arena map counts"). */
export interface RadixTreeStats {
  /** Middle-level nodes created (`arena_map_mid_count`). */
  midNodes: number;
  /** Bottom-level nodes created (`arena_map_bot_count`). */
  botNodes: number;
  /** Bytes of the root node (`sizeof(arena_map_root)`). */
  rootBytes: number;
  /** Bytes of all middle nodes. */
  midBytes: number;
  /** Bytes of all bottom nodes. */
  botBytes: number;
}

/** Pointer bits of the modelled 64-bit build (POINTER_BITS, with IGNORE_BITS 0). */
const POINTER_BITS = 64;
/** Bytes of one interior-node pointer. */
const POINTER_BYTES = 8;
/** Bytes of one leaf entry (`arena_coverage_t`: two int32). */
const COVERAGE_BYTES = 8;

/** Flat arena ownership table for one heap. */
export class ArenaMap {
  /** Arena slot + 1 per ideal arena of the address space; 0 where no pymalloc arena is mapped. */
  readonly entries: Int32Array;
  /** ARENA_BITS: the shift from an address to its entry. */
  readonly arenaBits: number;
  private readonly interiorBits: number;
  private readonly botBits: number;
  private readonly midKeys = new Set<number>();
  private readonly botKeys = new Set<number>();

  constructor(heap: Heap, arenaBits: number) {
    this.arenaBits = arenaBits;
    this.entries = new Int32Array(Math.ceil(heap.maxByteLength / 2 ** arenaBits));
    // INTERIOR_BITS and MAP_BOT_BITS of CPython's 64-bit tree for this arena size.
    this.interiorBits = Math.floor((POINTER_BITS - arenaBits + 2) / 3);
    this.botBits = POINTER_BITS - arenaBits - 2 * this.interiorBits;
  }

  /** Slot + 1 of the arena containing `address`, or 0 when it is in none. */
  lookup(address: Address): number {
    const i = address >>> this.arenaBits;
    return i < this.entries.length ? this.entries[i] : 0;
  }

  /** Records that arena slot `slot` now owns the arena at `address` (arena-aligned). */
  mark(address: Address, slot: number): void {
    this.entries[address >>> this.arenaBits] = slot + 1;
    const midShift = this.botBits + this.arenaBits;
    this.midKeys.add(Math.floor(address / 2 ** (midShift + this.interiorBits)));
    this.botKeys.add(Math.floor(address / 2 ** midShift));
  }

  /** Forgets the arena at `address`. */
  unmark(address: Address): void {
    this.entries[address >>> this.arenaBits] = 0;
  }

  /** Bytes of the flat table. */
  get byteLength(): number {
    return this.entries.byteLength;
  }

  /** The "arena map counts" CPython 3.11 would report for the arenas mapped so far. */
  radixTreeStats(): RadixTreeStats {
    const nodeBytes = 2 ** this.interiorBits * POINTER_BYTES;
    return {
      midNodes: this.midKeys.size,
      botNodes: this.botKeys.size,
      rootBytes: nodeBytes,
      midBytes: nodeBytes * this.midKeys.size,
      botBytes: 2 ** this.botBits * COVERAGE_BYTES * this.botKeys.size,
    };
  }
}
