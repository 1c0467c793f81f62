// A linked list of three nodes in a pymem heap, freed by reference counting, with a weak
// reference watching the head. Run: pnpm exec tsx --conditions=@pymem/source examples/basic.ts
import { ArrayBufferHeap, GcList, LAYOUT_64, ObjectHeaders, type TypeInfo, TypeRegistry } from "@pymem/core";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { ImmediateRefcount, WeakrefTable } from "@pymem/refcount";

const heap = new ArrayBufferHeap();
const raw = new TlsfAllocator({ pages: new HeapPageProvider({ heap }) });
const headers = new ObjectHeaders(heap, LAYOUT_64);
const gc = new GcList(heap, LAYOUT_64);
const types = new TypeRegistry();
const rc = new ImmediateRefcount({ heap, layout: LAYOUT_64, types });

// Object memory: GC header (16 B) + header (16 B) + fields, from the raw allocator.
function allocate(typeId: number): number {
  const type = types.get(typeId);
  const block = raw.malloc(16 + type.basicSize);
  heap.u8.fill(0, block, block + 16 + type.basicSize);
  const obj = block + 16;
  headers.init(obj, typeId);
  gc.clearHeader(obj);
  rc.noteAllocated(obj);
  return obj;
}

// A Node: | refcnt | type | next (strong) | weaklist |
const nodeType: TypeInfo = {
  name: "Node",
  basicSize: 32,
  itemSize: 0,
  isContainer: true,
  weaklistOffset: 24,
  traverse(obj, visit) {
    const next = headers.readWord(obj + 16);
    if (next !== 0) visit(next);
  },
  dealloc(obj, decref) {
    console.log(`dealloc Node at ${obj}`);
    const next = headers.readWord(obj + 16);
    if (next !== 0) decref(next); // queued, not recursed into
    raw.free(obj - 16);
  },
  sizeOf: () => 48,
};
const nodeId = types.register(nodeType);
const weakrefs = new WeakrefTable({
  heap,
  layout: LAYOUT_64,
  types,
  refcounts: rc,
  allocate,
  release: (wr) => raw.free(wr - 16),
});
rc.attachWeakrefs(weakrefs);

let head = 0;
for (let i = 0; i < 3; i++) {
  const node = allocate(nodeId); // refcount 1, owned by us
  headers.writeWord(node + 16, head); // takes over our reference to the previous head
  head = node;
}
const wr = weakrefs.create(head, (w) => console.log(`callback: referent is now ${weakrefs.referent(w)}`));
rc.incref(head);
console.log(`refcount(head) = ${rc.refcount(head)}`);
rc.decref(head);
rc.decref(head);
console.log(`deallocations = ${rc.deallocations}, bytes in use = ${raw.stats().bytesInUse}`);
rc.decref(wr);
console.log(`after the weakref: bytes in use = ${raw.stats().bytesInUse}`);
