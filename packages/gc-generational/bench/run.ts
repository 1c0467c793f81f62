// Full-collection cost per object, against CPython's gc.collect() on the same graphs.
//
//   pnpm bench                 N = 10^4, 10^5, 10^6
//   pnpm bench -- 10000        only the sizes given
//
// Shapes (every object: a container with 4 reference slots, 64 bytes with its GC header,
// like a CPython instance with __slots__ = ('a', 'b', 'c', 'd'); object memory comes from
// @pymem/pymalloc, CPython's allocator for objects, so both sides pack them the same way):
//   live          N objects held by one holder container (as Python's `nodes` list holds them),
//                 each referring to 4 random others; nothing is freed
//   pairs         N/2 two-object cycles, all garbage: found, cleared and freed
//   ring          one ring of N objects, all garbage: found, cleared and freed (one long cascade)
//   pairs, ring + SAVEALL   the same collections under DEBUG_SAVEALL: the garbage is found and
//                 kept in gc.garbage, nothing is cleared or freed (the collector's own work)
//   dealloc       not a collection: reference counting frees N acyclic objects (the cost the
//                 garbage shapes add on top of the collector's work)
//
// Times are process CPU time on both sides (process.cpuUsage, time.process_time_ns), so that
// other jobs on a shared machine do not count; on an idle machine they equal wall-clock time.
// Each figure is the best of several collections (the machine's other load only ever adds
// time, so the minimum is the steadiest estimate), on both sides; garbage shapes are
// rebuilt before each one. For each N the two sides take turns, twice, and each keeps its
// best round, so that a change in the machine's load does not favour either side. CPython runs the same program (written to a temporary file) when `python3` is
// on the PATH, with the interpreter's own objects frozen (gc.freeze) so that both sides
// collect exactly the N objects.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Address,
  ArrayBufferHeap,
  DEBUG_SAVEALL,
  type Decref,
  LAYOUT_64,
  ObjectHeaders,
  type TypeInfo,
  TypeRegistry,
  type Visit,
} from "@pymem/core";
import { PymallocAllocator } from "@pymem/pymalloc";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { ImmediateRefcount } from "@pymem/refcount";
import { type CollectorBase, createCollector } from "../src/index";

type Shape = "live" | "pairs" | "ring" | "pairs+SAVEALL" | "ring+SAVEALL" | "dealloc";
const SHAPES: Shape[] = ["live", "pairs", "ring", "pairs+SAVEALL", "ring+SAVEALL", "dealloc"];
const SLOTS = 4;

/** One heap with a 4-slot node type, reference counting and a collector. */
class Bench {
  readonly heap = new ArrayBufferHeap({ initialByteLength: 1 << 24, maxByteLength: 2 ** 31 });
  readonly pages = new HeapPageProvider({ heap: this.heap });
  readonly raw = new TlsfAllocator({ pages: this.pages });
  readonly objects = new PymallocAllocator({ pages: this.pages, raw: this.raw, checked: false });
  readonly types = new TypeRegistry();
  readonly rc = new ImmediateRefcount({
    heap: this.heap,
    layout: LAYOUT_64,
    types: this.types,
    checked: false,
  });
  readonly h = new ObjectHeaders(this.heap, LAYOUT_64);
  readonly gc: CollectorBase;
  readonly nodeId: number;
  readonly holderId: number;
  /** The object the host holds (the mark-and-sweep root), or 0. */
  root: Address = 0;

