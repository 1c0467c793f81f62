/**
 * `trees`: the binary-trees benchmark (The Computer Language Benchmarks Game), as its Python
 * programs write it: a tree node is a 2-tuple `(left, right)`, a leaf is `(None, None)`.
 *
 * ```
 *  max_depth = max(min_depth + 2, N)                 min_depth = 4
 *  stretch tree of depth max_depth + 1: build, check, drop
 *  long-lived tree of depth max_depth: build, keep until the end
 *  for depth in min_depth, min_depth + 2, ..., max_depth:
 *      2 ** (max_depth - depth + min_depth) trees of that depth: build, check, drop each
 *  check(tree) = 1 + check(left) + check(right), or 1 for a leaf
 * ```
 *
 * A tree of depth d is 2^(d+1) - 1 tuples of 56 bytes each (a 2-tuple with its GC header, in
 * 64-byte blocks), so everything lands in one pymalloc size class, allocated and freed in bulk: the case
 * pymalloc's pools and the tuple free lists are made for. N is 12 at scale 1 and grows by one
 * for each doubling of the scale (each step of N doubles the work).
 *
 * @module
 */
import type { PyObject, PyTuple, Runtime } from "@pymem/runtime";
import { RunError } from "../cli-error";
import type { Workload, WorkloadContext } from "../workload";

/** Smallest depth of the iterated trees. */
const MIN_DEPTH = 4;
/** N at scale 1. */
const BASE_DEPTH = 12;

/** The benchmark's N at a scale. */
export function treesDepth(scale: number): number {
  return Math.max(MIN_DEPTH + 2, BASE_DEPTH + Math.round(Math.log2(scale)));
}

function makeTree(rt: Runtime, depth: number): PyTuple {
  if (depth === 0) return rt.tuple([null, null]);
  const left = makeTree(rt, depth - 1);
  const right = makeTree(rt, depth - 1);
  return rt.tuple([left, right]);
}

function checkTree(node: PyObject): number {
  const tuple = node as PyTuple;
  const left = tuple.get(0);
  if (left.typeName !== "tuple") return 1;
  return 1 + checkTree(left) + checkTree(tuple.get(1));
}

function expectNodes(depth: number, nodes: number): void {
  if (nodes !== 2 ** (depth + 1) - 1) {
    throw new RunError(
      `trees: a tree of depth ${depth} checked ${nodes} nodes, expected ${2 ** (depth + 1) - 1}`,
    );
  }
}

/** The `trees` workload. */
export const trees: Workload = {
  name: "trees",
  summary: "the binary-trees benchmark: many 2-tuples built and dropped in bulk, one long-lived tree",
  modelledOn: "binary-trees (The Computer Language Benchmarks Game)",
  run({ rt, scale, progress }: WorkloadContext): void {
    const maxDepth = treesDepth(scale);
    const depths: number[] = [];
    for (let d = MIN_DEPTH; d <= maxDepth; d += 2) depths.push(d);
    // Progress is counted in tree nodes built, so that every step weighs what it costs.
    const nodes = (depth: number) => 2 ** (depth + 1) - 1;
    let total = nodes(maxDepth + 1) + nodes(maxDepth);
    for (const d of depths) total += 2 ** (maxDepth - d + MIN_DEPTH) * nodes(d);
    let done = 0;

    const stretch = makeTree(rt, maxDepth + 1);
    expectNodes(maxDepth + 1, checkTree(stretch));
    stretch.release();
    done += nodes(maxDepth + 1);
    progress.update(done, total);

    rt.globals.set("long_lived_tree", makeTree(rt, maxDepth));
    done += nodes(maxDepth);
    progress.update(done, total);

    for (const depth of depths) {
      const iterations = 2 ** (maxDepth - depth + MIN_DEPTH);
      for (let i = 0; i < iterations; i++) {
        const tree = makeTree(rt, depth);
        expectNodes(depth, checkTree(tree));
        tree.release();
        done += nodes(depth);
        progress.update(done, total);
      }
    }
    expectNodes(maxDepth, checkTree(rt.globals.get("long_lived_tree")));
  },
};
