/**
 * The object allocator's part of `sys._debugmallocstats()`, as text laid out exactly as
 * CPython 3.11 prints it.
 *
 * Reference: CPython 3.11, Objects/obmalloc.c, `_PyObject_DebugMallocStats` and `printone`
 * (shared with other sections through @pymem/core's `formatStatLine`).
 *
 * ```
 *  Small block threshold = 512, in 32 size classes.
 *
 *  class   size   num pools   blocks in use  avail blocks       %5u %6u %11zu %15zu %13zu,
 *  -----   ----   ---------   -------------  ------------       one row per class with pools
 *      1     32           1               1          1020
 *
 *  # arenas allocated total           =                    1    printone: label to column 35,
 *  ...                                                          value right-aligned in 21
 *  Total                              =            1,048,576
 *
 *  arena map counts                                             only with the radix tree
 *  ...
 * ```
 *
 * @module
 */
import { formatStatLine } from "@pymem/core";
import type { PymallocStats } from "./debug-malloc-stats";

/**
 * Formats pymalloc's statistics as CPython 3.11's `sys._debugmallocstats()` prints them for the
 * object allocator (the part before the free-list lines).
 * @example
 * ```ts
 * const obj = new PymallocAllocator({ pages, raw });
 * obj.malloc(24);
 * process.stderr.write(formatDebugMallocStats(obj.stats()));
 * ```
 */
export function formatDebugMallocStats(stats: PymallocStats): string {
  const s = stats.pymalloc;
  let out = `Small block threshold = ${s.smallRequestThreshold}, in ${s.sizeClasses.length} size classes.\n`;
  out += "\n";
  out += "class   size   num pools   blocks in use  avail blocks\n";
  out += "-----   ----   ---------   -------------  ------------\n";
  for (const c of s.sizeClasses) {
    if (c.pools === 0) continue;
    out +=
      `${String(c.sizeClass).padStart(5)} ${String(c.size).padStart(6)} ${String(c.pools).padStart(11)} ` +
      `${String(c.blocksInUse).padStart(15)} ${String(c.availableBlocks).padStart(13)}\n`;
  }
  out += "\n";
  out += formatStatLine("# arenas allocated total", s.arenasAllocatedTotal);
  out += formatStatLine("# arenas reclaimed", s.arenasReclaimed);
  out += formatStatLine("# arenas highwater mark", s.arenasHighwater);
  out += formatStatLine("# arenas allocated current", s.arenasAllocatedCurrent);
  out += formatStatLine(`${s.arenasAllocatedCurrent} arenas * ${s.arenaSize} bytes/arena`, s.arenaBytes);
  out += "\n";
  out += formatStatLine("# bytes in allocated blocks", s.allocatedBytes);
  out += formatStatLine("# bytes in available blocks", s.availableBytes);
  out += formatStatLine(`${s.unusedPools} unused pools * ${s.poolSize} bytes`, s.unusedPoolBytes);
  out += formatStatLine("# bytes lost to pool headers", s.poolHeaderBytes);
  out += formatStatLine("# bytes lost to quantization", s.quantizationBytes);
  out += formatStatLine("# bytes lost to arena alignment", s.arenaAlignmentBytes);
  out += formatStatLine("Total", s.totalBytes);
  const tree = s.radixTree;
  if (tree !== null) {
    out += "\narena map counts\n";
    out += formatStatLine("# arena map mid nodes", tree.midNodes);
    out += formatStatLine("# arena map bot nodes", tree.botNodes);
    out += "\n";
    out += formatStatLine("# bytes lost to arena map root", tree.rootBytes);
    out += formatStatLine("# bytes lost to arena map mid", tree.midBytes);
    out += formatStatLine("# bytes lost to arena map bot", tree.botBytes);
    out += formatStatLine("Total", tree.rootBytes + tree.midBytes + tree.botBytes);
  }
  return out;
}
