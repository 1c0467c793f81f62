// Throughput of the raw allocators against a minimal segregated free-list "floor".
// Prints operations per second and the ratio to the floor; asserts nothing.
//   pnpm bench            (from packages/raw-allocator)
import { ArrayBufferHeap } from "@pymem/core";
import { FirstFitAllocator, HeapPageProvider, TlsfAllocator } from "../src/index";
import { FloorAllocator } from "./floor-allocator";

interface Subject {
  malloc(size: number): number;
  free(p: number): void;
}

/** Deterministic xorshift so every subject replays the same workload. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** A workload: a sequence of (slot, size) steps; size < 0 frees the slot. */
interface Workload {
  name: string;
  slots: number;
  sizes: Int32Array;
  slotOf: Int32Array;
}

function mixed(steps: number, slots: number, seed: number): Workload {
  const r = rng(seed);
  const sizes = new Int32Array(steps);
  const slotOf = new Int32Array(steps);
  const live = new Uint8Array(slots);
  for (let i = 0; i < steps; i++) {
    const s = Math.floor(r() * slots);
    slotOf[i] = s;
    if (live[s]) {
      sizes[i] = -1;
      live[s] = 0;
    } else {
      const u = r();
      sizes[i] =
        u < 0.6 ? Math.floor(r() * 64) : u < 0.9 ? 64 + Math.floor(r() * 448) : 512 + Math.floor(r() * 3500);
      live[s] = 1;
    }
  }
  return { name: `mixed (${slots} live slots, 0-4 KiB)`, slots, sizes, slotOf };
}

function pairs(steps: number): Workload {
  const sizes = new Int32Array(steps);
  const slotOf = new Int32Array(steps);
  for (let i = 0; i < steps; i++) sizes[i] = i % 2 === 0 ? 16 + ((i >>> 1) % 7) * 24 : -1;
  return { name: "malloc/free pairs (nothing else live)", slots: 1, sizes, slotOf };
}

function run(subject: Subject, w: Workload): number {
  const ptrs = new Float64Array(w.slots);
  const sizes = w.sizes;
  const slotOf = w.slotOf;
  const t0 = performance.now();
  for (let i = 0; i < sizes.length; i++) {
    const s = slotOf[i]!;
    const n = sizes[i]!;
    if (n < 0) {
      subject.free(ptrs[s]!);
      ptrs[s] = 0;
    } else {
      ptrs[s] = subject.malloc(n);
    }
  }
  const ms = performance.now() - t0;
  for (let s = 0; s < w.slots; s++) if (ptrs[s] !== 0) subject.free(ptrs[s]!);
  return (sizes.length / ms) * 1000;
}

const makers: [string, () => Subject][] = [
  [
    "floor (segregated LIFO lists)",
    () => new FloorAllocator(new HeapPageProvider({ heap: new ArrayBufferHeap() })),
  ],
  ["tlsf", () => new TlsfAllocator({ pages: new HeapPageProvider({ heap: new ArrayBufferHeap() }) })],
  [
    "tlsf, retainEmptyRegions: 1",
    () =>
      new TlsfAllocator({
        pages: new HeapPageProvider({ heap: new ArrayBufferHeap() }),
        retainEmptyRegions: 1,
      }),
  ],
  [
    "first-fit",
    () => new FirstFitAllocator({ pages: new HeapPageProvider({ heap: new ArrayBufferHeap() }) }),
  ],
];

const workloads = [mixed(2_000_000, 10_000, 42), mixed(400_000, 1_000, 7), pairs(200_000)];
for (const w of workloads) {
  console.log(`\n${w.name}: ${w.sizes.length.toLocaleString("en")} operations`);
  let floor = 0;
  for (const [name, make] of makers) {
    let best = 0;
    for (let round = 0; round < 3; round++) best = Math.max(best, run(make(), w));
    if (floor === 0) floor = best;
    const mops = (best / 1e6).toFixed(2).padStart(7);
    console.log(`  ${name.padEnd(30)} ${mops} M ops/s   ${(best / floor).toFixed(2)}x floor`);
  }
}
