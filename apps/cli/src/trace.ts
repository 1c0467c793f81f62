/**
 * Allocation traces: what `pymem run --trace FILE` replays.
 *
 * The file is JSON Lines, one event per line (blank lines are skipped, unknown keys ignored):
 *
 * ```
 *  {"op":"alloc","id":1,"size":32}      malloc(32); the block is known as id 1 from now on
 *  {"op":"realloc","id":1,"size":64}    id 1 = realloc(id 1, 64)
 *  {"op":"free","id":1}                 free(id 1); id 1 may be allocated again later
 * ```
 *
 * Ids are integers from 0 to 2^53 - 1 chosen by whoever wrote the trace; during replay each
 * id maps to the address its block got. A parsed trace is columnar, so that replay touches
 * typed arrays only:
 *
 * ```
 *  event i:   ops[i]    OP_ALLOC | OP_FREE | OP_REALLOC        (Uint8Array)
 *             slots[i]  dense index of the event's id           (Uint32Array)
 *             sizes[i]  requested bytes, 0 for free             (Float64Array)
 *             lines[i]  1-based line number in the file         (Uint32Array)
 *  slot s:    the id's block address during replay              (Float64Array of slotCount)
 * ```
 *
 * Invariant (checked by the parser): id x is live before event i iff its last alloc came
 * after its last free; alloc needs a dead id, free and realloc a live one.
 *
 * @module
 */

/** Event code: allocate a block for an id that is not live. */
export const OP_ALLOC = 0;
/** Event code: free the block of a live id. */
export const OP_FREE = 1;
/** Event code: resize the block of a live id. */
export const OP_REALLOC = 2;

/** Names of the event codes, as written in trace files. */
export const OP_NAMES: readonly string[] = ["alloc", "free", "realloc"];

/** Largest size a trace event may request: addresses are 32-bit, so no block can be larger. */
export const MAX_TRACE_SIZE = 2 ** 32 - 1;

/** A parsed, validated trace in columnar form. */
export interface Trace {
  /** Name of the file it was read from (for `file:line` messages). */
  readonly source: string;
  /** Number of events. */
  readonly length: number;
  /** Event codes ({@link OP_ALLOC}, {@link OP_FREE}, {@link OP_REALLOC}); `length` entries are valid. */
  readonly ops: Uint8Array;
  /** Dense slot of each event's id. */
  readonly slots: Uint32Array;
  /** Requested bytes of each event (0 for frees). */
  readonly sizes: Float64Array;
  /** 1-based line of each event in the source. */
  readonly lines: Uint32Array;
  /** Number of distinct ids (slots). */
  readonly slotCount: number;
  /** Ids still live after the last event (leaked blocks). */
  readonly liveAtEnd: number;
}
