/**
 * Python's `tracemalloc` over the runtime's object domain: traces every block allocated
 * while tracing is on, with the type it was allocated for and a user-given tag (where
 * CPython records a traceback), and groups snapshots by either.
 *
 * ```
 *  tracemalloc.start()                       TracingAllocator records (address -> size, type, tag)
 *  tracemalloc.with_tag("parse", fn)         allocations inside fn carry the tag "parse"
 *  tracemalloc.get_traced_memory()           [current, peak] bytes of traced blocks
 *  snapshot = tracemalloc.take_snapshot()    a copy of the traces
 *  snapshot.statistics("type" | "tag")       [{ key, size, count }] biggest first
 *  snapshot.compare_to(old, "type")          [{ key, size, sizeDiff, count, countDiff }]
 * ```
 *
 * Sizes are the sizes requested from the domain (as CPython's tracemalloc records them);
 * blocks allocated before `start()` are not traced, and objects reused from a free list are
 * not new allocations, exactly as in CPython.
 *
 * @module
 */
import { type Address, ConfigurationError } from "@pymem/core";
import type { PyObject } from "./handles/py-object";
import type { ObjectSpace } from "./object-space";
import { PythonError } from "./python-error";
import type { TracingAllocator } from "./tracing-allocator";

/** How snapshot statistics are grouped. */
export type TraceKey = "type" | "tag" | "type+tag";

/** One traced block in a snapshot. */
export interface Trace {
  /** Block address. */
  readonly address: Address;
  /** Bytes requested. */
  readonly size: number;
  /** Name of the type it was allocated for ("<unknown>" outside object allocation). */
  readonly type: string;
  /** Tag active when it was allocated, or null. */
  readonly tag: string | null;
}

/** One group of a snapshot's statistics (Python's `tracemalloc.Statistic`). */
export interface Statistic {
  /** Group key: a type name, a tag (`"<untagged>"` for none), or `"type [tag]"`. */
  readonly key: string;
  /** Bytes of the group's blocks. */
  readonly size: number;
  /** Number of blocks. */
  readonly count: number;
}

/** Difference of one group between two snapshots (Python's `tracemalloc.StatisticDiff`). */
export interface StatisticDiff extends Statistic {
  /** Size change since the old snapshot. */
  readonly sizeDiff: number;
  /** Count change since the old snapshot. */
  readonly countDiff: number;
}

/** Formats a statistic like Python's `str(Statistic)`: `list: size=1234 B, count=3, average=411 B`. */
export function formatStatistic(stat: Statistic): string {
  const average = stat.count === 0 ? 0 : Math.round(stat.size / stat.count);
  return `${stat.key}: size=${stat.size} B, count=${stat.count}, average=${average} B`;
}

/**
 * A copy of the traces at one moment (Python's `tracemalloc.Snapshot`).
 * @example
 * ```ts
 * const snap = rt.tracemalloc.take_snapshot();
 * for (const stat of snap.statistics("type").slice(0, 3)) console.log(formatStatistic(stat));
 * ```
 */
export class Snapshot {
  /** The traces. */
  readonly traces: readonly Trace[];

  /** Use `tracemalloc.take_snapshot()`. */
  constructor(traces: readonly Trace[]) {
    this.traces = traces;
  }

  /** Groups the traces by `key`, biggest total size first (ties: more blocks first, then key). */
  statistics(key: TraceKey): Statistic[] {
    const groups = new Map<string, { size: number; count: number }>();
    for (const t of this.traces) {
      const k = groupKey(t, key);
      const g = groups.get(k);
      if (g === undefined) groups.set(k, { size: t.size, count: 1 });
      else {
        g.size += t.size;
        g.count++;
      }
    }
    const out: Statistic[] = [];
    for (const [k, g] of groups) out.push({ key: k, size: g.size, count: g.count });
    return out.sort((a, b) => b.size - a.size || b.count - a.count || (a.key < b.key ? -1 : 1));
  }

  /** Per-group differences from `old`, biggest absolute size change first. */
  compare_to(old: Snapshot, key: TraceKey): StatisticDiff[] {
    const now = new Map(this.statistics(key).map((s) => [s.key, s]));
    const before = new Map(old.statistics(key).map((s) => [s.key, s]));
    const keys = new Set([...now.keys(), ...before.keys()]);
    const out: StatisticDiff[] = [];
    for (const k of keys) {
      const a = now.get(k);
      const b = before.get(k);
      const size = a?.size ?? 0;
      const count = a?.count ?? 0;
      out.push({ key: k, size, count, sizeDiff: size - (b?.size ?? 0), countDiff: count - (b?.count ?? 0) });
    }
    return out.sort(
      (x, y) => Math.abs(y.sizeDiff) - Math.abs(x.sizeDiff) || y.size - x.size || (x.key < y.key ? -1 : 1),
    );
  }
}

