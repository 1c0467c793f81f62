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

function shortRepr(rt: Runtime, obj: Address, size: number): string {
  const space = rt.core.space;
  const kind = space.kindOf(obj);
  if (size > 320) return `<${kind.name}, ${size} bytes>`;
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

/** Generation of every tracked object. */
function generations(rt: Runtime): Map<Address, number> {
  const collector = rt.parts.collector;
  const map = new Map<Address, number>();
  for (let g = 0; g < collector.generationCount; g++) {
    for (const obj of collector.getObjects(g)) map.set(obj, g);
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
  // Every object: the registry's, and whatever they and the runtime's roots reach.
  const all = new Set<Address>();
  const stack: Address[] = [];
  const add = (obj: Address): void => {
    if (obj !== 0 && !all.has(obj)) {
      all.add(obj);
      stack.push(obj);
    }
  };
  rt.core.forEachRoot(add);
  registry.forEachLive((obj) => add(obj));
  const internal = new Map<Address, number>();
  while (stack.length > 0) {
    const obj = stack.pop()!;
    const kind = space.kindOf(obj);
    if (!kind.isContainer) continue;
    kind.references(obj, (ref) => {
      internal.set(ref, (internal.get(ref) ?? 0) + 1);
      add(ref);
    });
  }
  // Roots: the runtime's, and — as the cycle collector finds them — every object whose
  // refcount exceeds the references other heap objects hold (the rest come from outside the
  // heap: an interpreter's frames and stack, JS handles, caches).
  const reachable = new Set<Address>();
  const mark = (obj: Address): void => {
    if (obj !== 0 && !reachable.has(obj)) {
      reachable.add(obj);
      stack.push(obj);
    }
  };
  rt.core.forEachRoot(mark);
  const refcounts = space.refcount;
  for (const obj of all) {
    if (refcounts.isImmortal(obj) || refcounts.refcount(obj) > (internal.get(obj) ?? 0)) mark(obj);
  }
  while (stack.length > 0) {
    const obj = stack.pop()!;
    const kind = space.kindOf(obj);
    if (kind.isContainer) kind.references(obj, mark);
  }
  const garbage = new Set<Address>();
  for (const obj of all) if (!reachable.has(obj)) garbage.add(obj);

  // Adjacency, for edges and the neighbourhood.
  const order = [...all];
  const index = new Map<Address, number>();
  for (let i = 0; i < order.length; i++) index.set(order[i]!, i);
  const out: number[][] = order.map(() => []);
  for (let i = 0; i < order.length; i++) {
    const obj = order[i]!;
    const kind = space.kindOf(obj);
    if (!kind.isContainer) continue;
    kind.references(obj, (ref) => {
      const j = index.get(ref);
      if (j !== undefined) out[i]!.push(j);
    });
  }

  let chosen: number[];
  let focusAddress = 0;
  if (order.length <= maxNodes) {
    chosen = order.map((_, i) => i);
  } else {
    const incoming: number[][] = order.map(() => []);
    for (let i = 0; i < out.length; i++) for (const j of out[i]!) incoming[j]!.push(i);
    let start = index.get(focus);
    if (start === undefined) {
      for (const frame of readFramesAddresses(rt)) {
        start = index.get(frame);
        if (start !== undefined) break;
      }
    }
    start ??= 0;
    focusAddress = order[start]!;
    const seen = new Set<number>([start]);
    let frontier = [start];
    while (frontier.length > 0 && seen.size < maxNodes) {
      const next: number[] = [];
      for (const i of frontier) {
        for (const j of [...out[i]!, ...incoming[i]!]) {
          if (seen.size >= maxNodes) break;
          if (!seen.has(j)) {
            seen.add(j);
            next.push(j);
          }
        }
      }
      frontier = next;
    }
    chosen = [...seen];
  }

  const gens = generations(rt);
  const w = space.w;
  const heap = space.heap;
  const nodes: ObjectNode[] = [];
  const edges: number[] = [];
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
      garbage: garbage.has(obj),
      label: shortRepr(rt, obj, size),
      block,
      blockBytes,
      bytes: heap.u8.slice(block, block + shown),
      fields: objectFields({ type: kind.name, w, objectOffset: obj - block, gcHeader, shown, itemCount }),
    });
    for (const j of out[i]!) if (drawn.has(j)) edges.push(obj, order[j]!);
  }
  return { nodes, edges, totalObjects: order.length, focus: focusAddress };
}

function readFramesAddresses(rt: Runtime): Address[] {
  const addresses: Address[] = [];
  for (const frame of rt.core.frames)
    for (const name of frame.names()) addresses.push(frame.get(name).address);
  return addresses;
}
