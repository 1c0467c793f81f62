/**
 * The debug hooks on the memory allocators (CPython's `PYTHONMALLOC=debug`,
 * `PyMem_SetupDebugHooks`): a decorator around any {@link Allocator} that pads every block
 * with forbidden bytes, records its requested size, API id and serial number, fills fresh
 * memory with CLEANBYTE and freed memory with DEADBYTE, and checks all of it on free and
 * realloc. Reference: Objects/obmalloc.c of CPython 3.11 (`_PyMem_DebugRawAlloc`,
 * `_PyMem_DebugRawFree`, `_PyMem_DebugRawRealloc`, `_PyMem_DebugCheckAddress`).
 *
 * ```
 *  caller            DebugAllocator                         wrapped allocator
 *  malloc(n)   ->    inner.malloc(n + extra) = base   ->    [ n | id FFFFFFF | CCCC..n..CCCC | FFFFFFFF | serial ]
 *              <-    p = base + 2*SST                            ^ base          ^ p             ^ p+n
 *  free(p)     ->    check id, pads, size, tail pads  ->    fill DDDD.. over the whole block, inner.free(base)
 *  realloc(p,m)->    check, save + erase ends (DDDD), inner.realloc(base, m + extra), rewrite pads, restore
 * ```
 *
 * See `debug-layout.ts` for the byte layout. `extra` is 4*SST (32 B on 64 bits) with serial
 * numbers and 3*SST without.
 *
 * Where CPython prints the block (`_PyObject_DebugDumpAddress`) and aborts the process
 * (`Py_FatalError`), this decorator raises {@link HeapCorruptionError} carrying the address,
 * the kind of damage, the serial number and the same report with a hex dump, and leaves the
 * block and the heap exactly as they were. The kinds: `"underflow"` (a leading pad byte
 * changed), `"overflow"` (a trailing pad byte changed), `"double-free"` and
 * `"use-after-free"` (the header reads DEADBYTE, or the wrapped allocator reports the block
 * free: it was already freed), `"wrong-api"` (allocated through another domain, e.g. PyMem_Malloc then
 * PyObject_Free) and `"bad-header"` (an API id or size field that cannot be right).
 *
 * Like CPython's, the check is a heuristic on bytes: a freed block that the wrapped allocator
 * has since handed out again (through this decorator) looks live, so a late double free of
 * it frees the new owner's block.
 *
 * @module
 */
import {
  type Address,
  type Allocator,
  type AllocatorStats,
  type CorruptionKind,
  DoubleFreeError,
  emptyCallCounts,
  formatAddress,
  type Heap,
  HeapCorruptionError,
  InvalidPointerError,
  MAX_HEAP_BYTES,
  type MemoryHooks,
  SizeError,
  validateSize,
} from "@pymem/core";
import { type DebugAllocatorOptions, type DebugConfig, resolveDebugConfig } from "./debug-config";
import { dumpDebugBlock } from "./debug-dump";
import {
  DEBUG_ERASED_BYTES,
  type DebugApi,
  debugApiChar,
  isDebugApiId,
  PYMEM_CLEANBYTE,
  PYMEM_DEADBYTE,
  PYMEM_FORBIDDENBYTE,
  readBigEndianWord,
  writeBigEndianWord,
} from "./debug-layout";
import type { DebugSerialCounter } from "./debug-serial";

/** Figures of a {@link DebugAllocator}: its own block counts plus the wrapped allocator's space figures. */
export interface DebugAllocatorStats extends AllocatorStats {
  /** The domain's API id. */
  api: DebugApi;
  /** Current value of the serial-number counter. */
  serialNumber: number;
  /** Bytes the live blocks' headers and trailers take (blocksInUse * extra bytes per block). */
  debugOverheadBytes: number;
}

/**
 * PYTHONMALLOC=debug for one allocation domain: wraps any {@link Allocator}.
 *
 * `usableSize` reports the requested size; `alignment` is the wrapped allocator's, capped
 * at 2*SST (the header length).
 * @example
 * ```ts
 * const obj = new DebugAllocator(pymalloc, { api: "o" });
 * const p = obj.malloc(16);       // 16 bytes of 0xcd between forbidden pads
 * obj.heap.u8[p + 16] = 0x78;     // one byte past the end
 * obj.free(p);                    // throws HeapCorruptionError (overflow), block left as it was
 * ```
 */
