/**
 * Reference-counting benchmark: the hot path (incref + decref of a live object) and the
 * deallocation cascade (a 1,000,000-deep chain of nested containers, a list of 1,000,000
 * floats), for each strategy in checked and fast mode, each measurement in a fresh Node
 * process. Each figure is printed with its ratio to a floor that does the least the same
 * work needs: a bare typed-array increment/decrement of the count word, and freeing the same
 * blocks straight to the allocator.
 *
 * ```
 *  pnpm bench               table on stdout
 *  pnpm bench --json        the results as JSON
 *
 *  run.ts --spawn--> node --conditions=@pymem/source --import tsx bench/run.ts --one=<case>
 *         <--------- "BENCH_RESULT {...}"
 * ```
 *
 * Nothing here asserts a time: the figures are for reading.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Address } from "@pymem/core";
import { DeferredRefcount } from "../src/deferred-refcount";
import { ImmediateRefcount } from "../src/immediate-refcount";
import type { RefcountOptions } from "../src/refcount-options";
import { listFields } from "../test/fixtures/list-type";
import { World } from "../test/fixtures/world";

const MARKER = "BENCH_RESULT ";
const PAIRS = 10_000_000;
const CHAIN = 1_000_000;
const LIST = 1_000_000;

type Workload = "incref+decref" | "chain dealloc" | "list dealloc";
type Contender = "floor" | "immediate checked" | "immediate fast" | "deferred checked" | "deferred fast";
const WORKLOADS: Workload[] = ["incref+decref", "chain dealloc", "list dealloc"];
const CONTENDERS: Contender[] = [
  "floor",
  "immediate checked",
  "immediate fast",
  "deferred checked",
  "deferred fast",
];

interface Result {
  workload: Workload;
  contender: Contender;
  ops: number;
  ms: number;
}

function makeWorld(contender: Contender): World {
  const deferred = contender.startsWith("deferred");
  const checked = !contender.endsWith("fast");
  const factory = (o: RefcountOptions) => (deferred ? new DeferredRefcount(o) : new ImmediateRefcount(o));
  return new World(factory, { checked });
}

function best(runs: number, fn: () => number): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) min = Math.min(min, fn());
  return min;
}

function incDec(contender: Contender): number {
  const w = makeWorld(contender === "floor" ? "immediate fast" : contender);
  const x = w.newFloat(1);
  const rc = w.rc;
  return best(5, () => {
    const t0 = performance.now();
    if (contender === "floor") {
      const u32 = w.heap.u32;
      const i = x >>> 2;
      for (let k = 0; k < PAIRS; k++) {
        u32[i] = u32[i]! + 1;
        u32[i] = u32[i]! - 1;
      }
    } else {
      for (let k = 0; k < PAIRS; k++) {
        rc.incref(x);
        rc.decref(x);
      }
    }
    return performance.now() - t0;
  });
}

function chain(contender: Contender): number {
  return best(3, () => {
    const w = makeWorld(contender === "floor" ? "immediate fast" : contender);
    let head = w.newInstance(w.ids.node, []);
    for (let i = 1; i < CHAIN; i++) {
      const next = w.newInstance(w.ids.node, [head]);
      w.rc.decref(head);
      head = next;
    }
    const t0 = performance.now();
    if (contender === "floor") {
      // The allocator's share: free the same blocks in the same order, nothing else.
      const slot = w.layout.headerSize;
      const gc = w.layout.gcHeaderSize;
      for (let o: Address = head; o !== 0; ) {
        const next = w.mem.word(o, slot);
        w.raw.free(o - gc);
        o = next;
      }
    } else {
      w.rc.decref(head);
      w.rc.flush();
    }
    return performance.now() - t0;
  });
}

function list(contender: Contender): number {
  return best(3, () => {
    const w = makeWorld(contender === "floor" ? "immediate fast" : contender);
    const items: Address[] = [];
    for (let i = 0; i < LIST; i++) items.push(w.newFloat(i));
    const l = w.newList(items);
    for (const x of items) w.rc.decref(x);
    const t0 = performance.now();
    if (contender === "floor") {
      const array = w.mem.word(l, listFields(w.mem).itemsOffset);
      for (let i = LIST - 1; i >= 0; i--) w.raw.free(w.mem.headers.readWord(array + i * w.layout.wordSize));
      w.raw.free(array);
      w.raw.free(l - w.layout.gcHeaderSize);
    } else {
      w.rc.decref(l);
      w.rc.flush();
    }
    return performance.now() - t0;
  });
}

function runOne(spec: string): void {
  const [workload, contender] = spec.split("|") as [Workload, Contender];
  const ms =
    workload === "incref+decref"
      ? incDec(contender)
      : workload === "chain dealloc"
        ? chain(contender)
        : list(contender);
  const ops = workload === "incref+decref" ? PAIRS : workload === "chain dealloc" ? CHAIN : LIST + 1;
  const result: Result = { workload, contender, ops, ms };
  console.log(MARKER + JSON.stringify(result));
}

function spawnOne(workload: Workload, contender: Contender): Result {
  const child = spawnSync(
    process.execPath,
    [
      "--conditions=@pymem/source",
      "--import",
      "tsx",
      fileURLToPath(import.meta.url),
      `--one=${workload}|${contender}`,
    ],
    { encoding: "utf8", maxBuffer: 1 << 24 },
  );
  const line = child.stdout.split("\n").find((l) => l.startsWith(MARKER));
  if (line === undefined) throw new Error(`benchmark ${workload} / ${contender} failed:\n${child.stderr}`);
  return JSON.parse(line.slice(MARKER.length)) as Result;
}

function main(argv: string[]): void {
  const one = argv.find((a) => a.startsWith("--one="));
  if (one !== undefined) {
    runOne(one.slice("--one=".length));
    return;
  }
  const results: Result[] = [];
  for (const workload of WORKLOADS)
    for (const contender of CONTENDERS) results.push(spawnOne(workload, contender));
  if (argv.includes("--json")) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  console.log(
    `node ${process.version}, ${PAIRS.toLocaleString("en")} pairs, ${CHAIN.toLocaleString("en")}-deep chain, ${LIST.toLocaleString("en")}-item list; best of several runs`,
  );
  console.log("workload        contender           total ms   ns/op   x floor");
  for (const r of results) {
    const floor = results.find((f) => f.workload === r.workload && f.contender === "floor")!;
    console.log(
      `${r.workload.padEnd(16)}${r.contender.padEnd(18)}${r.ms.toFixed(1).padStart(10)}${((r.ms * 1e6) / r.ops).toFixed(1).padStart(8)}${(r.ms / floor.ms).toFixed(2).padStart(10)}`,
    );
  }
}

main(process.argv.slice(2));
