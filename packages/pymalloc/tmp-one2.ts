import { ArrayBufferHeap } from "@pymem/core";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { PymallocAllocator } from "./src/index";
import { FloorAllocator } from "./bench/floor-allocator";
const which = process.argv[2]; const OPS = Number(process.argv[3] ?? 0);
let a: { malloc(n: number): number; free(a: number): void };
if (which === "floor") a = new FloorAllocator(1 << 24, 512);
else { const heap = new ArrayBufferHeap({ initialByteLength: 1 << 24, maxByteLength: 1 << 28 }); const pages = new HeapPageProvider({ heap }); a = new PymallocAllocator({ pages, raw: new TlsfAllocator({ pages }), checked: which === "checked" }); }
const live = 10000; const slots = new Int32Array(live); let x = 1;
for (let i = 0; i < live; i++) { x = (x * 1103515245 + 12345) >>> 0; slots[i] = a.malloc(8 + (x >>> 8) % 120); }
for (let i = 0; i < OPS; i++) { x = (x * 1103515245 + 12345) >>> 0; const j = x % live; a.free(slots[j]); slots[j] = a.malloc(8 + (x >>> 8) % 120); }
