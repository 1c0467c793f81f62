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
 * Order matters where parts need each other: the refcount strategy needs the registered
 * types; the collector needs the strategy and the weak references; the strategy is then
 * told of the collector. No object exists before both are in place, except the empty
 * tuple, which is immortal and untracked.
 *
 * @module
 */
import {
  type Address,
  type Allocator,
  ArrayBufferHeap,
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
  SharedArrayBufferHeap,
  WasmMemoryHeap,
} from "@pymem/core";
import { createCollector, type UntrackRules } from "@pymem/gc-generational";
import {
  DictKeysFreeList,
  DirectObjectAllocator,
  FreeListAllocator,
  InternTable,
  SmallIntCache,
  TupleFreeLists,
} from "@pymem/object-allocators";
import { PymallocAllocator } from "@pymem/pymalloc";
import { BumpPageProvider, FirstFitAllocator, HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { DeferredRefcount, ImmediateRefcount, WeakrefTable } from "@pymem/refcount";
import { resolveRuntimeConfig } from "./config";
import { RuntimeGc } from "./gc-facade";
import { checkPymallocHeap } from "./heap-minimum";
import { ObjectSpace } from "./object-space";
import type {
  CollectorContext,
  ObjectAllocatorContext,
  PartsOf,
  RuntimeOptions,
  RuntimeParts,
} from "./options";
import { Runtime } from "./runtime";
import { RuntimeCore } from "./runtime-core";
import { SysModule } from "./sys-module";
import { BUILTIN_COLLECTOR_THRESHOLDS, checkThresholds } from "./threshold-rule";
import { Tracemalloc } from "./tracemalloc";
import { TracingAllocator } from "./tracing-allocator";

/** A deallocation listener that ignores the notices (see where the collector is attached). */
const IGNORED_DEALLOCATIONS: Pick<CycleCollector, "onDeallocate"> = { onDeallocate: () => {} };

function oneOf<T extends string>(option: string, value: unknown, names: readonly T[]): T {
  if (typeof value === "string" && (names as readonly string[]).includes(value)) return value as T;
  throw new ConfigurationError(
    option,
    `one of ${names.map((n) => `"${n}"`).join(", ")} or a factory function`,
    value,
  );
}

function makeHeap(options: RuntimeOptions): Heap {
  const slot = options.heap ?? "array-buffer";
  if (typeof slot === "object" && slot !== null) return slot;
  const kind = oneOf("heap", slot, ["array-buffer", "shared-array-buffer", "wasm-memory"] as const);
  const heapOptions = options.heapOptions ?? {};
  if (kind === "shared-array-buffer") return new SharedArrayBufferHeap(heapOptions);
  if (kind === "wasm-memory") return new WasmMemoryHeap(heapOptions);
  return new ArrayBufferHeap(heapOptions);
}

function makeLayout(options: RuntimeOptions): ObjectLayout {
  const layout = options.layout ?? "64-bit";
  if (typeof layout === "object" && layout !== null) return layout;
  return oneOf("layout", layout, ["64-bit", "compact"] as const) === "compact" ? LAYOUT_COMPACT : LAYOUT_64;
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

/** Adapts a strategy so that objects made outside the runtime's allocation path are noted first. */
function notingRefcount(refcount: RefcountStrategy, note: ((obj: Address) => void) | null): RefcountStrategy {
  if (note === null) return refcount;
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
      note(obj);
      refcount.makeImmortal(obj);
    },
    isImmortal: (obj) => refcount.isImmortal(obj),
    flush: () => refcount.flush(),
  };
}

