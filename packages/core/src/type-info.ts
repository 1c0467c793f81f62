/**
 * What collectors and refcount strategies need to know about a type
 * (CPython's tp_basicsize, tp_itemsize, Py_TPFLAGS_HAVE_GC, tp_traverse, tp_clear,
 * tp_finalize, tp_dealloc, tp_weaklistoffset), and the registry that maps the type ids
 * stored in object headers to them.
 *
 * ```
 *  object header: | refcnt | type id --+
 *                                      v
 *  TypeRegistry:  [0: unused] [1: TypeInfo "float"] [2: TypeInfo "list"] ...
 * ```
 *
 * @module
 */
import type { Address } from "./address";
import { ConfigurationError } from "./errors";

/** Called once per referenced object by {@link TypeInfo.traverse}. Never called with NULL. */
export type Visit = (referent: Address) => void;

/**
 * Drops one strong reference. Handed to {@link TypeInfo.dealloc} and {@link TypeInfo.clear}
 * by the refcount strategy; it never deallocates recursively on the JS stack (objects that
 * reach zero are queued), so types may call it freely.
 */
export type Decref = (referent: Address) => void;

/** Type-specific knowledge the memory manager needs about one kind of object. */
export interface TypeInfo {
  /** Type name, as Python's `type(x).__name__`. */
  readonly name: string;
  /** Bytes of an instance with no items, without the GC header (tp_basicsize). */
  readonly basicSize: number;
  /** Bytes per item of variable-size instances, 0 for fixed-size types (tp_itemsize). */
  readonly itemSize: number;
  /** Instances carry a GC header and may be tracked by the cycle collector (Py_TPFLAGS_HAVE_GC). */
  readonly isContainer: boolean;
  /**
   * Byte offset, inside the object, of the word that heads its list of weak references;
   * 0 when instances cannot be weakly referenced (tp_weaklistoffset).
   */
  readonly weaklistOffset: number;
  /** Instances have a legacy finalizer (tp_del): the collector puts cycles holding them in `gc.garbage`. */
  readonly hasLegacyFinalizer?: boolean;
  /** Calls `visit` for every object `obj` holds a strong reference to (tp_traverse). */
  traverse(obj: Address, visit: Visit): void;
  /**
   * Breaks `obj`'s references so that cycles through it fall apart (tp_clear): sets each
   * reference field to NULL before passing the old value to `decref`. Omit for immutable
   * types (the collector then relies on other members of the cycle).
   */
  clear?(obj: Address, decref: Decref): void;
  /**
   * PEP 442 finalizer (tp_finalize, Python's `__del__`). Runs at most once per object; it may
   * resurrect the object by storing a new reference to it. Only container types may have one.
   */
  finalize?(obj: Address): void;
  /**
   * Releases everything `obj` holds (each reference through `decref`) and returns its
   * memory to its allocator (tp_dealloc after the generic part: finalizer, weakrefs and
   * untracking are done by the refcount strategy before this is called).
   */
  dealloc(obj: Address, decref: Decref): void;
  /** Total bytes of `obj` as `sys.getsizeof` reports them (including the GC header). */
  sizeOf(obj: Address): number;
}

/**
 * Maps type ids (stored in object headers) to {@link TypeInfo}. Id 0 is never used, so a
 * zeroed header is recognisably not an object.
 * @example
 * ```ts
 * const types = new TypeRegistry();
 * const floatId = types.register(floatType);
 * types.get(floatId).name; // "float"
 * ```
 */
export class TypeRegistry {
  private readonly types: (TypeInfo | undefined)[] = [undefined];
  private readonly ids = new Map<string, number>();
  /** `containerFlags[id]` is 1 for container types: a typed-array lookup for hot paths. */
  containerFlags = new Uint8Array(64);

  /**
   * Registers a type and returns its id (1, 2, ...).
   * @param allowSameName - accept a name already registered (Python classes may share a name;
   *   {@link TypeRegistry.idOf} keeps answering with the first)
   * @throws ConfigurationError for a duplicate name (unless allowed), a finalizer on a
   *   non-container type or bad sizes
   */
  register(type: TypeInfo, allowSameName = false): number {
    if (!allowSameName && this.ids.has(type.name))
      throw new ConfigurationError("type.name", "a name not registered yet", type.name);
    if (!(Number.isInteger(type.basicSize) && type.basicSize > 0)) {
      throw new ConfigurationError(`${type.name}.basicSize`, "a positive integer", type.basicSize);
    }
    if (!(Number.isInteger(type.itemSize) && type.itemSize >= 0)) {
      throw new ConfigurationError(`${type.name}.itemSize`, "a non-negative integer", type.itemSize);
    }
    if (type.finalize !== undefined && !type.isContainer) {
      throw new ConfigurationError(
        `${type.name}.finalize`,
        "finalizers only on container types",
        "a function",
      );
    }
    const id = this.types.length;
    this.types.push(type);
    if (!this.ids.has(type.name)) this.ids.set(type.name, id);
    if (id >= this.containerFlags.length) {
      const grown = new Uint8Array(this.containerFlags.length * 2);
      grown.set(this.containerFlags);
      this.containerFlags = grown;
    }
    this.containerFlags[id] = type.isContainer ? 1 : 0;
    return id;
  }

  /**
   * The type with id `id`.
   * @throws RangeError for an id that was never registered
   */
  get(id: number): TypeInfo {
    const type = this.types[id];
    if (type === undefined) throw new RangeError(`no type with id ${id}`);
    return type;
  }

  /** The type with id `id`, or undefined. */
  find(id: number): TypeInfo | undefined {
    return this.types[id];
  }

  /** Id of the type named `name`, or 0 when none is. */
  idOf(name: string): number {
    return this.ids.get(name) ?? 0;
  }

  /** Whether instances of type `id` are containers. */
  isContainer(id: number): boolean {
    return this.containerFlags[id] === 1;
  }

  /** Number of registered types. */
  get size(): number {
    return this.types.length - 1;
  }
}