  constructor(kind: "generational" | "mark-sweep") {
    const hs = LAYOUT_64.headerSize;
    const u32 = () => this.heap.u32;
    const node: TypeInfo = {
      name: "Node",
      basicSize: hs + SLOTS * 8,
      itemSize: 0,
      isContainer: true,
      weaklistOffset: 0,
      traverse(obj: Address, visit: Visit) {
        const m = u32();
        const i = (obj + hs) >>> 2;
        for (let k = 0; k < SLOTS * 2; k += 2) {
          const x = m[i + k]!;
          if (x !== 0) visit(x);
        }
      },
      clear(obj: Address, decref: Decref) {
        const m = u32();
        const i = (obj + hs) >>> 2;
        for (let k = 0; k < SLOTS * 2; k += 2) {
          const x = m[i + k]!;
          if (x !== 0) {
            m[i + k] = 0;
            decref(x);
          }
        }
      },
      dealloc: (obj: Address, decref: Decref) => {
        const m = u32();
        const i = (obj + hs) >>> 2;
        for (let k = 0; k < SLOTS * 2; k += 2) {
          const x = m[i + k]!;
          if (x !== 0) decref(x);
        }
        this.objects.free(obj - 16);
      },
      sizeOf: () => 16 + hs + SLOTS * 8,
    };
    this.nodeId = this.types.register(node);
    // A list-like holder: | header | ob_size | items ... | (Python's `nodes` list)
    const vh = LAYOUT_64.varHeaderSize;
    const holder: TypeInfo = {
      name: "Holder",
      basicSize: vh,
      itemSize: 8,
      isContainer: true,
      weaklistOffset: 0,
      traverse: (obj: Address, visit: Visit) => {
        const m = u32();
        const n = m[(obj + 16) >>> 2]!;
        const i = (obj + vh) >>> 2;
        for (let k = 0; k < 2 * n; k += 2) visit(m[i + k]!);
      },
      dealloc: (obj: Address, decref: Decref) => {
        const m = u32();
        const n = m[(obj + 16) >>> 2]!;
        for (let k = 0; k < n; k++) decref(m[((obj + vh) >>> 2) + 2 * k]!);
        this.raw.free(obj - 16);
      },
      sizeOf: (obj: Address) => 16 + vh + 8 * u32()[(obj + 16) >>> 2]!,
    };
    this.holderId = this.types.register(holder);
    this.gc = createCollector(kind, {
      heap: this.heap,
      layout: LAYOUT_64,
      types: this.types,
      refcount: this.rc,
      allocateListHead: this.raw,
      roots: {
        forEachRoot: (visit) => {
          if (this.root !== 0) visit(this.root);
        },
      },
    });
    this.gc.disable();
    this.rc.attachCollector(this.gc);
  }

  newNode(): Address {
    const obj = this.objects.calloc(1, 16 + LAYOUT_64.headerSize + SLOTS * 8) + 16;
    this.gc.onAllocate();
    this.h.init(obj, this.nodeId);
    this.rc.noteAllocated(obj);
    this.gc.track(obj);
    return obj;
  }

  /** obj.slot[k] = x (a new reference). */
  link(obj: Address, k: number, x: Address): void {
    this.rc.incref(x);
    this.heap.u32[(obj + LAYOUT_64.headerSize + 8 * k) >>> 2] = x;
  }

  build(shape: "live" | "pairs" | "ring", n: number, seed: number): void {
    let holder = 0;
    if (shape === "live") {
      // allocated first, so it comes first in its generation, like Python's list
      holder = this.raw.calloc(1, 16 + LAYOUT_64.varHeaderSize + 8 * n) + 16;
      this.gc.onAllocate();
      this.h.init(holder, this.holderId, n);
      this.rc.noteAllocated(holder);
      this.gc.track(holder);
    }
    const nodes = new Uint32Array(n);
    for (let i = 0; i < n; i++) nodes[i] = this.newNode();
    let s = seed >>> 0;
    const rand = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s;
    };
    if (shape === "live") {
      for (let i = 0; i < n; i++) for (let k = 0; k < SLOTS; k++) this.link(nodes[i]!, k, nodes[rand() % n]!);
      // the holder takes over the host's reference to each node; the host holds the holder
      for (let i = 0; i < n; i++) this.heap.u32[(holder + LAYOUT_64.varHeaderSize + 8 * i) >>> 2] = nodes[i]!;
      this.root = holder;
      return;
    }
    if (shape === "pairs") {
      for (let i = 0; i + 1 < n; i += 2) {
        this.link(nodes[i]!, 0, nodes[i + 1]!);
        this.link(nodes[i + 1]!, 0, nodes[i]!);
      }
    } else {
      for (let i = 0; i < n; i++) this.link(nodes[i]!, 0, nodes[(i + 1) % n]!);
    }
    for (let i = 0; i < n; i++) this.rc.decref(nodes[i]!); // drop the host's references
    this.root = 0;
  }
}

