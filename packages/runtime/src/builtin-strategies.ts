/**
 * The runtime's strategy registry with the built-in strategies of every slot, and the
 * functions that register into it. Each built-in is one line: its name, and how its
 * constructor reads the slot's context.
 *
 * ```
 *  heap          array-buffer  shared-array-buffer  wasm-memory
 *  pages         heap  bump
 *  raw           tlsf  first-fit                        (one empty region kept mapped)
 *  objectDomain  pymalloc (ctx.pymalloc)  raw (the raw allocator itself)
 *  refcount      immediate  deferred
 *  gc            generational  mark-sweep  none  incremental (ctx.roots)
 *                (thresholds are set after, by threshold-rule.ts)
 * ```
 *
 * @module
 */
import { ArrayBufferHeap, SharedArrayBufferHeap, WasmMemoryHeap } from "@pymem/core";
import { type CollectorOptions, createCollector } from "@pymem/gc-generational";
import { PymallocAllocator } from "@pymem/pymalloc";
import { BumpPageProvider, FirstFitAllocator, HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { DeferredRefcount, ImmediateRefcount } from "@pymem/refcount";
import type { CollectorContext } from "./options";
import {
  type RegisterStrategyOptions,
  type StrategyFactory,
  StrategyRegistry,
  type StrategySlot,
} from "./strategy-registry";

/**
 * Entirely free raw regions kept mapped: as pymalloc keeps one free arena, so that a program
 * whose raw live set keeps dropping to zero does not map and zero a region every time.
 */
const RETAIN_EMPTY_REGIONS = 1;

/**
 * What every built-in collector reads from the context (its thresholds are set by
 * `createRuntime` once it is built, by the one threshold rule).
 */
function collectorOptions(ctx: CollectorContext): CollectorOptions {
  const { thresholds: _thresholds, onUnraisable, ...base } = ctx;
  return onUnraisable === undefined ? base : { ...base, onUnraisable };
}

/**
 * The registry `createRuntime` resolves names in: the built-in strategies, and whatever was
 * registered with {@link registerStrategy}.
 */
export const strategies = new StrategyRegistry();

strategies.register("heap", "array-buffer", (ctx) => new ArrayBufferHeap(ctx.heapOptions), {
  description: "an ArrayBuffer that grows by copying",
});
strategies.register("heap", "shared-array-buffer", (ctx) => new SharedArrayBufferHeap(ctx.heapOptions), {
  description: "a growable SharedArrayBuffer",
});
strategies.register("heap", "wasm-memory", (ctx) => new WasmMemoryHeap(ctx.heapOptions), {
  description: "a WebAssembly.Memory",
});

strategies.register("pages", "heap", (ctx) => new HeapPageProvider(ctx), {
  description: "pages carved from the heap, reused after unmap",
});
strategies.register("pages", "bump", (ctx) => new BumpPageProvider(ctx), {
  description: "pages from a bump pointer",
});

strategies.register(
  "raw",
  "tlsf",
  (ctx) =>
    new TlsfAllocator({ pages: ctx.pages, hooks: ctx.hooks, retainEmptyRegions: RETAIN_EMPTY_REGIONS }),
  { description: "two-level segregated fit, standing in for the system malloc" },
);
strategies.register(
  "raw",
  "first-fit",
  (ctx) =>
    new FirstFitAllocator({ pages: ctx.pages, hooks: ctx.hooks, retainEmptyRegions: RETAIN_EMPTY_REGIONS }),
  { description: "address-ordered first fit with boundary tags" },
);

strategies.register(
  "objectDomain",
  "pymalloc",
  (ctx) =>
    new PymallocAllocator({
      pages: ctx.pages,
      raw: ctx.raw,
      config: ctx.pymalloc,
      hooks: ctx.hooks,
      checked: ctx.checked,
    }),
  { description: "arenas, pools and blocks for requests up to 512 bytes" },
);
strategies.register("objectDomain", "raw", (ctx) => ctx.raw, {
  description: "every object from the raw allocator (PYTHONMALLOC=malloc)",
});

strategies.register("refcount", "immediate", (ctx) => new ImmediateRefcount(ctx), {
  description: "deallocate when the count reaches zero, as CPython",
});
strategies.register("refcount", "deferred", (ctx) => new DeferredRefcount(ctx), {
  description: "deallocate at safe points",
});

strategies.register("gc", "generational", (ctx) => createCollector("generational", collectorOptions(ctx)), {
  description: "CPython's three-generation collector",
});
strategies.register("gc", "mark-sweep", (ctx) => createCollector("mark-sweep", collectorOptions(ctx)), {
  description: "tracing from the roots, one generation",
});
strategies.register("gc", "none", (ctx) => createCollector("none", collectorOptions(ctx)), {
  description: "no cycle collection: cycles leak",
});
strategies.register(
  "gc",
  "incremental",
  (ctx) => createCollector("incremental", { ...collectorOptions(ctx), roots: ctx.roots }),
  { description: "CPython 3.14.0's incremental collector: a young generation, two old spaces" },
);

/**
 * Registers a strategy by name in the runtime's registry: `createRuntime({ [slot]: name })`,
 * the presets and the CLI (`--raw name`, `--gc name`, ...) can then select it.
 * @throws ConfigurationError for an unknown slot, a malformed name, a factory that is not a
 * function, or a name already registered (unless `options.replace`)
 * @example
 * ```ts
 * registerStrategy("raw", "first-fit-eager", (ctx) => new FirstFitAllocator({ pages: ctx.pages, hooks: ctx.hooks }));
 * const rt = createRuntime({ raw: "first-fit-eager" });
 * rt.parts.raw.name; // "first-fit"
 * ```
 */
export function registerStrategy<S extends StrategySlot>(
  slot: S,
  name: string,
  factory: StrategyFactory<S>,
  options?: RegisterStrategyOptions,
): void {
  strategies.register(slot, name, factory, options);
}

/** Removes a strategy registered with {@link registerStrategy}; returns whether it was there. */
export function unregisterStrategy(slot: StrategySlot, name: string): boolean {
  return strategies.unregister(slot, name);
}

/**
 * The strategy names `slot` accepts, built-in ones first.
 * @example strategyNames("gc") // ["generational", "mark-sweep", "none", "incremental"]
 */
export function strategyNames(slot: StrategySlot): string[] {
  return strategies.names(slot);
}
