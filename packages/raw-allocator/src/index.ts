export { BasePageProvider, MAX_MAPPING_ALIGNMENT } from "./base-page-provider";
export {
  ALIGNMENT,
  ALIGNMENT_SHIFT,
  blockSizeFor,
  FREE_BIT,
  HEADER_BYTES,
  LARGE_BIT,
  MAX_REQUEST,
  MIN_BLOCK_BYTES,
  PAYLOAD_OFFSET,
  PREV_FREE_BIT,
  SIZE_MASK,
} from "./block";
export type { RawAllocatorStats } from "./boundary-tag-allocator";
export { BoundaryTagAllocator } from "./boundary-tag-allocator";
export { BumpPageProvider } from "./bump-page-provider";
export type {
  PageProviderOptions,
  RawAllocatorOptions,
  ResolvedAllocatorConfig,
  ResolvedPageProviderConfig,
} from "./config";
export {
  checkAllocatorConfig,
  checkPageProviderConfig,
  DEFAULT_LARGE_THRESHOLD,
  DEFAULT_PAGE_SIZE,
  DEFAULT_REGION_SIZE,
  DEFAULT_RETAIN_EMPTY_REGIONS,
  MAX_PAGE_SIZE,
  MAX_REGION_SIZE,
  MIN_PAGE_SIZE,
  REGION_OVERHEAD_BYTES,
} from "./config";
export { FirstFitAllocator } from "./first-fit-allocator";
export { HeapPageProvider } from "./heap-page-provider";
export type { MappedRange } from "./mapping-table";
export { MappingTable } from "./mapping-table";
export {
  growGranuleBits,
  growPageKinds,
  PAGE_LARGE,
  PAGE_NONE,
  PAGE_REGION,
  PAGE_REGION_START,
} from "./side-tables";
export {
  TLSF_FL_COUNT,
  TLSF_SL_BITS,
  TLSF_SL_COUNT,
  TLSF_SMALL_BLOCK,
  TlsfAllocator,
  tlsfListIndex,
} from "./tlsf-allocator";
