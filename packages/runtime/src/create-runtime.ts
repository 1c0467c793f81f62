/**
 * Composition: wires a runtime from its slots, bottom up.
 *
 * ```
 *  Heap ──► PageProvider ──► raw Allocator ──► object domain (pymalloc | raw)
 *                                                   │ TracingAllocator (tracemalloc)
 *                                                   ▼
 *            per-type ObjectAllocators (free lists on/off) ──► builtin types
 *                                                   │
 *            RefcountStrategy (immediate | deferred) ◄──► WeakrefTable
 *                                                   │
 *            CycleCollector (generational | mark-sweep | none) ◄── roots: handles, frames
 *                                                   │
 *            Runtime: sys, gc, tracemalloc, frames, constructors
 * ```
 *
 * `createRuntime` is the steps below, in this order; every slot given by name is resolved in
 * the strategy registry (builtin-strategies.ts), so the same names work for the presets, the
 * CLI and a user's registered strategies.
 *
 * ```
 *  createAllocatorStack     heap, pages, raw, objectDomain       (also the CLI's trace replay)
 *  ObjectSpace, RuntimeCore the traced domain; the builtin type table registered
 *  attachRefcount           the strategy over the registered types
 *  attachWeakrefs           the weak reference table (registers its type)
 *  installObjectAllocators  one ObjectAllocator per type, the dict keys free list
 *  attachCollector          the collector, with CPython's untrack rules
 *  createSingletons         None, True/False, (), b"", small ints, the intern table
 * ```
 *
 * Order matters where parts need each other: the refcount strategy needs the registered
 * types; the collector needs the strategy and the weak references. No object exists before
 * both are in place.
 *
 * @module
 */
import {
  type Address,
  type Allocator,
  ConfigurationError,
  type CycleCollector,
  type Heap,
  LAYOUT_64,
  LAYOUT_COMPACT,
  MemoryHooks,
  type ObjectAllocator,
  type ObjectLayout,
  type PageProvider,
  type RefcountStrategy,
} from "@pymem/core";
import type { UntrackRules } from "@pymem/gc-generational";
import { DictKeysFreeList, InternTable, SmallIntCache } from "@pymem/object-allocators";
import { PymallocAllocator } from "@pymem/pymalloc";
import { WeakrefTable } from "@pymem/refcount";
import { strategies } from "./builtin-strategies";
import { directAllocation } from "./builtin-type";
import { type RuntimeConfig, resolveRuntimeConfig } from "./config";
import { RuntimeGc } from "./gc-facade";
import { checkPymallocHeap } from "./heap-minimum";
import { resolveImmortality } from "./immortality";
import { ObjectSpace } from "./object-space";
import type { ObjectAllocatorContext, PartsOf, RuntimeOptions, RuntimeParts } from "./options";
import { Runtime } from "./runtime";
import { RuntimeCore } from "./runtime-core";
import { SysModule } from "./sys-module";
import { checkThresholds, thresholdCount } from "./threshold-rule";
import { Tracemalloc } from "./tracemalloc";
import { TracingAllocator } from "./tracing-allocator";

/** The allocator layers of a composition, below the object model. */
export interface AllocatorStack {
  /** The heap. */
  readonly heap: Heap;
  /** The page provider. */
  readonly pages: PageProvider;
  /** The raw allocator. */
  readonly raw: Allocator;
  /** The object domain (pymalloc, or the raw allocator itself). */
  readonly objectDomain: Allocator;
  /** Memory event hooks shared by the layers. */
  readonly hooks: MemoryHooks;
  /** Whether misuse checks are on. */
  readonly checked: boolean;
}

function readChecked(options: RuntimeOptions): boolean {
  const checked = options.checked ?? true;
  if (typeof checked !== "boolean") throw new ConfigurationError("checked", "a boolean", checked);
  return checked;
}

function makeHeap(options: RuntimeOptions): Heap {
  const slot = options.heap ?? "array-buffer";
  if (typeof slot === "object" && slot !== null) return slot;
  return strategies.build("heap", slot, { heapOptions: options.heapOptions ?? {} });
}

