import {
  type Allocator,
  ArrayBufferHeap,
  DoubleFreeError,
  InvalidPointerError,
  MemoryError,
  SizeError,
} from "@pymem/core";
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

type Impl = new (o: RawAllocatorOptions) => BoundaryTagAllocator;
const allocators: [string, Impl][] = [
  ["TlsfAllocator", TlsfAllocator],
  ["FirstFitAllocator", FirstFitAllocator],
];

/** An invalid call and the error classes it may raise. */
type Bad = { kind: number; pick: number; offset: number; value: number };

const badSizes = [
  -1,
  -4096,
  Number.NaN,
  0.5,
  17.25,
  2 ** 32,
  2 ** 40,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

describe.each(allocators)("%s rejects invalid calls without changing anything", (_name, Impl) => {
  it("double frees, interior/misaligned/foreign pointers, bad sizes and calloc overflow leave heap and stats byte-for-byte unchanged", () => {
    fc.assert(
      fc.property(
        fc.array(opArb(false), { minLength: 50, maxLength: 400 }),
        fc.array(
          fc.record({
            kind: fc.integer({ min: 0, max: 9 }),
            pick: fc.nat(),
            offset: fc.integer({ min: 1, max: 4095 }),
            value: fc.integer({ min: 0, max: badSizes.length - 1 }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (ops, bads: Bad[]) => {
          const pages = new HeapPageProvider({
            heap: new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength: 1 << 26 }),
          });
          const raw = new Impl({ pages, regionSize: 1 << 17, largeThreshold: 1 << 15 });
          const stranger = new Impl({ pages, regionSize: 1 << 16, largeThreshold: 1 << 14 });
          const strangers = [stranger.malloc(24), stranger.malloc(5000), stranger.malloc(40_000)];
          const model = new AllocatorModel(raw as Allocator, pages);
          for (const op of ops) apply(model, op, 300);
          const heap = pages.heap;
          for (const bad of bads) {
            const bytes = heap.u8.slice();
            const stats = raw.stats();
            const pageStats = pages.stats();
            const live = model.live;
            const block = live.length > 0 ? live[bad.pick % live.length]! : undefined;
            const freed = model.freed.length > 0 ? model.freed[bad.pick % model.freed.length]! : undefined;
            const size = badSizes[bad.value]!;
            let call: () => unknown;
            let expected: (new (...a: never[]) => Error)[];
            switch (bad.kind) {
              case 0: // free of a freed address: DoubleFreeError, or InvalidPointerError once reused by a live block's interior
                if (freed === undefined || live.some((b) => b.address === freed)) continue;
                call = () => raw.free(freed);
                expected = [DoubleFreeError, InvalidPointerError];
                break;
              case 1: // interior pointer of a live block (aligned or not)
                if (block === undefined || block.usable <= 16) continue;
                call = () => raw.free(block.address + 1 + (bad.offset % (block.usable - 1)));
                expected = [InvalidPointerError, DoubleFreeError];
                break;
              case 2: // another allocator's block, or an address outside any block
                call = () => raw.free([...strangers, 8, 4096, 2 ** 31, heap.byteLength + 16][bad.pick % 7]!);
                expected = [InvalidPointerError];
                break;
              case 3:
                call = () => raw.malloc(size);
                expected = [SizeError];
                break;
              case 4:
                call = () => raw.calloc(size, 8);
                expected = [SizeError];
                break;
              case 5: // calloc whose product overflows 32 bits
                call = () => raw.calloc(2 ** 16 + bad.offset, 2 ** 16 + (bad.pick % 1000));
                expected = [SizeError];
                break;
              case 6:
                if (block === undefined) continue;
                call = () => raw.realloc(block.address, size);
                expected = [SizeError];
                break;
              case 7: // realloc / usableSize of a pointer that is not a live block
                call = () =>
                  bad.pick % 2 === 0 ? raw.realloc(strangers[0]!, 10) : raw.usableSize(strangers[1]! + 16);
                expected = [InvalidPointerError];
                break;
              case 8: // more than the heap can ever hold
                call = () =>
                  block !== undefined && bad.pick % 2 === 0
                    ? raw.realloc(block.address, 2 ** 27)
                    : raw.malloc(2 ** 27 + bad.offset);
                expected = [MemoryError];
                break;
              default: // NULL where it is not allowed
                call = () => raw.usableSize(0);
                expected = [InvalidPointerError];
            }
            let error: unknown;
            try {
              call();
            } catch (e) {
              error = e;
            }
            if (!expected.some((type) => error instanceof type))
              expect.fail(`call ${bad.kind} raised ${String(error)}`);
            if (Buffer.compare(heap.u8, bytes) !== 0) expect.fail(`call ${bad.kind} changed the heap`);
            expect(raw.stats()).toEqual(stats);
            expect(pages.stats()).toEqual(pageStats);
          }
          raw.check();
          stranger.check();
          model.freeAllAndVerify();
        },
      ),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it("raises MemoryError and changes nothing when a small heap is exhausted mid-workload", () => {
    fc.assert(
      fc.property(fc.array(opArb(true), { minLength: 1000, maxLength: 1000 }), (ops) => {
        const pages = new HeapPageProvider({
          heap: new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength: 1 << 19 }),
        });
        const raw = new Impl({ pages, regionSize: 1 << 16, largeThreshold: 1 << 14 });
        const model = new AllocatorModel(raw as Allocator, pages);
        let failures = 0;
        for (const op of ops) {
          const bytes = pages.heap.u8.slice();
          const stats = raw.stats();
          const heapBytes = pages.heap.byteLength;
          try {
            apply(model, op, 10_000);
          } catch (e) {
            if (!(e instanceof MemoryError)) throw e;
            failures++;
            if (pages.heap.byteLength !== heapBytes || Buffer.compare(pages.heap.u8, bytes) !== 0) {
              expect.fail(`a failed ${op.kind} changed the heap`);
            }
            expect(raw.stats()).toEqual(stats);
          }
        }
        // Then fill what is left until the heap is exhausted.
        for (let size = 3000; failures < 3; size += 1000) {
          const bytes = pages.heap.u8.slice();
          const stats = raw.stats();
          try {
            model.malloc(size);
          } catch (e) {
            if (!(e instanceof MemoryError)) throw e;
            failures++;
            if (Buffer.compare(pages.heap.u8, bytes) !== 0) expect.fail("a failed malloc changed the heap");
            expect(raw.stats()).toEqual(stats);
          }
        }
        raw.check();
        model.freeAllAndVerify();
      }),
      { numRuns: 5, endOnFailure: true },
    );
  });
});
