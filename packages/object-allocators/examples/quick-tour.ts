// The README's example: a float free list and tuple free lists over pymalloc.
//   node --conditions=@pymem/source --import tsx examples/quick-tour.ts
import { ArrayBufferHeap, LAYOUT_64, type TypeInfo, TypeRegistry } from "@pymem/core";
import { FreeListAllocator, formatFreeListStats, TupleFreeLists } from "@pymem/object-allocators";
import { PymallocAllocator } from "@pymem/pymalloc";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { ImmediateRefcount } from "@pymem/refcount";

const heap = new ArrayBufferHeap();
const pages = new HeapPageProvider({ heap });
const pymalloc = new PymallocAllocator({ pages, raw: new TlsfAllocator({ pages }) });

// The host describes its types (sizes as CPython 3.11 on 64-bit).
const type = (name: string, basicSize: number, itemSize: number, isContainer: boolean): TypeInfo => ({
  name,
  basicSize,
  itemSize,
  isContainer,
  weaklistOffset: 0,
  traverse() {},
  dealloc() {},
  sizeOf: () => basicSize,
});
const types = new TypeRegistry();
const floatId = types.register(type("float", 24, 0, false));
const tupleId = types.register(type("tuple", 24, 8, true));
const refcount = new ImmediateRefcount({ heap, layout: LAYOUT_64, types, checked: false });

const floats = new FreeListAllocator({ domain: pymalloc, types, typeId: floatId }); // limit 100
const tuples = new TupleFreeLists({ domain: pymalloc, types, typeId: tupleId, refcount });

const x = floats.allocate();
floats.release(x);
console.log(floats.allocate() === x); // the freed float's address goes to the next float

const pair = tuples.allocate(2);
tuples.release(pair);
console.log(tuples.allocate(3) === pair, tuples.allocate(2) === pair); // per-length lists
console.log(tuples.allocate(0) === tuples.emptyTuple, refcount.isImmortal(tuples.emptyTuple));

for (const f of Array.from({ length: 120 }, () => floats.allocate())) floats.release(f);
console.log(floats.stats());
process.stdout.write(formatFreeListStats([floats]));
