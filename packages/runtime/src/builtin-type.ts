/**
 * What a builtin type is to the runtime: one entry holding everything composition needs —
 * how to make the type over an object space (its layout, `TypeInfo` and Python-level
 * behaviour), the handle class that represents its instances, and its free-list policy.
 * The builtin types are a table of such entries (builtin-types.ts); another package adds its
 * own types with the same entries, at composition (`createRuntime({ builtinTypes })`) or
 * later (`rt.addBuiltinType(entry)`).
 *
 * ```
 *  BuiltinTypeEntry                      registration (RuntimeCore.registerBuiltin)
 *   name      "float"                    space.ids.float = id      core.builtin("float")
 *   create    (space, core) => type      space.register(type)      (TypeRegistry + kinds[id])
 *   handle    PyFloat                    core.handleClasses[id] = PyFloat   (borrow / own)
 *   freeList  limitedFreeList(c => c.floatFreeList)
 *                                        the type's ObjectAllocator: free list when free lists
 *                                        are on, straight to the object domain when off
 * ```
 *
 * @module
 */
import type { Allocator, ObjectAllocator, ObjectLayout, RefcountStrategy, TypeRegistry } from "@pymem/core";
import { DirectObjectAllocator, FreeListAllocator } from "@pymem/object-allocators";
import type { RuntimeConfig } from "./config";
import type { HandleClass, PyObject } from "./handles/py-object";
import type { ObjectSpace } from "./object-space";
import type { RuntimeCore } from "./runtime-core";
import type { RuntimeType } from "./runtime-type";

/** What a free-list policy receives, once per type, when the runtime's free lists are on or off. */
export interface FreeListContext {
  /** The (traced) object domain. */
  readonly domain: Allocator;
  /** The type registry. */
  readonly types: TypeRegistry;
  /** Id of the type. */
  readonly typeId: number;
  /** The object layout. */
  readonly layout: ObjectLayout;
  /** The refcount strategy (for allocators that hold references, as tuple's). */
  readonly refcount: RefcountStrategy;
  /** Whether misuse checks are on. */
  readonly checked: boolean;
  /** Whether the runtime's free lists are on (`freeLists: true`). */
  readonly enabled: boolean;
  /** Object-model tunables (the free-list limits). */
  readonly config: RuntimeConfig;
}

/** Makes a type's object allocator, given whether free lists are on. */
export type FreeListPolicy = (ctx: FreeListContext) => ObjectAllocator;

/**
 * The policy of the types without a free list: straight to the object domain.
 * @example directAllocation({ ...ctx }).name // "direct"
 */
export const directAllocation: FreeListPolicy = (ctx) =>
  new DirectObjectAllocator({
    domain: ctx.domain,
    types: ctx.types,
    typeId: ctx.typeId,
    layout: ctx.layout,
    checked: ctx.checked,
  });

/**
 * A free list of at most `limit(config)` objects when free lists are on (CPython's float,
 * list and dict free lists), direct allocation when they are off.
 * @example limitedFreeList((config) => config.floatFreeList)
 */
export function limitedFreeList(limit: (config: RuntimeConfig) => number): FreeListPolicy {
  return (ctx) =>
    ctx.enabled
      ? new FreeListAllocator({
          domain: ctx.domain,
          types: ctx.types,
          typeId: ctx.typeId,
          layout: ctx.layout,
          checked: ctx.checked,
          limit: limit(ctx.config),
        })
      : directAllocation(ctx);
}

/** A handle class: what `rt.wrap(obj)` and the constructors return for instances of a type. */
export type HandleConstructor = new (core: RuntimeCore, address: number, slot: number) => PyObject;

/** One builtin type: everything the runtime needs to add it. */
export interface BuiltinTypeEntry<T extends RuntimeType = RuntimeType, N extends string = string> {
  /** Its key: `space.ids[name]` holds its type id, `core.builtin(name)` returns it. */
  readonly name: N;
  /** Makes the type over the object space (called once per runtime, before registration). */
  readonly create: (space: ObjectSpace, core: RuntimeCore) => T;
  /** The handle class of its instances (PyObject for a type without a handle of its own). */
  readonly handle: HandleConstructor | HandleClass<PyObject>;
  /**
   * How its object allocator is made.
   * @defaultValue {@link directAllocation}
   */
  readonly freeList?: FreeListPolicy;
}

/**
 * Declares a builtin type entry (a typed identity: it checks the entry and keeps `T`).
 * @example
 * ```ts
 * const FLOAT = builtinType({ name: "float", create: (s) => new FloatType(s), handle: PyFloat,
 *                             freeList: limitedFreeList((c) => c.floatFreeList) });
 * ```
 */
export function builtinType<T extends RuntimeType, const N extends string>(
  entry: BuiltinTypeEntry<T, N>,
): BuiltinTypeEntry<T, N> {
  return entry;
}
