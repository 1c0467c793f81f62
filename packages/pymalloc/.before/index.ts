export type { RadixTreeStats } from "./arena-map";
export { INITIAL_ARENA_OBJECTS } from "./arena-table";
export type { PymallocConfig, PymallocPresetName, ResolvedPymallocConfig } from "./config";
export {
  CLASSIC,
  CPYTHON_311,
  MAX_ARENA_BYTES,
  MAX_SIZE_CLASSES,
  MIN_ALIGNMENT,
  PYMALLOC_PRESETS,
  resolvePymallocConfig,
  validatePymallocConfig,
} from "./config";
export type { DebugAllocatorOptions, DebugConfig } from "./debug-config";
export { resolveDebugConfig } from "./debug-config";
export type { DebugDumpLayout } from "./debug-dump";
export { dumpDebugBlock } from "./debug-dump";
export type { DebugAllocatorStats } from "./debug-hooks";
export { DebugAllocator } from "./debug-hooks";
export type { DebugApi } from "./debug-layout";
export {
  DEBUG_ERASED_BYTES,
  DEBUG_WORD_BYTES_32,
  DEBUG_WORD_BYTES_64,
  debugApiChar,
  isDebugApiId,
  PYMEM_API_MEM,
  PYMEM_API_OBJ,
  PYMEM_API_RAW,
  PYMEM_CLEANBYTE,
  PYMEM_DEADBYTE,
  PYMEM_FORBIDDENBYTE,
  readBigEndianWord,
  writeBigEndianWord,
} from "./debug-layout";
export type { PymallocDebugStats, PymallocStats, SizeClassStats } from "./debug-malloc-stats";
export { DebugSerialCounter } from "./debug-serial";
export { formatDebugMallocStats } from "./format-debug-malloc-stats";
export {
  DUMMY_SIZE_IDX,
  POOL_ARENAINDEX,
  POOL_COUNT,
  POOL_FREEBLOCK,
  POOL_HEADER_BYTES,
  POOL_MAXNEXTOFFSET,
  POOL_NEXTOFFSET,
  POOL_NEXTPOOL,
  POOL_PREVPOOL,
  POOL_SZIDX,
} from "./pool-header";
export type { PymallocOptions } from "./pymalloc-allocator";
export { PymallocAllocator } from "./pymalloc-allocator";
export type { SizeClassInfo } from "./size-class";
export { sizeClassOf, sizeClassTable } from "./size-class";
