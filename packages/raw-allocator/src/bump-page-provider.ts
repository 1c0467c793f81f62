/**
 * An sbrk-like page provider: every mapping goes at the top of the address space, and the
 * space below the top is never reused until the top itself comes down.
 *
 * Strategy: `map` takes `[align(top), align(top) + size)` and raises the top; `unmap` of the
 * highest mapping lowers the top to the end of the next highest live mapping (giving back
 * every hole above it at once, as a shrinking `brk` does); `unmap` of any other mapping only
 * forgets it, and its address space stays unused until the top falls below it.
 *
 * ```
 *  0          pageSize                                        top         byteLength
 *  +----------+--------+ - - - - +----------+ - - +-----------+------------+
 *  | NULL     | map A  | unmapped | map B    | gap | map C     | tail       |
 *  | page     |        | (dead)   |          |     |           | (free)     |
 *  +----------+--------+ - - - - +----------+ - - +-----------+------------+
 *               dead space is reused only after every mapping above it is unmapped
 * ```
 *
 * It is the simplest correct provider and the reference the tests compare
 * {@link HeapPageProvider} against: with page-aligned mappings and no unmapping, both hand out the same addresses.
 *
 * Invariants: the NULL page is never mapped; `top` is the end of the highest live mapping,
 * or the page size when none is live; a range is mapped iff it is in the mapping table.
 *
 * @module
 */
import { type Address, alignUp } from "@pymem/core";
import { BasePageProvider } from "./base-page-provider";

/**
 * Page provider that bumps a top pointer and reclaims address space only from the top.
 * @example
 * ```ts
 * import { ArrayBufferHeap } from "@pymem/core";
 * import { BumpPageProvider } from "@pymem/raw-allocator";
 *
 * const pages = new BumpPageProvider({ heap: new ArrayBufferHeap() });
 * const a = pages.map(8192); // 0x00001000
 * const b = pages.map(4096); // 0x00003000
 * pages.unmap(b, 4096);      // top back to 0x00003000
 * pages.map(4096);           // 0x00003000 again
 * ```
 */
export class BumpPageProvider extends BasePageProvider {
  protected place(_size: number, alignment: number): Address {
    return alignUp(this.topAddress, alignment);
  }

  protected commit(_address: Address, _size: number): void {
    // The base class raises the top; nothing else is tracked.
  }

  protected release(_address: Address, _size: number): void {
    // The base class lowers the top when the highest mapping goes; other space stays dead.
  }
}