export class DebugAllocator implements Allocator {
  /** Domain name. */
  readonly name: string;
  /** The heap (the wrapped allocator's). */
  readonly heap: Heap;
  /** Every caller address is a multiple of this. */
  readonly alignment: number;
  /** The wrapped allocator. */
  readonly inner: Allocator;
  /** The domain's API id. */
  readonly api: DebugApi;
  /** The resolved layout: word size, header, trailer and extra bytes per block. */
  readonly config: DebugConfig;
  /** The serial-number counter (possibly shared with other debug allocators). */
  readonly serialCounter: DebugSerialCounter;

  private readonly apiId: number;
  private readonly sst: number;
  private readonly headerBytes: number;
  private readonly extraBytes: number;
  private readonly serialNumbers: boolean;
  private readonly maxSize: number;
  private readonly hooks: MemoryHooks | null;
  /** Bytes saved across a realloc (CPython's `save[2*ERASED_SIZE]`). */
  private readonly saved = new Uint8Array(2 * DEBUG_ERASED_BYTES);

  // Live blocks and their requested bytes: blocksInUse is the number of successful
  // malloc/calloc/realloc(0, n) minus successful frees of non-NULL addresses.
  private blocksInUse = 0;
  private bytesInUse = 0;
  private peakBytesInUse = 0;
  private readonly calls = emptyCallCounts();

  /**
   * @param inner - the allocator whose blocks carry the debug header and trailer
   * @param options - the API id and layout choices
   * @throws ConfigurationError for invalid options
   */
  constructor(inner: Allocator, options: DebugAllocatorOptions) {
    const config = resolveDebugConfig(options);
    this.config = config;
    this.inner = inner;
    this.heap = inner.heap;
    this.api = config.api;
    this.apiId = config.apiId;
    this.sst = config.wordBytes;
    this.headerBytes = config.headerBytes;
    this.extraBytes = config.extraBytes;
    this.serialNumbers = config.serialNumbers;
    this.serialCounter = config.serialCounter;
    this.alignment = Math.min(inner.alignment, config.headerBytes);
    this.maxSize = MAX_HEAP_BYTES - config.extraBytes;
    this.hooks = options.hooks ?? null;
    this.name = options.name ?? `debug(${config.api}:${inner.name})`;
  }

  /**
   * Allocates `size` bytes filled with CLEANBYTE (0xcd) between forbidden pads.
   * @throws SizeError for a negative, NaN, fractional or too large size
   * @throws MemoryError when the wrapped allocator has no room; nothing changes
   */
  malloc(size: number): Address {
    const p = this.allocate(size);
    this.calls.malloc++;
    return p;
  }

  /**
   * Allocates `count * size` zeroed bytes between forbidden pads.
   * @throws SizeError when an argument is invalid or the product is too large
   * @throws MemoryError when the wrapped allocator has no room; nothing changes
   */
  calloc(count: number, size: number): Address {
    validateSize(count, MAX_HEAP_BYTES, "count");
    validateSize(size, MAX_HEAP_BYTES, "size");
    const nbytes = count * size;
    if (nbytes > this.maxSize) {
      throw new SizeError(nbytes, "calloc size (count * size)", `at most ${this.maxSize} bytes`);
    }
    const base = this.inner.calloc(1, nbytes + this.extraBytes);
    const p = this.decorate(base, nbytes, false);
    this.calls.calloc++;
    return p;
  }

  /**
   * Checks the block, fills it (header and trailer included) with DEADBYTE and frees it.
   * `free(0)` does nothing.
   * @throws InvalidPointerError for an address that cannot be a block of this domain
   * @throws HeapCorruptionError when the block's pads, API id or size are damaged, or it
   *   was already freed ("double-free"); the heap is unchanged
   */
  free(address: Address): void {
    if (address === 0) return;
    const nbytes = this.verify(address, "free");
    const base = address - this.headerBytes;
    this.heap.u8.fill(PYMEM_DEADBYTE, base, base + nbytes + this.extraBytes);
    this.inner.free(base);
    this.blocksInUse--;
    this.bytesInUse -= nbytes;
    this.calls.free++;
    const hooks = this.hooks;
    if (hooks !== null) {
      const onFree = hooks.free;
      if (onFree !== null) onFree(this.name, address, nbytes);
    }
  }

