/**
 * Runs one contender on one workload and prints one JSON result line.
 *
 * ```
 *  node --conditions=@pymem/source --import tsx bench/contender.ts <contender> <workload> [capSeconds]
 *
 *  generate trace (seeded) -> warm-up: replay a 5 % trace on a fresh instance
 *                          -> measure: replay the full trace on a fresh instance, time-capped,
 *                             up to 5 times within 2 s; the best rate is reported
 *                          -> stdout: BENCH_RESULT {"contender":..,"workload":..,"opsPerSec":..}
 * ```
 *
 * One contender per process keeps the replay loop's call sites monomorphic: V8 optimises
 * it for exactly one allocator class, as a program using one allocator would see.
 *
 * @module
 */
import { type Allocator, ArrayBufferHeap, type PageProvider } from "@pymem/core";
import type { MemPool } from "@thi.ng/malloc";
import { FloorAllocator } from "./floor-allocator";
import { type BenchResult, CONTENDERS, type ContenderName, RESULT_MARKER } from "./results";
import { makeTrace, type Trace, WORKLOADS, type WorkloadName } from "./trace";

/** The two calls a replay needs (an Allocator, the floor, or the MemPool adapter). */
interface Target {
  malloc(size: number): number;
  free(address: number): void;
}

/** A contender ready to replay: the object whose methods are called, and its memory figure. */
interface Contender {
  /** Called directly by the replay loop, so its call sites see one class only. */
  target: Target;
  /** Bytes held from below at the end (or their peak), when known. */
  peakBytes(): number | null;
}

/** @thi.ng/malloc's MemPool returns 0 when full; this adapter turns that into an error. */
class MemPoolTarget implements Target {
  private readonly pool: MemPool;
  constructor(pool: MemPool) {
    this.pool = pool;
  }
  malloc(size: number): number {
    const a = this.pool.malloc(size);
    if (a === 0) throw new Error(`MemPool could not allocate ${size} bytes`);
    return a;
  }
  free(address: number): void {
    this.pool.free(address);
  }
}

/** Largest heap any contender may grow to. */
const HEAP_MAX = 2 ** 31; // 2 GiB of address space at most

/** Initial heap bytes for a trace: room for twice its peak live bytes, at least 64 MiB. */
function heapBytesFor(trace: Trace): number {
  let bytes = 1 << 26;
  while (bytes < 2 * trace.peakLiveBytes + (trace.slotCount << 5)) bytes *= 2;
  return Math.min(bytes, HEAP_MAX);
}

function allocatorContender(allocator: Allocator, pages: PageProvider): Contender {
  return { target: allocator, peakBytes: () => pages.stats().peakMappedBytes };
}

async function makeContender(name: ContenderName, trace: Trace): Promise<Contender | "uint8array"> {
  const bytes = heapBytesFor(trace);
  switch (name) {
    case "floor": {
      // Without coalescing the floor needs several times the live bytes on W3: start it large
      // enough that it never grows (copies) during a run. Untouched pages cost nothing.
      const floor = new FloorAllocator(Math.min(HEAP_MAX, 4 * bytes), trace.maxRequest);
      return { target: floor, peakBytes: () => floor.bytesReserved };
    }
    case "thi.ng-mempool": {
      const { MemPool } = await import("@thi.ng/malloc");
      const pool = new MemPool({ size: bytes });
      return { target: new MemPoolTarget(pool), peakBytes: () => pool.stats().top };
    }
    case "uint8array-gc":
      return "uint8array";
    default: {
      const { HeapPageProvider, TlsfAllocator, FirstFitAllocator } = await import("@pymem/raw-allocator");
      const heap = new ArrayBufferHeap({ initialByteLength: bytes, maxByteLength: HEAP_MAX });
      const pages = new HeapPageProvider({ heap });
      if (name === "tlsf") return allocatorContender(new TlsfAllocator({ pages }), pages);
      if (name === "first-fit") return allocatorContender(new FirstFitAllocator({ pages }), pages);
      const { PymallocAllocator, DebugAllocator } = await import("../src/index");
      const raw = new TlsfAllocator({ pages });
      const config = name === "pymalloc-classic" ? "classic" : "cpython311";
      const checked = name !== "pymalloc-3.11-unchecked";
      const pymalloc = new PymallocAllocator({ pages, raw, config, checked });
      if (name === "pymalloc-3.11+debug") {
        return allocatorContender(new DebugAllocator(pymalloc, { api: "o" }), pages);
      }
      return allocatorContender(pymalloc, pages);
    }
  }
}

