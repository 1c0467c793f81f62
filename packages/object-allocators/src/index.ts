export type { ObjectAllocatorTunables } from "./config";
export {
  CPYTHON_FREELIST_LIMITS,
  CPYTHON_STATS_LABELS,
  DEFAULT_TUNABLES,
  DICT_FREELIST_LIMIT,
  DICT_KEYS_FREELIST_LIMIT,
  DICT_LOG_MIN_SIZE,
  FLOAT_FREELIST_LIMIT,
  LIST_FREELIST_LIMIT,
  MAX_FREELIST_LIMIT,
  MAX_SAVE_SIZE_LIMIT,
  MAX_SMALL_INT_COUNT,
  SMALL_INT_MAX,
  SMALL_INT_MIN,
  SMALL_INT_NEGATIVE_COUNT,
  SMALL_INT_POSITIVE_COUNT,
  TUPLE_FREELIST_LIMIT,
  TUPLE_MAX_SAVE_SIZE,
  validateTunables,
} from "./config";
export { CountedFreeList } from "./counted-free-list";
export type { DictKeysFreeListOptions, DictKeysFreeListStats } from "./dict-keys-free-list";
export { DICT_KEYS_MAX_LOG2_SIZE, DictKeysFreeList, dictKeysBytes } from "./dict-keys-free-list";
export { DirectObjectAllocator } from "./direct-object-allocator";
export type { FreeListAllocatorOptions, FreeListLink } from "./free-list-allocator";
export { FreeListAllocator } from "./free-list-allocator";
export type { FreeListStatsLine, FreeListStatsSource } from "./free-list-stats";
export { formatFreeListStats } from "./free-list-stats";
export type { InternMode, InternTableOptions, InternTableStats } from "./intern-table";
export { InternTable } from "./intern-table";
export type { ObjectAllocatorOptions } from "./object-memory";
export { FREE_LIST_REFCOUNT, ObjectMemory } from "./object-memory";
export type { SingletonFactories, SingletonName, SingletonsOptions } from "./singletons";
export { SINGLETON_NAMES, Singletons } from "./singletons";
export type { SizedFreeListAllocatorOptions, SizedFreeListLink } from "./sized-free-list-allocator";
export { SizedFreeListAllocator } from "./sized-free-list-allocator";
export type { SmallIntCacheOptions } from "./small-int-cache";
export { SmallIntCache } from "./small-int-cache";
export type { TupleFreeListsOptions } from "./tuple-free-lists";
export { TupleFreeLists } from "./tuple-free-lists";
