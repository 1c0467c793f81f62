/**
 * The composition slots of a runtime and what each accepts: a strategy by name (the built-in
 * ones below, or any registered with `registerStrategy`), or a factory that receives what the
 * slot needs and returns any implementation of the slot's interface — so a user's own
 * allocator, refcount strategy or collector fits.
 *
 * ```
 *  slot           names                              interface            factory receives
 *  heap           array-buffer | shared-array-buffer  Heap                 heapOptions
 *                 | wasm-memory (or a Heap)
 *  pages          heap | bump                        PageProvider         heap, hooks, pageSize
 *  raw            tlsf | first-fit                   Allocator            heap, pages, hooks
 *  objectDomain   pymalloc | raw                     Allocator            heap, pages, raw, hooks, checked
 *  freeLists      true | false                       ObjectAllocator      domain, types, typeId, layout, ...
 *  refcount       immediate | deferred               RefcountStrategy     heap, layout, types, checked
 *  gc             generational | mark-sweep | none   CycleCollector       heap, layout, types, refcount, roots, ...
 *                 | incremental
 * ```
 *
 * The result type follows the names: `createRuntime({ gc: "mark-sweep" }).parts.collector`
 * is a `MarkSweepCollector`, a factory's return type is kept as is. The name-to-type tables
 * ({@link RawStrategies} and its siblings) are interfaces, so a package that registers a
 * strategy can add its name and type by declaration merging:
 *
 * ```ts
 * declare module "@pymem/runtime" {
 *   interface RawStrategies { buddy: BuddyAllocator }
 * }
 * ```
 *
 * @module
 */
import type {
  Address,
  Allocator,
  ArrayBufferHeap,
  CycleCollector,
  Heap,
  HeapOptions,
  MemoryHooks,
  ObjectAllocator,
  ObjectLayout,
  PageProvider,
  RefcountStrategy,
  RootProvider,
  SharedArrayBufferHeap,
  TypeRegistry,
  WasmMemoryHeap,
  WeakrefSupport,
} from "@pymem/core";
import type {
  GenerationalCollector,
  IncrementalCollector,
  MarkSweepCollector,
  NoCollector,
  UntrackRules,
} from "@pymem/gc-generational";
import type { PymallocAllocator, PymallocConfig, PymallocPresetName } from "@pymem/pymalloc";
import type {
  BumpPageProvider,
  FirstFitAllocator,
  HeapPageProvider,
  TlsfAllocator,
} from "@pymem/raw-allocator";
import type { DeferredRefcount, ImmediateRefcount, WeakrefTable } from "@pymem/refcount";
import type { BuiltinTypeEntry } from "./builtin-type";
import type { RuntimeConfig } from "./config";
import type { CountedStatics, ImmortalityOption } from "./immortality";
import type { TracingAllocator } from "./tracing-allocator";

/** Receives errors raised where they cannot propagate (finalizers, callbacks during collection). */
export type UnraisableHook = (error: unknown, where: string) => void;

/** What a heap factory receives. */
export interface HeapContext {
  /** Initial and maximum size (the `heapOptions` option). */
  readonly heapOptions: HeapOptions;
}

/** What a page-provider factory receives. */
export interface PagesContext {
  /** The heap. */
  readonly heap: Heap;
  /** Memory event hooks. */
  readonly hooks: MemoryHooks;
  /** The configured page size (undefined: the provider's default). */
  readonly pageSize: number | undefined;
}

/** What a raw-allocator factory receives. */
export interface RawContext {
  /** The heap. */
  readonly heap: Heap;
  /** The page provider. */
  readonly pages: PageProvider;
  /** Memory event hooks. */
  readonly hooks: MemoryHooks;
}

/** What an object-domain factory receives. */
export interface ObjectDomainContext extends RawContext {
  /** The raw allocator (for large requests). */
  readonly raw: Allocator;
  /** Whether misuse checks are on. */
  readonly checked: boolean;
  /** pymalloc's configuration (the `pymalloc` option), for strategies that take one. */
  readonly pymalloc: PymallocPresetName | PymallocConfig;
}

