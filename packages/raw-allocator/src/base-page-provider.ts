/**
 * What every page provider shares: argument checks, the table of live mappings, growing
 * the heap, zero-filling, statistics and events. A subclass decides only where a mapping
 * goes ({@link BasePageProvider.place}) and what happens to the address space afterwards
 * ({@link BasePageProvider.commit}, {@link BasePageProvider.release}).
 *
 * ```
 *  map(bytes, alignment)                       unmap(address, bytes)
 *    check bytes, alignment (SizeError)          find the mapping starting at address
 *    size = bytes rounded up to pages            check the size matches (InvalidPointerError)
 *    address = place(size, alignment)            remove it from the table
 *    end > heap maximum ? MemoryError            release(address, size)
 *    heap.grow(end) when needed                  hooks.unmap
 *    commit(address, size); zero-fill
 *    record in the table; hooks.map
 * ```
 *
 * Every check runs before the first change, so a failing call leaves the provider and the
 * heap as they were.
 *
 * @module
 */
import {
  type Address,
  alignUp,
  formatAddress,
  type Heap,
  InvalidPointerError,
  isPowerOfTwo,
  MAX_HEAP_BYTES,
  MemoryError,
  type MemoryHooks,
  type PageProvider,
  type PageProviderStats,
  SizeError,
} from "@pymem/core";
import { checkPageProviderConfig, type PageProviderOptions } from "./config";
import { type MappedRange, MappingTable } from "./mapping-table";

/** Largest alignment a mapping may ask for: 2 GiB. */
export const MAX_MAPPING_ALIGNMENT = 2 ** 31;

/**
 * Base class of the page providers: mapping table, checks, growth, zero-fill, stats and events.
 * A subclass supplies `place`, `commit` and `release`.
 * @example
 * ```ts
 * import { type Address, alignUp, ArrayBufferHeap } from "@pymem/core";
 * import { BasePageProvider } from "@pymem/raw-allocator";
 *
 * // Never reuses address space: every mapping goes above all earlier ones.
 * class NoReusePageProvider extends BasePageProvider {
 *   private next: Address = this.pageSize;
 *   protected place(_size: number, alignment: number): Address {
 *     return alignUp(this.next, alignment);
 *   }
 *   protected commit(address: Address, size: number): void {
 *     this.next = address + size;
 *   }
 *   protected release(_address: Address, _size: number): void {}
 * }
 *
 * const pages = new NoReusePageProvider({ heap: new ArrayBufferHeap() });
 * const a = pages.map(4096); // 0x00001000, zero-filled
 * pages.unmap(a, 4096);
 * pages.map(4096);           // 0x00002000: the unmapped page is not reused
 * pages.stats().mappedBytes; // 4096
 * ```
 */
export abstract class BasePageProvider implements PageProvider {
  readonly heap: Heap;
  readonly pageSize: number;
  /** Live mappings. A range is in this table iff `map` returned its start and `unmap` has not taken it back. */
  protected readonly mappings = new MappingTable();
  /**
   * End of the highest live mapping, or `pageSize` (the end of the NULL page) when none is live.
   * Every byte at or above it is unmapped.
   */
  protected topAddress: number;
  private readonly hooks: MemoryHooks | null;
  private mapped = 0;
  private peakMapped = 0;
  private mapCalls = 0;
  private unmapCalls = 0;

  /**
   * @param options - the heap, the page size and the hooks
   * @throws ConfigurationError for a missing heap or a page size that is not a power of two from 16 B to 1 GiB
   */
  constructor(options: PageProviderOptions) {
    const config = checkPageProviderConfig(options);
    this.heap = config.heap;
    this.pageSize = config.pageSize;
    this.hooks = config.hooks;
    this.topAddress = config.pageSize;
  }

  /** End of the highest live mapping (the page size when nothing is mapped): the "program break". */
  get top(): Address {
    return this.topAddress;
  }