function makeLayout(options: RuntimeOptions): ObjectLayout {
  const layout = options.layout ?? "64-bit";
  if (typeof layout === "object" && layout !== null) return layout;
  if (layout === "64-bit") return LAYOUT_64;
  if (layout === "compact") return LAYOUT_COMPACT;
  throw new ConfigurationError("layout", '"64-bit", "compact" or an ObjectLayout', layout);
}

/**
 * Builds the allocator layers of a composition — heap, page provider, raw allocator, object
 * domain — exactly as {@link createRuntime} does, without the object model (what a trace
 * replay runs on).
 * @throws ConfigurationError for an unknown strategy name, an invalid tunable, parts over
 * different heaps, or a heap too small for pymalloc's first arena
 * @example
 * ```ts
 * const stack = createAllocatorStack({ ...presets.classic, raw: "first-fit" });
 * const block = stack.objectDomain.malloc(24);
 * stack.objectDomain.free(block);
 * ```
 */
export function createAllocatorStack(options: RuntimeOptions = {}): AllocatorStack {
  const checked = readChecked(options);
  const hooks = options.hooks ?? new MemoryHooks();
  const heap = makeHeap(options);
  const pages = strategies.build("pages", options.pages ?? "heap", {
    heap,
    hooks,
    pageSize: options.pageSize,
  });
  const raw = strategies.build("raw", options.raw ?? "tlsf", { heap, pages, hooks });
  const objectDomain = strategies.build("objectDomain", options.objectDomain ?? "pymalloc", {
    heap,
    pages,
    raw,
    hooks,
    checked,
    pymalloc: options.pymalloc ?? "cpython311",
  });
  if (objectDomain instanceof PymallocAllocator) checkPymallocHeap(heap, objectDomain.config.arenaSize);
  if (objectDomain.heap !== heap || raw.heap !== heap || pages.heap !== heap) {
    throw new ConfigurationError("heap", "every part over the runtime's heap", "a part over another heap");
  }
  return { heap, pages, raw, objectDomain, hooks, checked };
}

/**
 * GC list heads (two header words each) carved from one page of their own, mapped from the
 * page provider: like CPython's static generation heads, they belong to no allocator.
 */
function listHeads(pages: PageProvider, layout: ObjectLayout): () => Address {
  let page = 0;
  let offset = 0;
  return () => {
    if (page === 0 || offset + layout.gcHeaderSize > pages.pageSize) {
      page = pages.map(pages.pageSize);
      offset = 0;
    }
    const head = page + offset;
    offset += layout.gcHeaderSize;
    return head;
  };
}

/**
 * Adapts a strategy for the object allocators and caches that make singletons: objects made
 * outside the runtime's allocation path are noted first, and "immortal" means what the
 * profile's immortality strategy says (`space.makeStatic`).
 */
function notingRefcount(
  refcount: RefcountStrategy,
  note: ((obj: Address) => void) | null,
  space: ObjectSpace,
): RefcountStrategy {
  return {
    get name() {
      return refcount.name;
    },
    get checked() {
      return refcount.checked;
    },
    get deallocations() {
      return refcount.deallocations;
    },
    incref: (obj) => refcount.incref(obj),
    decref: (obj) => refcount.decref(obj),
    refcount: (obj) => refcount.refcount(obj),
    makeImmortal: (obj) => {
      if (note !== null) note(obj);
      space.makeStatic(obj);
    },
    isImmortal: (obj) => refcount.isImmortal(obj),
    flush: () => refcount.flush(),
  };
}

/** Reference counting over the registered types; new objects are noted to it. */
function attachRefcount(
  options: RuntimeOptions,
  stack: AllocatorStack,
  space: ObjectSpace,
): RefcountStrategy {
  const refcount = strategies.build("refcount", options.refcount ?? "immediate", {
    heap: stack.heap,
    layout: space.layout,
    types: space.types,
    checked: stack.checked,
    onUnraisable: options.onUnraisable,
  });
  space.refcount = refcount;
  const note = refcount.noteAllocated;
  space.noteAllocated = typeof note === "function" ? note.bind(refcount) : null;
  return refcount;
}