/**
 * CPU time of this process in ns (microsecond resolution). The machine is shared: CPU time
 * leaves out the time other processes hold the cores, which wall-clock time would add at
 * random to either side. CPython's side uses time.process_time_ns() likewise.
 */
function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) * 1000;
}

function best(xs: number[]): number {
  return Math.min(...xs);
}

function repetitions(n: number): number {
  return n >= 1_000_000 ? 3 : n >= 100_000 ? 5 : 15;
}

/** ns per object of a full collection of `shape` with N objects, in this process. */
function measure(kind: "generational" | "mark-sweep", shape: Shape, n: number): number {
  const times: number[] = [];
  const reps = repetitions(n);
  const b = new Bench(kind);
  if (shape === "live") {
    b.build(shape, n, 12345);
    b.gc.collect(2); // settle: everything in the oldest generation
    for (let r = 0; r < reps; r++) {
      const t0 = cpuNow();
      const found = b.gc.collect(2);
      times.push(cpuNow() - t0);
      if (found !== 0) throw new Error(`live shape: ${found} objects found unreachable`);
    }
    return best(times) / n;
  }
  if (shape === "dealloc") {
    for (let r = 0; r < reps + 1; r++) {
      const nodes = new Uint32Array(n);
      for (let i = 0; i < n; i++) nodes[i] = b.newNode();
      for (let i = 0; i + 1 < n; i += 2) b.link(nodes[i]!, 0, nodes[i + 1]!); // a -> b: no cycle
      const t0 = cpuNow();
      for (let i = 0; i < n; i++) b.rc.decref(nodes[i]!);
      if (r > 0) times.push(cpuNow() - t0);
    }
    return best(times) / n;
  }
  const saveAll = shape.endsWith("+SAVEALL");
  const base = saveAll ? (shape === "pairs+SAVEALL" ? "pairs" : "ring") : (shape as "pairs" | "ring");
  for (let r = 0; r < reps + 1; r++) {
    b.build(base, n, r + 1);
    if (saveAll) b.gc.setDebug(DEBUG_SAVEALL);
    const t0 = cpuNow();
    const found = b.gc.collect(2);
    const dt = cpuNow() - t0;
    if (found !== n) throw new Error(`${shape} shape: ${found} objects collected, expected ${n}`);
    if (r > 0) times.push(dt); // the first round warms the JIT up
    if (saveAll) {
      // untimed: release gc.garbage and free the saved cycles
      b.gc.setDebug(0);
      for (const g of b.gc.garbage.splice(0)) b.rc.decref(g);
      b.gc.collect(2);
    }
  }
  return best(times) / n;
}

