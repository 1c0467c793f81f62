/**
 * Handle-level operations through the public API, each timed as the median of 7 runs and
 * printed in nanoseconds per operation (absolute figures: compare runs made on one machine).
 *
 * Run: pnpm bench:handles   (node --conditions=@pymem/source --import tsx bench/handles.ts)
 *
 * Operations:
 *   borrow+len     f.get("xs", PyList).length    a borrowed handle made and used
 *   append int     xs.append(i)                  a store through a handle
 *   get item       xs.get(i)                     a borrowed handle read out of a list
 *   owned int      rt.int(1000 + i).release()    an owned handle made and released
 *   dict set/get   d.set("k", i); d.get("k")     two handle operations on a dict
 */
import { performance } from "node:perf_hooks";
import { createRuntime, PyDict, PyList } from "../src/index";

const N = 200_000;

type Op = (rt: ReturnType<typeof createRuntime>) => void;

const OPS: [string, Op][] = [
  [
    "borrow+len",
    (rt) => {
      rt.globals.set("xs", rt.list([1, 2, 3]));
      let total = 0;
      for (let i = 0; i < N; i++) total += rt.globals.get("xs", PyList).length;
      if (total !== 3 * N) throw new Error("wrong length");
      rt.globals.del("xs");
    },
  ],
  [
    "append int",
    (rt) => {
      rt.globals.set("xs", rt.list());
      const xs = rt.globals.get("xs", PyList);
      for (let i = 0; i < N; i++) xs.append(i & 255);
      rt.globals.del("xs");
    },
  ],
  [
    "get item",
    (rt) => {
      rt.globals.set("xs", rt.list(Array.from({ length: 1000 }, (_, i) => i)));
      const xs = rt.globals.get("xs", PyList);
      let n = 0;
      for (let i = 0; i < N; i++) if (xs.get(i % 1000).alive) n++;
      if (n !== N) throw new Error("dead item");
      rt.globals.del("xs");
    },
  ],
  [
    "owned int",
    (rt) => {
      for (let i = 0; i < N; i++) rt.int(1000 + (i & 1023)).release();
    },
  ],
  [
    "dict set/get",
    (rt) => {
      rt.globals.set("d", rt.dict());
      const d = rt.globals.get("d", PyDict);
      for (let i = 0; i < N; i++) {
        d.set("k", i & 255);
        d.get("k");
      }
      rt.globals.del("d");
    },
  ],
];

for (const [, op] of OPS) op(createRuntime());

console.log(`${"operation".padEnd(16)}${"ns / op".padStart(10)}`);
for (const [name, op] of OPS) {
  const times: number[] = [];
  for (let run = 0; run < 7; run++) {
    const rt = createRuntime();
    const start = performance.now();
    op(rt);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(16)}${((times[3]! * 1e6) / N).toFixed(1).padStart(10)}`);
}
