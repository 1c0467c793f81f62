// Full-collection cost per object, against CPython's gc.collect() on the same graphs.
//
//   pnpm bench                 N = 10^4, 10^5, 10^6
//   pnpm bench -- 10000        only the sizes given
//
// Shapes (every object: a container with 4 reference slots, 64 bytes with its GC header,
// like a CPython instance with __slots__ = ('a', 'b', 'c', 'd')):
//   live     N objects held by the host, each referring to 4 random others; nothing is freed
//   pairs    N/2 two-object cycles, all garbage: found, cleared and freed
//   ring     one ring of N objects, all garbage: found, cleared and freed (one long cascade)
//
// Each figure is the median of several collections; garbage shapes are rebuilt before
// each one. CPython runs the same program (written to a temporary file) when `python3` is
// on the PATH, with the interpreter's own objects frozen (gc.freeze) so that both sides
// collect exactly the N objects.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Address,
  ArrayBufferHeap,
  type CycleCollector,
  type Decref,
  LAYOUT_64,
  ObjectHeaders,
  type TypeInfo,
  TypeRegistry,
  type Visit,
} from "@pymem/core";
import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
import { ImmediateRefcount } from "@pymem/refcount";
import { createCollector } from "../src/index";

type Shape = "live" | "pairs" | "ring";
const SHAPES: Shape[] = ["live", "pairs", "ring"];
const SLOTS = 4;

/** One heap with a 4-slot node type, reference counting and a collector. */
class Bench {
  readonly heap = new ArrayBufferHeap({ initialByteLength: 1 << 24, maxByteLength: 2 ** 31 });
  readonly raw = new TlsfAllocator({ pages: new HeapPageProvider({ heap: this.heap }) });
  readonly types = new TypeRegistry();
  readonly rc = new ImmediateRefcount({ heap: this.heap, layout: LAYOUT_64, types: this.types, checked: false });
  readonly h = new ObjectHeaders(this.heap, LAYOUT_64);
  readonly gc: CycleCollector;
  readonly nodeId: number;
  /** Objects the host holds (the mark-and-sweep roots). */
  roots = new Uint32Array(0);
  rootCount = 0;

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
        this.raw.free(obj - 16);
      },
      sizeOf: () => 16 + hs + SLOTS * 8,
    };
    this.nodeId = this.types.register(node);
    this.gc = createCollector(kind, {
      heap: this.heap,
      layout: LAYOUT_64,
      types: this.types,
      refcount: this.rc,
      allocateListHead: this.raw,
      roots: {
        forEachRoot: (visit) => {
          for (let i = 0; i < this.rootCount; i++) visit(this.roots[i]!);
        },
      },
    });
    this.gc.disable();
    this.rc.attachCollector(this.gc);
  }

  newNode(): Address {
    const obj = this.raw.calloc(1, 16 + LAYOUT_64.headerSize + SLOTS * 8) + 16;
    this.gc.onAllocate();
    this.h.init(obj, this.nodeId);
    this.gc.track(obj);
    return obj;
  }

  /** obj.slot[k] = x (a new reference). */
  link(obj: Address, k: number, x: Address): void {
    this.rc.incref(x);
    this.heap.u32[(obj + LAYOUT_64.headerSize + 8 * k) >>> 2] = x;
  }

  build(shape: Shape, n: number, seed: number): void {
    const nodes = new Uint32Array(n);
    for (let i = 0; i < n; i++) nodes[i] = this.newNode();
    let s = seed >>> 0;
    const rand = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s;
    };
    if (shape === "live") {
      for (let i = 0; i < n; i++) for (let k = 0; k < SLOTS; k++) this.link(nodes[i]!, k, nodes[rand() % n]!);
      this.roots = nodes; // the host keeps its reference to every node
      this.rootCount = n;
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
    this.rootCount = 0;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function repetitions(n: number): number {
  return n >= 1_000_000 ? 3 : n >= 100_000 ? 5 : 15;
}

/** ns per object of a full collection of `shape` with N objects, in this process. */
function measure(kind: "generational" | "mark-sweep", shape: Shape, n: number): number {
  const times: number[] = [];
  const reps = repetitions(n);
  if (shape === "live") {
    const b = new Bench(kind);
    b.build(shape, n, 12345);
    b.gc.collect(2); // settle: everything in the oldest generation
    for (let r = 0; r < reps; r++) {
      const t0 = process.hrtime.bigint();
      const found = b.gc.collect(2);
      times.push(Number(process.hrtime.bigint() - t0));
      if (found !== 0) throw new Error(`live shape: ${found} objects found unreachable`);
    }
  } else {
    const b = new Bench(kind);
    for (let r = 0; r < reps + 1; r++) {
      b.build(shape, n, r + 1);
      const t0 = process.hrtime.bigint();
      const found = b.gc.collect(2);
      const dt = Number(process.hrtime.bigint() - t0);
      if (found !== n) throw new Error(`${shape} shape: ${found} objects collected, expected ${n}`);
      if (r > 0) times.push(dt); // the first round warms the JIT up
    }
  }
  return median(times) / n;
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
def median(xs):
    return sorted(xs)[len(xs) // 2]
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
        t0 = time.perf_counter_ns()
        found = gc.collect()
        times.append(time.perf_counter_ns() - t0)
        assert found == 0, found
    return median(times) / n
def garbage(shape, n):
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
        t0 = time.perf_counter_ns()
        found = gc.collect()
        dt = time.perf_counter_ns() - t0
        assert found == n, (found, n)
        if r > 0: times.append(dt)
    return median(times) / n
out = {}
for n in [int(a) for a in sys.argv[1:]]:
    out[str(n)] = {'live': live(n), 'pairs': garbage('pairs', n), 'ring': garbage('ring', n)}
print(json.dumps({'version': sys.version.split()[0], 'results': out}))
`;

function runPython(sizes: number[]): { version: string; results: Record<string, Record<Shape, number>> } | null {
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


const shape = (process.argv[2] ?? "live") as Shape;
const n = Number(process.argv[3] ?? 100000);
for (let i = 0; i < 30; i++) console.log(shape, n, measure("generational", shape, n).toFixed(1));