const PYTHON = String.raw`
import gc, json, sys, time, random
gc.disable()
gc.collect()
gc.freeze()
class Node:
    __slots__ = ('a', 'b', 'c', 'd')
    def __init__(self):
        self.a = self.b = self.c = self.d = None
def best(xs):
    return min(xs)
def reps(n):
    return 3 if n >= 1000000 else 5 if n >= 100000 else 15
def live(n):
    rnd = random.Random(12345)
    nodes = [Node() for _ in range(n)]
    for x in nodes:
        x.a = nodes[rnd.randrange(n)]; x.b = nodes[rnd.randrange(n)]
        x.c = nodes[rnd.randrange(n)]; x.d = nodes[rnd.randrange(n)]
    gc.collect()
    times = []
    for _ in range(reps(n)):
        t0 = time.process_time_ns()
        found = gc.collect()
        times.append(time.process_time_ns() - t0)
        assert found == 0, found
    return best(times) / n
def garbage(shape, n, saveall=False):
    gc.collect()
    times = []
    for r in range(reps(n) + 1):
        nodes = [Node() for _ in range(n)]
        if shape == 'pairs':
            for i in range(0, n - 1, 2):
                nodes[i].a = nodes[i + 1]; nodes[i + 1].a = nodes[i]
        else:
            for i in range(n):
                nodes[i].a = nodes[(i + 1) % n]
        del nodes
        if saveall: gc.set_debug(gc.DEBUG_SAVEALL)
        t0 = time.process_time_ns()
        found = gc.collect()
        dt = time.process_time_ns() - t0
        assert found == n, (found, n)
        if r > 0: times.append(dt)
        if saveall:
            gc.set_debug(0)
            del gc.garbage[:]
            gc.collect()
    return best(times) / n
def dealloc(n):
    times = []
    for r in range(reps(n) + 1):
        nodes = [Node() for _ in range(n)]
        for i in range(0, n - 1, 2):
            nodes[i].a = nodes[i + 1]
        t0 = time.process_time_ns()
        del nodes
        dt = time.process_time_ns() - t0
        if r > 0: times.append(dt)
    return best(times) / n
out = {}
for n in [int(a) for a in sys.argv[1:]]:
    out[str(n)] = {'live': live(n), 'pairs': garbage('pairs', n), 'ring': garbage('ring', n),
                   'pairs+SAVEALL': garbage('pairs', n, True), 'ring+SAVEALL': garbage('ring', n, True),
                   'dealloc': dealloc(n)}
print(json.dumps({'version': sys.version.split()[0], 'results': out}))
`;

function runPython(
  sizes: number[],
): { version: string; results: Record<string, Record<Shape, number>> } | null {
  const dir = mkdtempSync(join(tmpdir(), "pymem-gc-bench-"));
  try {
    const script = join(dir, "gc_bench.py");
    writeFileSync(script, PYTHON);
    const out = execFileSync("python3", [script, ...sizes.map(String)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return JSON.parse(out);
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 1);
const ns = sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000];
const ROUNDS = 2;
let pyVersion: string | null = null;
const header = ["shape", "N", "generational", "mark-sweep", "CPython", "generational / CPython"];
const rows: string[][] = [];
for (const n of ns) {
  const ours = new Map<Shape, { gen: number; ms: number }>();
  const theirs = new Map<Shape, number>();
  for (let round = 0; round < ROUNDS; round++) {
    const py = runPython([n]);
    if (py !== null) {
      pyVersion = py.version;
      for (const shape of SHAPES) {
        const c = py.results[String(n)]![shape];
        theirs.set(shape, Math.min(theirs.get(shape) ?? Number.POSITIVE_INFINITY, c));
      }
    }
    for (const shape of SHAPES) {
      const gen = measure("generational", shape, n);
      const ms = shape === "dealloc" ? gen : measure("mark-sweep", shape, n);
      const prev = ours.get(shape);
      ours.set(shape, { gen: Math.min(prev?.gen ?? gen, gen), ms: Math.min(prev?.ms ?? ms, ms) });
    }
  }
  for (const shape of SHAPES) {
    const { gen, ms } = ours.get(shape)!;
    const c = theirs.get(shape);
    rows.push([
      shape,
      n.toLocaleString("en-US"),
      gen.toFixed(1),
      ms.toFixed(1),
      c === undefined ? "-" : c.toFixed(1),
      c === undefined ? "-" : `${(gen / c).toFixed(2)}x`,
    ]);
  }
}
console.log(`Full collection, CPU ns per object (best of k); CPython: ${pyVersion ?? "python3 not found"}`);
console.log("");
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) =>
  r.map((x, i) => (i < 2 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join("  ");
console.log(line(header));
for (const r of rows) console.log(line(r));
