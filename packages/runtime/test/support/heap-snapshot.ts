import type { Runtime } from "../../src/index";

/** A copy of the runtime's heap bytes. */
export function heapBytes(rt: Runtime): Uint8Array {
  return rt.parts.heap.u8.slice();
}

/** Whether the heap holds exactly `before` (a fast byte comparison, not an element-wise diff). */
export function heapUnchanged(rt: Runtime, before: Uint8Array): boolean {
  const now = rt.parts.heap.u8;
  return now.length === before.length && Buffer.compare(now, before) === 0;
}