  /**
   * Resizes the block as CPython's debug realloc does: checks it, marks its header,
   * trailer and first and last 64 bytes dead while the wrapped allocator resizes it (so a
   * stale pointer to a moved block reads DEADBYTE), then rewrites the pads, restores the
   * saved bytes, gives the block a new serial number and fills any growth with CLEANBYTE.
   * `realloc(0, n)` is `malloc(n)`.
   * @throws InvalidPointerError / HeapCorruptionError as {@link DebugAllocator.free}
   *   ("use-after-free" for a freed block)
   * @throws MemoryError when the wrapped allocator has no room; the block is restored intact
   */
  realloc(address: Address, size: number): Address {
    if (address === 0) {
      const p = this.allocate(size);
      this.calls.realloc++;
      return p;
    }
    validateSize(size, this.maxSize, "size");
    const oldBytes = this.verify(address, "realloc");
    const sst = this.sst;
    const headerBytes = this.headerBytes;
    const extraBytes = this.extraBytes;
    const saved = this.saved;
    let u8 = this.heap.u8;
    const oldBase = address - headerBytes;
    const oldTail = address + oldBytes;
    const oldSerial = this.serialNumbers ? readBigEndianWord(u8, oldTail + sst, sst) : 0;

    // Save and erase: the whole block when it is small, else its first and last 64 bytes.
    const small = oldBytes <= saved.length;
    if (small) {
      for (let i = 0; i < oldBytes; i++) saved[i] = u8[address + i]!;
      u8.fill(PYMEM_DEADBYTE, oldBase, oldBase + oldBytes + extraBytes);
    } else {
      const lastStart = oldTail - DEBUG_ERASED_BYTES;
      for (let i = 0; i < DEBUG_ERASED_BYTES; i++) {
        saved[i] = u8[address + i]!;
        saved[DEBUG_ERASED_BYTES + i] = u8[lastStart + i]!;
      }
      u8.fill(PYMEM_DEADBYTE, oldBase, address + DEBUG_ERASED_BYTES);
      u8.fill(PYMEM_DEADBYTE, lastStart, oldTail + extraBytes - headerBytes);
    }

    let base: Address;
    try {
      base = this.inner.realloc(oldBase, size + extraBytes);
    } catch (error) {
      // Rewrite the erased header and trailer and put the saved bytes back: as before the call.
      this.writePads(this.heap.u8, oldBase, oldBytes, oldSerial);
      this.restoreSaved(this.heap.u8, address, oldBytes, oldBytes, small);
      throw error;
    }
    u8 = this.heap.u8;
    const serial = this.serialNumbers ? this.serialCounter.bump() : 0;
    const p = base + headerBytes;
    this.writePads(u8, base, size, serial);
    this.restoreSaved(u8, p, oldBytes, size, small);
    if (size > oldBytes) u8.fill(PYMEM_CLEANBYTE, p + oldBytes, p + size);

    this.bytesInUse += size - oldBytes;
    if (this.bytesInUse > this.peakBytesInUse) this.peakBytesInUse = this.bytesInUse;
    this.calls.realloc++;
    const hooks = this.hooks;
    if (hooks !== null && p !== address) {
      const onFree = hooks.free;
      if (onFree !== null) onFree(this.name, address, oldBytes);
      const onAllocate = hooks.allocate;
      if (onAllocate !== null) onAllocate(this.name, p, size);
    }
    return p;
  }

  /**
   * The requested size of the live block at `address` (after checking it).
   * @throws InvalidPointerError / HeapCorruptionError as {@link DebugAllocator.check}
   */
  usableSize(address: Address): number {
    return this.verify(address, "usableSize");
  }

  /**
   * The wrapped allocator's routing test for the block start just before `address`
   * (pymalloc answers false for blocks it passed on to its raw allocator, as CPython's
   * address_in_range does).
   */
  owns(address: Address): boolean {
    return address >= this.headerBytes && this.inner.owns(address - this.headerBytes);
  }

