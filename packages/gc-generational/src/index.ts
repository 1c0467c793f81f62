export { GcList, NEXT_POINTER_MASK, PREV_POINTER_MASK } from "@pymem/core";
export { CollectorBase } from "./collector-base";
export type { BaseCollectorOptions, ListHeadSource, UnraisableHandler } from "./collector-options";
export { allocateListHead, defaultLog } from "./collector-options";
export type { TableRareHandler, VisitMode } from "./collector-visitor";
export {
  CollectorVisitor,
  REFERENT_BUFFER_INITIAL,
  VISIT_DECREF,
  VISIT_GATHER,
  VISIT_MOVE,
  VISIT_REACHABLE,
  VISIT_TABLE_DECREF,
  VISIT_TABLE_REACHABLE,
} from "./collector-visitor";
export type { CollectorConfig } from "./config";
export {
  DEFAULT_MARK_SWEEP_GROWTH,
  DEFAULT_MARK_SWEEP_THRESHOLD,
  DEFAULT_TABLE_THRESHOLD,
  DEFAULT_THRESHOLDS,
  GC_REFS_ONE,
  GC_REFS_SHIFT,
  INCREMENTAL_THRESHOLDS,
  INITIAL_WORK_TO_DO,
  LONG_LIVED_DIVISOR,
  MAX_GC_REFS,
  MAX_THRESHOLD,
  MIN_THRESHOLD,
  NUM_GENERATIONS,
  OLDEST_GENERATION,
  SCAN_RATE_DIVISOR,
  TABLE_ALWAYS_ENTRIES,
  TABLE_MAX_ENTRIES,
  TABLE_MAX_SPREAD,
  validateCollectorConfig,
  validateThreshold,
} from "./config";
export type { CollectorKind, CollectorOptions } from "./create-collector";
export { COLLECTOR_KINDS, createCollector } from "./create-collector";
export type { PipelineContext, PipelineHeads } from "./garbage-pipeline";
export { GarbagePipeline } from "./garbage-pipeline";
export type { GcModuleOptions } from "./gc-module";
export { GcModule } from "./gc-module";
export type { GenerationalCollectorOptions } from "./generational-collector";
export { GenerationalCollector } from "./generational-collector";
export { IncrementBudget } from "./increment-budget";
export type {
  IncrementalCollectorOptions,
  IncrementalPlace,
  ScavengePhase,
} from "./incremental-collector";
export { IncrementalCollector } from "./incremental-collector";
export type { MarkSweepCollectorOptions } from "./mark-sweep-collector";
export { MarkSweepCollector } from "./mark-sweep-collector";
export type { NoCollectorOptions, NoCollectorStats } from "./no-collector";
export { NoCollector } from "./no-collector";
export type { OldSpace } from "./old-space";
export { OldSpaceFlags } from "./old-space";
export { Reachability } from "./reachability";
export {
  T_CLEAR,
  T_CONTAINER,
  T_FINALIZE,
  T_LEGACY_FINALIZER,
  T_REGISTERED,
  T_UNTRACK_EVERY,
  T_UNTRACK_FULL,
  T_WEAKREFABLE,
  TypeTable,
} from "./type-table";
export type { UntrackRule, UntrackRules, UntrackWhen } from "./untrack-rule";
