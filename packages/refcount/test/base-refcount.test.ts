import {
  type Address,
  ArrayBufferHeap,
  ConfigurationError,
  InvalidPointerError,
  LAYOUT_64,
  TypeRegistry,
  type WeakrefSupport,
} from "@pymem/core";
import { describe, expect, it } from "vitest";
import { DeferredRefcount } from "../src/deferred-refcount";
import { ImmediateRefcount } from "../src/immediate-refcount";
import type { RefcountOptions } from "../src/refcount-options";
import { World } from "./fixtures/world";

const immediate = (o: RefcountOptions) => new ImmediateRefcount(o);

describe("BaseRefcount", () => {
  it("defaults to checked mode and validates its configuration", () => {
    const heap = new ArrayBufferHeap();
    const rc = new ImmediateRefcount({ heap, layout: LAYOUT_64, types: new TypeRegistry() });
    expect(rc.checked).toBe(true);
    expect(rc.config).toEqual({ pendingCapacity: 1024, queueLimit: 4096 });
    expect(
      () =>
        new DeferredRefcount({
          heap,
          layout: LAYOUT_64,
          types: new TypeRegistry(),
          config: { queueLimit: 0 },
        }),
    ).toThrow(ConfigurationError);
  });

  it("tells the collector attached after construction, and no one once detached", () => {
    const w = new World(immediate);
    let late = 0;
    w.rc.attachCollector({ onDeallocate: () => late++ });
    w.rc.decref(w.newInstance(w.ids.obj, []));
    expect(late).toBe(1);
    expect(w.containerDeallocations).toBe(0);
    w.rc.attachCollector(null);
    w.rc.decref(w.newInstance(w.ids.obj, []));
    expect(late).toBe(1);
  });

  it("leaves weak references alone without weakref support", () => {
    const w = new World(immediate);
    const r = w.newInstance(w.ids.obj, []);
    let calls = 0;
    const wr = w.weakref(r, () => calls++);
    w.rc.attachWeakrefs(null);
    w.rc.decref(r);
    expect(calls).toBe(0);
    expect(w.rc.stats().weakrefCallbacks).toBe(0);
    // The weak reference still names the freed referent: that is what "no support" means.
    expect(w.mem.word(wr, w.weakrefs.fields.objectOffset)).toBe(r);
    w.mem.setWord(wr, w.weakrefs.fields.objectOffset, 0);
    w.rc.attachWeakrefs(w.weakrefs);
    w.rc.decref(wr);
    expect(w.blocksInUse()).toBe(0);
  });

  it("reports its counters as a snapshot", () => {
    const w = new World(immediate);
    const f = w.newInstance(w.ids.fin, []);
    const r = w.newInstance(w.ids.obj, []);
    const wr = w.weakref(r, () => {});
    const before = w.rc.stats();
    w.rc.decref(f);
    w.rc.decref(r);
    expect(before).toEqual({ deallocations: 0, finalizations: 0, resurrections: 0, weakrefCallbacks: 0 });
    expect(w.rc.stats()).toEqual({
      deallocations: 2,
      finalizations: 1,
      resurrections: 0,
      weakrefCallbacks: 1,
    });
    w.rc.decref(wr);
  });

  it("tolerates a finalizer that drops its own temporary reference", () => {
    const w = new World(immediate, { log: true });
    const f = w.newInstance(w.ids.fin, [], "F");
    w.onFinalize = (obj) => w.rc.decref(obj);
    w.rc.decref(f);
    expect(w.log).toEqual(["fin:F", "dealloc:F"]);
    expect(w.rc.deallocations).toBe(1);
    expect(w.blocksInUse()).toBe(0);
  });

  it("lets a weakref callback resurrect a referent it holds a borrowed address to", () => {
    const w = new World(immediate);
    const r = w.newInstance(w.ids.obj, []);
    const wr = w.weakref(r, () => w.rc.incref(r));
    w.rc.decref(r);
    expect(w.rc.refcount(r)).toBe(1);
    expect(w.rc.stats().resurrections).toBe(1);
    expect(w.rc.deallocations).toBe(0);
    w.rc.decref(r);
    w.rc.decref(wr);
    expect(w.blocksInUse()).toBe(0);
  });

  it("notes objects beyond the heap's size at construction once the heap grew, and nothing beyond it", () => {
    const heap = new ArrayBufferHeap({ initialByteLength: 4096, maxByteLength: 1 << 16 });
    const types = new TypeRegistry();
    const rc = new ImmediateRefcount({ heap, layout: LAYOUT_64, types, checked: false });
    expect(() => rc.noteAllocated(8192)).toThrow(InvalidPointerError);
    heap.grow(16384);
    rc.noteAllocated(8192);
    expect(rc.isLive(8192)).toBe(true);
    expect(() => rc.noteAllocated(heap.byteLength)).toThrow(InvalidPointerError);
    expect(rc.isLive(heap.byteLength)).toBe(false);
  });

  it("asks weakref support other than WeakrefTable through hasWeakrefs", () => {
    const w = new World(immediate);
    const r = w.newInstance(w.ids.obj, []);
    const asked: Address[] = [];
    const support: WeakrefSupport = {
      hasWeakrefs: (obj) => {
        asked.push(obj);
        return true;
      },
      weakrefsTo: () => [],
      clearWeakref: () => {},
      hasCallback: () => false,
      invokeCallback: () => {},
    };
    w.rc.attachWeakrefs(support);
    w.rc.decref(r);
    expect(asked).toEqual([r]);
    expect(w.rc.isLive(r)).toBe(false);
    expect(w.blocksInUse()).toBe(0);
  });
});
