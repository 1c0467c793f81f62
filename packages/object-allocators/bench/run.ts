// Float allocate/release throughput over pymalloc, with and without the float free list.
// Prints operations per second and ratios; never asserts a time.
//
//   pnpm bench        (from this package; or `node --conditions=@pymem/source --import tsx bench/run.ts`)
import { ArrayBufferHeap, type ObjectAllocator, type TypeInfo, TypeRegistry } from "@pymem/core";
import { PymallocAllocator } from "@pymem/pymalloc";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { DirectObjectAllocator, FreeListAllocator } from "../src/index";

const floatType: TypeInfo = {
  name: "float",
  basicSize: 24,
  itemSize: 0,
  isContainer: false,
  weaklistOffset: 0,
  traverse() {},
  dealloc() {},
  sizeOf: () => 24,
};

type Variant = { name: string; make: () => ObjectAllocator };

function world() {
  const heap = new ArrayBufferHeap({ maxByteLength: 1 << 30 });
  const pages = new HeapPageProvider({ heap });
  const domain = new PymallocAllocator({ pages, raw: new TlsfAllocator({ pages }) });
  const types = new TypeRegistry();
  return { domain, types, typeId: types.register(floatType) };
}

const variants: Variant[] = [
  {
    name: "direct (no free list)",
    make: () => new DirectObjectAllocator(world()),
  },
  {
    name: "free list, limit 100",
    make: () => new FreeListAllocator(world()),
  },
  {
    name: "free list, unchecked",
    make: () => new FreeListAllocator({ ...world(), checked: false }),
  },
];

/** Allocates `batch` floats, releases them in reverse order, `rounds` times: 2 * batch * rounds operations. */
function workload(allocator: ObjectAllocator, batch: number, rounds: number, scratch: Uint32Array): void {
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < batch; i++) scratch[i] = allocator.allocate();
    for (let i = batch - 1; i >= 0; i--) allocator.release(scratch[i]!);
  }
}

function measure(variant: Variant, batch: number, operations: number): number {
  const rounds = Math.max(1, Math.floor(operations / (2 * batch)));
  const scratch = new Uint32Array(batch);
  const warm = variant.make();
  workload(warm, batch, Math.max(1, rounds >> 3), scratch);
  let best = Number.POSITIVE_INFINITY;
  for (let trial = 0; trial < 5; trial++) {
    const allocator = variant.make();
    const t0 = performance.now();
    workload(allocator, batch, rounds, scratch);
    best = Math.min(best, performance.now() - t0);
  }
  return (2 * batch * rounds) / (best / 1000);
}

const OPERATIONS = 2_000_000;
console.log(`float allocate+release over pymalloc, ${OPERATIONS.toLocaleString("en")} operations per trial, best of 5`);
console.log(`node ${process.version}\n`);
const header = ["batch", ...variants.map((v) => v.name), "free list / direct"];
console.log(header.join(" | "));
for (const batch of [1, 10, 100, 1000]) {
  const rates = variants.map((v) => measure(v, batch, OPERATIONS));
  const cells = rates.map((r) => `${(r / 1e6).toFixed(1)} M ops/s`);
  console.log([String(batch), ...cells, `${(rates[1]! / rates[0]!).toFixed(2)}x`].join(" | "));
}
