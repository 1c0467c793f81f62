import { ArrayBufferHeap } from "@pymem/core";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { PymallocAllocator } from "./src/index";
import { FloorAllocator } from "./bench/floor-allocator";
const LIVE = 10000, OPS = 2_000_000;
function setupSlots(a: { malloc(n: number): number }) { const s = new Int32Array(LIVE); let x = 7; for (let i = 0; i < LIVE; i++) { x = (x * 1103515245 + 12345) >>> 0; s[i] = a.malloc(8 + (x >>> 8) % 120); } return s; }
function runFloor(a: FloorAllocator, s: Int32Array, seed: number) { let x = seed; const t0 = performance.now(); for (let i = 0; i < OPS; i++) { x = (x * 1103515245 + 12345) >>> 0; const j = x % LIVE; a.free(s[j]); s[j] = a.malloc(8 + (x >>> 8) % 120); } return performance.now() - t0; }
function runPy(a: PymallocAllocator, s: Int32Array, seed: number) { let x = seed; const t0 = performance.now(); for (let i = 0; i < OPS; i++) { x = (x * 1103515245 + 12345) >>> 0; const j = x % LIVE; a.free(s[j]); s[j] = a.malloc(8 + (x >>> 8) % 120); } return performance.now() - t0; }
function runPyU(a: PymallocAllocator, s: Int32Array, seed: number) { let x = seed; const t0 = performance.now(); for (let i = 0; i < OPS; i++) { x = (x * 1103515245 + 12345) >>> 0; const j = x % LIVE; a.free(s[j]); s[j] = a.malloc(8 + (x >>> 8) % 120); } return performance.now() - t0; }
const mk = (checked: boolean) => { const heap = new ArrayBufferHeap({ initialByteLength: 1 << 24, maxByteLength: 1 << 28 }); const pages = new HeapPageProvider({ heap }); return new PymallocAllocator({ pages, raw: new TlsfAllocator({ pages }), checked }); };
const f = new FloorAllocator(1 << 24, 512), p = mk(true), u = mk(false);
const sf = setupSlots(f), sp = setupSlots(p), su = setupSlots(u);
const rc: number[] = [], ru: number[] = [];
for (let r = 0; r < 12; r++) { const tf = runFloor(f, sf, r + 1); const tp = runPy(p, sp, r + 1); const tu = runPyU(u, su, r + 1); const tf2 = runFloor(f, sf, r + 100); const fl = (tf + tf2) / 2; rc.push(fl / tp); ru.push(fl / tu); }
const med = (a: number[]) => a.slice().sort((x, y) => x - y)[a.length >> 1].toFixed(2);
console.log("median ratio checked", med(rc), "unchecked", med(ru), "| all checked", rc.map((x) => x.toFixed(2)).join(" "));