/**
 * Builds a runtime from its slots; every omitted slot takes the `cpython311` preset's
 * choice. Combine a preset with overrides by spreading: `createRuntime({ ...presets.classic, gc: "mark-sweep" })`.
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
  const checked = options.checked ?? true;
  if (typeof checked !== "boolean") throw new ConfigurationError("checked", "a boolean", checked);
  const hooks = options.hooks ?? new MemoryHooks();
  const heap = makeHeap(options);
  const layout = makeLayout(options);

  // The operating system and the raw domain.
  const pagesSlot = options.pages ?? "heap";
  const pages: PageProvider =
    typeof pagesSlot === "function"
      ? pagesSlot({ heap, hooks, pageSize: options.pageSize })
      : oneOf("pages", pagesSlot, ["heap", "bump"] as const) === "bump"
        ? new BumpPageProvider({ heap, hooks, pageSize: options.pageSize })
        : new HeapPageProvider({ heap, hooks, pageSize: options.pageSize });
  const rawSlot = options.raw ?? "tlsf";
  // Keep one wholly free region mapped, as pymalloc keeps one free arena: a program whose
  // raw live set keeps dropping to zero would otherwise map and zero a region every time.
  const retainEmptyRegions = 1;
  const raw: Allocator =
    typeof rawSlot === "function"
      ? rawSlot({ heap, pages, hooks })
      : oneOf("raw", rawSlot, ["tlsf", "first-fit"] as const) === "first-fit"
        ? new FirstFitAllocator({ pages, hooks, retainEmptyRegions })
        : new TlsfAllocator({ pages, hooks, retainEmptyRegions });
  const domainSlot = options.objectDomain ?? "pymalloc";
  const objectDomain: Allocator =
    typeof domainSlot === "function"
      ? domainSlot({ heap, pages, raw, hooks, checked })
      : oneOf("objectDomain", domainSlot, ["pymalloc", "raw"] as const) === "raw"
        ? raw
        : new PymallocAllocator({ pages, raw, config: options.pymalloc ?? "cpython311", hooks, checked });
  if (objectDomain instanceof PymallocAllocator) checkPymallocHeap(heap, objectDomain.config.arenaSize);
  if (objectDomain.heap !== heap || raw.heap !== heap || pages.heap !== heap) {
    throw new ConfigurationError("heap", "every part over the runtime's heap", "a part over another heap");
  }
  const traced = new TracingAllocator(objectDomain);

  // Types, then reference counting over them.
  const space = new ObjectSpace(traced, layout, config);
  const core = new RuntimeCore(space);
  const rcSlot = options.refcount ?? "immediate";
  const rcOptions = { heap, layout, types: space.types, checked, onUnraisable: options.onUnraisable };
  const refcount: RefcountStrategy =
    typeof rcSlot === "function"
      ? rcSlot(rcOptions)
      : oneOf("refcount", rcSlot, ["immediate", "deferred"] as const) === "deferred"
        ? new DeferredRefcount(rcOptions)
        : new ImmediateRefcount(rcOptions);
  space.refcount = refcount;
  const note = refcount.noteAllocated;
  space.noteAllocated = typeof note === "function" ? note.bind(refcount) : null;

  // Weak references (their type registers itself).
  const weakrefs = new WeakrefTable({
    heap,
    layout,
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

  // Object allocators, per type.
  const freeLists = options.freeLists ?? true;
  if (typeof freeLists !== "boolean" && typeof freeLists !== "function") {
    throw new ConfigurationError("freeLists", "true, false or a factory function", freeLists);
  }
  const allocatorRefcount = notingRefcount(refcount, space.noteAllocated);
  const ids = space.ids;
  const allocatorFor = (ctx: ObjectAllocatorContext): ObjectAllocator => {
    if (typeof freeLists === "function") return freeLists(ctx);
    const base = { domain: traced, types: space.types, typeId: ctx.typeId, layout, checked };
    if (ctx.typeId === ids.tuple) {
      return new TupleFreeLists({
        ...base,
        refcount: allocatorRefcount,
        limit: freeLists ? config.tupleFreeList : 0,
        maxSaveSize: config.tupleMaxSaveSize,
      });
    }
    if (freeLists) {
      if (ctx.typeId === ids.float) return new FreeListAllocator({ ...base, limit: config.floatFreeList });
      if (ctx.typeId === ids.list) return new FreeListAllocator({ ...base, limit: config.listFreeList });
      if (ctx.typeId === ids.dict) return new FreeListAllocator({ ...base, limit: config.dictFreeList });
    }
    return new DirectObjectAllocator(base);
  };
  for (let id = 1; id <= space.types.size; id++) {
    space.setAllocator(
      id,
      allocatorFor({
        domain: traced,
        types: space.types,
        typeId: id,
        typeName: space.types.get(id).name,
        layout,
        refcount: allocatorRefcount,
        checked,
      }),
    );
  }
  const keysFreeList = new DictKeysFreeList({
    domain: traced,
    layout,
    limit: freeLists === true ? config.dictKeysFreeList : 0,
    checked,
  });
  core.keysFreeList = keysFreeList;

  // The cycle collector.
  const tuples = core.tuples;
  const maybeUntrack: UntrackRules = {
    [ids.tuple]: {
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
    [ids.dict]: {
      when: "full-collection",
      canUntrack: (d, mayBeTracked) => core.dicts.canUntrack(d, mayBeTracked),
    },
  };
  const gcSlot = options.gc ?? "generational";
  const collectorContext: CollectorContext = {
    heap,
    layout,
    types: space.types,
    refcount,
    weakrefs,
    roots: core,
    hooks,
    allocateListHead: listHeads(pages, layout),
    maybeUntrack,
    clearFreeLists: () => core.clearFreeLists(),
    thresholds: options.gcThresholds,
    onUnraisable: options.onUnraisable,
  };
  let collector: CycleCollector;
  if (typeof gcSlot === "function") collector = gcSlot(collectorContext);
  else {
    const kind = oneOf("gc", gcSlot, ["generational", "mark-sweep", "none"] as const);
    const { thresholds, onUnraisable, ...base } = collectorContext;
    const common = { ...base, ...(onUnraisable === undefined ? {} : { onUnraisable }) };
    // Thresholds follow one rule (threshold-rule.ts): checked before anything is built, then
    // set over the collector's defaults as gc.set_threshold sets them.
    const given =
      thresholds === undefined
        ? undefined
        : checkThresholds(thresholds, BUILTIN_COLLECTOR_THRESHOLDS[kind], "gcThresholds", kind);
    if (kind === "generational") collector = createCollector("generational", common);
    else if (kind === "mark-sweep") collector = createCollector("mark-sweep", common);
    else collector = createCollector("none", common);
    if (given !== undefined) collector.setThreshold(...given);
  }
  space.collector = collector;
  // Generation 0 counts memory taken from and returned to the object domain, which only the
  // object space sees (free-list hits count neither way): it tells the collector of
  // deallocations itself, so the strategy's own notices go nowhere.
  refcount.attachCollector?.(IGNORED_DEALLOCATIONS);

  // Singletons and caches.
  core.dicts.init(
    {
      allocate: (log2, unicode) => keysFreeList.allocate(log2, unicode),
      release: (keys, log2, unicode) => keysFreeList.release(keys, log2, unicode),
    },
    core.strs,
  );
  core.noneType.createSingleton();
  space.none = core.noneType.none;
  core.bools.createSingletons();
  tuples.createEmpty();
  core.bytesType.create(new Uint8Array(0));
  core.smallInts = new SmallIntCache({
    refcount,
    create: (v) => core.ints.create(v),
    min: config.smallIntMin,
    max: config.smallIntMax,
  });
  core.adoptInternTable(new InternTable({ refcount, mode: "mortal" }));

  const parts: RuntimeParts = {
    heap,
    pages,
    raw,
    objectDomain,
    traced,
    refcount,
    collector,
    weakrefs,
    types: space.types,
    layout,
    hooks,
  };
  const gc = new RuntimeGc({ collector, heap, layout, types: space.types }, core);
  const modules = { sys: new SysModule(core, objectDomain), gc, tracemalloc: new Tracemalloc(space) };
  return new Runtime(parts, core, modules, allocatorFor);
}
