import { ArrayBufferHeap } from "@pymem/core";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { PymallocAllocator } from "./src/index";
import { FloorAllocator } from "./bench/floor-allocator";
const which = process.argv[2];
let a: { malloc(n: number): number; free(a: number): void };
if (which === "floor") a = new FloorAllocator(1 << 24, 512);
else {
  const heap = new ArrayBufferHeap({ initialByteLength: 1 << 24, maxByteLength: 1 << 28 });
  const pages = new HeapPageProvider({ heap });
  a = new PymallocAllocator({ pages, raw: new TlsfAllocator({ pages }), checked: which === "checked", config: (process.argv[3] ?? "cpython311") as "classic" });
}
const live = 10000; const slots = new Int32Array(live); let x = 1;
for (let i = 0; i < live; i++) { x = (x * 1103515245 + 12345) >>> 0; slots[i] = a.malloc(8 + (x >>> 8) % 120); }
const res: string[] = [];
for (let r = 0; r < 4; r++) {
const t0 = performance.now();
for (let i = 0; i < 10_000_000; i++) { x = (x * 1103515245 + 12345) >>> 0; const j = x % live; a.free(slots[j]); slots[j] = a.malloc(8 + (x >>> 8) % 120); }
res.push(((20e6) / ((performance.now() - t0) / 1000) / 1e6).toFixed(1));
}
console.log(which, process.argv[3] ?? "", res.join(" "), "M ops/s");
