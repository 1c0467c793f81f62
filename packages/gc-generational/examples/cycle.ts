// A two-object cycle that reference counting cannot free, found and freed by the
// generational collector. Run: node --conditions=@pymem/source --import tsx examples/cycle.ts
import {
  type Address,
  ArrayBufferHeap,
  type Decref,
  LAYOUT_64,
  ObjectHeaders,
  TypeRegistry,
  type Visit,
} from "@pymem/core";
import { GcModule, GenerationalCollector } from "@pymem/gc-generational";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { ImmediateRefcount } from "@pymem/refcount";

const heap = new ArrayBufferHeap();
const raw = new TlsfAllocator({ pages: new HeapPageProvider({ heap }) });
const types = new TypeRegistry();
const headers = new ObjectHeaders(heap, LAYOUT_64);
const refcount = new ImmediateRefcount({ heap, layout: LAYOUT_64, types });

// A container type with one reference slot at obj+16 (after refcount and type id).
const SLOT = 16;
const nodeId = types.register({
  name: "Node",
  basicSize: 24,
  itemSize: 0,
  isContainer: true,
  weaklistOffset: 0,
  traverse: (obj: Address, visit: Visit) => {
    const x = headers.readWord(obj + SLOT);
    if (x !== 0) visit(x);
  },
  clear: (obj: Address, decref: Decref) => {
    const x = headers.readWord(obj + SLOT);
    headers.writeWord(obj + SLOT, 0);
    if (x !== 0) decref(x);
  },
  dealloc: (obj: Address, decref: Decref) => {
    const x = headers.readWord(obj + SLOT);
    if (x !== 0) decref(x);
    raw.free(obj - LAYOUT_64.gcHeaderSize);
  },
  sizeOf: () => 40,
});

const collector = new GenerationalCollector({
  heap,
  layout: LAYOUT_64,
  types,
  refcount,
  allocateListHead: raw,
});
refcount.attachCollector(collector);
const gc = new GcModule({ collector, heap, layout: LAYOUT_64, types });

function newNode(): Address {
  const obj = raw.calloc(1, LAYOUT_64.gcHeaderSize + 24) + LAYOUT_64.gcHeaderSize;
  collector.onAllocate(); // count it (may start a collection)
  headers.init(obj, nodeId); // refcount 1, owned by us
  refcount.noteAllocated(obj);
  collector.track(obj); // into generation 0
  return obj;
}

const a = newNode();
const b = newNode();
headers.writeWord(a + SLOT, b); // a -> b
refcount.incref(b);
headers.writeWord(b + SLOT, a); // b -> a
refcount.incref(a);

console.log(gc.get_count()); // [ 2, 0, 0 ]
console.log(gc.is_tracked(a), gc.get_referents(a).length === 1); // true true
refcount.decref(a);
refcount.decref(b); // both still at refcount 1: the cycle keeps them alive
console.log(refcount.deallocations); // 0

gc.set_debug(gc.DEBUG_STATS);
console.log(gc.collect()); // 2 (after the gc: ... lines on stderr)
console.log(refcount.deallocations, gc.get_objects().length); // 2 0
console.log(gc.get_stats()[2]); // { collections: 1, collected: 2, uncollectable: 0 }
