/**
 * Options every collector of this package takes, and how their list heads get heap memory.
 *
 * ```
 *  list head = one bare GC header (2 words) in the heap, allocated once per collector:
 *
 *  generational:  gen0 gen1 gen2 permanent | unreachable finalizers wrcb seen still
 *  mark-sweep:    all permanent            | unreachable finalizers wrcb seen still reachable
 *  none:          all permanent
 * ```
 *
 * @module
 */
import {
  type Address,
  type Allocator,
  ConfigurationError,
  type GcState,
  type Heap,
  type MemoryHooks,
  type ObjectLayout,
  type RefcountStrategy,
  type TypeRegistry,
  type WeakrefSupport,
} from "@pymem/core";
import type { DEFAULT_TABLE_THRESHOLD } from "./config";
import type { Reachability } from "./reachability";
import type { UntrackRules } from "./untrack-rule";

/** Where list heads get their heap memory: a function returning 2 words, or an allocator. */
export type ListHeadSource = (() => Address) | Allocator;

/** Reports an error raised by user code the collector called (a finalizer, `clear`, a callback). */
export type UnraisableHandler = (error: unknown, where: string) => void;

/** Options shared by {@link GenerationalCollector}, {@link MarkSweepCollector} and {@link NoCollector}. */
export interface BaseCollectorOptions {
  /** The heap the objects live in. */
  heap: Heap;
  /**
   * The `gc` module's state the collector reads and fills (one entry of stats per generation).
   * @defaultValue a fresh GcState of the collector's own
   */
  state?: GcState;
  /** Object header layout (gives the GC header size and where the type id is). */
  layout: ObjectLayout;
  /** The types of the objects (traverse, clear, finalize, flags). */
  types: TypeRegistry;
  /** Reference counting: read during collections, and used to break cycles with `clear`. */
  refcount: RefcountStrategy;
  /**
   * Heap memory for the list heads: a function returning an address of 2 header words
   * (aligned to at least 4 bytes), or an allocator to `malloc` them from.
   */
  allocateListHead: ListHeadSource;
  /**
   * Weak references: cleared when their referent is found unreachable, callbacks invoked
   * when the weakref itself survives.
   * @defaultValue none (weak references are not handled)
   */
  weakrefs?: WeakrefSupport;
  /**
   * Whether `obj` is a weak reference object (CPython's PyWeakref_Check): weakrefs that are
   * themselves garbage are cleared before finalizers run. Defaults to `weakrefs.isWeakref`
   * when the weakref support object has such a method.
   * @defaultValue `weakrefs.isWeakref`, or none
   */
  isWeakref?: (obj: Address) => boolean;
  /**
   * Memory event hooks: `collectionStart` / `collectionStop` are emitted around each collection.
   * @defaultValue none
   */
  hooks?: MemoryHooks;
  /**
   * Receives DEBUG_* output, one line at a time without the newline.
   * @defaultValue writes the line to `process.stderr` (or `console.error` without Node)
   */
  log?: (line: string) => void;
  /**
   * Receives errors raised by finalizers, `clear` functions and `gc.callbacks` entries,
   * which never interrupt a collection (CPython's PyErr_WriteUnraisable).
   * @defaultValue logs "Exception ignored in: ..." and the error through `log`
   */
  onUnraisable?: UnraisableHandler;
  /**
   * Untrack rules by type id (tuples: "every-collection", dicts: "full-collection").
   * @defaultValue none
   */
  maybeUntrack?: UntrackRules;
  /**
   * Called after every collection of the oldest generation, as CPython 3.11 clears its free
   * lists there (wire it to the object allocators' `clearFreeList`).
   * @defaultValue none
   */
  clearFreeLists?: () => void;
  /**
   * Smallest set of objects for which a collection keeps gc_refs in a dense side table
   * instead of the GC headers (see {@link Reachability}): 0 always uses the table (when the
   * set's addresses are dense enough), `Infinity` never.
   * @defaultValue {@link DEFAULT_TABLE_THRESHOLD} (8192)
   */
  gcRefsTableThreshold?: number;
}

/** Writes a line to stderr, or to the console where there is no `process`. */
export function defaultLog(line: string): void {
  const proc = (globalThis as { process?: { stderr?: { write(s: string): unknown } } }).process;
  if (proc?.stderr !== undefined) proc.stderr.write(`${line}\n`);
  else console.error(line);
}

/** Allocates one list head from `source` and checks the address. */
export function allocateListHead(source: ListHeadSource, heap: Heap, layout: ObjectLayout): Address {
  const addr = typeof source === "function" ? source() : source.malloc(layout.gcHeaderSize);
  if (
    !(Number.isInteger(addr) && addr > 0 && addr % 4 === 0 && addr + layout.gcHeaderSize <= heap.byteLength)
  ) {
    throw new ConfigurationError(
      "allocateListHead",
      `a non-NULL, 4-byte aligned address of ${layout.gcHeaderSize} bytes inside the heap`,
      addr,
    );
  }
  return addr;
}

/** Checks the untrack rules option: positive integer keys, rules with a known `when` and a function. */
export function validateUntrackRules(rules: UntrackRules): void {
  for (const key of Object.keys(rules)) {
    const id = Number(key);
    const rule = rules[id];
    if (!(Number.isInteger(id) && id > 0)) {
      throw new ConfigurationError("maybeUntrack", "type ids (positive integers) as keys", key);
    }
    if (
      rule === undefined ||
      typeof rule.canUntrack !== "function" ||
      (rule.when !== "every-collection" && rule.when !== "full-collection")
    ) {
      throw new ConfigurationError(
        `maybeUntrack[${id}]`,
        'a rule { when: "every-collection" | "full-collection", canUntrack(obj, mayBeTracked) }',
        rule,
      );
    }
  }
}

/** Checks the objects every collector needs. */
export function validateBaseOptions(options: BaseCollectorOptions): void {
  const need = (value: unknown, name: string, what: string): void => {
    if (value === undefined || value === null) throw new ConfigurationError(name, what, value);
  };
  need(options.heap, "heap", "a Heap");
  need(options.layout, "layout", "an ObjectLayout");
  need(options.types, "types", "a TypeRegistry");
  need(options.refcount, "refcount", "a RefcountStrategy");
  need(options.allocateListHead, "allocateListHead", "a function returning 2 words of heap, or an Allocator");
  const t = options.gcRefsTableThreshold;
  if (
    t !== undefined &&
    !(typeof t === "number" && t >= 0 && (Number.isInteger(t) || t === Number.POSITIVE_INFINITY))
  ) {
    throw new ConfigurationError("gcRefsTableThreshold", "an integer >= 0, or Infinity", t);
  }
  if (options.layout.gcHeaderSize !== 2 * options.layout.wordSize) {
    throw new ConfigurationError("layout.gcHeaderSize", "two words", options.layout.gcHeaderSize);
  }
}
