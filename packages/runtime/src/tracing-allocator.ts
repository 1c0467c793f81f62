/**
 * An allocator decorator that records every live block while tracing is on: the engine of
 * `tracemalloc` (CPython: Modules/_tracemalloc.c hooks the PyMem/PyObject domains the same
 * way, by wrapping the allocator functions).
 *
 * ```
 *  object allocators, list/dict/set tables ──► TracingAllocator ──► object domain (pymalloc | raw)
 *                                                  │ tracing?
 *                                                  ▼
 *   traces: address ─► slot     slot arrays (one entry per live traced block)
 *                                 size[slot]  u32   bytes requested
 *                                 type[slot]  u16   type id the runtime was allocating for
 *                                 tag[slot]   u16   user tag id (0 = untagged)
 * ```
 *
 * The runtime sets {@link TracingAllocator.currentType} before it allocates for a type, and
 * `tracemalloc` sets {@link TracingAllocator.currentTag}; both are plain integers, so the
 * untraced path costs one field test.
 *
 * Invariants: a block is in `traces` iff it was allocated (or reallocated) while tracing was
 * on and has not been freed since tracing last started; `traces` is empty iff nothing was
 * allocated since then (stopping forgets every trace); `tracedBytes` is the sum of their sizes.
 *
 * @module
 */
import {
  type Address,
  type Allocator,
  type AllocatorStats,
  type Heap,
  InvalidPointerError,
  NULL,
} from "@pymem/core";

const INITIAL_SLOTS = 256;

/**
 * Wraps an allocator; records live blocks with their size, type and tag while tracing.
 * @example
 * ```ts
 * const traced = new TracingAllocator(pymalloc);
 * traced.start();
 * traced.currentType = listTypeId;
 * const a = traced.malloc(64);
 * traced.tracedBytes; // 64
 * ```
 */
export class TracingAllocator implements Allocator {
  /** The wrapped domain. */
  readonly inner: Allocator;
  /** Type id recorded with the next traced allocations (0 = not allocating for a type). */
  currentType = 0;
  /** Tag id recorded with the next traced allocations (0 = untagged). */
  currentTag = 0;
  /** Bytes of the live traced blocks. */
  tracedBytes = 0;
  /** Highest {@link TracingAllocator.tracedBytes} since tracing started or the peak was reset. */
  peakTracedBytes = 0;
  /**
   * Blocks handed out by `malloc` and `calloc` so far, traced or not: the runtime compares it
   * around an object allocation to tell memory from the domain from a free-list hit.
   */
  allocations = 0;
  /** Non-NULL blocks given back by `free` so far, traced or not. */
  frees = 0;
  private tracing = false;
  private readonly slots = new Map<Address, number>();
  private size = new Uint32Array(INITIAL_SLOTS);
  /**
   * When not negative, the size the next `malloc` records instead of the one it is given: what
   * the caller asked for before an object allocator rounded it up to a word (CPython's str,
   * bytes and int allocations are not rounded, so its tracemalloc records them unrounded).
   */
  requestedSize = -1;
  private type = new Uint16Array(INITIAL_SLOTS);
  private tag = new Uint16Array(INITIAL_SLOTS);
  private freeSlots = new Int32Array(INITIAL_SLOTS);
  private freeCount = 0;
  private nextSlot = 0;

  constructor(inner: Allocator) {
    this.inner = inner;
  }

  /** Domain name: the wrapped one's. */
  get name(): string {
    return this.inner.name;
  }

  /** The heap. */
  get heap(): Heap {
    return this.inner.heap;
  }

  /** The wrapped domain's alignment. */
  get alignment(): number {
    return this.inner.alignment;
  }

  /** Whether allocations are being recorded. */
  get isTracing(): boolean {
    return this.tracing;
  }

  /** Number of live traced blocks. */
  get traceCount(): number {
    return this.slots.size;
  }

  /** Starts recording (blocks allocated before stay untraced). */
  start(): void {
    this.tracing = true;
  }

  /** Stops recording and forgets every trace (as `tracemalloc.stop()`). */
  stop(): void {
    this.tracing = false;
    this.clear();
  }

  /** Forgets every trace and resets the figures, keeping the tracing state. */
  clear(): void {
    this.slots.clear();
    this.freeCount = 0;
    this.nextSlot = 0;
    this.tracedBytes = 0;
    this.peakTracedBytes = 0;
  }

  /** Sets the peak to the current traced size (`tracemalloc.reset_peak()`). */
  resetPeak(): void {
    this.peakTracedBytes = this.tracedBytes;
  }

  malloc(size: number): Address {
    const address = this.inner.malloc(size);
    this.allocations++;
    if (this.tracing) this.record(address, this.requestedSize < 0 ? size : this.requestedSize);
    return address;
  }

  calloc(count: number, size: number): Address {
    const address = this.inner.calloc(count, size);
    this.allocations++;
    if (this.tracing) this.record(address, count * size);
    return address;
  }

  realloc(address: Address, size: number): Address {
    const moved = this.inner.realloc(address, size);
    if (this.tracing) {
      if (address !== NULL) this.forget(address);
      this.record(moved, size);
    }
    return moved;
  }

  free(address: Address): void {
    this.inner.free(address);
    if (address === NULL) return;
    this.frees++;
    if (this.slots.size > 0) this.forget(address);
  }

  usableSize(address: Address): number {
    return this.inner.usableSize(address);
  }

  owns(address: Address): boolean {
    return this.inner.owns(address);
  }

  stats(): AllocatorStats {
    return this.inner.stats();
  }

  /**
   * Calls `visit(address, size, typeId, tagId)` for every live traced block.
   */
  forEachTrace(visit: (address: Address, size: number, typeId: number, tagId: number) => void): void {
    for (const [address, slot] of this.slots)
      visit(address, this.size[slot]!, this.type[slot]!, this.tag[slot]!);
  }

  /**
   * The trace of the block at `address`: `[size, typeId, tagId]`, or undefined when untraced.
   * @throws InvalidPointerError for NULL
   */
  traceOf(address: Address): [number, number, number] | undefined {
    if (address === NULL) throw new InvalidPointerError(address, "a block address, not NULL");
    const slot = this.slots.get(address);
    return slot === undefined ? undefined : [this.size[slot]!, this.type[slot]!, this.tag[slot]!];
  }

  private record(address: Address, size: number): void {
    const slot = this.freeCount > 0 ? this.freeSlots[--this.freeCount]! : this.takeSlot();
    this.size[slot] = size;
    this.type[slot] = this.currentType;
    this.tag[slot] = this.currentTag;
    this.slots.set(address, slot);
    this.tracedBytes += size;
    if (this.tracedBytes > this.peakTracedBytes) this.peakTracedBytes = this.tracedBytes;
  }

  private forget(address: Address): void {
    const slot = this.slots.get(address);
    if (slot === undefined) return;
    this.slots.delete(address);
    this.tracedBytes -= this.size[slot]!;
    if (this.freeCount === this.freeSlots.length) {
      const grown = new Int32Array(this.freeSlots.length * 2);
      grown.set(this.freeSlots);
      this.freeSlots = grown;
    }
    this.freeSlots[this.freeCount++] = slot;
  }

  private takeSlot(): number {
    const slot = this.nextSlot++;
    if (slot === this.size.length) {
      const n = this.size.length * 2;
      const size = new Uint32Array(n);
      size.set(this.size);
      this.size = size;
      const type = new Uint16Array(n);
      type.set(this.type);
      this.type = type;
      const tag = new Uint16Array(n);
      tag.set(this.tag);
      this.tag = tag;
    }
    return slot;
  }
}
