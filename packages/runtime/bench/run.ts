/**
 * Runs the same Python-like workloads on several compositions and prints, for each, the
 * median wall time of 5 runs and the peak of mapped bytes, as ratios to cpython311.
 *
 * Run: pnpm bench   (node --conditions=@pymem/source --import tsx bench/run.ts)
 *
 * Workloads (all through the public API):
 *   floats   build a list of 200,000 floats, drop it                (free lists, pymalloc)
 *   dicts    20,000 small str-keyed dicts in a list, drop it         (dict + keys free lists)
 *   cycles   10,000 pairs of instances pointing at each other, dropped, then gc.collect()
 */
import { performance } from "node:perf_hooks";
import { createRuntime, PyInstance, PyList, presets, type RuntimeOptions } from "../src/index";

const COMPOSITIONS: [string, RuntimeOptions][] = [
  ["cpython311", presets.cpython311],
  ["classic", presets.classic],
  ["minimal", presets.minimal],
  ["first-fit raw", { raw: "first-fit" }],
  ["no free lists", { freeLists: false }],
  ["raw object domain", { objectDomain: "raw" }],
  ["mark-sweep", { gc: "mark-sweep" }],
  ["deferred refcount", { refcount: "deferred" }],
  ["unchecked", { checked: false }],
];

type Workload = (rt: ReturnType<typeof createRuntime>) => void;

const WORKLOADS: [string, Workload][] = [
  [
    "floats",
    (rt) => {
      const g = rt.globals;
      g.set("xs", rt.list());
      const xs = g.get("xs", PyList);
      for (let i = 0; i < 200_000; i++) xs.append(rt.float(i + 0.5));
      g.del("xs");
    },
  ],
  [
    "dicts",
    (rt) => {
      const g = rt.globals;
      g.set("rows", rt.list());
      const rows = g.get("rows", PyList);
      for (let i = 0; i < 20_000; i++) rows.append(rt.dict({ id: i, name: "row", score: i / 4 }));
      g.del("rows");
    },
  ],
  [
    "cycles",
    (rt) => {
      const Node = rt.defineClass(`Node${Math.random().toString(36).slice(2)}`);
      const f = rt.frame();
      for (let i = 0; i < 10_000; i++) {
        f.set("a", Node.create());
        f.set("b", Node.create({ other: f.get("a") }));
        f.get("a", PyInstance).setattr("other", f.get("b"));
      }
      f.release();
      rt.gc.collect();
    },
  ],
];

function measure(options: RuntimeOptions, work: Workload): { ms: number; peak: number } {
  const times: number[] = [];
  let peak = 0;
  for (let run = 0; run < 5; run++) {
    const rt = createRuntime(options);
    const start = performance.now();
    work(rt);
    rt.flush();
    times.push(performance.now() - start);
    peak = Math.max(peak, rt.stats().pages.peakMappedBytes);
  }
  times.sort((a, b) => a - b);
  return { ms: times[2]!, peak };
}

// Warm-up: one pass of everything, so that the first composition measured is not the one
// that pays for compiling the code.
for (const [, options] of COMPOSITIONS) for (const [, work] of WORKLOADS) work(createRuntime(options));

const results = new Map<string, Map<string, { ms: number; peak: number }>>();
for (const [name, options] of COMPOSITIONS) {
  const row = new Map<string, { ms: number; peak: number }>();
  for (const [workload, work] of WORKLOADS) row.set(workload, measure(options, work));
  results.set(name, row);
}

const base = results.get("cpython311")!;
const header = ["composition".padEnd(20), ...WORKLOADS.map(([w]) => `${w} time / peak`.padStart(24))].join(
  "",
);
console.log(header);
for (const [name, row] of results) {
  const cells = WORKLOADS.map(([w]) => {
    const r = row.get(w)!;
    const b = base.get(w)!;
    return `${(r.ms / b.ms).toFixed(2)}x / ${(r.peak / b.peak).toFixed(2)}x`.padStart(24);
  });
  console.log([name.padEnd(20), ...cells].join(""));
}
console.log("");
console.log(
  "cpython311 absolute: " +
    WORKLOADS.map(
      ([w]) => `${w} ${base.get(w)!.ms.toFixed(1)} ms, peak ${(base.get(w)!.peak / 1024).toFixed(0)} KiB`,
    ).join("; "),
);