/** The weak reference table (its type registers itself), known to the core and the strategy. */
function attachWeakrefs(space: ObjectSpace, core: RuntimeCore, refcount: RefcountStrategy): WeakrefTable {
  const weakrefs = new WeakrefTable({
    heap: space.heap,
    layout: space.layout,
    types: space.types,
    allocate: (typeId) => {
      const wr = space.newObject(typeId);
      space.track(wr);
      return wr;
    },
    release: (wr) => space.releaseObject(wr, weakrefs.typeId),
    refcounts: refcount,
  });
  core.adoptWeakrefs(weakrefs);
  refcount.attachWeakrefs?.(weakrefs);
  return weakrefs;
}

/**
 * The object allocator factory of a composition: the user's, or each type's free-list policy
 * (from its builtin type entry; direct allocation for types without one) with free lists on
 * or off.
 */
function objectAllocatorFactory(
  options: RuntimeOptions,
  space: ObjectSpace,
): (ctx: ObjectAllocatorContext) => ObjectAllocator {
  const freeLists = options.freeLists ?? true;
  if (typeof freeLists !== "boolean" && typeof freeLists !== "function") {
    throw new ConfigurationError("freeLists", "true, false or a factory function", freeLists);
  }
  if (typeof freeLists === "function") return freeLists;
  const config = space.config;
  return (ctx) => {
    const policy = space.freeListPolicies[ctx.typeId] ?? directAllocation;
    return policy({ ...ctx, enabled: freeLists, config });
  };
}

/** Gives every registered type its object allocator, and the dict keys their free list. */
function installObjectAllocators(
  options: RuntimeOptions,
  space: ObjectSpace,
  core: RuntimeCore,
  refcount: RefcountStrategy,
  checked: boolean,
): (ctx: ObjectAllocatorContext) => ObjectAllocator {
  const allocatorFor = objectAllocatorFactory(options, space);
  const allocatorRefcount = notingRefcount(refcount, space.noteAllocated, space);
  for (let id = 1; id <= space.types.size; id++) {
    space.setAllocator(
      id,
      allocatorFor({
        domain: space.mem,
        types: space.types,
        typeId: id,
        typeName: space.types.get(id).name,
        layout: space.layout,
        refcount: allocatorRefcount,
        checked,
      }),
    );
  }
  core.keysFreeList = new DictKeysFreeList({
    domain: space.mem,
    layout: space.layout,
    limit: options.freeLists === undefined || options.freeLists === true ? space.config.dictKeysFreeList : 0,
    checked,
  });
  return allocatorFor;
}

/** CPython's untrack rules: tuples of untracked items at every collection, atomic dicts at full ones. */
function untrackRules(space: ObjectSpace, core: RuntimeCore): UntrackRules {
  const tuples = core.tuples;
  return {
    [space.ids.tuple]: {
      when: "every-collection",
      canUntrack: (t, mayBeTracked) => {
        const n = tuples.length(t);
        for (let i = 0; i < n; i++) {
          const item = tuples.item(t, i);
          if (item === 0 || mayBeTracked(item)) return false;
        }
        return true;
      },
    },
    [space.ids.dict]: {
      when: "full-collection",
      canUntrack: (d, mayBeTracked) => core.dicts.canUntrack(d, mayBeTracked),
    },
  };
}

/**
 * The cycle collector, told of container allocations and deallocations by the object space
 * alone (the one path: the refcount strategy is given no collector). Generation 0 counts
 * memory taken from and returned to the object domain, which only the object space sees
 * (free-list hits count neither way). Thresholds given in the options follow one rule
 * (threshold-rule.ts) for every collector, built-in or registered: checked against the
 * collector's generation count, then set over its defaults as `gc.set_threshold` sets them.
 */
