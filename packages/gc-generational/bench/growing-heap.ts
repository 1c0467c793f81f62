// The program 3.14.0's incremental collector was reported to hold more memory on: a
// long-lived structure that keeps growing while short-lived cycles churn. Each step appends
// one object to a long-lived chain and makes one two-object cycle that a ring of R slots keeps
// alive for R steps (long enough to outlive young collections), then drops. Compared: the
// generational collector with 3.11's thresholds (700, 10, 10) and 3.13's (2000, 10, 10), and
// the incremental collector with 3.14.0's (2000, 10, 0).
//
//   node --conditions=@pymem/source --import tsx bench/growing-heap.ts [steps] [ring,ring,...]
//   (defaults: 200000 steps; rings of 500, 5000 and 20000 slots)
//
// Printed per collector: the most objects alive at once (reachable + garbage not found yet),
// the most garbage waiting at once, collections, objects examined by the collector (its work:
// the sets it collected, plus marking), the largest single collection in objects examined,
// and the objects alive at the end. Counts of objects, not times: the figures are the same on
// every machine.
import {
  type Address,
  ArrayBufferHeap,
  type Decref,
  LAYOUT_64,
  ObjectHeaders,
  type TypeInfo,
  TypeRegistry,
  type Visit,
} from "@pymem/core";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { ImmediateRefcount } from "@pymem/refcount";
import { type CollectorBase, GenerationalCollector, IncrementalCollector } from "../src/index";

const STEPS = Number(process.argv[2] ?? 200_000);
const RINGS = (process.argv[3] ?? "500,5000,20000").split(",").map(Number);
const HS = LAYOUT_64.headerSize;
const HDR = LAYOUT_64.gcHeaderSize;

interface Outcome {
  peakAlive: number;
  peakGarbage: number;
  collections: number;
  examined: number;
  largest: number;
  finalAlive: number;
}

