// Random operation sequences for the allocator property tests.
import fc from "fast-check";
import type { AllocatorModel } from "./model";

/** One step of a random workload. */
export type Op =
  | { kind: "malloc"; size: number }
  | { kind: "calloc"; count: number; size: number }
  | { kind: "realloc"; pick: number; size: number }
  | { kind: "free"; pick: number };

/** Request sizes: mostly small, some medium, a few large (their own mapping) when `large` is set. */
export function sizeArb(large: boolean): fc.Arbitrary<number> {
  const parts: fc.WeightedArbitrary<number>[] = [
    { arbitrary: fc.integer({ min: 0, max: 64 }), weight: 45 },
    { arbitrary: fc.integer({ min: 65, max: 512 }), weight: 30 },
    { arbitrary: fc.integer({ min: 513, max: 8192 }), weight: 18 },
    { arbitrary: fc.integer({ min: 8193, max: 100_000 }), weight: 6 },
  ];
  if (large) parts.push({ arbitrary: fc.integer({ min: 200_000, max: 600_000 }), weight: 1 });
  return fc.oneof(...parts);
}

/** A weighted random operation. */
export function opArb(large = true): fc.Arbitrary<Op> {
  const size = sizeArb(large);
  return fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant("malloc" as const), size }), weight: 30 },
    {
      arbitrary: fc.record({
        kind: fc.constant("calloc" as const),
        count: fc.integer({ min: 0, max: 40 }),
        size: fc.integer({ min: 0, max: 200 }),
      }),
      weight: 8,
    },
    { arbitrary: fc.record({ kind: fc.constant("realloc" as const), pick: fc.nat(), size }), weight: 22 },
    { arbitrary: fc.record({ kind: fc.constant("free" as const), pick: fc.nat() }), weight: 36 },
  );
}

/** Applies `op` to the model; allocations turn into frees once `maxLive` blocks are live. */
export function apply(model: AllocatorModel, op: Op, maxLive: number): void {
  if (op.kind !== "free" && op.kind !== "realloc" && model.live.length >= maxLive) {
    model.free(op.size);
    return;
  }
  switch (op.kind) {
    case "malloc":
      model.malloc(op.size);
      break;
    case "calloc":
      model.calloc(op.count, op.size);
      break;
    case "realloc":
      model.realloc(op.pick, op.size);
      break;
    case "free":
      model.free(op.pick);
      break;
  }
}
