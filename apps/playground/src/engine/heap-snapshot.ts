/**
 * Reads a runtime's state into a {@link StepSnapshot}'s frames and object graph, with the
 * runtime's own APIs: the root set (`RuntimeCore.forEachRoot`), each type's `references`,
 * the collector's generation lists, the refcount strategy and the heap's bytes.
 *
 * ```
 *  objects = registry (every live object) ∪ runtime roots, closed under references
 *  roots   = runtime roots ∪ { o : refcount(o) > references to o from other objects }
 *            (the collector's own test: the excess comes from outside the heap)
 *  garbage = objects that no root reaches (cycles awaiting collection, and what only they reach)
 *
 *  more than maxNodes: breadth-first from the focus object, both directions, up to maxNodes
 * ```
 *
 * @module
 */
import type { Address } from "@pymem/core";
import type { Runtime } from "@pymem/runtime";
import { objectFields } from "./object-fields";
import type { ObjectRegistry } from "./object-registry";
import type { FrameView, GraphView, ObjectNode } from "./snapshot-types";

/** Nodes drawn before the graph switches to the neighbourhood of one object. */
export const MAX_GRAPH_NODES = 2000;
/** Bytes of each object shown in the hex view. */
const HEX_BYTES = 512;
/** Longest label. */
const LABEL_CHARS = 40;

/** Items a container may hold and still be shown by its repr. */
const REPR_ITEMS = 8;

/**
 * A short repr, at bounded cost: atoms (ints, strs …) up to 320 bytes by their repr;
 * containers by their repr only when they hold at most eight atoms, else by type and length —
 * a module's globals would otherwise repr every object of the program.
 */
function shortRepr(rt: Runtime, obj: Address, size: number): string {
  const space = rt.core.space;
  const kind = space.kindOf(obj);
  if (size > 320) return `<${kind.name}, ${size} bytes>`;
  if (kind.isContainer) {
    let items = 0;
    let atomsOnly = true;
    kind.references(obj, (ref) => {
      items++;
      if (ref !== 0 && space.kinds[space.typeId(ref)]?.isContainer !== false) atomsOnly = false;
    });
    if (items > REPR_ITEMS || !atomsOnly)
      return `<${kind.name}, ${items} reference${items === 1 ? "" : "s"}>`;
  }
  try {
    const text = rt.core.repr(obj);
    return text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
  } catch {
    return `<${kind.name}>`;
  }
}

/** The frames and their variables. */
export function readFrames(rt: Runtime): FrameView[] {
  const frames: FrameView[] = [];
  const space = rt.core.space;
  for (const frame of rt.core.frames) {
    const variables = frame.names().map((name) => {
      const address = frame.get(name).address;
      const rc = space.refcount.refcount(address);
      const immortal = space.refcount.isImmortal(address);
      return {
        name,
        address,
        type: space.kindOf(address).name,
        getrefcount: immortal ? rc : rc + 1,
        repr: shortRepr(rt, address, space.kindOf(address).sizeOf(address)),
      };
    });
    frames.push({ name: frame.name, variables });
  }
  return frames;
}

/** Generation of each tracked object among `objects`. */
function generations(rt: Runtime, objects: ReadonlySet<Address>): Map<Address, number> {
  const collector = rt.parts.collector;
  const map = new Map<Address, number>();
  for (let g = 0; g < collector.generationCount; g++) {
    for (const obj of collector.getObjects(g)) if (objects.has(obj)) map.set(obj, g);
  }
  return map;
}

/**
 * The object graph: every live object, or past `maxNodes` the neighbourhood of `focus`
 * (or of the first variable when `focus` is not live).
 */
