/**
 * `cycles`: cyclic structures built and dropped, so that only the cycle collector reclaims them.
 *
 * Model: an object model with back references, as an ORM session, a DOM or a parser's tree
 * keeps them. Each step builds one structure and drops it:
 *
 * ```
 *  tree     root Node with 2-6 children, each child.parent = root, root.children = [...]
 *           (and grandchildren one level down): every child <-> root is a cycle
 *  chain    a doubly-linked list of 3-12 Nodes: node.next / node.prev
 *  self     a list that contains itself, or a dict that maps "self" to itself
 *  graph    4-10 Nodes with 1-3 random edges each (node.edges = [...]), cycles by chance
 * ```
 *
 * One structure in ten goes into a cache ring of 64 entries and lives on (so it reaches the
 * older generations) until a later one replaces it. Nothing here is freed by reference counting
 * alone: with `--gc none` the heap only grows, and with a collector the report's
 * "objects collected" and collections per generation show the work. Default size: 5,000
 * structures at scale 1.
 *
 * @module
 */
import { type PyClass, type PyInstance, PyList, type PyObject, type Runtime } from "@pymem/runtime";
import type { Rng } from "../rng";
import { scaledSteps, type Workload, type WorkloadContext } from "../workload";

/** Structures built at scale 1. */
const STRUCTURES = 5_000;
/** Cached structures kept alive. */
const CACHE_RING = 64;
/** Fraction of structures that go into the cache. */
const CACHE_PROBABILITY = 0.1;

/** A borrowed handle to the same object: stores given it take a new reference. */
function borrow(rt: Runtime, handle: PyObject): PyObject {
  return rt.wrap(handle.address);
}

function tree(rt: Runtime, Node: PyClass, rng: Rng): PyObject {
  const root = Node.create({ name: rt.str(`root-${rng.below(1000)}`, false) });
  const children = rt.list();
  const n = 2 + rng.below(5);
  for (let i = 0; i < n; i++) {
    const child = Node.create({ index: i, parent: borrow(rt, root) });
    if (rng.chance(0.3)) {
      const grandchildren = rt.list();
      for (let j = 0; j < 2; j++) grandchildren.append(Node.create({ index: j, parent: borrow(rt, child) }));
      child.setattr("children", grandchildren);
    }
    children.append(child);
  }
  root.setattr("children", children);
  return root;
}

function chain(rt: Runtime, Node: PyClass, rng: Rng): PyObject {
  const n = 3 + rng.below(10);
  const head = Node.create({ value: rng.nextFloat() });
  let tail: PyInstance = head;
  for (let i = 1; i < n; i++) {
    const node = Node.create({ value: rng.nextFloat(), prev: borrow(rt, tail) });
    const next = rt.wrap(node.address) as PyInstance;
    tail.setattr("next", node); // moves the owned handle in; `next` stays usable, borrowed
    tail = next;
  }
  return head;
}

function selfReferencing(rt: Runtime, rng: Rng): PyObject {
  if (rng.chance(0.5)) {
    const list = rt.list([rng.below(1000) + 1000, rt.str(`item-${rng.below(100)}`, false)]);
    list.append(borrow(rt, list));
    return list;
  }
  const dict = rt.dict({ id: rng.below(1_000_000) + 1000 });
  dict.set("self", borrow(rt, dict));
  return dict;
}

function graph(rt: Runtime, Node: PyClass, rng: Rng): PyObject {
  const n = 4 + rng.below(7);
  const nodes = rt.list();
  for (let i = 0; i < n; i++) nodes.append(Node.create({ index: i, edges: rt.list() }));
  for (let i = 0; i < n; i++) {
    const edges = (nodes.get(i) as PyInstance).getattr("edges") as PyList;
    const degree = 1 + rng.below(3);
    for (let e = 0; e < degree; e++) edges.append(nodes.get(rng.below(n)));
  }
  return nodes;
}

/** The `cycles` workload. */
export const cycles: Workload = {
  name: "cycles",
  summary: "cyclic structures (parent links, doubly-linked lists, self-references, graphs) built and dropped",
  modelledOn: "an object model with back references (ORM session, DOM, parse tree)",
  run({ rt, rng, scale, progress }: WorkloadContext): void {
    const Node = rt.defineClass("Node");
    const steps = scaledSteps(STRUCTURES, scale);
    rt.globals.set("cache", rt.list(new Array(CACHE_RING).fill(null)));
    const cache = rt.globals.get("cache", PyList) as PyList;
    let cached = 0;
    for (let step = 0; step < steps; step++) {
      const kind = rng.below(4);
      const structure =
        kind === 0
          ? tree(rt, Node, rng)
          : kind === 1
            ? chain(rt, Node, rng)
            : kind === 2
              ? selfReferencing(rt, rng)
              : graph(rt, Node, rng);
      if (rng.chance(CACHE_PROBABILITY)) cache.set(cached++ % CACHE_RING, structure);
      else structure.release();
      progress.update(step + 1, steps);
    }
  },
};
