/**
 * Generated JS source against closures, on one small loop over heap ints, with the same
 * object operations and reference counting:
 *
 *   i = 0; total = 0
 *   while i < n: total = total + i; i = i + 1
 *
 * Run: node --conditions=@pymem/source --import tsx test/dispatch.measure.ts
 * (not a test: it prints times; the figure goes in the README).
 */
import { createRuntime } from "@pymem/runtime";
import { createInterpreter } from "../src/run-python";

const N = 3_000_000;
const R = createInterpreter(createRuntime());
const RC = R.rc;
const ops = R.ops;

// (a) what the compiler emits for the loop, as one JS function.
const generated = new Function(
  "R",
  "RC",
  "n",
  `let v_i = R.int(0), v_total = R.int(0);
   for (;;) {
     const c = R.ops.lt(v_i, n); if (!c) break;
     const t0 = R.ops.add(v_total, v_i); { const o = v_total; v_total = t0; RC.decref(o); }
     const k1 = R.int(1); const t1 = R.ops.add(v_i, k1); RC.decref(k1); { const o = v_i; v_i = t1; RC.decref(o); }
   }
   RC.decref(v_i); return v_total;`,
) as (R: unknown, RC: unknown, n: number) => number;

// (b) the same loop as a tree of closures over a locals array.
type Expr = (f: number[]) => number; // returns a new reference
type Stmt = (f: number[]) => void;
const local =
  (i: number): Expr =>
  (f) => {
    RC.incref(f[i]!);
    return f[i]!;
  };
const constant =
  (v: number): Expr =>
  () =>
    R.int(v);
const add =
  (a: Expr, b: Expr): Expr =>
  (f) => {
    const x = a(f);
    const y = b(f);
    const r = ops.add(x, y);
    RC.decref(x);
    RC.decref(y);
    return r;
  };
const lt = (a: Expr, b: Expr) => (f: number[]) => {
  const x = a(f);
  const y = b(f);
  const r = ops.lt(x, y);
  RC.decref(x);
  RC.decref(y);
  return r;
};
const assign =
  (i: number, e: Expr): Stmt =>
  (f) => {
    const v = e(f);
    const o = f[i]!;
    f[i] = v;
    RC.decref(o);
  };
const whileLoop =
  (cond: (f: number[]) => boolean, body: Stmt[]): Stmt =>
  (f) => {
    while (cond(f)) for (const s of body) s(f);
  };
const program = whileLoop(lt(local(0), local(2)), [
  assign(1, add(local(1), local(0))),
  assign(0, add(local(0), constant(1))),
]);

function time(label: string, run: () => number): number {
  const t0 = performance.now();
  const r = run();
  const ms = performance.now() - t0;
  console.log(`${label}: ${ms.toFixed(0)} ms (total ${R.reprOf(r)})`);
  RC.decref(r);
  return ms;
}

const n = R.int(N);
const results: [number, number][] = [];
for (let round = 0; round < 3; round++) {
  const g = time("generated source", () => generated(R, RC, n));
  const c = time("closures        ", () => {
    const f = [R.int(0), R.int(0), n];
    RC.incref(n);
    program(f);
    RC.decref(f[0]!);
    RC.decref(f[2]!);
    return f[1]!;
  });
  results.push([g, c]);
}
const best = results.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1])]);
console.log(
  `best of 3: generated ${best[0].toFixed(0)} ms, closures ${best[1].toFixed(0)} ms, closures / generated = ${(best[1] / best[0]).toFixed(2)}`,
);