function run(kind: "generational" | "incremental", thresholds: number[], RING: number): Outcome {
  const heap = new ArrayBufferHeap({ initialByteLength: 1 << 24, maxByteLength: 2 ** 31 });
  const raw = new TlsfAllocator({ pages: new HeapPageProvider({ heap }) });
  const types = new TypeRegistry();
  const h = new ObjectHeaders(heap, LAYOUT_64);
  const rc = new ImmediateRefcount({ heap, layout: LAYOUT_64, types, checked: false });
  let alive = 0;
  // Node: two reference slots. Holder: | header | items pointer | capacity | (ob_size = items)
  const slot = (obj: Address, i: number) => obj + HS + 8 * i;
  const node: TypeInfo = {
    name: "Node",
    basicSize: HS + 16,
    itemSize: 0,
    isContainer: true,
    weaklistOffset: 0,
    traverse: (obj: Address, visit: Visit) => {
      for (let i = 0; i < 2; i++) {
        const x = h.readWord(slot(obj, i));
        if (x !== 0) visit(x);
      }
    },
    clear: (obj: Address, decref: Decref) => {
      for (let i = 0; i < 2; i++) {
        const x = h.readWord(slot(obj, i));
        if (x !== 0) {
          h.writeWord(slot(obj, i), 0);
          decref(x);
        }
      }
    },
    dealloc: (obj: Address, decref: Decref) => {
      for (let i = 0; i < 2; i++) {
        const x = h.readWord(slot(obj, i));
        if (x !== 0) decref(x);
      }
      alive--;
      raw.free(obj - HDR);
    },
    sizeOf: () => HDR + HS + 16,
  };
  const vh = LAYOUT_64.varHeaderSize;
  const itemsOf = (holder: Address) => h.readWord(holder + vh);
  const holder: TypeInfo = {
    name: "Holder",
    basicSize: vh + 16,
    itemSize: 0,
    isContainer: true,
    weaklistOffset: 0,
    traverse: (obj: Address, visit: Visit) => {
      const items = itemsOf(obj);
      for (let i = 0, n = h.size(obj); i < n; i++) {
        const x = h.readWord(items + 8 * i);
        if (x !== 0) visit(x);
      }
    },
    dealloc: (obj: Address, decref: Decref) => {
      const items = itemsOf(obj);
      for (let i = 0, n = h.size(obj); i < n; i++) {
        const x = h.readWord(items + 8 * i);
        if (x !== 0) decref(x);
      }
      if (items !== 0) raw.free(items);
      alive--;
      raw.free(obj - HDR);
    },
    sizeOf: () => HDR + vh + 16,
  };
  const nodeId = types.register(node);
  const holderId = types.register(holder);
  const base = { heap, layout: LAYOUT_64, types, refcount: rc, allocateListHead: raw };
  const gc: CollectorBase =
    kind === "generational"
      ? new GenerationalCollector({ ...base, thresholds })
      : new IncrementalCollector({ ...base, thresholds });
  rc.attachCollector(gc);
  const allocate = (typeId: number, size: number): Address => {
    const obj = raw.calloc(1, HDR + size) + HDR;
    gc.onAllocate();
    h.init(obj, typeId, 0);
    rc.noteAllocated(obj);
    gc.track(obj);
    alive++;
    return obj;
  };
  const newHolder = (capacity: number): Address => {
    const obj = allocate(holderId, vh + 16);
    h.writeWord(obj + vh, raw.calloc(capacity, 8));
    h.writeWord(obj + vh + 8, capacity);
    return obj;
  };
  const push = (holderObj: Address, x: Address): void => {
    const n = h.size(holderObj);
    let cap = h.readWord(holderObj + vh + 8);
    if (n === cap) {
      cap *= 2;
      h.writeWord(holderObj + vh, raw.realloc(itemsOf(holderObj), cap * 8));
      h.writeWord(holderObj + vh + 8, cap);
    }
    h.writeWord(itemsOf(holderObj) + 8 * n, x); // the holder takes the caller's reference
    h.setSize(holderObj, n + 1);
  };
  const chain = newHolder(1024);
  const ring = newHolder(RING);
  for (let i = 0; i < RING; i++) push(ring, 0);
  let peakAlive = 0;
  let peakGarbage = 0;
  let ringLive = 0;
  for (let step = 0; step < STEPS; step++) {
    push(chain, allocate(nodeId, HS + 16));
    const a = allocate(nodeId, HS + 16);
    const b = allocate(nodeId, HS + 16);
    h.writeWord(slot(a, 0), b);
    rc.incref(b);
    h.writeWord(slot(b, 0), a);
    rc.incref(a);
    rc.decref(b); // a holds b; b holds a; the ring will hold a
    const at = itemsOf(ring) + 8 * (step % RING);
    const old = h.readWord(at);
    h.writeWord(at, a);
    if (old !== 0) rc.decref(old);
    else ringLive++;
    const reachable = 2 + (step + 1) + 2 * ringLive;
    if (alive > peakAlive) peakAlive = alive;
    if (alive - reachable > peakGarbage) peakGarbage = alive - reachable;
  }
  const examined = gc.examined;
  const largest = gc.largestExamined;
  const collections = gc.getStats().reduce((n, s) => n + s.collections, 0);
  return { peakAlive, peakGarbage, collections, examined, largest, finalAlive: alive };
}

console.log(
  `growing heap: ${STEPS} steps, each 1 long-lived object + a 2-object cycle kept for a ring's length`,
);
console.log(
  "| ring | collector | peak alive | peak garbage | collections | objects examined | largest collection |",
);
console.log("|---:|---|---:|---:|---:|---:|---:|");
for (const ring of RINGS) {
  const rows: [string, Outcome][] = [
    ["generational (700, 10, 10), 3.11", run("generational", [700, 10, 10], ring)],
    ["generational (2000, 10, 10), 3.13", run("generational", [2000, 10, 10], ring)],
    ["incremental (2000, 10, 0), 3.14.0", run("incremental", [2000, 10, 0], ring)],
  ];
  for (const [name, o] of rows) {
    console.log(
      `| ${ring} | ${name} | ${o.peakAlive} | ${o.peakGarbage} | ${o.collections} | ${o.examined} | ${o.largest} |`,
    );
  }
}
