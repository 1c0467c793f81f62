export type { Address } from "./address";
export {
  alignDown,
  alignUp,
  formatAddress,
  formatValue,
  isPowerOfTwo,
  MAX_HEAP_BYTES,
  NULL,
} from "./address";
export type { Allocator, AllocatorStats } from "./allocator";
export { emptyCallCounts } from "./allocator";
export type { ArrayBufferHeapOptions } from "./array-buffer-heap";
export { ArrayBufferHeap } from "./array-buffer-heap";
export { BaseHeap, resolveHeapSizes } from "./base-heap";
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
  formatAllocatorStatsLine,
  formatStatLine,
  formatThousands,
  STAT_LABEL_WIDTH,
  STAT_VALUE_WIDTH,
} from "./debug-stats-format";
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
export type { MemoryEventMap, MemoryEventName } from "./events";
export { MemoryHooks } from "./events";
export {
  COLLECTING_BIT,
  FINALIZED_BIT,
  PREV_FLAGS_MASK,
  REFS_SHIFT,
  UNREACHABLE_BIT,
} from "./gc-header";
export { GcHeaders } from "./gc-headers";
export { GcList, NEXT_POINTER_MASK, PREV_POINTER_MASK } from "./gc-list";
export { GcState } from "./gc-state";
export type { Heap, HeapGrowListener, HeapKind, HeapOptions } from "./heap";
export { DEFAULT_INITIAL_HEAP_BYTES, DEFAULT_MAX_HEAP_BYTES } from "./heap";
export type { ObjectAllocator, ObjectAllocatorStats } from "./object-allocator";
export { ObjectHeaders } from "./object-header";
export type { ObjectLayout } from "./object-layout";
export { IMMORTAL_BIT, IMMORTAL_REFCOUNT, LAYOUT_64, LAYOUT_COMPACT, objectLayout } from "./object-layout";
export type { PageProvider, PageProviderStats } from "./page-provider";
export type { RefcountStrategy } from "./refcount-strategy";
export type { RootProvider } from "./roots";
export { SharedArrayBufferHeap } from "./shared-array-buffer-heap";
export type { Decref, TypeInfo, Visit } from "./type-info";
export { TypeRegistry } from "./type-info";
export type { WasmMemoryHeapOptions } from "./wasm-memory-heap";
export { WASM_PAGE_BYTES, WasmMemoryHeap } from "./wasm-memory-heap";
export type { WeakrefSupport } from "./weakref-support";