function groupKey(t: Trace, key: TraceKey): string {
  const tag = t.tag ?? "<untagged>";
  if (key === "type") return t.type;
  if (key === "tag") return tag;
  return `${t.type} [${tag}]`;
}

/**
 * The `tracemalloc` module of one runtime.
 * @example
 * ```ts
 * rt.tracemalloc.start();
 * rt.tracemalloc.with_tag("build", () => f.set("xs", rt.list([1.5, 2.5])));
 * rt.tracemalloc.get_traced_memory(); // [current, peak]
 * rt.tracemalloc.take_snapshot().statistics("tag");
 * rt.tracemalloc.stop();
 * ```
 */
export class Tracemalloc {
  private readonly tracer: TracingAllocator;
  private readonly space: ObjectSpace;
  private readonly tags: string[] = [""];
  private readonly tagIds = new Map<string, number>();

  /** Use `rt.tracemalloc`. */
  constructor(space: ObjectSpace) {
    this.space = space;
    this.tracer = space.mem;
  }

  /** `tracemalloc.start()`. */
  start(): void {
    this.tracer.start();
  }

  /** `tracemalloc.stop()`: stops tracing and forgets every trace. */
  stop(): void {
    this.tracer.stop();
  }

  /** `tracemalloc.is_tracing()`. */
  is_tracing(): boolean {
    return this.tracer.isTracing;
  }

  /** `tracemalloc.clear_traces()`. */
  clear_traces(): void {
    this.tracer.clear();
  }

  /** `tracemalloc.get_traced_memory()`: `[current, peak]` bytes of traced blocks. */
  get_traced_memory(): [number, number] {
    return [this.tracer.tracedBytes, this.tracer.peakTracedBytes];
  }

  /** `tracemalloc.reset_peak()`. */
  reset_peak(): void {
    this.tracer.resetPeak();
  }

  /**
   * Sets the tag recorded with the following allocations (null: untagged); returns the previous one.
   * @throws ConfigurationError for an empty tag or more than 65535 distinct tags
   */
  set_tag(tag: string | null): string | null {
    const previous = this.tracer.currentTag;
    if (tag === null) this.tracer.currentTag = 0;
    else {
      if (typeof tag !== "string" || tag === "")
        throw new ConfigurationError("tag", "a non-empty string or null", tag);
      let id = this.tagIds.get(tag);
      if (id === undefined) {
        id = this.tags.length;
        if (id > 0xffff) throw new ConfigurationError("tag", "at most 65535 distinct tags", tag);
        this.tags.push(tag);
        this.tagIds.set(tag, id);
      }
      this.tracer.currentTag = id;
    }
    return previous === 0 ? null : this.tags[previous]!;
  }

  /** Runs `fn` with `tag` set, then restores the previous tag. */
  with_tag<R>(tag: string, fn: () => R): R {
    const previous = this.set_tag(tag);
    try {
      return fn();
    } finally {
      this.set_tag(previous);
    }
  }

  /**
   * `tracemalloc.take_snapshot()`.
   * @throws PythonError RuntimeError when not tracing, as Python raises
   */
  take_snapshot(): Snapshot {
    if (!this.tracer.isTracing) {
      throw new PythonError(
        "RuntimeError",
        "the tracemalloc module must be tracing memory allocations to take a snapshot (call start() first)",
      );
    }
    const traces: Trace[] = [];
    this.tracer.forEachTrace((address, size, typeId, tagId) => {
      traces.push({
        address,
        size,
        type: this.typeName(typeId),
        tag: tagId === 0 ? null : this.tags[tagId]!,
      });
    });
    return new Snapshot(traces);
  }

  /**
   * The trace of an object's own block (where CPython's `get_object_traceback` gives a
   * traceback): its size, type and tag, or null when it was allocated while not tracing.
   */
  get_object_trace(obj: PyObject): Trace | null {
    const address = obj.address;
    const kind = this.space.kindOf(address);
    const block = kind.isContainer ? address - this.space.layout.gcHeaderSize : address;
    const trace = this.tracer.traceOf(block);
    if (trace === undefined) return null;
    return {
      address: block,
      size: trace[0],
      type: this.typeName(trace[1]),
      tag: trace[2] === 0 ? null : this.tags[trace[2]]!,
    };
  }

  private typeName(typeId: number): string {
    return typeId === 0 ? "<unknown>" : (this.space.types.find(typeId)?.name ?? `<type ${typeId}>`);
  }
}