  /**
   * Checks the live block at `address` without freeing it (CPython's
   * `_PyMem_DebugCheckAddress`): the API id, the leading pad, the size field and the
   * trailing pad.
   * @throws InvalidPointerError for an address that cannot be a block of this domain
   * @throws HeapCorruptionError describing the first damage found ("use-after-free" for a freed block)
   */
  check(address: Address): void {
    this.verify(address, "check");
  }

  /**
   * The report `_PyObject_DebugDumpAddress` would print for the block at `address`, with a
   * hex dump of its surroundings. Never throws for an address inside the heap.
   */
  dump(address: Address): string {
    return dumpDebugBlock(this.heap, address, this.config);
  }

  /** Current figures: block counts of this domain, space figures of the wrapped allocator. */
  stats(): DebugAllocatorStats {
    const inner = this.inner.stats();
    return {
      name: this.name,
      blocksInUse: this.blocksInUse,
      bytesInUse: this.bytesInUse,
      peakBytesInUse: this.peakBytesInUse,
      bytesFree: inner.bytesFree,
      bytesReserved: inner.bytesReserved,
      fragmentation: inner.fragmentation,
      calls: { ...this.calls },
      api: this.api,
      serialNumber: this.serialCounter.value,
      debugOverheadBytes: this.blocksInUse * this.extraBytes,
    };
  }

  /** malloc without the call count: validates, allocates and decorates a CLEANBYTE-filled block. */
  private allocate(size: number): Address {
    validateSize(size, this.maxSize, "size");
    const base = this.inner.malloc(size + this.extraBytes);
    return this.decorate(base, size, true);
  }

  /** Writes header, data fill and trailer of a fresh block; returns the caller's address. */
  private decorate(base: Address, nbytes: number, clean: boolean): Address {
    const u8 = this.heap.u8;
    const p = base + this.headerBytes;
    const serial = this.serialNumbers ? this.serialCounter.bump() : 0;
    this.writePads(u8, base, nbytes, serial);
    if (clean && nbytes > 0) u8.fill(PYMEM_CLEANBYTE, p, p + nbytes);
    this.blocksInUse++;
    this.bytesInUse += nbytes;
    if (this.bytesInUse > this.peakBytesInUse) this.peakBytesInUse = this.bytesInUse;
    const hooks = this.hooks;
    if (hooks !== null) {
      const onAllocate = hooks.allocate;
      if (onAllocate !== null) onAllocate(this.name, p, nbytes);
    }
    return p;
  }

  /** Writes the size, API id and leading pad at `base` and the trailing pad (and serial) after `nbytes` data bytes. */
  private writePads(u8: Uint8Array, base: Address, nbytes: number, serial: number): void {
    const sst = this.sst;
    writeBigEndianWord(u8, base, sst, nbytes);
    u8[base + sst] = this.apiId;
    u8.fill(PYMEM_FORBIDDENBYTE, base + sst + 1, base + 2 * sst);
    const tail = base + 2 * sst + nbytes;
    u8.fill(PYMEM_FORBIDDENBYTE, tail, tail + sst);
    if (this.serialNumbers) writeBigEndianWord(u8, tail + sst, sst, serial);
  }

  /** Copies the bytes saved by realloc into the block at `p` now `nbytes` long (CPython's restore step). */
  private restoreSaved(u8: Uint8Array, p: Address, oldBytes: number, nbytes: number, small: boolean): void {
    const saved = this.saved;
    if (small) {
      const n = Math.min(nbytes, oldBytes);
      for (let i = 0; i < n; i++) u8[p + i] = saved[i]!;
      return;
    }
    const first = Math.min(nbytes, DEBUG_ERASED_BYTES);
    for (let i = 0; i < first; i++) u8[p + i] = saved[i]!;
    const lastStart = oldBytes - DEBUG_ERASED_BYTES;
    if (nbytes > lastStart) {
      const last = Math.min(nbytes - lastStart, DEBUG_ERASED_BYTES);
      for (let i = 0; i < last; i++) u8[p + lastStart + i] = saved[DEBUG_ERASED_BYTES + i]!;
    }
  }

