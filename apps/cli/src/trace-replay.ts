/**
 * Replays a parsed {@link Trace} against an {@link Allocator}.
 *
 * ```
 *  addresses: Float64Array(slotCount)        slot -> address of the id's live block (0 when dead)
 *
 *  for each event i:
 *    OP_ALLOC    addresses[slot] = malloc(size)
 *    OP_REALLOC  addresses[slot] = realloc(addresses[slot], size)
 *    OP_FREE     free(addresses[slot]); addresses[slot] = 0
 * ```
 *
 * The loop works on the trace's typed columns and allocates no JS objects per event. The
 * trace was validated when parsed, so an id is live exactly when the file says it is; what
 * can still fail is the allocator (memory exhausted), reported as a `RunError` naming the
 * event's `file:line`.
 *
 * @module
 */
import type { Allocator } from "@pymem/core";
import { RunError } from "./cli-error";
import type { ProgressSink } from "./progress-sink";
import { OP_ALLOC, OP_FREE, OP_NAMES, type Trace } from "./trace";

/** Outcome of a replay. */
export interface ReplayResult {
  /** Events replayed (all of them, unless an error was raised). */
  events: number;
  /** Blocks still allocated at the end (ids never freed). */
  liveBlocks: number;
  /** Sum of the usable sizes of those blocks. */
  liveBytes: number;
}

/**
 * Replays every event of `trace` on `allocator`.
 * @param progressMask - progress is reported when `(i & progressMask) === 0`
 * @throws RunError `file:line: <op> of <n> bytes failed: <reason>` when the allocator raises
 * @example
 * ```ts
 * const result = replayTrace(readTrace("app.jsonl"), allocator, SILENT_PROGRESS, 4095);
 * ```
 */
export function replayTrace(
  trace: Trace,
  allocator: Allocator,
  progress: ProgressSink,
  progressMask: number,
): ReplayResult {
  const { ops, slots, sizes, length } = trace;
  const addresses = new Float64Array(trace.slotCount);
  let i = 0;
  try {
    for (; i < length; i++) {
      if ((i & progressMask) === 0) progress.update(i, length);
      const slot = slots[i]!;
      const op = ops[i]!;
      if (op === OP_ALLOC) addresses[slot] = allocator.malloc(sizes[i]!);
      else if (op === OP_FREE) {
        allocator.free(addresses[slot]!);
        addresses[slot] = 0;
      } else addresses[slot] = allocator.realloc(addresses[slot]!, sizes[i]!);
    }
  } catch (error) {
    const what = ops[i] === OP_FREE ? "free" : `${OP_NAMES[ops[i]!]} of ${sizes[i]} bytes`;
    throw new RunError(`${trace.source}:${trace.lines[i]}: ${what} failed: ${(error as Error).message}`);
  }
  progress.update(length, length);
  let liveBlocks = 0;
  let liveBytes = 0;
  for (let s = 0; s < addresses.length; s++) {
    const address = addresses[s]!;
    if (address !== 0) {
      liveBlocks++;
      liveBytes += allocator.usableSize(address);
    }
  }
  return { events: length, liveBlocks, liveBytes };
}