/** What an object-allocator factory receives, once per type. */
export interface ObjectAllocatorContext {
  /** The (traced) object domain. */
  readonly domain: Allocator;
  /** The type registry. */
  readonly types: TypeRegistry;
  /** Id of the type to allocate. */
  readonly typeId: number;
  /** Its name. */
  readonly typeName: string;
  /** The object layout. */
  readonly layout: ObjectLayout;
  /** The refcount strategy. */
  readonly refcount: RefcountStrategy;
  /** Whether misuse checks are on. */
  readonly checked: boolean;
}

/** What a refcount factory receives. */
export interface RefcountContext {
  /** The heap. */
  readonly heap: Heap;
  /** The object layout. */
  readonly layout: ObjectLayout;
  /** The type registry. */
  readonly types: TypeRegistry;
  /** Whether misuse checks are on. */
  readonly checked: boolean;
  /** Where errors of finalizers and callbacks go. */
  readonly onUnraisable: UnraisableHook | undefined;
}

/** What a collector factory receives. */
export interface CollectorContext {
  /** The heap. */
  readonly heap: Heap;
  /** The object layout. */
  readonly layout: ObjectLayout;
  /** The type registry. */
  readonly types: TypeRegistry;
  /** The refcount strategy. */
  readonly refcount: RefcountStrategy;
  /** Weak reference support. */
  readonly weakrefs: WeakrefSupport;
  /** The runtime's roots (handles, frames), for tracing collectors. */
  readonly roots: RootProvider;
  /** Memory event hooks. */
  readonly hooks: MemoryHooks;
  /** Heap memory for list heads (2 words each). */
  readonly allocateListHead: () => Address;
  /** Untrack rules for tuples and dicts. */
  readonly maybeUntrack: UntrackRules;
  /** Empties the free lists (call after a full collection, as CPython 3.11 does). */
  readonly clearFreeLists: () => void;
  /**
   * Thresholds from the options, if any. `createRuntime` sets them on the collector the
   * factory returns, by the rule `gc.set_threshold` follows (a factory need not read them).
   */
  readonly thresholds: readonly number[] | undefined;
  /** Where errors of finalizers and callbacks go. */
  readonly onUnraisable: UnraisableHook | undefined;
}

/**
 * Heaps by strategy name (add a registered name by declaration merging).
 */
export interface HeapStrategies {
  /** An `ArrayBuffer` that grows by copying. */
  "array-buffer": ArrayBufferHeap;
  /** A growable `SharedArrayBuffer`. */
  "shared-array-buffer": SharedArrayBufferHeap;
  /** A `WebAssembly.Memory`. */
  "wasm-memory": WasmMemoryHeap;
}
/** Page providers by strategy name. */
export interface PagesStrategies {
  /** Pages from the heap, reused after unmap. */
  heap: HeapPageProvider;
  /** Pages from a bump pointer. */
  bump: BumpPageProvider;
}
/** Raw allocators by strategy name. */
export interface RawStrategies {
  /** Two-level segregated fit. */
  tlsf: TlsfAllocator;
  /** Address-ordered first fit. */
  "first-fit": FirstFitAllocator;
}
/** Object domains by strategy name ("raw" is the raw allocator itself, typed as the `raw` slot's). */
export interface ObjectDomainStrategies {
  /** Arenas, pools and blocks. */
  pymalloc: PymallocAllocator;
  /** The raw allocator (PYTHONMALLOC=malloc). */
  raw: Allocator;
}
/** Refcount strategies by strategy name. */
export interface RefcountStrategies {
  /** Deallocate when the count reaches zero. */
  immediate: ImmediateRefcount;
  /** Deallocate at safe points. */
  deferred: DeferredRefcount;
}
/** Cycle collectors by strategy name. */
export interface CollectorStrategies {
  /** CPython's three generations. */
  generational: GenerationalCollector;
  /** Tracing from the roots, one generation. */
  "mark-sweep": MarkSweepCollector;
  /** No cycle collection. */
  none: NoCollector;
  /** CPython 3.14.0's incremental collector. */
  incremental: IncrementalCollector;
}