/**
 * How often (in operations) the replay loops look at the clock: often enough that a
 * contender whose operations cost milliseconds stops near the cap, rarely enough that the
 * fastest pay well under 1 % for it.
 */
const CLOCK_EVERY = 1024;

/** Replays `trace` on an address-returning allocator; stops at `deadline` (hrtime ns). */
function replay(target: Target, trace: Trace, deadline: bigint): number {
  const slots = trace.slots;
  const sizes = trace.sizes;
  const addresses = new Float64Array(trace.slotCount);
  const n = sizes.length;
  for (let i = 0; i < n; i++) {
    if ((i & (CLOCK_EVERY - 1)) === 0 && i !== 0 && process.hrtime.bigint() > deadline) return i;
    const size = sizes[i]!;
    const slot = slots[i]!;
    if (size >= 0) addresses[slot] = target.malloc(size);
    else target.free(addresses[slot]!);
  }
  return n;
}

/** Replays `trace` with `new Uint8Array(size)` per malloc and dropping the reference per free. */
function replayUint8(trace: Trace, deadline: bigint): number {
  const slots = trace.slots;
  const sizes = trace.sizes;
  const handles: (Uint8Array | undefined)[] = new Array(trace.slotCount).fill(undefined);
  const n = sizes.length;
  for (let i = 0; i < n; i++) {
    if ((i & (CLOCK_EVERY - 1)) === 0 && i !== 0 && process.hrtime.bigint() > deadline) return i;
    const size = sizes[i]!;
    const slot = slots[i]!;
    if (size >= 0) handles[slot] = new Uint8Array(size);
    else handles[slot] = undefined;
  }
  return n;
}

/** Most measured runs per contender and workload. */
const MAX_RUNS = 5;
/** No further measured run starts once the runs so far took this long. */
const REPEAT_BUDGET_SECONDS = 2;

/** Runs a full collection when the process was started with --expose-gc. */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}

/** Warm-up, then up to {@link MAX_RUNS} measured runs (one when the time cap stops it). */
export async function runContender(
  name: ContenderName,
  workload: WorkloadName,
  capSeconds: number,
): Promise<BenchResult> {
  const trace = makeTrace(workload);
  const warm = makeTrace(workload, 0.05, 1);
  const totalOps = trace.sizes.length;
  const cap = BigInt(Math.round(capSeconds * 1e9));
  const result: BenchResult = {
    contender: name,
    workload,
    ops: 0,
    totalOps,
    seconds: 0,
    opsPerSec: 0,
    capped: false,
    peakBytes: null,
    runs: 0,
  };
  const warmContender = await makeContender(name, warm);
  const warmDeadline = process.hrtime.bigint() + cap / 10n;
  if (warmContender === "uint8array") replayUint8(warm, warmDeadline);
  else replay(warmContender.target, warm, warmDeadline);

  // Measured runs, each on a fresh instance after a full GC: the best rate is reported
  // (other processes on the machine can only slow a run down).
  const rates: number[] = [];
  let spent = 0;
  for (let run = 0; run < MAX_RUNS; run++) {
    const contender = await makeContender(name, trace);
    collectGarbage();
    const start = process.hrtime.bigint();
    const ops =
      contender === "uint8array"
        ? replayUint8(trace, start + cap)
        : replay(contender.target, trace, start + cap);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rates.push(ops / seconds);
    spent += seconds;
    result.ops = ops;
    result.seconds = seconds;
    result.peakBytes = contender === "uint8array" ? null : contender.peakBytes();
    if (ops < totalOps) {
      result.capped = true;
      break;
    }
    if (spent > REPEAT_BUDGET_SECONDS) break;
  }
  rates.sort((a, b) => a - b);
  result.runs = rates.length;
  result.opsPerSec = rates[rates.length - 1]!;
  return result;
}

async function main(): Promise<void> {
  const [name, workload, capArg] = process.argv.slice(2);
  if (!CONTENDERS.includes(name as ContenderName) || !WORKLOADS.includes(workload as WorkloadName)) {
    console.error(`usage: contender.ts <${CONTENDERS.join("|")}> <${WORKLOADS.join("|")}> [capSeconds]`);
    process.exit(2);
  }
  const capSeconds = capArg === undefined ? 10 : Number(capArg);
  let result: BenchResult;
  try {
    result = await runContender(name as ContenderName, workload as WorkloadName, capSeconds);
  } catch (error) {
    result = {
      contender: name!,
      workload: workload as WorkloadName,
      ops: 0,
      totalOps: 0,
      seconds: 0,
      opsPerSec: 0,
      capped: false,
      peakBytes: null,
      runs: 0,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
