/**
 * Heap accounting: walks everything reachable — from the roots (handles, frames,
 * `gc.garbage`) and from the runtime's permanent objects (None, True/False, the small
 * ints, the empty tuple, cached strings, the empty dict keys) — and sums the domain blocks
 * those objects own. With free lists emptied, that sum is exactly what the object domain
 * reports in use; a difference is memory no object accounts for (a leak, or cycles the
 * collector has not reclaimed yet).
 *
 * ```
 *  roots ──traverse──► objects ──blocks()──► { object block, list items, dict keys,
 *                                               set table, instance values, ... }
 *  reachableBytes = Σ usableSize(block)          domainBytesInUse = domain.stats().bytesInUse
 * ```
 *
 * @module
 */
import { type Address, NULL } from "@pymem/core";
import type { RuntimeCore } from "./runtime-core";

/** What {@link accountReachable} found. */
export interface AccountingReport {
  /** Objects reachable from the roots and the permanent objects. */
  readonly reachableObjects: number;
  /** Distinct domain blocks those objects own. */
  readonly reachableBlocks: number;
  /** Usable bytes of those blocks. */
  readonly reachableBytes: number;
  /** Bytes the object domain reports in use. */
  readonly domainBytesInUse: number;
  /** Blocks the object domain reports in use. */
  readonly domainBlocksInUse: number;
  /** `domainBytesInUse - reachableBytes`: bytes held by free lists or unreachable objects. */
  readonly unaccountedBytes: number;
}

/**
 * Walks the object graph from every root and permanent object and sums its blocks.
 * Allocates JS sets proportional to the heap: a diagnostic, not a hot path.
 */
export function accountReachable(core: RuntimeCore): AccountingReport {
  const space = core.space;
  const seen = new Set<Address>();
  const blocks = new Set<Address>();
  const stack: Address[] = [];
  const push = (obj: Address): void => {
    if (obj !== NULL && !seen.has(obj)) {
      seen.add(obj);
      stack.push(obj);
    }
  };
  core.forEachRoot(push);
  push(space.none);
  push(core.bools.trueObject);
  push(core.bools.falseObject);
  push(core.tuples.empty);
  push(core.bytesType.emptySingleton);
  core.strs.forEachSingleton(push);
  for (let v = core.smallInts.min; v <= core.smallInts.max; v++) push(core.smallInts.get(v));
  blocks.add(core.dicts.emptyKeys);
  const addBlock = (block: Address): void => {
    blocks.add(block);
  };
  while (stack.length > 0) {
    const obj = stack.pop()!;
    const kind = space.kindOf(obj);
    kind.blocks(obj, addBlock);
    if (kind.isContainer) kind.references(obj, push);
  }
  let bytes = 0;
  for (const block of blocks) bytes += space.mem.usableSize(block);
  const stats = space.mem.stats();
  return {
    reachableObjects: seen.size,
    reachableBlocks: blocks.size,
    reachableBytes: bytes,
    domainBytesInUse: stats.bytesInUse,
    domainBlocksInUse: stats.blocksInUse,
    unaccountedBytes: stats.bytesInUse - bytes,
  };
}
