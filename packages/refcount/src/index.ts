export { AddressStack } from "./address-stack";
export type { RefcountCounters } from "./base-refcount";
export { BaseRefcount, MAX_MORTAL_REFCOUNT } from "./base-refcount";
export type { RefcountConfig } from "./config";
export {
  BITMAP_GRANULE,
  BITMAP_GRANULE_SHIFT,
  BITMAP_WORD_BITS,
  BITMAP_WORD_SPAN,
  DEFAULT_REFCOUNT_CONFIG,
  MAX_STACK_ENTRIES,
  resolveRefcountConfig,
  validateRefcountConfig,
} from "./config";
export { DeferredRefcount } from "./deferred-refcount";
export { ImmediateRefcount } from "./immediate-refcount";
export { ObjectStates } from "./object-states";
export type { DeallocationListener, RefcountOptions, UnraisableHandler } from "./refcount-options";
export { printUnraisable } from "./refcount-options";
export type { WeakrefLayout } from "./weakref-layout";
export { WEAKREF_FIELD_COUNT, weakrefLayout } from "./weakref-layout";
export type { CallbackErrorHandler, WeakrefCallback, WeakrefTableOptions } from "./weakref-table";
export { printCallbackError, WeakrefTable } from "./weakref-table";
export type { WeakrefTypeOptions } from "./weakref-type";
export { weakrefType } from "./weakref-type";