  /**
   * Checks the block at `address` and returns its requested size. Reads only; raises on
   * the first problem, in this order: not a possible block address; API id byte DEADBYTE
   * (freed); rejected by the wrapped allocator (foreign, interior, already free); leading
   * pad; API id; size field; trailing pad.
   */
  private verify(address: Address, op: string): number {
    const headerBytes = this.headerBytes;
    const heap = this.heap;
    if (
      !Number.isInteger(address) ||
      address < headerBytes ||
      address >= heap.byteLength ||
      address % this.alignment !== 0
    ) {
      throw new InvalidPointerError(
        address,
        `the address of a live block of ${this.name} (${op}), aligned to ${this.alignment} bytes`,
      );
    }
    const sst = this.sst;
    const base = address - headerBytes;
    if (heap.u8[base + sst] === PYMEM_DEADBYTE) {
      this.corrupt(
        address,
        op === "free" ? "double-free" : "use-after-free",
        `${op}: the block's API id byte is DEADBYTE (0xdd): it was already freed through the debug hooks`,
        undefined,
      );
    }
    let innerUsable: number;
    try {
      innerUsable = this.inner.usableSize(base);
    } catch (error) {
      if (error instanceof DoubleFreeError) {
        this.corrupt(
          address,
          op === "free" ? "double-free" : "use-after-free",
          `${op}: ${this.inner.name} reports the underlying block ${formatAddress(base)} as already free`,
          undefined,
        );
      }
      if (error instanceof InvalidPointerError) {
        throw new InvalidPointerError(
          address,
          `the address of a live block of ${this.name} (${op}); ${this.inner.name} rejects ` +
            `${formatAddress(base)}: ${error.message}`,
        );
      }
      throw error;
    }
    const u8 = heap.u8;
    const id = u8[base + sst]!;
    for (let i = sst - 1; i >= 1; i--) {
      const byte = u8[address - i]!;
      if (byte !== PYMEM_FORBIDDENBYTE) {
        this.corrupt(
          address,
          "underflow",
          `${op}: bad leading pad byte at p-${i}: 0x${byte.toString(16)}, expected FORBIDDENBYTE 0xfd ` +
            "(something wrote before the start of the block)",
          this.readableSerial(address),
        );
      }
    }
    if (id !== this.apiId) {
      if (isDebugApiId(id)) {
        this.corrupt(
          address,
          "wrong-api",
          `${op}: bad ID: allocated using API '${debugApiChar(id)}', verified using API '${this.api}'`,
          this.readableSerial(address),
        );
      }
      this.corrupt(
        address,
        "bad-header",
        `${op}: bad API id byte 0x${id.toString(16)} at p-${sst}, expected '${this.api}'`,
        this.readableSerial(address),
      );
    }
    const nbytes = readBigEndianWord(u8, base, sst);
    if (nbytes + this.extraBytes > innerUsable) {
      this.corrupt(
        address,
        "bad-header",
        `${op}: the requested-size field holds ${nbytes}, more than the underlying block of ` +
          `${innerUsable} bytes can hold with ${this.extraBytes} bytes of debug padding`,
        undefined,
      );
    }
    const tail = address + nbytes;
    for (let i = 0; i < sst; i++) {
      const byte = u8[tail + i]!;
      if (byte !== PYMEM_FORBIDDENBYTE) {
        this.corrupt(
          address,
          "overflow",
          `${op}: bad trailing pad byte at tail+${i} (${formatAddress(tail + i)}): 0x${byte.toString(16)}, ` +
            "expected FORBIDDENBYTE 0xfd (something wrote past the end of the block)",
          this.serialNumbers ? readBigEndianWord(u8, tail + sst, sst) : undefined,
        );
      }
    }
    return nbytes;
  }

  /**
   * The serial number in the trailer of the block at `address` when its size field points
   * inside the heap, else undefined (a damaged header may hold any size).
   */
  private readableSerial(address: Address): number | undefined {
    if (!this.serialNumbers) return undefined;
    const u8 = this.heap.u8;
    const sst = this.sst;
    const nbytes = readBigEndianWord(u8, address - this.headerBytes, sst);
    const serialAt = address + nbytes + sst;
    return serialAt + sst <= u8.length ? readBigEndianWord(u8, serialAt, sst) : undefined;
  }

  /** Raises the corruption error for `address`, with the block report attached. */
  private corrupt(address: Address, kind: CorruptionKind, detail: string, serial: number | undefined): never {
    throw new HeapCorruptionError(address, kind, detail, serial, this.dump(address));
  }
}
