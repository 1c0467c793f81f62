/**
 * Operation traces of the allocator benchmark, generated up front from a seeded PRNG so that
 * every contender replays exactly the same calls.
 *
 * ```
 *  trace (two Int32Arrays, one entry per operation)
 *  i:        0     1     2     ...
 *  slots[i]  k     k'    k     ...   the handle slot the operation works on
 *  sizes[i]  24    -1    300   ...   >= 0: slot = malloc(size)     -1: free(slot)
 * ```
 *
 * Workloads:
 *  - W1 small-churn: 10,000 live blocks, then 2,000,000 steps each freeing a random live
 *    block and allocating 8..512 B (uniform) in its place; finally everything is freed.
 *  - W2 alloc-then-free: 1,000,000 blocks of 8..256 B allocated, then freed in random order.
 *  - W3 mixed: W1 with 10 % of the sizes drawn from 513..65,536 B.
 *
 * @module
 */

/** Names of the workloads. */
export type WorkloadName = "W1" | "W2" | "W3";

/** All workloads, in report order. */
export const WORKLOADS: readonly WorkloadName[] = ["W1", "W2", "W3"];

/** One replayable sequence of malloc/free calls. */
export interface Trace {
  /** Workload name. */
  readonly name: WorkloadName;
  /** One-line description for the report. */
  readonly description: string;
  /** Slot each operation works on. */
  readonly slots: Int32Array;
  /** Bytes to allocate, or -1 to free the slot. */
  readonly sizes: Int32Array;
  /** Number of handle slots (the most blocks live at once). */
  readonly slotCount: number;
  /** Largest size requested. */
  readonly maxRequest: number;
  /** Sum of the requested sizes of the blocks live at the peak, an estimate of the memory needed. */
  readonly peakLiveBytes: number;
}

/** Seed every trace is generated from. */
export const TRACE_SEED = 0x5eed_2025;

/**
 * mulberry32: a 32-bit PRNG with a 32-bit state, good enough to shuffle benchmark traces.
 * Returns a function giving uniform floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [lo, hi]. */
function uniform(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

/** W1 and W3: a live set of `live` blocks churned `steps` times. */
function churn(
  name: WorkloadName,
  description: string,
  live: number,
  steps: number,
  size: (rand: () => number) => number,
  rand: () => number,
): Trace {
  const total = live + 2 * steps + live;
  const slots = new Int32Array(total);
  const sizes = new Int32Array(total);
  const liveSizes = new Int32Array(live);
  let liveBytes = 0;
  let peak = 0;
  let maxRequest = 0;
  let i = 0;
  for (let k = 0; k < live; k++) {
    const n = size(rand);
    slots[i] = k;
    sizes[i++] = n;
    liveSizes[k] = n;
    liveBytes += n;
    if (n > maxRequest) maxRequest = n;
  }
  peak = liveBytes;
  for (let s = 0; s < steps; s++) {
    const k = Math.floor(rand() * live);
    const n = size(rand);
    slots[i] = k;
    sizes[i++] = -1;
    slots[i] = k;
    sizes[i++] = n;
    liveBytes += n - liveSizes[k]!;
    liveSizes[k] = n;
    if (liveBytes > peak) peak = liveBytes;
    if (n > maxRequest) maxRequest = n;
  }
  for (let k = 0; k < live; k++) {
    slots[i] = k;
    sizes[i++] = -1;
  }
  return { name, description, slots, sizes, slotCount: live, maxRequest, peakLiveBytes: peak };
}

/** W2: `count` allocations, then every block freed in a random order. */
function allocThenFree(count: number, rand: () => number): Trace {
  const slots = new Int32Array(2 * count);
  const sizes = new Int32Array(2 * count);
  let bytes = 0;
  for (let k = 0; k < count; k++) {
    const n = uniform(rand, 8, 256);
    slots[k] = k;
    sizes[k] = n;
    bytes += n;
  }
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[k] = k;
  for (let k = count - 1; k > 0; k--) {
    const j = Math.floor(rand() * (k + 1));
    const t = order[k]!;
    order[k] = order[j]!;
    order[j] = t;
  }
  for (let k = 0; k < count; k++) {
    slots[count + k] = order[k]!;
    sizes[count + k] = -1;
  }
  return {
    name: "W2",
    description: "alloc-then-free: 1,000,000 blocks of 8..256 B, freed in random order",
    slots,
    sizes,
    slotCount: count,
    maxRequest: 256,
    peakLiveBytes: bytes,
  };
}

/**
 * Generates a workload's trace (deterministic: same seed, same trace).
 * @param scale - fraction of the full length (1 = as specified; smaller for warm-up or quick runs)
 */
export function makeTrace(name: WorkloadName, scale = 1, seed = TRACE_SEED): Trace {
  const rand = mulberry32(seed ^ name.charCodeAt(1));
  const steps = Math.max(1, Math.round(2_000_000 * scale));
  switch (name) {
    case "W1":
      return churn(
        "W1",
        "small-churn: 10,000 live blocks, 2,000,000 x (free a random block, malloc 8..512 B)",
        10_000,
        steps,
        (r) => uniform(r, 8, 512),
        rand,
      );
    case "W2":
      return allocThenFree(Math.max(1, Math.round(1_000_000 * scale)), rand);
    case "W3":
      return churn(
        "W3",
        "mixed: W1 with 10 % of sizes 513..65,536 B",
        10_000,
        steps,
        (r) => (r() < 0.1 ? uniform(r, 513, 65_536) : uniform(r, 8, 512)),
        rand,
      );
  }
}
