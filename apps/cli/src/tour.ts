/**
 * The guided tour: how CPython manages memory, each figure computed live by a runtime.
 *
 * ```
 *  1 reference counting   a = [1, 2, 3]; b = a; c = a; del b; del c   -> getrefcount 2, 3, 4, 3, 2
 *  2 a reference cycle    two Nodes pointing at each other, del'd: refcounting alone keeps them,
 *                         gc.collect() finds 2 unreachable objects and frees their bytes
 *  3 generations          thresholds, counts, and the collections 2,000 new containers trigger
 *  4 the allocators       after two workloads: layers, arenas, pools per size class, the heap map
 * ```
 *
 * Every number printed comes from the heap: refcount words, the collector's counters, pymalloc's
 * pool headers. The tour runs on the cpython311 preset (section 2 also on minimal, which has no
 * collector), and section 4 runs the `trees` and `json` workloads at a small scale.
 *
 * @module
 */

import { formatAddress } from "@pymem/core";
import { createRuntime, type PyInstance, PyList, presets, type Runtime } from "@pymem/runtime";
import Table from "cli-table3";
import { formatBytes, formatCount } from "./format";
import { POOL_EMPTY, POOL_FULL, POOL_UNCARVED, POOL_USED, renderHeapMap } from "./heap-map";
import { stackOf } from "./memory-stack";
import { poolCensus } from "./pool-census";
import { SILENT_PROGRESS } from "./progress-sink";
import { Rng } from "./rng";
import { json } from "./workloads/json";
import { trees } from "./workloads/trees";

/** Scale of the workloads the allocator section runs. */
export const TOUR_WORKLOAD_SCALE = 0.25;
/** Seed of those workloads. */
export const TOUR_WORKLOAD_SEED = 1;
/** Containers created in the generations section. */
export const TOUR_CONTAINERS = 2000;

function table(head: string[], rows: (string | number)[][], align: ("left" | "right")[]): string {
  const t = new Table({ head, style: { head: [], border: [], compact: true }, colAligns: align });
  for (const row of rows) t.push(row);
  return `${t.toString()}\n`;
}