export function readGraph(
  rt: Runtime,
  registry: ObjectRegistry,
  focus: number,
  maxNodes = MAX_GRAPH_NODES,
): GraphView {
  const space = rt.core.space;
  // Every object, numbered as found: the registry's, and whatever they and the runtime's
  // roots reach. Edges in compressed rows: targets of node i are edgeTo[edgeStart[i] ..].
  const order: Address[] = [];
  const index = new Map<Address, number>();
  const add = (obj: Address): void => {
    if (obj !== 0 && !index.has(obj)) {
      index.set(obj, order.length);
      order.push(obj);
    }
  };
  rt.core.forEachRoot(add);
  registry.forEachLive((obj) => add(obj));
  let edgeStart = new Int32Array(1024);
  let edgeTo = new Int32Array(4096);
  let edges = 0;
  const addEdge = (ref: Address): void => {
    add(ref);
    if (edges === edgeTo.length) {
      const grown = new Int32Array(edges * 2);
      grown.set(edgeTo);
      edgeTo = grown;
    }
    edgeTo[edges++] = index.get(ref)!;
  };
  for (let i = 0; i < order.length; i++) {
    if (i + 1 >= edgeStart.length) {
      const grown = new Int32Array(edgeStart.length * 2);
      grown.set(edgeStart);
      edgeStart = grown;
    }
    edgeStart[i] = edges;
    const obj = order[i]!;
    const kind = space.kindOf(obj);
    if (kind.isContainer && obj !== 0) kind.references(obj, (ref) => ref !== 0 && addEdge(ref));
  }
  const n = order.length;
  edgeStart[n] = edges;

  // Roots: the runtime's, and — as the cycle collector finds them — every object whose
  // refcount exceeds the references other heap objects hold (the rest come from outside the
  // heap: an interpreter's frames and stack, JS handles, caches).
  const internal = new Int32Array(n);
  for (let e = 0; e < edges; e++) internal[edgeTo[e]!]!++;
  const reachable = new Uint8Array(n);
  const stack: number[] = [];
  const mark = (i: number): void => {
    if (reachable[i] === 0) {
      reachable[i] = 1;
      stack.push(i);
    }
  };
  rt.core.forEachRoot((obj) => {
    const i = index.get(obj);
    if (i !== undefined) mark(i);
  });
  const refcounts = space.refcount;
  for (let i = 0; i < n; i++) {
    const obj = order[i]!;
    if (refcounts.isImmortal(obj) || refcounts.refcount(obj) > internal[i]!) mark(i);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) mark(edgeTo[e]!);
  }

  let chosen: number[];
  let focusAddress = 0;
  if (n <= maxNodes) {
    chosen = order.map((_, i) => i);
  } else {
    // Incoming edges, compressed the same way, for the neighbourhood in both directions.
    const inStart = new Int32Array(n + 1);
    for (let e = 0; e < edges; e++) inStart[edgeTo[e]! + 1]!++;
    for (let i = 0; i < n; i++) inStart[i + 1]! += inStart[i];
    const fill = inStart.slice(0, n);
    const inFrom = new Int32Array(edges);
    for (let i = 0; i < n; i++) {
      for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) inFrom[fill[edgeTo[e]!]!++] = i;
    }
    let start = index.get(focus);
    if (start === undefined) {
      for (const obj of readFramesAddresses(rt)) {
        start = index.get(obj);
        if (start !== undefined) break;
      }
    }
    start ??= 0;
    focusAddress = order[start]!;
    const seen = new Set<number>([start]);
    let frontier = [start];
    const visit = (j: number, next: number[]): void => {
      if (seen.size < maxNodes && !seen.has(j)) {
        seen.add(j);
        next.push(j);
      }
    };
    while (frontier.length > 0 && seen.size < maxNodes) {
      const next: number[] = [];
      for (const i of frontier) {
        for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) visit(edgeTo[e]!, next);
        for (let e = inStart[i]!; e < inStart[i + 1]!; e++) visit(inFrom[e]!, next);
      }
      frontier = next;
    }
    chosen = [...seen];
  }
  const out = (i: number): number[] => {
    const targets: number[] = [];
    for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) targets.push(edgeTo[e]!);
    return targets;
  };
  const garbage = (i: number): boolean => reachable[i] === 0;

  const gens = generations(rt, new Set(chosen.map((i) => order[i]!)));
  const w = space.w;
  const heap = space.heap;
  const nodes: ObjectNode[] = [];
  const edgeList: number[] = [];
  const drawn = new Set<number>(chosen);
  for (const i of chosen) {
    const obj = order[i]!;
    const kind = space.kindOf(obj);
    let block = obj;
    let first = true;
    kind.blocks(obj, (b) => {
      if (first) block = b;
      first = false;
    });
    const blockBytes = space.mem.usableSize(block);
    const shown = Math.min(blockBytes, HEX_BYTES);
    const size = kind.sizeOf(obj);
    const gcHeader = kind.isContainer ? space.layout.gcHeaderSize : 0;
    const itemCount =
      kind.name === "int" || kind.name === "bool"
        ? Math.abs(space.signedWord(obj + 2 * w))
        : kind.name === "tuple" || kind.name === "str" || kind.name === "bytes"
          ? space.word(obj + 2 * w)
          : 0;
    nodes.push({
      address: obj,
      type: kind.name,
      refcount: space.refcount.refcount(obj),
      immortal: space.refcount.isImmortal(obj),
      size,
      generation: gens.get(obj) ?? -1,
      garbage: garbage(i),
      label: shortRepr(rt, obj, size),
      block,
      blockBytes,
      bytes: heap.u8.slice(block, block + shown),
      fields: objectFields({ type: kind.name, w, objectOffset: obj - block, gcHeader, shown, itemCount }),
    });
    for (const j of out(i)) if (drawn.has(j)) edgeList.push(obj, order[j]!);
  }
  return { nodes, edges: edgeList, totalObjects: n, focus: focusAddress };
}

function readFramesAddresses(rt: Runtime): Address[] {
  const addresses: Address[] = [];
  for (const frame of rt.core.frames)
    for (const name of frame.names()) addresses.push(frame.get(name).address);
  return addresses;
}
