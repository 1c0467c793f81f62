import { ArrayBufferHeap, MemoryError } from "@pymem/core";
import { PymallocAllocator } from "@pymem/pymalloc";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RunError } from "../src/cli-error";
import type { ProgressSink } from "../src/progress-sink";
import { SILENT_PROGRESS } from "../src/progress-sink";
import { parseTrace } from "../src/trace-parser";
import { replayTrace } from "../src/trace-replay";

function stack(maxByteLength = 1 << 26) {
  const pages = new HeapPageProvider({ heap: new ArrayBufferHeap({ maxByteLength }) });
  const raw = new TlsfAllocator({ pages });
  return { pages, raw, pymalloc: new PymallocAllocator({ pages, raw }) };
}

describe("replayTrace", () => {
  it("maps ids to addresses: the allocator ends with the trace's live blocks", () => {
    const { pymalloc } = stack();
    const trace = parseTrace(
      [
        '{"op":"alloc","id":1,"size":24}',
        '{"op":"alloc","id":2,"size":600}',
        '{"op":"realloc","id":1,"size":100}',
        '{"op":"free","id":2}',
        '{"op":"alloc","id":3,"size":0}',
      ].join("\n"),
      "t.jsonl",
    );
    const result = replayTrace(trace, pymalloc, SILENT_PROGRESS, 0);
    expect(result.events).toBe(5);
    expect(result.liveBlocks).toBe(2);
    expect(pymalloc.stats().blocksInUse).toBe(2);
    expect(result.liveBytes).toBeGreaterThanOrEqual(100);
    expect(pymalloc.stats().calls).toEqual({ malloc: 3, calloc: 0, realloc: 1, free: 1 });
  });

  it("reports progress through the sink, ending at the total", () => {
    const { raw } = stack();
    const lines: string[] = [];
    for (let i = 0; i < 100; i++) lines.push(JSON.stringify({ op: "alloc", id: i, size: 16 }));
    const seen: [number, number][] = [];
    const sink: ProgressSink = { update: (done, total) => seen.push([done, total]) };
    replayTrace(parseTrace(lines.join("\n"), "p.jsonl"), raw, sink, 31);
    expect(seen).toEqual([
      [0, 100],
      [32, 100],
      [64, 100],
      [96, 100],
      [100, 100],
    ]);
  });

  it("names the file and line of an allocation that exhausts the heap", () => {
    const { pymalloc } = stack(1 << 22);
    const trace = parseTrace(
      '{"op":"alloc","id":1,"size":16}\n{"op":"alloc","id":2,"size":100000000}\n',
      "big.jsonl",
    );
    expect(() => replayTrace(trace, pymalloc, SILENT_PROGRESS, 4095)).toThrow(RunError);
    expect(() => replayTrace(trace, stack(1 << 22).pymalloc, SILENT_PROGRESS, 4095)).toThrow(
      /^big\.jsonl:2: alloc of 100000000 bytes failed: cannot allocate/,
    );
    // The failing event changed nothing: the first block is still the only one.
    expect(pymalloc.stats().blocksInUse).toBe(1);
    expect(() => pymalloc.malloc(100000000)).toThrow(MemoryError);
  });

  it("keeps the allocator consistent with a model over a long random trace", () => {
    // One long run of 100,000 events; every 1,024 events the allocator's live count matches the model's.
    const { pymalloc } = stack(1 << 28);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        let state = seed;
        const next = () => {
          state = (Math.imul(state, 1103515245) + 12345) >>> 0;
          return state;
        };
        const live: number[] = [];
        const lines: string[] = [];
        const liveAfter = new Int32Array(100_001); // liveAfter[n]: live ids after the first n events
        let id = 0;
        for (let i = 0; i < 100_000; i++) {
          const r = next() % 10;
          if (live.length === 0 || r < 5) {
            const size = next() % 5 === 0 ? (next() % 4000) + 513 : next() % 512;
            lines.push(`{"op":"alloc","id":${id},"size":${size}}`);
            live.push(id++);
          } else if (r < 7) {
            lines.push(`{"op":"realloc","id":${live[next() % live.length]},"size":${next() % 1500}}`);
          } else {
            const k = next() % live.length;
            lines.push(`{"op":"free","id":${live[k]}}`);
            live[k] = live[live.length - 1]!;
            live.pop();
          }
          liveAfter[i + 1] = live.length;
        }
        const before = pymalloc.stats().blocksInUse;
        const trace = parseTrace(lines.join("\n"), "long.jsonl");
        const checker: ProgressSink = {
          update(done) {
            // Before event `done` runs, exactly the ids live after `done` events hold blocks.
            expect(pymalloc.stats().blocksInUse - before).toBe(liveAfter[done]);
          },
        };
        const result = replayTrace(trace, pymalloc, checker, 1023);
        expect(result.liveBlocks).toBe(live.length);
        expect(pymalloc.stats().blocksInUse - before).toBe(live.length);
      }),
      { numRuns: 1 },
    );
  });
});
