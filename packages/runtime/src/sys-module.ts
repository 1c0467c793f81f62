/**
 * The parts of Python's `sys` module that look at memory: `getrefcount`, `getsizeof`,
 * `intern`, `getallocatedblocks` and `_debugmallocstats`.
 *
 * ```
 *  sys.getrefcount(x)     refcount + 1 (the argument's own reference, as in CPython)
 *  sys.getsizeof(x)       the type's size function (GC header included), CPython 3.11 values
 *  sys._debugmallocstats() pymalloc's report + the free-list lines, as text
 * ```
 *
 * @module
 */
import type { Allocator } from "@pymem/core";
import { type FreeListStatsSource, formatFreeListStats } from "@pymem/object-allocators";
import { formatDebugMallocStats, PymallocAllocator } from "@pymem/pymalloc";
import { PyObject, type PyValue } from "./handles/py-object";
import type { PyStr } from "./handles/py-str";
import { PythonError } from "./python-error";
import type { RuntimeCore } from "./runtime-core";

/**
 * Python's `sys` memory functions over one runtime.
 * @example
 * ```ts
 * rt.sys.getsizeof([]);        // 56
 * rt.sys.getsizeof("a");       // 50
 * console.log(rt.sys._debugmallocstats());
 * ```
 */
export class SysModule {
  private readonly core: RuntimeCore;
  private readonly domain: Allocator;

  /** Use `rt.sys`. */
  constructor(core: RuntimeCore, domain: Allocator) {
    this.core = core;
    this.domain = domain;
  }

  /**
   * `sys.getrefcount(x)`: the object's reference count plus one for the argument, as CPython
   * reports it (an immortal object reports its fixed count). A JS value is converted to a
   * temporary object whose one reference is the argument's (`getrefcount([])` is 1, as in CPython).
   */
  getrefcount(obj: PyValue): number {
    const core = this.core;
    return core.withRef(obj, (ref) => {
      const rc = core.space.refcount;
      const n = rc.refcount(ref);
      if (rc.isImmortal(ref)) return core.space.immortality.reportedRefcount;
      // A temporary made for a JS value holds one reference: it plays the argument's.
      return obj instanceof PyObject ? n + 1 : n;
    });
  }

  /**
   * `sys.getsizeof(x)`: bytes of the object as CPython 3.11 (64-bit) reports them: the
   * type's size function plus the GC header for containers.
   */
  getsizeof(obj: PyValue): number {
    return this.core.withRef(obj, (ref) => this.core.space.kindOf(ref).sizeOf(ref));
  }

  /**
   * `sys.intern(s)`: the interned str equal to `s`, as an owned handle.
   * @throws PythonError TypeError when `s` is not a str
   */
  intern(s: PyStr | string): PyStr {
    const core = this.core;
    if (typeof s === "string") return core.own(core.intern(s)) as PyStr;
    if (core.space.typeId(s.address) !== core.space.ids.str) {
      throw new PythonError("TypeError", `intern() argument must be str, not ${s.typeName}`);
    }
    return core.own(core.internObject(s.address)) as PyStr;
  }

  /** `sys.getallocatedblocks()`: blocks currently allocated in the object domain. */
  getallocatedblocks(): number {
    return this.domain.stats().blocksInUse;
  }

  /**
   * `sys._debugmallocstats()`: CPython 3.11's text, line for line, returned here instead of
   * written to stderr — pymalloc's arena, pool and size-class report and a blank line (as
   * `sys._debugmallocstats` adds after it), then the free-list lines. When the object domain
   * is not pymalloc (debug hooks over pymalloc still are), only the free-list lines remain, as
   * CPython prints under `PYTHONMALLOC=malloc`.
   */
  _debugmallocstats(): string {
    const core = this.core;
    const pymalloc = pymallocUnder(this.domain);
    const out = pymalloc === null ? "" : `${formatDebugMallocStats(pymalloc.stats())}\n`;
    const ids = core.space.ids;
    const sources: FreeListStatsSource[] = [];
    for (const id of [ids.dict, ids.float, ids.list, ids.tuple]) {
      const allocator = core.space.allocators[id] as Partial<FreeListStatsSource> | undefined;
      if (allocator !== undefined && typeof allocator.freeListStats === "function") {
        sources.push(allocator as FreeListStatsSource);
      }
    }
    return out + formatFreeListStats(sources);
  }

  /** The reference count of `obj` without the argument's (Py_REFCNT). */
  refcountOf(obj: PyObject): number {
    return this.core.space.refcount.refcount(obj.address);
  }
}

/** The pymalloc allocator `domain` is, or wraps (debug hooks, tracing), or null. */
function pymallocUnder(domain: Allocator): PymallocAllocator | null {
  let a: Allocator | undefined = domain;
  for (let depth = 0; a !== undefined && depth < 8; depth++) {
    if (a instanceof PymallocAllocator) return a;
    a = (a as { inner?: Allocator }).inner;
  }
  return null;
}
