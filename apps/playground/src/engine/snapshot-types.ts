/**
 * What the worker sends the page after each step: plain data (typed arrays included), so it
 * crosses `postMessage` by structured clone. Addresses are byte offsets into the heap.
 *
 * @module
 */

/** A variable of a frame. */
export interface VariableView {
  /** Its name. */
  name: string;
  /** Address of its object. */
  address: number;
  /** Its object's type. */
  type: string;
  /** What `sys.getrefcount(name)` would print: the refcount plus the argument's reference. */
  getrefcount: number;
  /** A short repr. */
  repr: string;
}

/** A namespace of variables (the module's globals, a function's locals). */
export interface FrameView {
  /** Frame name (`<module>` for globals). */
  name: string;
  /** Its variables, in binding order. */
  variables: VariableView[];
}

/** A labelled field of an object's bytes, for the hex view. */
export interface FieldView {
  /** Offset from the start of the object's block. */
  offset: number;
  /** Length in bytes. */
  size: number;
  /** Field name (`ob_refcnt`, `gc_next`, `ob_item[0]` …). */
  name: string;
}

/** A heap object in the graph. */
export interface ObjectNode {
  /** Address of the object (its `id()`). */
  address: number;
  /** Type name. */
  type: string;
  /** The refcount word (`ob_refcnt`). */
  refcount: number;
  /** Whether the object is immortal (its refcount never changes). */
  immortal: boolean;
  /** `sys.getsizeof`. */
  size: number;
  /** GC generation of a tracked object (0, 1, 2 …), -1 when untracked. */
  generation: number;
  /** Whether no root reaches it: garbage, or reachable only from garbage. */
  garbage: boolean;
  /** A short repr. */
  label: string;
  /** Address of the object's block (GC header and pre-header included). */
  block: number;
  /** Usable bytes of the block. */
  blockBytes: number;
  /** The block's first bytes (up to 512). */
  bytes: Uint8Array;
  /** Labelled fields of those bytes. */
  fields: FieldView[];
}

/** The object graph (whole, or the neighbourhood of one object past the node limit). */
export interface GraphView {
  /** Nodes drawn. */
  nodes: ObjectNode[];
  /** References as flattened pairs: from0, to0, from1, to1 … (addresses). */
  edges: number[];
  /** Live objects in the heap, drawn or not. */
  totalObjects: number;
  /** The object whose neighbourhood is drawn, or 0 when the graph is whole. */
  focus: number;
}

/** One pymalloc arena. */
export interface ArenaView {
  /** Its address. */
  address: number;
  /** Pool states: 0 not carved yet, 1 empty, 2 used, 3 full. */
  states: Uint8Array;
  /** Size class of each used or full pool. */
  sizeClasses: Uint8Array;
  /** Blocks in use of each pool. */
  used: Uint16Array;
  /** Blocks per pool of each pool's size class (0 for empty or uncarved pools). */
  capacity: Uint16Array;
}

/** Block states inside one pool (for the zoomed-in map). */
export interface PoolBlocks {
  /** The pool's address. */
  pool: number;
  /** Block size in bytes. */
  blockSize: number;
  /** Offset of block 0 from the pool (the pool header's size). */
  firstOffset: number;
  /** Per block: 0 free, 1 allocated (side table or free-listed object), 2 an object's block. */
  states: Uint8Array;
}

/** A page-provider mapping. */
export interface RegionView {
  /** Start address. */
  address: number;
  /** Length in bytes. */
  bytes: number;
  /** What lives there. */
  kind: "arena" | "raw";
}

/** The heap map. */
export interface HeapMapView {
  /** Object domain name (`pymalloc`, `tlsf`, `first-fit`). */
  domain: string;
  /** Bytes per arena (0 without pymalloc). */
  arenaSize: number;
  /** Bytes per pool (0 without pymalloc). */
  poolSize: number;
  /** pymalloc's alignment: block size of class c is (c + 1) * alignment. */
  alignment: number;
  /** Live arenas in address order. */
  arenas: ArenaView[];
  /** Blocks of the used and full pools (up to a limit; pools past it have no entry). */
  pools: PoolBlocks[];
  /** Every mapping of the page provider. */
  regions: RegionView[];
  /** Object blocks outside pymalloc (raw domain or large objects): address, bytes pairs. */
  rawBlocks: number[];
}

/** The figures the timelines plot, one entry per recorded line event. */
export interface TimelineView {
  /** Line event numbers. */
  event: number[];
  /** Bytes the object domain has in use. */
  bytesInUse: number[];
  /** `gc.get_count()` per generation. */
  counts: number[][];
  /** Collections: line event and generation, flattened pairs. */
  collections: number[];
}

/** What the most recent collection freed. */
export interface CollectionView {
  /** Generation collected. */
  generation: number;
  /** Unreachable objects found. */
  collected: number;
  /** Line event after which it ran. */
  event: number;
  /** Objects whose memory it gave back. */
  freed: { address: number; type: string; bytes: number }[];
}

/** The state after a step. */
export interface StepSnapshot {
  /** Line events run (the step number). */
  event: number;
  /** Line about to run, or 0 when the program ended. */
  line: number;
  /** Whether the program ran to its end. */
  finished: boolean;
  /** Exit code once finished. */
  exitCode: number;
  /** The engine that ran it. */
  engine: string;
  /** Frames, innermost last. */
  frames: FrameView[];
  /** The object graph. */
  graph: GraphView;
  /** The heap map. */
  heapMap: HeapMapView;
  /** Timelines up to this step. */
  timeline: TimelineView;
  /** `gc.get_count()`. */
  gcCount: number[];
  /** `gc.get_threshold()`. */
  gcThreshold: number[];
  /** Object domain bytes in use. */
  bytesInUse: number;
  /** Bytes the page provider has mapped. */
  mappedBytes: number;
  /** The last collection, if any ran. */
  lastCollection: CollectionView | null;
}
