import {
  ArrayBufferHeap,
  type Heap,
  InvalidPointerError,
  MemoryError,
  SizeError,
  WASM_PAGE_BYTES,
  WasmMemoryHeap,
} from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BasePageProvider,
  BumpPageProvider,
  HeapPageProvider,
  MAX_MAPPING_ALIGNMENT,
  type PageProviderOptions,
} from "../src/index";

type Provider = new (options: PageProviderOptions) => BasePageProvider;
const providers: [string, Provider][] = [
  ["HeapPageProvider", HeapPageProvider],
  ["BumpPageProvider", BumpPageProvider],
];

/** One step of a random map/unmap sequence. */
type Step = { map: true; bytes: number; alignShift: number } | { map: false; pick: number };

/** Heap maximum of the random sequences: small enough that they run into it. */
const MAX = 1 << 23;

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    arbitrary: fc.record({
      map: fc.constant(true as const),
      bytes: fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 20_001, max: 600_000 })),
      alignShift: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 8 })),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ map: fc.constant(false as const), pick: fc.nat() }), weight: 2 },
);

describe.each(providers)("%s (the PageProvider contract of BasePageProvider)", (_name, Impl) => {
  it("keeps mappings disjoint, aligned, off the NULL page, zero-filled and intact, with exact stats, over random sequences", () => {
    let totalFailures = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 50, maxLength: 300 }), (steps) => {
        const heap = new ArrayBufferHeap({ initialByteLength: 1 << 16, maxByteLength: MAX });
        const pages = new Impl({ heap });
        const live: { address: number; size: number; tag: number }[] = [];
        let mapped = 0;
        let peak = 0;
        let maps = 0;
        let unmaps = 0;
        let tag = 1;
        let failures = 0;
        for (const step of steps) {
          if (step.map) {
            const alignment = 4096 << step.alignShift;
            const size = Math.ceil(step.bytes / 4096) * 4096;
            // Space above the top always fits below the maximum: only then can map fail.
            const mayFail = Math.ceil(pages.top / alignment) * alignment + size > MAX;
            const bytesBefore = mayFail ? heap.u8.slice() : undefined;
            const statsBefore = pages.stats();
            let address: number;
            try {
              address = pages.map(step.bytes, alignment);
            } catch (e) {
              // Only the heap's maximum can refuse, and then nothing has changed.
              expect(e).toBeInstanceOf(MemoryError);
              expect(bytesBefore).toBeDefined();
              expect(Buffer.compare(heap.u8, bytesBefore!)).toBe(0);
              expect(pages.stats()).toEqual(statsBefore);
              failures++;
              continue;
            }
            expect(address).toBeGreaterThanOrEqual(4096);
            expect(address % alignment).toBe(0);
            expect(pages.mappingSize(address)).toBe(size);
            for (const other of live) {
              if (address < other.address + other.size && other.address < address + size) {
                expect.fail(`mapping ${address}+${size} overlaps ${other.address}+${other.size}`);
              }
            }
            if (Buffer.compare(heap.u8.subarray(address, address + size), new Uint8Array(size)) !== 0) {
              expect.fail(`mapping ${address}+${size} is not zero-filled`);
            }
            // Tag the first and last word; both must survive every later step.
            heap.u32[address >>> 2] = tag;
            heap.u32[(address + size - 4) >>> 2] = tag;
            live.push({ address, size, tag: tag++ });
            mapped += size;
            if (mapped > peak) peak = mapped;
            maps++;
          } else if (live.length > 0) {
            const i = step.pick % live.length;
            const m = live[i]!;
            pages.unmap(m.address, m.size);
            live[i] = live[live.length - 1]!;
            live.pop();
            mapped -= m.size;
            unmaps++;
          }
          for (const m of live) {
            if (heap.u32[m.address >>> 2] !== m.tag || heap.u32[(m.address + m.size - 4) >>> 2] !== m.tag) {
              expect.fail(`mapping ${m.address} lost its tags`);
            }
          }
          expect(pages.stats()).toEqual({
            mappedBytes: mapped,
            peakMappedBytes: peak,
            mappings: live.length,
            mapCalls: maps,
            unmapCalls: unmaps,
            heapBytes: heap.byteLength,
          });
          const top = live.reduce((t, m) => Math.max(t, m.address + m.size), 4096);
          expect(pages.top).toBe(top);
        }
        // Then map until the heap's maximum refuses, which must change nothing.
        for (;;) {
          const bytesBefore = pages.top + 256 * 1024 > MAX ? heap.u8.slice() : undefined;
          const statsBefore = pages.stats();
          try {
            live.push({ address: pages.map(256 * 1024), size: 256 * 1024, tag: 0 });
          } catch (e) {
            expect(e).toBeInstanceOf(MemoryError);
            expect(bytesBefore).toBeDefined();
            expect(Buffer.compare(heap.u8, bytesBefore!)).toBe(0);
            expect(pages.stats()).toEqual(statsBefore);
            failures++;
            break;
          }
        }
        totalFailures += failures;
        for (const m of live) pages.unmap(m.address, m.size);
        expect(pages.stats()).toMatchObject({ mappedBytes: 0, mappings: 0 });
        expect(pages.top).toBe(4096);
      }),
      { numRuns: 25 },
    );
    expect(totalFailures).toBeGreaterThanOrEqual(25);
  });

  it("rejects bad sizes and alignments before changing anything", () => {
    const pages = new Impl({ heap: new ArrayBufferHeap({ maxByteLength: 1 << 22 }) });
    pages.map(4096);
    const before = pages.stats();
    const bytes = pages.heap.u8.slice();
    expect(() => pages.map(0)).toThrow(/invalid mapping size 0: expected an integer from 1/);
    expect(() => pages.map(4096, 2048)).toThrow(/invalid mapping alignment 2048/);
    expect(() => pages.map(4096, 2 * MAX_MAPPING_ALIGNMENT)).toThrow(SizeError);
    expect(() => pages.unmap(4096 + 16, 4096)).toThrow(InvalidPointerError);
    expect(() => pages.unmap(4096, 8192)).toThrow(/a mapping of 4096 bytes/);
    expect(pages.stats()).toEqual(before);
    expect(Buffer.compare(pages.heap.u8, bytes)).toBe(0);
  });

  it("raises MemoryError and changes nothing when the platform refuses to grow the heap", () => {
    // The heap allows 16 pages of 64 KiB, but its WebAssembly.Memory only 2.
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    const heap: Heap = new WasmMemoryHeap({ memory, maxByteLength: 16 * WASM_PAGE_BYTES });
    const pages = new Impl({ heap });
    const a = pages.map(WASM_PAGE_BYTES);
    heap.u8[a] = 5;
    const before = pages.stats();
    const bytes = heap.u8.slice();
    expect(() => pages.map(2 * WASM_PAGE_BYTES)).toThrow(MemoryError);
    expect(pages.stats()).toEqual(before);
    expect(heap.byteLength).toBe(2 * WASM_PAGE_BYTES);
    expect(Buffer.compare(heap.u8, bytes)).toBe(0);
    expect(pages.map(WASM_PAGE_BYTES - 4096)).toBe(a + WASM_PAGE_BYTES);
  });
});