function attachCollector(
  options: RuntimeOptions,
  stack: AllocatorStack,
  space: ObjectSpace,
  core: RuntimeCore,
  refcount: RefcountStrategy,
  weakrefs: WeakrefTable,
): CycleCollector {
  const collector = strategies.build("gc", options.gc ?? "generational", {
    heap: stack.heap,
    layout: space.layout,
    types: space.types,
    refcount,
    weakrefs,
    roots: core,
    hooks: stack.hooks,
    allocateListHead: listHeads(stack.pages, space.layout),
    maybeUntrack: untrackRules(space, core),
    clearFreeLists: () => core.clearFreeLists(),
    thresholds: options.gcThresholds,
    onUnraisable: options.onUnraisable,
  });
  const thresholds = options.gcThresholds;
  if (thresholds !== undefined) {
    const given = checkThresholds(thresholds, thresholdCount(collector), "gcThresholds", collector.name);
    collector.setThreshold(...given);
  }
  space.collector = collector;
  return collector;
}

/** None, True/False, the empty tuple and bytes, the small ints and the intern table. */
function createSingletons(core: RuntimeCore, config: RuntimeConfig, refcount: RefcountStrategy): void {
  const keysFreeList = core.keysFreeList;
  core.dicts.init(
    {
      allocate: (log2, unicode) => keysFreeList.allocate(log2, unicode),
      release: (keys, log2, unicode) => keysFreeList.release(keys, log2, unicode),
    },
    core.strs,
  );
  core.noneType.createSingleton();
  core.space.none = core.noneType.none;
  core.bools.createSingletons();
  core.tuples.createEmpty();
  core.bytesType.create(new Uint8Array(0));
  core.smallInts = new SmallIntCache({
    refcount: notingRefcount(refcount, null, core.space),
    create: (v) => core.ints.create(v),
    min: config.smallIntMin,
    max: config.smallIntMax,
  });
  core.adoptInternTable(new InternTable({ refcount, mode: "mortal" }));
}

/**
 * Builds a runtime from its slots; every omitted slot takes the `cpython311` preset's
 * choice. Combine a preset with overrides by spreading: `createRuntime({ ...presets.classic, gc: "mark-sweep" })`.
 * A slot given by name is looked up in the strategy registry (see {@link registerStrategy}).
 * @throws ConfigurationError for an unknown slot name or an invalid tunable
 * @example
 * ```ts
 * const rt = createRuntime({ gc: "mark-sweep", freeLists: false });
 * rt.parts.collector.name; // "mark-sweep" (typed MarkSweepCollector)
 * const f = rt.frame();
 * f.set("a", rt.list([1, 2, 3]));
 * rt.sys.getrefcount(f.get("a")); // 2
 * ```
 */
export function createRuntime(): Runtime<PartsOf<Record<never, never>>>;
export function createRuntime<const O extends RuntimeOptions>(options: O): Runtime<PartsOf<O>>;
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  const config = resolveRuntimeConfig(options.config);
  const layout = makeLayout(options);
  const stack = createAllocatorStack(options);
  const traced = new TracingAllocator(stack.objectDomain);
  const space = new ObjectSpace(traced, layout, config);
  const core = new RuntimeCore(space, options.builtinTypes);
  space.immortality = resolveImmortality(options.immortality);
  const refcount = attachRefcount(options, stack, space);
  const weakrefs = attachWeakrefs(space, core, refcount);
  const allocatorFor = installObjectAllocators(options, space, core, refcount, stack.checked);
  const collector = attachCollector(options, stack, space, core, refcount, weakrefs);
  createSingletons(core, config, refcount);

  const parts: RuntimeParts = {
    heap: stack.heap,
    pages: stack.pages,
    raw: stack.raw,
    objectDomain: stack.objectDomain,
    traced,
    refcount,
    collector,
    weakrefs,
    types: space.types,
    layout,
    hooks: stack.hooks,
  };
  const gc = new RuntimeGc({ collector, heap: stack.heap, layout, types: space.types }, core);
  const modules = { sys: new SysModule(core, stack.objectDomain), gc, tracemalloc: new Tracemalloc(space) };
  return new Runtime(parts, core, modules, allocatorFor);
}
