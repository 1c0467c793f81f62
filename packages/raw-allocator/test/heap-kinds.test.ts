import {
  type Allocator,
  ArrayBufferHeap,
  type Heap,
  SharedArrayBufferHeap,
  WasmMemoryHeap,
} from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BoundaryTagAllocator,
  BumpPageProvider,
  FirstFitAllocator,
  HeapPageProvider,
  type RawAllocatorOptions,
  TlsfAllocator,
} from "../src/index";
import { AllocatorModel } from "./support/model";
import { apply, opArb } from "./support/ops";

const heaps: [string, () => Heap][] = [
  [
    "ArrayBufferHeap (copy)",
    () => new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength: 1 << 26 }),
  ],
  [
    "ArrayBufferHeap (resizable)",
    () => new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength: 1 << 26, growth: "resizable" }),
  ],
  [
    "SharedArrayBufferHeap",
    () => new SharedArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength: 1 << 26 }),
  ],
  ["WasmMemoryHeap", () => new WasmMemoryHeap({ initialByteLength: 1 << 16, maxByteLength: 1 << 26 })],
];
const allocators: [string, new (o: RawAllocatorOptions) => BoundaryTagAllocator][] = [
  ["TlsfAllocator", TlsfAllocator],
  ["FirstFitAllocator", FirstFitAllocator],
];

describe.each(heaps)("raw allocators on %s", (_heapName, makeHeap) => {
  it.each(allocators)("%s keeps every block intact while the heap grows under it", (_name, Impl) => {
    fc.assert(
      fc.property(fc.array(opArb(true), { minLength: 4000, maxLength: 4000 }), fc.boolean(), (ops, bump) => {
        const heap = makeHeap();
        const pages = bump ? new BumpPageProvider({ heap }) : new HeapPageProvider({ heap });
        const raw = new Impl({ pages, regionSize: 1 << 17, largeThreshold: 1 << 15 });
        const model = new AllocatorModel(raw as Allocator, pages);
        const start = heap.byteLength;
        for (let step = 0; step < ops.length; step++) {
          apply(model, ops[step]!, 400);
          model.verifyStats();
          if (step % 50 === 0) model.verifyAllEdges();
        }
        expect(heap.byteLength).toBeGreaterThan(start);
        raw.check();
        for (const block of model.live) model.verifyFull(block);
        model.freeAllAndVerify();
      }),
      { numRuns: 2, endOnFailure: true },
    );
  });
});
