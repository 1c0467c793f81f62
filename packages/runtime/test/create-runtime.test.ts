import {
  type Address,
  type Allocator,
  type AllocatorStats,
  ArrayBufferHeap,
  ConfigurationError,
  type CycleCollector,
  type Heap,
  LAYOUT_COMPACT,
  type ObjectAllocator,
  type ObjectAllocatorStats,
  type PageProvider,
  type PageProviderStats,
  type RefcountStrategy,
  type WeakrefSupport,
} from "@pymem/core";
import { GenerationalCollector, MarkSweepCollector, NoCollector } from "@pymem/gc-generational";
import { DirectObjectAllocator } from "@pymem/object-allocators";
import { PymallocAllocator } from "@pymem/pymalloc";
import { BumpPageProvider, FirstFitAllocator, HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { DeferredRefcount, ImmediateRefcount } from "@pymem/refcount";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createRuntime, PyInstance, PyList, presets, TracingAllocator } from "../src/index";

// A user's own classes, one per slot, each implementing the slot's interface itself (by
// delegating the work and counting the calls), as an application's instrumentation would.

class UserPages implements PageProvider {
  maps = 0;
  constructor(private readonly inner: PageProvider) {}
  get heap(): Heap {
    return this.inner.heap;
  }
  get pageSize(): number {
    return this.inner.pageSize;
  }
  map(bytes: number, alignment?: number): Address {
    this.maps++;
    return this.inner.map(bytes, alignment);
  }
  unmap(address: Address, bytes: number): void {
    this.inner.unmap(address, bytes);
  }
  mappingSize(address: Address): number {
    return this.inner.mappingSize(address);
  }
  stats(): PageProviderStats {
    return this.inner.stats();
  }
}

class UserMalloc implements Allocator {
  mallocs = 0;
  frees = 0;
  readonly name: string;
  constructor(private readonly inner: Allocator) {
    this.name = `user(${inner.name})`;
  }
  get heap(): Heap {
    return this.inner.heap;
  }
  get alignment(): number {
    return this.inner.alignment;
  }
  malloc(size: number): Address {
    this.mallocs++;
    return this.inner.malloc(size);
  }
  calloc(count: number, size: number): Address {
    this.mallocs++;
    return this.inner.calloc(count, size);
  }
  realloc(address: Address, size: number): Address {
    return this.inner.realloc(address, size);
  }
  free(address: Address): void {
    this.frees++;
    this.inner.free(address);
  }
  usableSize(address: Address): number {
    return this.inner.usableSize(address);
  }
  owns(address: Address): boolean {
    return this.inner.owns(address);
  }
  stats(): AllocatorStats {
    return { ...this.inner.stats(), name: this.name };
  }
}

class UserObjectAllocator implements ObjectAllocator {
  allocations = 0;
  constructor(private readonly inner: ObjectAllocator) {}
  get name(): string {
    return this.inner.name;
  }
  allocate(itemCount?: number): Address {
    this.allocations++;
    return this.inner.allocate(itemCount);
  }
  release(obj: Address): void {
    this.inner.release(obj);
  }
  stats(): ObjectAllocatorStats {
    return this.inner.stats();
  }
  clearFreeList(): void {
    this.inner.clearFreeList();
  }
}

class UserRefcount implements RefcountStrategy {
  decrefs = 0;
  readonly name = "user-refcount";
  constructor(private readonly inner: ImmediateRefcount) {}
  get checked(): boolean {
    return this.inner.checked;
  }
  get deallocations(): number {
    return this.inner.deallocations;
  }
  incref(obj: Address): void {
    this.inner.incref(obj);
  }
  decref(obj: Address): void {
    this.decrefs++;
    this.inner.decref(obj);
  }
  refcount(obj: Address): number {
    return this.inner.refcount(obj);
  }
  makeImmortal(obj: Address): void {
    this.inner.makeImmortal(obj);
  }
  isImmortal(obj: Address): boolean {
    return this.inner.isImmortal(obj);
  }
  flush(): void {
    this.inner.flush();
  }
  noteAllocated(obj: Address): void {
    this.inner.noteAllocated(obj);
  }
  attachCollector(collector: Pick<CycleCollector, "onDeallocate"> | null): void {
    this.inner.attachCollector(collector);
  }
  attachWeakrefs(weakrefs: WeakrefSupport | null): void {
    this.inner.attachWeakrefs(weakrefs);
  }
}