/**
 * A strategy name registered with `registerStrategy` that the name-to-type tables do not list
 * (checked against the registry when the runtime is created).
 */
export type RegisteredStrategyName = string & {};

/** The `heap` slot. */
export type HeapSlot = Heap | keyof HeapStrategies | RegisteredStrategyName;
/** The `pages` slot. */
export type PagesSlot =
  | keyof PagesStrategies
  | RegisteredStrategyName
  | ((ctx: PagesContext) => PageProvider);
/** The `raw` slot. */
export type RawSlot = keyof RawStrategies | RegisteredStrategyName | ((ctx: RawContext) => Allocator);
/** The `objectDomain` slot. */
export type ObjectDomainSlot =
  | keyof ObjectDomainStrategies
  | RegisteredStrategyName
  | ((ctx: ObjectDomainContext) => Allocator);
/** The `freeLists` slot. */
export type FreeListsSlot = boolean | ((ctx: ObjectAllocatorContext) => ObjectAllocator);
/** The `refcount` slot. */
export type RefcountSlot =
  | keyof RefcountStrategies
  | RegisteredStrategyName
  | ((ctx: RefcountContext) => RefcountStrategy);
/** The `gc` slot. */
export type GcSlot =
  | keyof CollectorStrategies
  | RegisteredStrategyName
  | ((ctx: CollectorContext) => CycleCollector);

/** Options of {@link createRuntime}; every slot defaults to the `cpython311` preset's choice. */
export interface RuntimeOptions {
  /**
   * The heap, or the kind of heap to create.
   * @defaultValue "array-buffer"
   */
  readonly heap?: HeapSlot;
  /**
   * Initial and maximum size of a heap created by kind. With a pymalloc object domain the
   * maximum must be at least two arenas' worth (2 MiB for cpython311's 1 MiB arenas, 512 KiB
   * for classic's 256 KiB): one arena, aligned to its size, above the raw region; a smaller
   * one is a ConfigurationError naming the minimum.
   * @defaultValue 1 MiB initial, 1 GiB maximum
   */
  readonly heapOptions?: HeapOptions;
  /**
   * Object header layout: CPython's 64-bit sizes, or 4-byte words.
   * @defaultValue "64-bit"
   */
  readonly layout?: "64-bit" | "compact" | ObjectLayout;
  /**
   * The page provider ("the operating system").
   * @defaultValue "heap"
   */
  readonly pages?: PagesSlot;
  /**
   * Page size of a page provider created by name.
   * @defaultValue 4096
   */
  readonly pageSize?: number;
  /**
   * The raw allocator (PyMem_RawMalloc's domain).
   * @defaultValue "tlsf"
   */
  readonly raw?: RawSlot;
  /**
   * The object domain every object comes from: pymalloc over the raw allocator, or the raw
   * allocator itself (PYTHONMALLOC=malloc).
   * @defaultValue "pymalloc"
   */
  readonly objectDomain?: ObjectDomainSlot;
  /**
   * pymalloc's configuration: a preset name or a full configuration.
   * @defaultValue "cpython311"
   */
  readonly pymalloc?: PymallocPresetName | PymallocConfig;
  /**
   * Per-type free lists (float, list, dict, tuple, dict keys) on or off, or a factory of
   * object allocators called once per type.
   * @defaultValue true
   */
  readonly freeLists?: FreeListsSlot;
  /**
   * Reference counting strategy.
   * @defaultValue "immediate"
   */
  readonly refcount?: RefcountSlot;
  /**
   * Cycle collector.
   * @defaultValue "generational"
   */
  readonly gc?: GcSlot;
  /**
   * Collection thresholds, by the rule `gc.set_threshold` and the CLI's `--threshold` follow:
   * 1 to N integers (C ints; 0 turns a generation's automatic collection off, negatives are
   * accepted as in Python), N being 3 for "generational", 1 for "mark-sweep"; "none" takes
   * none. They set the thresholds from the youngest generation on, omitted ones keep the
   * collector's defaults; more than N is a ConfigurationError, never silently ignored.
   * @defaultValue the collector's: [700, 10, 10] (generational), [700] (mark-sweep)
   */
  readonly gcThresholds?: readonly number[];
  /**
   * Builtin types of another package (a front end's function, cell, module ...), registered
   * after the runtime's own table, before any object exists: each gets its type id, handle
   * class and free-list policy, and `rt.core.builtin(name)` returns it.
   * @defaultValue none
   */
  readonly builtinTypes?: readonly BuiltinTypeEntry[];
  /**
   * How the static singletons (None, True, False, the small ints, empty and one-character
   * strs, the empty tuple and bytes) are counted: `{ kind: "counted" }` as CPython 3.11
   * (large starting counts that move), `{ kind: "immortal" }` as 3.12 on (PEP 683), or a
   * strategy object.
   * @defaultValue `{ kind: "counted" }` with 3.11.7's figures (see {@link CountedStatics})
   */
  readonly immortality?: ImmortalityOption;
  /**
   * Object-model tunables.
   * @defaultValue CPython 3.11's (see {@link DEFAULT_RUNTIME_CONFIG})
   */
  readonly config?: Partial<RuntimeConfig>;
  /**
   * Misuse checks in every layer (double frees, foreign pointers, use after free).
   * @defaultValue true
   */
  readonly checked?: boolean;
  /**
   * Memory event hooks shared by every layer.
   * @defaultValue a fresh MemoryHooks
   */
  readonly hooks?: MemoryHooks;
  /**
   * Where errors raised by finalizers and callbacks go.
   * @defaultValue printed to stderr, as CPython's "Exception ignored in"
   */
  readonly onUnraisable?: UnraisableHook;
}

