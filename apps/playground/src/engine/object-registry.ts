/**
 * Every live object of a runtime, found as the objects are made rather than by walking from
 * the roots — so that a leaked cycle, which no root reaches, is still on the map.
 *
 * ```
 *  ObjectSpace.newObject ──noteAllocated(obj)──► blocks: block ─► object, type id
 *  object domain free(block) ──hooks.free──────► forget block (recorded as freed by the
 *                                                 collection running, if one is)
 *  hooks.collectionStart / collectionStop ─────► the last collection: generation, collected,
 *                                                 the objects whose memory it gave back
 * ```
 *
 * A block stays registered while its object sits on a free list (its refcount word then
 * holds the free-list mark, and {@link ObjectRegistry.forEachLive} skips it).
 *
 * @module
 */
import type { Address, MemoryHooks } from "@pymem/core";
import { FREE_LIST_REFCOUNT } from "@pymem/object-allocators";
import type { Runtime } from "@pymem/runtime";

/** An object a collection gave back to its allocator. */
export interface FreedObject {
  /** Its address. */
  address: number;
  /** Its type's name. */
  type: string;
  /** Bytes of its block. */
  bytes: number;
}

/** What the most recent collection did. */
export interface CollectionRecord {
  /** Generation collected. */
  generation: number;
  /** Objects the collector reported collected. */
  collected: number;
  /** Uncollectable objects found. */
  uncollectable: number;
  /** Objects whose memory went back to the allocator during the collection. */
  freed: FreedObject[];
  /** Line event after which it ran (0 before the first line). */
  event: number;
}

/** Live objects of one runtime, kept current by the runtime's hooks. */
export class ObjectRegistry {
  private readonly objects = new Map<Address, Address>();
  private readonly types = new Map<Address, number>();
  /** Blocks of the objects made with the runtime, before the registry listened (None, small ints …). */
  private readonly permanent = new Set<Address>();
  private collecting: CollectionRecord | null = null;
  /** Collections so far, oldest first (each with what it freed). */
  readonly collections: CollectionRecord[] = [];
  /** The current line event, stamped on collections. */
  event = 0;

  /** Subscribes to the runtime's allocation notices and memory hooks. */
  constructor(
    private readonly rt: Runtime,
    hooks: MemoryHooks,
  ) {
    const space = rt.core.space;
    const core = rt.core;
    const blockOf = (obj: Address): Address => {
      let block = obj;
      let first = true;
      space.kindOf(obj).blocks(obj, (b) => {
        if (first) block = b;
        first = false;
      });
      return block;
    };
    const permanents = [space.none, core.bools.trueObject, core.bools.falseObject, core.tuples.empty];
    permanents.push(core.bytesType.emptySingleton);
    core.strs.forEachSingleton((obj) => permanents.push(obj));
    for (let v = core.smallInts.min; v <= core.smallInts.max; v++) permanents.push(core.smallInts.get(v));
    for (const obj of permanents) if (obj !== 0) this.permanent.add(blockOf(obj));
    const previous = space.noteAllocated;
    space.noteAllocated = (obj) => {
      if (previous !== null) previous(obj);
      const kind = space.kinds[space.typeId(obj)];
      let block = obj;
      if (kind !== undefined) {
        let first = true;
        kind.blocks(obj, (b) => {
          if (first) block = b;
          first = false;
        });
      }
      this.objects.set(block, obj);
      this.types.set(block, space.typeId(obj));
    };
    hooks.on("free", (_domain, block, size) => {
      const obj = this.objects.get(block);
      if (obj === undefined) return;
      if (this.collecting !== null) {
        const typeId = this.types.get(block) ?? 0;
        const type = space.kinds[typeId]?.name ?? "?";
        this.collecting.freed.push({ address: obj, type, bytes: size });
      }
      this.objects.delete(block);
      this.types.delete(block);
    });
    hooks.on("collectionStart", (generation) => {
      this.collecting = { generation, collected: 0, uncollectable: 0, freed: [], event: this.event };
    });
    hooks.on("collectionStop", (generation, collected, uncollectable) => {
      const record = this.collecting ?? {
        generation,
        collected,
        uncollectable,
        freed: [],
        event: this.event,
      };
      record.collected = collected;
      record.uncollectable = uncollectable;
      this.collections.push(record);
      if (this.collections.length > 1000) this.collections.splice(0, this.collections.length - 1000);
      this.collecting = null;
    });
  }

  /** Number of registered blocks (free-listed objects included). */
  get size(): number {
    return this.objects.size;
  }

  /** The object whose block starts at `block`, or 0. */
  objectAt(block: Address): Address {
    return this.objects.get(block) ?? 0;
  }

  /**
   * Whether `block` is the block of a live object (not one kept on a free list), the runtime's
   * permanent objects included.
   */
  isObjectBlock(block: Address): boolean {
    if (this.permanent.has(block)) return true;
    const obj = this.objects.get(block);
    return obj !== undefined && this.rt.core.space.headers.refcount(obj) !== FREE_LIST_REFCOUNT;
  }

  /** Calls `visit(object, block)` for every live object (free-listed ones skipped). */
  forEachLive(visit: (obj: Address, block: Address) => void): void {
    const headers = this.rt.core.space.headers;
    for (const [block, obj] of this.objects) {
      if (headers.refcount(obj) === FREE_LIST_REFCOUNT) continue;
      visit(obj, block);
    }
  }
}