  /**
   * Where a mapping of `size` bytes (whole pages) aligned to `alignment` would go. Must not
   * change any state: the caller may still reject the address.
   */
  protected abstract place(size: number, alignment: number): Address;

  /** Takes `[address, address + size)`, the result of the last {@link BasePageProvider.place}, out of the free space. */
  protected abstract commit(address: Address, size: number): void;

  /** Gives `[address, address + size)`, just unmapped, back to the free space. */
  protected abstract release(address: Address, size: number): void;

  map(bytes: number, alignment: number = this.pageSize): Address {
    if (!(Number.isInteger(bytes) && bytes >= 1 && bytes <= MAX_HEAP_BYTES)) {
      throw new SizeError(bytes, "mapping size", `an integer from 1 to ${MAX_HEAP_BYTES}`);
    }
    if (!(isPowerOfTwo(alignment) && alignment >= this.pageSize && alignment <= MAX_MAPPING_ALIGNMENT)) {
      throw new SizeError(
        alignment,
        "mapping alignment",
        `a power of two from the page size ${this.pageSize} to ${MAX_MAPPING_ALIGNMENT}`,
      );
    }
    const heap = this.heap;
    const size = alignUp(bytes, this.pageSize);
    const address = this.place(size, alignment);
    const end = address + size;
    if (end > heap.maxByteLength) {
      throw new MemoryError(
        bytes,
        `a mapping of ${size} bytes aligned to ${alignment} would end at ${formatAddress(end)}, ` +
          `past the heap's maximum of ${heap.maxByteLength} bytes`,
      );
    }
    if (end > heap.byteLength) heap.grow(end);
    this.commit(address, size);
    heap.u8.fill(0, address, end);
    this.mappings.insert(address, size);
    if (end > this.topAddress) this.topAddress = end;
    this.mapped += size;
    if (this.mapped > this.peakMapped) this.peakMapped = this.mapped;
    this.mapCalls++;
    const hooks = this.hooks;
    if (hooks !== null) {
      const f = hooks.map;
      if (f !== null) f(address, size);
    }
    return address;
  }

  unmap(address: Address, bytes: number): void {
    const mappings = this.mappings;
    const i = Number.isInteger(address) ? mappings.indexOf(address) : -1;
    if (i < 0) throw new InvalidPointerError(address, "the start of a live mapping");
    const size = mappings.sizes[i]!;
    if (!(Number.isInteger(bytes) && bytes >= 1 && alignUp(bytes, this.pageSize) === size)) {
      throw new InvalidPointerError(
        address,
        `a mapping of ${size} bytes (the unmap size ${bytes} does not round to it)`,
      );
    }
    mappings.removeAt(i);
    if (address + size === this.topAddress) {
      const n = mappings.length;
      this.topAddress = n === 0 ? this.pageSize : mappings.starts[n - 1]! + mappings.sizes[n - 1]!;
    }
    this.release(address, size);
    this.mapped -= size;
    this.unmapCalls++;
    const hooks = this.hooks;
    if (hooks !== null) {
      const f = hooks.unmap;
      if (f !== null) f(address, size);
    }
  }

  mappingSize(address: Address): number {
    const i = this.mappings.indexOf(address);
    return i < 0 ? 0 : this.mappings.sizes[i]!;
  }

  /** Start of the live mapping containing `address`, or 0 when no mapping does. */
  mappingStart(address: Address): Address {
    const i = this.mappings.indexContaining(address);
    return i < 0 ? 0 : this.mappings.starts[i]!;
  }

  /** The live mappings, ascending by address. */
  mappedRanges(): MappedRange[] {
    return this.mappings.toArray();
  }

  stats(): PageProviderStats {
    return {
      mappedBytes: this.mapped,
      peakMappedBytes: this.peakMapped,
      mappings: this.mappings.length,
      mapCalls: this.mapCalls,
      unmapCalls: this.unmapCalls,
      heapBytes: this.heap.byteLength,
    };
  }
}