/**
 * The strategy type a slot value gives: the table's type for a name it lists, a factory's
 * return type, `Named` for another registered name, `Default` when the slot is omitted.
 */
export type StrategyOf<S, Table, Named, Default> = S extends keyof Table
  ? Table[S]
  : S extends (ctx: never) => infer R
    ? R
    : S extends string
      ? Named
      : Default;
/** The raw allocator type a `raw` slot value gives. */
export type RawOf<S> = StrategyOf<S, RawStrategies, Allocator, TlsfAllocator>;
/** The object domain type an `objectDomain` slot value gives (`Raw` for "raw"). */
export type DomainOf<S, Raw> = S extends "raw"
  ? Raw
  : StrategyOf<S, ObjectDomainStrategies, Allocator, PymallocAllocator>;
/** The refcount strategy type a `refcount` slot value gives. */
export type RefcountOf<S> = StrategyOf<S, RefcountStrategies, RefcountStrategy, ImmediateRefcount>;
/** The collector type a `gc` slot value gives. */
export type CollectorOf<S> = StrategyOf<S, CollectorStrategies, CycleCollector, GenerationalCollector>;

/** The parts a runtime was composed from. */
export interface RuntimeParts<
  Raw extends Allocator = Allocator,
  Domain extends Allocator = Allocator,
  Rc extends RefcountStrategy = RefcountStrategy,
  Gc extends CycleCollector = CycleCollector,
> {
  /** The heap. */
  readonly heap: Heap;
  /** The page provider. */
  readonly pages: PageProvider;
  /** The raw allocator. */
  readonly raw: Raw;
  /** The object domain (undecorated). */
  readonly objectDomain: Domain;
  /** The tracing decorator every object allocation goes through (tracemalloc's engine). */
  readonly traced: TracingAllocator;
  /** The refcount strategy. */
  readonly refcount: Rc;
  /** The cycle collector. */
  readonly collector: Gc;
  /** Weak references. */
  readonly weakrefs: WeakrefTable;
  /** The type registry. */
  readonly types: TypeRegistry;
  /** The object layout. */
  readonly layout: ObjectLayout;
  /** Memory event hooks. */
  readonly hooks: MemoryHooks;
}

/** The parts {@link createRuntime} builds for options `O`. */
export type PartsOf<O extends RuntimeOptions> = RuntimeParts<
  RawOf<O["raw"]>,
  DomainOf<O["objectDomain"], RawOf<O["raw"]>>,
  RefcountOf<O["refcount"]>,
  CollectorOf<O["gc"]>
>;
