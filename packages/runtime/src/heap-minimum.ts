/**
 * The smallest heap maximum a pymalloc object domain can work in, checked when a runtime is
 * composed so that a heap too small fails at once with the figure to use, not at the first
 * object with a MemoryError.
 *
 * ```
 *  0        arenaSize            2 × arenaSize
 *  +--------+--------------------+
 *  | NULL page, raw region ...   | first arena (aligned to its size)
 *  +--------+--------------------+
 *  maxByteLength >= 2 × arenaSize: one arena above the region the raw allocator maps first
 * ```
 *
 * @module
 */
import { ConfigurationError, type Heap } from "@pymem/core";

/**
 * Throws unless `heap` may grow to hold one arena of `arenaSize` bytes above the raw region.
 * @throws ConfigurationError naming the minimum
 */
export function checkPymallocHeap(heap: Heap, arenaSize: number): void {
  const minimum = 2 * arenaSize;
  if (heap.maxByteLength < minimum) {
    throw new ConfigurationError(
      "heap maxByteLength",
      `at least ${minimum} bytes for a pymalloc object domain: one ${arenaSize}-byte arena, aligned to its size, above the raw region (or objectDomain: "raw")`,
      heap.maxByteLength,
    );
  }
}
