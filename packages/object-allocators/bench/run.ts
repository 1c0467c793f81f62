// Float allocate/release throughput over pymalloc, with and without the float free list.
// Prints operations per second and ratios; never asserts a time.
//
//   pnpm bench        (from this package; or `node --conditions=@pymem/source --import tsx bench/run.ts`)
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
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
const BATCHES = [1, 10, 100, 1000];

// Each variant runs in a process of its own, so that no variant runs with call sites another
// variant has made polymorphic.
const variantArg = process.argv.indexOf("--variant");
if (variantArg >= 0) {
  const variant = variants[Number(process.argv[variantArg + 1])]!;
  process.stdout.write(JSON.stringify(BATCHES.map((batch) => measure(variant, batch, OPERATIONS))));
} else {
  const rates = variants.map((_, i) => {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), "--variant", String(i)],
      {
        encoding: "utf8",
      },
    );
    if (child.status !== 0) throw new Error(`variant ${i} failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as number[];
  });
  console.log(
    `float allocate+release over pymalloc, ${OPERATIONS.toLocaleString("en")} operations per trial, best of 5`,
  );
  console.log(`node ${process.version}, one process per variant\n`);
  console.log(["batch", ...variants.map((v) => v.name), "free list / direct"].join(" | "));
  BATCHES.forEach((batch, b) => {
    const cells = rates.map((r) => `${(r[b]! / 1e6).toFixed(1)} M ops/s`);
    console.log([String(batch), ...cells, `${(rates[1]![b]! / rates[0]![b]!).toFixed(2)}x`].join(" | "));
  });
}
