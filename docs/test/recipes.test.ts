// The recipes of docs/architecture.md, followed from outside the packages: a raw allocator
// registered by a plugin module, a cycle collector and a builtin type registered by a user.
// Each is then selected by name (or type table entry) and runs real programs.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Address, Decref, Visit } from "@pymem/core";
import * as core from "@pymem/core";
import { type BaseCollectorOptions, CollectorBase } from "@pymem/gc-generational";
import * as pymalloc from "@pymem/pymalloc";
import * as rawAllocator from "@pymem/raw-allocator";
import * as runtime from "@pymem/runtime";
import {
  BaseType,
  builtinType,
  createRuntime,
  type ObjectSpace,
  PyList,
  PyObject,
  registerStrategy,
  strategyNames,
  unregisterStrategy,
} from "@pymem/runtime";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

// ---- a raw allocator, by a plugin -------------------------------------------------------------

describe("recipe: a raw allocator", () => {
  afterAll(() => unregisterStrategy("raw", "buddy"));

  it("a plugin registers it; createRuntime selects it by name and every large block comes from it", async () => {
    const plugin = (await import(
      pathToFileURL(join(ROOT, "apps/cli/test/fixtures/buddy-plugin.mjs")).href
    )) as { default: (api: object) => void };
    plugin.default({ registerStrategy, strategyNames, core, rawAllocator, pymalloc, runtime });
    expect(strategyNames("raw")).toEqual(["tlsf", "first-fit", "buddy"]);

    const rt = createRuntime({ raw: "buddy" });
    expect(rt.parts.raw.name).toBe("buddy");
    const big = rt.bytes(new Uint8Array(4000)); // above 512 bytes: pymalloc hands it to the raw domain
    expect(rt.parts.raw.owns(big.address)).toBe(true);
    expect(rt.parts.raw.usableSize(big.address)).toBe(4096); // the buddy block of order 12
    const f = rt.frame();
    f.set("xs", rt.list([1.5, "text", [1, 2, 3]]));
    expect(rt.core.repr(f.get("xs").address)).toBe("[1.5, 'text', [1, 2, 3]]");
    const address = big.address;
    big.release();
    expect(rt.parts.raw.owns(address)).toBe(false);

    const minimal = createRuntime({ raw: "buddy", objectDomain: "raw", freeLists: false, gc: "none" });
    const list = minimal.list([1, 2, 3]);
    expect(minimal.parts.objectDomain.owns(list.address - 16)).toBe(true); // the GC header starts the block
    expect(minimal.sys.getsizeof(list)).toBe(88);
  });
});

// ---- a cycle collector ------------------------------------------------------------------------

/** One generation, CPython's reference-count subtraction (CollectorBase's example). */
class OneGenerationCollector extends CollectorBase {
  readonly name = "one-generation";

  constructor(options: BaseCollectorOptions, threshold: number) {
    super(options, 1, [threshold]);
  }

  onAllocate(): void {
    if (++this.counts[0]! > this.thresholds[0]! && this.enabled && !this.collecting) {
      this.collecting = true;
      try {
        this.collectWithCallbacks(0);
      } finally {
        this.collecting = false;
      }
    }
  }

  protected collectMain(generation: number, t1: number): void {
    this.counts[0] = 0;
    this.lists.init(this.unreachableHead);
    this.reachability.deduceUnreachable(this.generationHeads[0]!, this.unreachableHead);
    this.processUnreachable(this.unreachableHead, this.generationHeads[0]!, generation, t1);
  }
}

describe("recipe: a cycle collector", () => {
  afterAll(() => unregisterStrategy("gc", "one-generation"));

  it("registered by name, it collects cycles and fills the gc module's state", () => {
    registerStrategy("gc", "one-generation", (ctx) => {
      const { thresholds, onUnraisable, roots: _roots, ...options } = ctx;
      return new OneGenerationCollector(
        onUnraisable === undefined ? options : { ...options, onUnraisable },
        thresholds?.[0] ?? 700,
      );
    });
    const rt = createRuntime({ gc: "one-generation", gcThresholds: [50] });
    expect(rt.parts.collector.name).toBe("one-generation");
    const f = rt.frame();
    f.set("a", rt.list());
    f.get("a", PyList).append(f.get("a")); // a.append(a)
    f.del("a");
    rt.gc.disable();
    expect(rt.gc.collect()).toBe(1);
    expect(rt.gc.get_stats()).toEqual([{ collections: 1, collected: 1, uncollectable: 0 }]);
    expect(rt.gc.get_threshold()).toEqual([50]);
    rt.gc.enable();
    // Automatic collections once more than 50 containers were allocated since the last one.
    for (let i = 0; i < 120; i++) rt.list();
    expect(rt.gc.get_stats()[0]!.collections).toBe(3);
  });
});

