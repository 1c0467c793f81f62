export type { Address } from "./address";
export { NULL, MAX_HEAP_BYTES, alignDown, alignUp, formatAddress, isPowerOfTwo } from "./address";
export type { CorruptionKind } from "./errors";
export {
  ConfigurationError,
  DoubleFreeError,
  HeapCorruptionError,
  InvalidPointerError,
  MemoryError,
  PymemError,
  SizeError,
  validateSize,
} from "./errors";
export type { Heap, HeapGrowListener, HeapKind, HeapOptions } from "./heap";
export { DEFAULT_INITIAL_HEAP_BYTES, DEFAULT_MAX_HEAP_BYTES } from "./heap";
export { BaseHeap, resolveHeapSizes } from "./base-heap";
export type { ArrayBufferHeapOptions } from "./array-buffer-heap";
export { ArrayBufferHeap } from "./array-buffer-heap";
export { SharedArrayBufferHeap } from "./shared-array-buffer-heap";
export type { WasmMemoryHeapOptions } from "./wasm-memory-heap";
export { WASM_PAGE_BYTES, WasmMemoryHeap } from "./wasm-memory-heap";
export type { MemoryEventMap, MemoryEventName } from "./events";
export { MemoryHooks } from "./events";
export type { PageProvider, PageProviderStats } from "./page-provider";
export type { Allocator, AllocatorStats } from "./allocator";
export { emptyCallCounts } from "./allocator";
export type { ObjectLayout } from "./object-layout";
export { IMMORTAL_BIT, IMMORTAL_REFCOUNT, LAYOUT_64, LAYOUT_COMPACT, objectLayout } from "./object-layout";
export { ObjectHeaders } from "./object-header";
export {
  COLLECTING_BIT,
  FINALIZED_BIT,
  GcHeaders,
  PREV_FLAGS_MASK,
  REFS_SHIFT,
  UNREACHABLE_BIT,
} from "./gc-header";
export type { Decref, TypeInfo, Visit } from "./type-info";
export { TypeRegistry } from "./type-info";
export type { ObjectAllocator, ObjectAllocatorStats } from "./object-allocator";
export type { RefcountStrategy } from "./refcount-strategy";
export type { WeakrefSupport } from "./weakref-support";
export type { RootProvider } from "./roots";
export type { CollectionCallback, CollectionInfo, CycleCollector, GenerationStats } from "./cycle-collector";
export {
  DEBUG_COLLECTABLE,
  DEBUG_LEAK,
  DEBUG_SAVEALL,
  DEBUG_STATS,
  DEBUG_UNCOLLECTABLE,
} from "./cycle-collector";
export {
  ALLOCATOR_STATS_LABEL_WIDTH,
  STAT_LABEL_WIDTH,
  STAT_VALUE_WIDTH,
  formatAllocatorStatsLine,
  formatStatLine,
  formatThousands,
} from "./debug-stats-format";
