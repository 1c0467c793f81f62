export type { AccountingReport } from "./accounting";
export { accountReachable } from "./accounting";
export {
  registerStrategy,
  strategies,
  strategyNames,
  unregisterStrategy,
} from "./builtin-strategies";
export type {
  BuiltinTypeEntry,
  FreeListContext,
  FreeListPolicy,
  HandleConstructor,
} from "./builtin-type";
export { builtinType, directAllocation, limitedFreeList } from "./builtin-type";
export type { BuiltinTypeMap, BuiltinTypes, BuiltinTypeTable } from "./builtin-types";
export { BUILTIN_TYPES } from "./builtin-types";
export type { RuntimeConfig } from "./config";
export {
  DEFAULT_RUNTIME_CONFIG,
  MAX_FREE_LIST_LIMIT,
  MAX_SHARED_KEYS_SIZE,
  MAX_SMALL_INT_COUNT,
  MAX_TUPLE_SAVE_SIZE,
  resolveRuntimeConfig,
} from "./config";
export type { AllocatorStack } from "./create-runtime";
export { createAllocatorStack, createRuntime } from "./create-runtime";
export type { FieldKind, FieldSpec, TypeDefinition, TypeSpec } from "./define-type";
export { defineType } from "./define-type";
export { Frame } from "./frame";
export type { FunctionBody } from "./function";
export { PyFunction } from "./function";
export type { ObjectRef } from "./gc-facade";
export { RuntimeGc } from "./gc-facade";
export { HandleTable } from "./handle-table";
export { PyBytes } from "./handles/py-bytes";
export type { ClassOptions } from "./handles/py-class";
export { PyClass } from "./handles/py-class";
export { PyDict } from "./handles/py-dict";
export { PyFloat } from "./handles/py-float";
export { PyInstance } from "./handles/py-instance";
export { PyBool, PyInt } from "./handles/py-int";
export { PyList } from "./handles/py-list";
export type { HandleClass, PyValue } from "./handles/py-object";
export { PyObject } from "./handles/py-object";
export { PySet } from "./handles/py-set";
export { PyStr } from "./handles/py-str";
export { PyStruct } from "./handles/py-struct";
export { PyStructType } from "./handles/py-struct-type";
export { PyTuple } from "./handles/py-tuple";
export { PyWeakref } from "./handles/py-weakref";
export {
  FNV_OFFSET,
  FNV_PRIME,
  HASH_INF,
  HASH_MODULUS,
  hashBigInt,
  hashFloat,
  hashInteger,
  hashString,
  XXPRIME_1,
  XXPRIME_2,
  XXPRIME_5,
} from "./hash";
export type {
  CountedStaticsFigures,
  ImmortalityOption,
  ImmortalityStrategy,
  SingletonRole,
} from "./immortality";
export {
  CountedStatics,
  CPYTHON311_STATIC_COUNTS,
  ImmortalObjects,
  resolveImmortality,
} from "./immortality";
export { ObjectSerials } from "./object-serials";
export type { BuiltinTypeIds } from "./object-space";
export { ObjectSpace } from "./object-space";
export type {
  CollectorContext,
  CollectorOf,
  CollectorStrategies,
  DomainOf,
  FreeListsSlot,
  GcSlot,
  HeapContext,
  HeapSlot,
  HeapStrategies,
  ObjectAllocatorContext,
  ObjectDomainContext,
  ObjectDomainSlot,
  ObjectDomainStrategies,
  PagesContext,
  PagesSlot,
  PagesStrategies,
  PartsOf,
  RawContext,
  RawOf,
  RawSlot,
  RawStrategies,
  RefcountContext,
  RefcountOf,
  RefcountSlot,
  RefcountStrategies,
  RegisteredStrategyName,
  RuntimeOptions,
  RuntimeParts,
  StrategyOf,
  UnraisableHook,
} from "./options";
export type { PresetName } from "./presets/all";
export { presets } from "./presets/all";
export { classic } from "./presets/classic";
export { cpython311 } from "./presets/cpython311";
export { cpython312 } from "./presets/cpython312";
export { cpython313 } from "./presets/cpython313";
export { cpython314 } from "./presets/cpython314";
export { cpython314_5 } from "./presets/cpython314-5";
export { minimal } from "./presets/minimal";
export type { PythonExceptionName } from "./python-error";
export { PythonError } from "./python-error";
export type { AllocatorFactory, RuntimeStats } from "./runtime";
export { Runtime } from "./runtime";
export { RuntimeClosedError } from "./runtime-closed-error";
export { RuntimeCore } from "./runtime-core";
export type { BlockVisit, JsValue, RuntimeType, TypeContext, TypeKind } from "./runtime-type";
export { BaseType } from "./runtime-type";
export type {
  RegisterStrategyOptions,
  StrategyEntry,
  StrategyFactory,
  StrategySlot,
  StrategySlots,
} from "./strategy-registry";
export { STRATEGY_SLOTS, StrategyRegistry } from "./strategy-registry";
export { SysModule } from "./sys-module";
export type { Statistic, StatisticDiff, Trace, TraceKey } from "./tracemalloc";
export { formatStatistic, Snapshot, Tracemalloc } from "./tracemalloc";
export { TracingAllocator } from "./tracing-allocator";
export { BytesType } from "./types/bytes-type";
export type { KeysMemory } from "./types/dict-type";
export {
  calculateLog2KeySize,
  DICT_KEYS_GENERAL,
  DICT_KEYS_UNICODE,
  DICT_LOG_MAX_PRESIZE,
  DICT_LOG_MINSIZE,
  DICT_MINSIZE,
  DictType,
  DKIX_DUMMY,
  DKIX_EMPTY,
  estimateLog2KeySize,
  PERTURB_SHIFT,
  usableFraction,
} from "./types/dict-type";
export { FloatType, formatFloat } from "./types/float-type";
export type { InstanceHost } from "./types/instance-type";
export { InstanceType, MANAGED_DICT_PREHEADER } from "./types/instance-type";
export { BoolType, DIGIT_BYTES, IntType, PYLONG_BASE, PYLONG_MASK, PYLONG_SHIFT } from "./types/int-type";
export { displayCapacity, ListType, STACK_USE_GUIDELINE } from "./types/list-type";
export { NoneType } from "./types/none-type";
export { SET_DUMMY, SET_LINEAR_PROBES, SET_MINSIZE, SET_PERTURB_SHIFT, SetType } from "./types/set-type";
export {
  MAX_UCS1,
  MAX_UCS2,
  reprString,
  SSTATE_INTERNED_IMMORTAL,
  SSTATE_INTERNED_MORTAL,
  SSTATE_NOT_INTERNED,
  StrType,
} from "./types/str-type";
export type { FieldLayout } from "./types/struct-type";
export { StructType } from "./types/struct-type";
export { TupleType } from "./types/tuple-type";
export { WeakrefKind } from "./types/weakref-kind";
export { CONVERSION_DEPTH_LIMIT, checkConvertible, describeJsValue } from "./value-check";
