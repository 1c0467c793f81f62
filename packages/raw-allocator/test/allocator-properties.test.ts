import { type Allocator, ArrayBufferHeap, type PageProvider } from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BoundaryTagAllocator,
  FirstFitAllocator,
  HeapPageProvider,
  type RawAllocatorOptions,
  TlsfAllocator,
} from "../src/index";
import { AllocatorModel } from "./support/model";
import { apply, opArb } from "./support/ops";

const allocators: [string, new (o: RawAllocatorOptions) => BoundaryTagAllocator][] = [
  ["TlsfAllocator", TlsfAllocator],
  ["FirstFitAllocator", FirstFitAllocator],
];

function run(
  Impl: new (o: RawAllocatorOptions) => BoundaryTagAllocator,
  steps: number,
  options: Omit<RawAllocatorOptions, "pages">,
  largeThreshold: number,
): { model: AllocatorModel; raw: BoundaryTagAllocator; pages: HeapPageProvider } {
  let result: { model: AllocatorModel; raw: BoundaryTagAllocator; pages: HeapPageProvider } | undefined;
  fc.assert(
    fc.property(fc.array(opArb(true), { minLength: steps, maxLength: steps }), (ops) => {
      const pages = new HeapPageProvider({
        heap: new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength: 1 << 28 }),
      });
      const raw = new Impl({ pages, ...options });
      const model = new AllocatorModel(raw as Allocator, pages as PageProvider, largeThreshold);
      for (let step = 0; step < ops.length; step++) {
        apply(model, ops[step]!, 1500);
        model.verifyStats();
        model.verifyStep();
        if (step % 5000 === 0) raw.check();
      }
      raw.check();
      result = { model, raw, pages };
    }),
    { numRuns: 1, endOnFailure: true },
  );
  return result!;
}

describe.each(allocators)("%s under a long random workload", (_name, Impl) => {
  it("keeps blocks disjoint, their bytes intact and its stats exact over 100,000 steps, and gives everything back", () => {
    const { model, raw, pages } = run(
      Impl,
      100_000,
      { regionSize: 1 << 18, largeThreshold: 150_000 },
      150_000,
    );
    // The workload reached the paths it is meant to test.
    expect(model.reallocsInPlace).toBeGreaterThan(100);
    expect(model.reallocsMoved).toBeGreaterThan(100);
    expect(model.peakLarge).toBeGreaterThan(0);
    expect(raw.stats().regions).toBeGreaterThan(1);
    model.freeAllAndVerify();
    raw.check();
    expect(pages.stats().unmapCalls).toBeGreaterThan(10);
    expect(raw.stats()).toMatchObject({
      regions: 0,
      largeBlocks: 0,
      freeBlocks: 0,
      bytesFree: 0,
      bytesReserved: 0,
    });
  });

  it("with default options and one empty region retained, keeps one region mapped until trim()", () => {
    const { model, raw, pages } = run(Impl, 30_000, { retainEmptyRegions: 1 }, 262_144);
    while (model.live.length > 0) model.free(0);
    model.verifyStats();
    raw.check();
    expect(raw.stats()).toMatchObject({ blocksInUse: 0, bytesInUse: 0, regions: 1, emptyRegions: 1 });
    expect(raw.trim()).toBe(1 << 20);
    raw.check();
    expect(pages.stats().mappedBytes).toBe(model.mappedAtStart);
  });
});