// ---- a builtin type ---------------------------------------------------------------------------

/**
 * CPython's cell (Objects/cellobject.c): one reference, `ob_ref`, a GC container.
 *
 * ```
 *  obj-16  gc_next / gc_prev
 *  obj+0   ob_refcnt
 *  obj+8   ob_type
 *  obj+16  ob_ref     (may be NULL: an empty cell)
 *  obj+24
 * ```
 */
class CellType extends BaseType {
  readonly kind = "cell";
  readonly name = "cell";
  readonly basicSize: number;
  readonly itemSize = 0;
  readonly isContainer = true;
  private readonly refOffset: number;
  private readonly space: ObjectSpace;

  constructor(space: ObjectSpace) {
    super();
    this.space = space;
    this.refOffset = space.layout.headerSize;
    this.basicSize = space.layout.headerSize + space.w;
    this.gcBytes = space.layout.gcHeaderSize;
  }

  /** A new cell holding `ref` (a new reference it steals), tracked. */
  create(ref: Address): Address {
    const obj = this.space.newObject(this.typeId);
    this.space.setWord(obj + this.refOffset, ref);
    this.space.track(obj);
    return obj;
  }

  contents(obj: Address): Address {
    return this.space.word(obj + this.refOffset);
  }

  override traverse(obj: Address, visit: Visit): void {
    const ref = this.contents(obj);
    if (ref !== 0) visit(ref);
  }

  clear(obj: Address, decref: Decref = (o) => this.space.decref(o)): void {
    const ref = this.contents(obj);
    if (ref === 0) return;
    this.space.setWord(obj + this.refOffset, 0);
    decref(ref);
  }

  dealloc(obj: Address, decref: Decref): void {
    const ref = this.contents(obj);
    if (ref !== 0) decref(ref);
    this.space.releaseObject(obj, this.typeId);
  }

  sizeOf(_obj: Address): number {
    return this.basicSize + this.gcBytes;
  }
}

/** Its handle: `cell_contents`. */
class PyCell extends PyObject {
  get contents(): PyObject {
    const core = this.runtimeCore;
    return core.borrow((core.builtin("cell") as CellType).contents(this.address));
  }
}

declare module "@pymem/runtime" {
  interface BuiltinTypes {
    cell: CellType;
  }
}

const CELL = builtinType({ name: "cell", create: (space) => new CellType(space), handle: PyCell });

describe("recipe: a builtin type", () => {
  it("one entry gives it a type id, a handle class and an allocator; its cycles are collected", () => {
    const rt = createRuntime({ builtinTypes: [CELL] });
    const cells = rt.core.builtin("cell");
    expect(rt.core.space.ids.cell).toBe(cells.typeId);
    const f = rt.frame();
    f.set("x", rt.list([1, 2]));
    const cell = rt.core.own(cells.create(rt.core.newRef(f.get("x")))) as PyCell;
    expect(cell).toBeInstanceOf(PyCell);
    expect(cell.contents.toJS()).toEqual([1, 2]);
    expect(rt.sys.getsizeof(cell)).toBe(40); // CPython 3.11: sys.getsizeof of a cell
    expect(rt.gc.is_tracked(cell)).toBe(true);
    // x.append(cell); del x; del cell: a cycle only the collector frees.
    f.get("x", PyList).append(cell);
    f.del("x");
    cell.release();
    expect(rt.gc.collect()).toBe(2);
    expect(rt.parts.refcount.deallocations).toBeGreaterThan(0);
  });

  it("can be added to a runtime that exists, with its free-list policy", () => {
    const rt = createRuntime();
    const cells = rt.addBuiltinType(CELL);
    expect(rt.core.builtin("cell")).toBe(cells);
    const before = rt.core.space.allocators[cells.typeId]!.stats();
    const obj = cells.create(rt.core.newRef(null));
    rt.core.space.decref(obj);
    expect(rt.core.space.allocators[cells.typeId]!.stats().misses).toBe(before.misses + 1);
    expect(() => rt.addBuiltinType(CELL)).toThrow(core.ConfigurationError);
  });
});
