/**
 * `rt.gc`: @pymem/gc-generational's `GcModule` (Python's `gc` names over any collector),
 * taking handles as well as addresses, and turning addresses back into handles.
 *
 * ```
 *  rt.gc.collect()             -> collected + uncollectable, as CPython's gc.collect()
 *  rt.gc.get_threshold()       -> [700, 10, 10]
 *  rt.gc.get_count()           -> [count0, count1, count2]
 *  rt.gc.is_tracked(handle)    -> whether the collector tracks the object
 *  rt.gc.objects(rt.gc.garbage) -> borrowed handles
 * ```
 *
 * @module
 */
import type { Address } from "@pymem/core";
import { GcModule, type GcModuleOptions } from "@pymem/gc-generational";
import { PyObject } from "./handles/py-object";
import type { RuntimeCore } from "./runtime-core";
import { checkThresholds, thresholdCount } from "./threshold-rule";

/** An object given by handle or by address. */
export type ObjectRef = PyObject | Address;

function addressOf(obj: ObjectRef): Address {
  return obj instanceof PyObject ? obj.address : obj;
}

/**
 * Python's `gc` module of one runtime.
 * @example
 * ```ts
 * rt.gc.disable();
 * // ... build and drop a cycle ...
 * rt.gc.collect(); // 2
 * rt.gc.enable();
 * ```
 */
export class RuntimeGc extends GcModule {
  private readonly core: RuntimeCore;

  /** Use `rt.gc`. */
  constructor(options: GcModuleOptions, core: RuntimeCore) {
    super(options);
    this.core = core;
  }

  /**
   * `gc.collect(generation)`. A full collection (generation 2) also empties the free lists,
   * as CPython 3.11 does; collectors with fewer generations run their own full collection.
   * @returns unreachable objects found (collected + uncollectable)
   */
  override collect(generation = 2): number {
    const found = super.collect(generation);
    if (generation === 2 && this.collector.generationCount < 3) this.core.clearFreeLists();
    return found;
  }

  /**
   * `gc.set_threshold(threshold0, [threshold1, [threshold2]])`, by the rule `createRuntime`'s
   * `gcThresholds` follows: 1 to N C ints for a collector of N generations (none for the
   * collector that never collects), omitted ones kept.
   * @throws ConfigurationError for more values than the collector has generations, or a value
   *   that is not a C int; the thresholds are then unchanged
   */
  override set_threshold(threshold0: number, ...rest: number[]): void {
    const c = this.collector;
    const values = checkThresholds([threshold0, ...rest], thresholdCount(c), "gc.set_threshold", c.name);
    super.set_threshold(values[0]!, ...values.slice(1));
  }

  /** Whether the object is tracked (false for atomic objects). */
  override is_tracked(obj: ObjectRef): boolean {
    return super.is_tracked(addressOf(obj));
  }

  /** Whether the collector already ran the object's finalizer. */
  override is_finalized(obj: ObjectRef): boolean {
    return super.is_finalized(addressOf(obj));
  }

  /** Tracked objects that refer directly to any of `objs` (addresses). */
  override get_referrers(...objs: ObjectRef[]): Address[] {
    return super.get_referrers(...objs.map(addressOf));
  }

  /** Objects the containers among `objs` refer to directly (addresses). */
  override get_referents(...objs: ObjectRef[]): Address[] {
    return super.get_referents(...objs.map(addressOf));
  }

  /** Borrowed handles for addresses returned by the other functions. */
  objects(addresses: readonly Address[]): PyObject[] {
    return addresses.map((a) => this.core.borrow(a));
  }
}
