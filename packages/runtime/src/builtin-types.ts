/**
 * The builtin types of every runtime, one entry each, in registration order (which fixes
 * their type ids). Adding a builtin type is its own files — the type (types/), its handle
 * class (handles/) — plus one line here; another package registers its types with the same
 * entries through `createRuntime({ builtinTypes })` or `rt.addBuiltinType`.
 *
 * ```
 *  name   type        handle    free list (when free lists are on)
 *  none   NoneType    PyObject  -
 *  int    IntType     PyInt     -
 *  bool   BoolType    PyBool    -
 *  float  FloatType   PyFloat   floatFreeList (100)
 *  str    StrType     PyStr     -
 *  bytes  BytesType   PyBytes   -
 *  tuple  TupleType   PyTuple   one per length 1..tupleMaxSaveSize (always: it sizes items)
 *  list   ListType    PyList    listFreeList (80)
 *  dict   DictType    PyDict    dictFreeList (80)
 *  set    SetType     PySet     -
 * ```
 *
 * The weak reference type is not here: the weak reference table registers it (see
 * `RuntimeCore.adoptWeakrefs`).
 *
 * @module
 */
import { TupleFreeLists } from "@pymem/object-allocators";
import { builtinType, type FreeListPolicy, limitedFreeList } from "./builtin-type";
import { PyBytes } from "./handles/py-bytes";
import { PyDict } from "./handles/py-dict";
import { PyFloat } from "./handles/py-float";
import { PyBool, PyInt } from "./handles/py-int";
import { PyList } from "./handles/py-list";
import { PyObject } from "./handles/py-object";
import { PySet } from "./handles/py-set";
import { PyStr } from "./handles/py-str";
import { PyTuple } from "./handles/py-tuple";
import { BytesType } from "./types/bytes-type";
import { DictType } from "./types/dict-type";
import { FloatType } from "./types/float-type";
import { BoolType, IntType } from "./types/int-type";
import { ListType } from "./types/list-type";
import { NoneType } from "./types/none-type";
import { SetType } from "./types/set-type";
import { StrType } from "./types/str-type";
import { TupleType } from "./types/tuple-type";
import type { WeakrefKind } from "./types/weakref-kind";

/** Tuples always use their per-length free lists, which sizes their items (limit 0 when off). */
const tupleFreeLists: FreeListPolicy = (ctx) =>
  new TupleFreeLists({
    domain: ctx.domain,
    types: ctx.types,
    typeId: ctx.typeId,
    layout: ctx.layout,
    checked: ctx.checked,
    refcount: ctx.refcount,
    limit: ctx.enabled ? ctx.config.tupleFreeList : 0,
    maxSaveSize: ctx.config.tupleMaxSaveSize,
  });

/** The builtin type table. */
export const BUILTIN_TYPES = [
  builtinType({ name: "none", create: (s) => new NoneType(s), handle: PyObject }),
  builtinType({ name: "int", create: (s) => new IntType(s), handle: PyInt }),
  builtinType({ name: "bool", create: (s) => new BoolType(s), handle: PyBool }),
  builtinType({
    name: "float",
    create: (s) => new FloatType(s),
    handle: PyFloat,
    freeList: limitedFreeList((c) => c.floatFreeList),
  }),
  builtinType({ name: "str", create: (s) => new StrType(s), handle: PyStr }),
  builtinType({ name: "bytes", create: (s) => new BytesType(s), handle: PyBytes }),
  builtinType({ name: "tuple", create: (s) => new TupleType(s), handle: PyTuple, freeList: tupleFreeLists }),
  builtinType({
    name: "list",
    create: (s) => new ListType(s),
    handle: PyList,
    freeList: limitedFreeList((c) => c.listFreeList),
  }),
  builtinType({
    name: "dict",
    create: (s) => new DictType(s),
    handle: PyDict,
    freeList: limitedFreeList((c) => c.dictFreeList),
  }),
  builtinType({ name: "set", create: (s) => new SetType(s), handle: PySet }),
] as const;

/** The runtime types of the table, by name. */
export type BuiltinTypeTable = {
  [E in (typeof BUILTIN_TYPES)[number] as E["name"]]: ReturnType<E["create"]>;
};

/**
 * Builtin types that other packages add, by name: empty here, extended by declaration merging
 * by a package that registers types of its own (which also gives them a field in
 * `BuiltinTypeIds` and a typed `core.builtin(name)`):
 *
 * ```ts
 * declare module "@pymem/runtime" {
 *   interface BuiltinTypes { function: FunctionType }
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: extended by other packages through declaration merging
export interface BuiltinTypes {}

/**
 * Every builtin type of a runtime by name, as `core.builtin(name)` returns it: the table's,
 * the weak reference type (registered by the weak reference table), and those other packages
 * added to {@link BuiltinTypes}.
 */
export type BuiltinTypeMap = BuiltinTypeTable & { weakref: WeakrefKind } & BuiltinTypes;