function tuple(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(", ")})`;
}

function section(title: string): string {
  return `\n${title}\n${"=".repeat(title.length)}\n\n`;
}

function referenceCounting(): { text: string; refcounts: number[] } {
  const rt = createRuntime(presets.cpython311);
  const f = rt.frame();
  const refcounts: number[] = [];
  let out = section("1. Reference counting");
  out +=
    "Every object carries a reference count in its header (ob_refcnt, the first 8 bytes). Each name,\n" +
    "container slot or argument that refers to the object adds one; sys.getrefcount(x) counts its own\n" +
    "argument too. When the count drops to 0 the object is freed at once.\n\n";
  const show = (code: string) => {
    const n = rt.sys.getrefcount(f.get("a"));
    refcounts.push(n);
    out += `  >>> ${code}\n  >>> sys.getrefcount(a)\n  ${n}\n`;
  };
  f.set("a", rt.list([1, 2, 3]));
  const address = f.get("a").address;
  const size = rt.sys.getsizeof(f.get("a"));
  show("a = [1, 2, 3]");
  f.set("b", f.get("a"));
  show("b = a");
  f.set("c", f.get("a"));
  show("c = a");
  f.del("b");
  show("del b");
  f.del("c");
  show("del c");
  const listAllocator = rt.core.space.allocators[rt.core.space.ids.list]!;
  const cachedBefore = listAllocator.stats().freeListLength;
  const before = rt.stats().objectDomain.bytesInUse;
  f.del("a");
  const freed = before - rt.stats().objectDomain.bytesInUse;
  const cached = listAllocator.stats().freeListLength > cachedBefore;
  out +=
    "  >>> del a\n\n" +
    `The list lived at ${formatAddress(address)} (sys.getsizeof: ${size} bytes). del a took its count to 0 and it\n` +
    `was freed there and then: ${freed} bytes (its items array${cached ? "" : " and the list object"}) went back to the object\n` +
    (cached
      ? "allocator, and the list object itself onto the list free list, where the next new list will find it.\n"
      : "allocator.\n");
  f.release();
  return { text: out, refcounts };
}

function cycleOn(rt: Runtime): { kept: number; collected: number; after: number } {
  const Node = rt.defineClass("Node");
  const base = rt.stats().objectDomain.bytesInUse;
  const f = rt.frame();
  f.set("a", Node.create());
  f.set("b", Node.create());
  (f.get("a") as PyInstance).setattr("partner", f.get("b"));
  (f.get("b") as PyInstance).setattr("partner", f.get("a"));
  f.del("a");
  f.del("b");
  const kept = rt.stats().objectDomain.bytesInUse - base;
  const collected = rt.gc.collect();
  const after = rt.stats().objectDomain.bytesInUse - base;
  f.release();
  return { kept, collected, after };
}

function referenceCycle(): { text: string; collected: number; kept: number; after: number } {
  const withGc = createRuntime(presets.cpython311);
  withGc.gc.disable();
  const generational = cycleOn(withGc);
  const minimal = cycleOn(createRuntime(presets.minimal));
  let out = section("2. A reference cycle");
  out +=
    "Reference counting cannot free objects that refer to each other: after the last outside\n" +
    "reference goes, each still holds the other's count at 1.\n\n" +
    "  >>> class Node: pass\n" +
    "  >>> a = Node(); b = Node()\n" +
    "  >>> a.partner = b; b.partner = a\n" +
    "  >>> del a, b\n\n" +
    `The two nodes (with their attribute storage) still use ${generational.kept} bytes. The cycle collector finds\n` +
    "them: it subtracts the references objects hold to each other from their counts, and whatever\n" +
    "is left at 0 is reachable only from garbage.\n\n" +
    `  >>> gc.collect()\n  ${generational.collected}\n\n` +
    `Bytes still used by the nodes after the collection: ${generational.after}.\n` +
    `On the minimal preset (reference counting alone, no collector) gc.collect() returns ${minimal.collected}\n` +
    `and the ${minimal.after} bytes stay in use for good: the cycle leaks.\n`;
  return { text: out, ...generational };
}

function generations(): { text: string; counts: number[] } {
  const rt = createRuntime(presets.cpython311);
  let out = section("3. Generations");
  out +=
    "The collector sorts container objects (lists, dicts, instances ...) into three generations.\n" +
    "Allocating a container adds 1 to generation 0's count; when it exceeds its threshold, generation\n" +
    "0 is collected and its survivors move to generation 1, whose count goes up by one collection.\n" +
    "Generation 2 (the oldest) is collected when its count exceeds its threshold and the objects\n" +
    "waiting for their first full collection are more than 25 % of those that survived the last one.\n\n";
  const threshold = rt.gc.get_threshold();
  const before = rt.gc.get_count();
  out += `  >>> gc.get_threshold()\n  ${tuple(threshold)}\n  >>> gc.get_count()\n  ${tuple(before)}\n`;
  const f = rt.frame();
  f.set("keep", rt.list());
  const keep = f.get("keep", PyList);
  for (let i = 0; i < TOUR_CONTAINERS; i++) keep.append(rt.list());
  const counts = rt.gc.get_count();
  out += `  >>> keep = [[] for _ in range(${TOUR_CONTAINERS})]\n  >>> gc.get_count()\n  ${tuple(counts)}\n\n`;
  out +=
    "These counts are the lists' alone. python3 running the same lines prints a few more in\n" +
    // Measured with python3.11: the first get_count() and printing it add 5 containers.
    `generation 0 (${counts[0]! + 5} instead of ${counts[0]}): the first gc.get_count() returns a new\n` +
    "tuple, and printing its result allocates containers too. Without that first call,\n" +
    `python3 -c "import gc; gc.collect(); keep = [[] for _ in range(${TOUR_CONTAINERS})]; print(gc.get_count())"\n` +
    "prints the counts shown here.\n\n";
  const stats = rt.gc.get_stats();
  out += table(
    ["generation", "threshold", "count", "collections", "collected"],
    stats.map((s, g) => [g, threshold[g] ?? "-", counts[g] ?? "-", s.collections, s.collected]),
    ["right", "right", "right", "right", "right"],
  );
  out +=
    `\n${formatCount(TOUR_CONTAINERS + 1)} new lists ran ${stats[0]!.collections} collections of generation 0. Every list is still\n` +
    "referenced, so each collection found nothing to free and moved the survivors to generation 1.\n";
  f.release();
  return { text: out, counts };
}

function allocators(): string {
  const rt = createRuntime(presets.cpython311);
  for (const workload of [trees, json]) {
    workload.run({
      rt,
      rng: new Rng(TOUR_WORKLOAD_SEED),
      scale: TOUR_WORKLOAD_SCALE,
      progress: SILENT_PROGRESS,
    });
  }
  const stack = stackOf(rt.parts);
  const pymalloc = stack.pymalloc!;
  const p = pymalloc.stats().pymalloc;
  const pages = stack.pages.stats();
  const raw = stack.raw.stats();
  let out = section("4. The allocators");
  out +=
    `After two workloads (scale ${TOUR_WORKLOAD_SCALE}, seed ${TOUR_WORKLOAD_SEED}): trees, which keeps one tree of 2-tuples, then json,\n` +
    "which decodes documents and keeps a page of up to 250 documents.\n" +
    "Objects of up to 512 bytes come from pymalloc: it maps arenas from the operating system, cuts\n" +
    "them into pools, and each pool serves blocks of one size class. Larger requests, and pymalloc's\n" +
    "own arenas, go down to the raw allocator and the page provider.\n\n";
  out += table(
    ["layer", "what it holds"],
    [
      [
        "page provider (the OS)",
        `${formatBytes(pages.mappedBytes)} mapped in ${pages.mappings} mappings, peak ${formatBytes(pages.peakMappedBytes)}`,
      ],
      [
        `raw allocator (${raw.name})`,
        `${formatCount(raw.blocksInUse)} blocks, ${formatBytes(raw.bytesInUse)} in use`,
      ],
      [
        "pymalloc",
        `${p.arenasAllocatedCurrent} arenas of ${formatBytes(p.arenaSize)}, pools of ${formatBytes(p.poolSize)}, ${formatBytes(p.allocatedBytes)} in blocks`,
      ],
    ],
    ["left", "left"],
  );
  const census = poolCensus(pymalloc);
  out += "\narenas\n";
  out += table(
    ["arena", "pools", "used", "full", "empty", "not carved"],
    census.arenas.map((a) => {
      const n = [0, 0, 0, 0];
      for (const s of a.states) n[s]!++;
      return [
        formatAddress(a.address),
        a.states.length,
        n[POOL_USED]!,
        n[POOL_FULL]!,
        n[POOL_EMPTY]!,
        n[POOL_UNCARVED]!,
      ];
    }),
    ["left", "right", "right", "right", "right", "right"],
  );
  out += "\npools per size class (classes with pools)\n";
  out += table(
    ["class", "block size", "pools", "blocks in use", "avail blocks"],
    p.sizeClasses
      .filter((c) => c.pools > 0)
      .map((c) => [
        c.sizeClass,
        `${c.size} B`,
        c.pools,
        formatCount(c.blocksInUse),
        formatCount(c.availableBlocks),
      ]),
    ["right", "right", "right", "right", "right"],
  );
  out += `\n${renderHeapMap(census)}`;
  out += "\nMore: pymem run <workload> --map, pymem compare, pymem stats (sys._debugmallocstats()).\n";
  return out;
}

/** What the tour computed, for tests and for the text. */
export interface TourResult {
  /** The whole tour text. */
  text: string;
  /** sys.getrefcount(a) after each step of section 1: 2, 3, 4, 3, 2. */
  refcounts: number[];
  /** gc.collect()'s result in section 2 (2). */
  cycleCollected: number;
}

/**
 * Runs the tour.
 * @example
 * ```ts
 * renderTour().refcounts; // [2, 3, 4, 3, 2]
 * ```
 */
export function renderTour(): TourResult {
  const rc = referenceCounting();
  const cycle = referenceCycle();
  const gens = generations();
  let text =
    "pymem tour: how CPython manages memory, every figure computed live by a pymem runtime\n" +
    "(preset cpython311: TLSF raw allocator, pymalloc with 1 MiB arenas and 16 KiB pools, CPython's\n" +
    "free lists, immediate reference counting, the three-generation cycle collector).\n";
  text += rc.text + cycle.text + gens.text + allocators();
  return { text, refcounts: rc.refcounts, cycleCollected: cycle.collected };
}