class UserCollector extends GenerationalCollector {
  collections = 0;
  override collect(generation?: number): number {
    this.collections++;
    return super.collect(generation);
  }
}

describe("createRuntime", () => {
  it("defaults to the cpython311 composition", () => {
    const rt = createRuntime();
    expect(rt.parts.raw).toBeInstanceOf(TlsfAllocator);
    expect(rt.parts.objectDomain).toBeInstanceOf(PymallocAllocator);
    expect(rt.parts.objectDomain.config.arenaSize).toBe(1 << 20);
    expect(rt.parts.refcount).toBeInstanceOf(ImmediateRefcount);
    expect(rt.parts.collector).toBeInstanceOf(GenerationalCollector);
    expect(rt.parts.traced).toBeInstanceOf(TracingAllocator);
    expect(rt.layout.name).toBe("64-bit");
    expect(rt.gc.get_threshold()).toEqual([700, 10, 10]);
    expectTypeOf(rt.parts.objectDomain).toEqualTypeOf<PymallocAllocator>();
    expectTypeOf(rt.parts.collector).toEqualTypeOf<GenerationalCollector>();
  });

  it("builds each named choice, with the parts typed accordingly", () => {
    const rt = createRuntime({
      raw: "first-fit",
      objectDomain: "raw",
      refcount: "deferred",
      gc: "mark-sweep",
      pages: "bump",
    });
    expect(rt.parts.raw).toBeInstanceOf(FirstFitAllocator);
    expect(rt.parts.objectDomain).toBe(rt.parts.raw);
    expect(rt.parts.refcount).toBeInstanceOf(DeferredRefcount);
    expect(rt.parts.collector).toBeInstanceOf(MarkSweepCollector);
    expect(rt.parts.pages).toBeInstanceOf(BumpPageProvider);
    expectTypeOf(rt.parts.raw).toEqualTypeOf<FirstFitAllocator>();
    expectTypeOf(rt.parts.objectDomain).toEqualTypeOf<FirstFitAllocator>();
    expectTypeOf(rt.parts.refcount).toEqualTypeOf<DeferredRefcount>();
    expectTypeOf(rt.parts.collector).toEqualTypeOf<MarkSweepCollector>();
    const none = createRuntime({ gc: "none" });
    expect(none.parts.collector).toBeInstanceOf(NoCollector);
    expectTypeOf(none.parts.collector).toEqualTypeOf<NoCollector>();
  });

  it("presets only pick parts, and combine with overrides", () => {
    const classic = createRuntime(presets.classic);
    expect(classic.parts.objectDomain.config.arenaSize).toBe(256 * 1024);
    expect(classic.parts.objectDomain.config.poolSize).toBe(4096);
    expect(classic.parts.objectDomain.alignment).toBe(8);
    const mixed = createRuntime({ ...presets.classic, gc: "mark-sweep" });
    expect(mixed.parts.collector).toBeInstanceOf(MarkSweepCollector);
    expect(mixed.parts.objectDomain.config.poolSize).toBe(4096);
    expectTypeOf(mixed.parts.collector).toEqualTypeOf<MarkSweepCollector>();
    const minimal = createRuntime(presets.minimal);
    expect(minimal.parts.objectDomain).toBe(minimal.parts.raw);
    expect(minimal.parts.collector).toBeInstanceOf(NoCollector);
    expect(minimal.sys._debugmallocstats()).not.toContain("PyFloatObject");
  });

  it("accepts a factory in every slot, so a user's own implementation fits", () => {
    const made: string[] = [];
    const rt = createRuntime({
      heap: new ArrayBufferHeap({ initialByteLength: 1 << 20 }),
      pages: (ctx) => {
        made.push("pages");
        return new BumpPageProvider({ heap: ctx.heap, hooks: ctx.hooks });
      },
      raw: (ctx) => {
        made.push("raw");
        return new FirstFitAllocator({ pages: ctx.pages, hooks: ctx.hooks });
      },
      objectDomain: (ctx) => {
        made.push("domain");
        return new PymallocAllocator({
          pages: ctx.pages,
          raw: ctx.raw,
          config: "classic",
          checked: ctx.checked,
        });
      },
      freeLists: (ctx): ObjectAllocator => {
        made.push(`alloc:${ctx.typeName}`);
        return new DirectObjectAllocator({
          domain: ctx.domain,
          types: ctx.types,
          typeId: ctx.typeId,
          layout: ctx.layout,
        });
      },
      refcount: (ctx) => {
        made.push("refcount");
        return new ImmediateRefcount(ctx);
      },
      gc: (ctx) => {
        made.push("gc");
        return new GenerationalCollector({ ...ctx, thresholds: [100, 10, 10] });
      },
    });
    expect(made.slice(0, 4)).toEqual(["pages", "raw", "domain", "refcount"]);
    expect(made).toContain("alloc:list");
    expect(made).toContain("alloc:tuple");
    expect(made[made.length - 1]).toBe("gc");
    expect(rt.gc.get_threshold()).toEqual([100, 10, 10]);
    expectTypeOf(rt.parts.collector).toEqualTypeOf<GenerationalCollector>();
    expectTypeOf(rt.parts.raw).toEqualTypeOf<FirstFitAllocator>();
    // The composed runtime works end to end.
    const f = rt.frame();
    f.set("a", rt.list([1, 2, 3]));
    f.get("a", PyList).append(f.get("a"));
    f.release();
    expect(rt.gc.collect()).toBe(1);
    expect(rt.tuple().is(rt.tuple())).toBe(true);
  });

  it("takes a user's own class in every slot, typed as such, and runs programs through them", () => {
    const objectAllocators: UserObjectAllocator[] = [];
    const rt = createRuntime({
      pages: (ctx) => new UserPages(new HeapPageProvider({ heap: ctx.heap, hooks: ctx.hooks })),
      raw: (ctx) => new UserMalloc(new TlsfAllocator({ pages: ctx.pages, hooks: ctx.hooks })),
      objectDomain: (ctx) =>
        new UserMalloc(new PymallocAllocator({ pages: ctx.pages, raw: ctx.raw, config: "classic" })),
      freeLists: (ctx) => {
        const a = new UserObjectAllocator(
          new DirectObjectAllocator({
            domain: ctx.domain,
            types: ctx.types,
            typeId: ctx.typeId,
            layout: ctx.layout,
          }),
        );
        objectAllocators.push(a);
        return a;
      },
      refcount: (ctx) => new UserRefcount(new ImmediateRefcount(ctx)),
      gc: (ctx) => new UserCollector(ctx),
    });
    expectTypeOf(rt.parts.pages).toEqualTypeOf<PageProvider>();
    expectTypeOf(rt.parts.raw).toEqualTypeOf<UserMalloc>();
    expectTypeOf(rt.parts.objectDomain).toEqualTypeOf<UserMalloc>();
    expectTypeOf(rt.parts.refcount).toEqualTypeOf<UserRefcount>();
    expectTypeOf(rt.parts.collector).toEqualTypeOf<UserCollector>();
    expect((rt.parts.pages as UserPages).maps).toBeGreaterThan(0);

    const Node = rt.defineClass("Node");
    const f = rt.frame();
    f.set("a", Node.create());
    f.set("b", Node.create({ partner: f.get("a") }));
    f.get("a", PyInstance).setattr("partner", f.get("b"));
    f.set("xs", rt.list([1.5, "two", rt.dict({ k: [3] })]));
    f.release();
    expect(rt.gc.collect()).toBe(2);
    expect(rt.parts.collector.collections).toBe(1);
    expect(rt.parts.refcount.decrefs).toBeGreaterThan(0);
    expect(rt.parts.objectDomain.mallocs).toBeGreaterThan(0);
    expect(rt.parts.objectDomain.frees).toBeGreaterThan(0);
    expect(rt.parts.objectDomain.stats().name).toBe("user(pymalloc)");
    expect(objectAllocators.some((a) => a.allocations > 0)).toBe(true);
    expect(objectAllocators.length).toBe(rt.parts.types.size);
    rt.flush();
    rt.clearFreeLists();
    expect(rt.accounting().unaccountedBytes).toBe(0);
    expect(rt.stats().handles).toBe(0);
  });

  it("classes added later use the same allocator factory", () => {
    const types: string[] = [];
    const rt = createRuntime({
      freeLists: (ctx) => {
        types.push(ctx.typeName);
        return new DirectObjectAllocator({
          domain: ctx.domain,
          types: ctx.types,
          typeId: ctx.typeId,
          layout: ctx.layout,
        });
      },
    });
    rt.defineClass("Node");
    expect(types[types.length - 1]).toBe("Node");
  });

  it("runs over every kind of heap and both layouts", () => {
    for (const heap of ["array-buffer", "shared-array-buffer", "wasm-memory"] as const) {
      const rt = createRuntime({
        heap,
        heapOptions: { initialByteLength: 1 << 20, maxByteLength: 64 << 20 },
      });
      using xs = rt.list([1, "a", 2.5]);
      expect(xs.repr()).toBe("[1, 'a', 2.5]");
      expect(rt.parts.heap.kind).toBe(heap);
    }
    const compact = createRuntime({ layout: "compact" });
    expect(compact.layout).toBe(LAYOUT_COMPACT);
    using ys = compact.list([1, 2]);
    expect(compact.sys.getsizeof(ys)).toBe(8 + 20 + 8);
  });

  it("grows the heap as objects need more room", () => {
    const rt = createRuntime({ heapOptions: { initialByteLength: 1 << 20, maxByteLength: 256 << 20 } });
    const start = rt.parts.heap.byteLength;
    using xs = rt.list();
    for (let i = 0; i < 200_000; i++) xs.append(rt.float(i + 0.5));
    expect(rt.parts.heap.byteLength).toBeGreaterThan(start);
    expect(xs.get(123_456).toJS()).toBe(123_456.5);
  });

  it("rejects unknown names and bad values with ConfigurationError", () => {
    expect(() => createRuntime({ raw: "buddy" as "tlsf" })).toThrow(ConfigurationError);
    expect(() => createRuntime({ objectDomain: "jemalloc" as "raw" })).toThrow(ConfigurationError);
    expect(() => createRuntime({ gc: "refcount-only" as "none" })).toThrow(ConfigurationError);
    expect(() => createRuntime({ refcount: "lazy" as "deferred" })).toThrow(ConfigurationError);
    expect(() => createRuntime({ heap: "mmap" as "array-buffer" })).toThrow(ConfigurationError);
    expect(() => createRuntime({ layout: "32-bit" as "compact" })).toThrow(ConfigurationError);
    expect(() => createRuntime({ freeLists: "yes" as unknown as boolean })).toThrow(ConfigurationError);
    expect(() => createRuntime({ config: { tupleFreeList: -1 } })).toThrow(ConfigurationError);
    expect(() => createRuntime({ pymalloc: "modern" as "classic" })).toThrow(ConfigurationError);
  });

  it("refuses parts over different heaps", () => {
    const other = new ArrayBufferHeap();
    expect(() =>
      createRuntime({
        raw: (): Allocator => new TlsfAllocator({ pages: new BumpPageProvider({ heap: other }) }),
      }),
    ).toThrow(ConfigurationError);
  });

  it("raises MemoryError when the heap cannot hold more, leaving the runtime usable", () => {
    const rt = createRuntime({ heapOptions: { initialByteLength: 4 << 20, maxByteLength: 4 << 20 } });
    const f = rt.frame();
    f.set("xs", rt.list());
    const xs = f.get("xs", PyList);
    let error: unknown;
    for (let i = 0; i < 10_000_000 && error === undefined; i++) {
      try {
        using value = rt.float(i + 0.5);
        xs.append(value); // moved in on success; released by `using` when the append fails
      } catch (e) {
        error = e;
      }
    }
    expect((error as Error).name).toBe("MemoryError");
    const n = xs.length;
    expect(xs.get(n - 1).toJS()).toBe(n - 1 + 0.5);
    f.release();
    rt.flush();
    rt.clearFreeLists();
    const report = rt.accounting();
    expect(report.domainBytesInUse).toBe(report.reachableBytes);
    expect(rt.stats().handles).toBe(0);
  });
});
