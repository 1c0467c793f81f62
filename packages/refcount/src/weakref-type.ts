/**
 * The type of weak reference objects (CPython's `_PyWeakref_RefType`, named "weakref" in
 * 3.11), as a `TypeInfo` factory: the owner of the objects (a
 * {@link WeakrefTable}) supplies how to detach one from its referent and how to return its
 * memory.
 *
 * ```
 *  dealloc(wr): detach (unlink from the referent's list, drop the callback) -> release memory
 *  clear(wr):   detach                         (tp_clear, used by the cycle collector)
 *  traverse:    nothing — the callback is a JS function, not a heap object
 * ```
 *
 * @module
 */
import type { Address, ObjectLayout, TypeInfo } from "@pymem/core";
import { weakrefLayout } from "./weakref-layout";

/** Options of {@link weakrefType}. */
export interface WeakrefTypeOptions {
  /** The object header layout. */
  layout: ObjectLayout;
  /**
   * Type name (unique within its registry).
   * @defaultValue "weakref"
   */
  name?: string;
  /** Unlinks `wr` from its referent's list (if still linked) and drops its callback. */
  detach: (wr: Address) => void;
  /** Returns the memory of a dead weak reference to its allocator. */
  release: (wr: Address) => void;
}

/**
 * Builds the TypeInfo of weak reference objects: fixed size, a GC container (as in CPython,
 * so the size includes the GC header), not itself weakly referenceable.
 * @example
 * ```ts
 * const type = weakrefType({ layout: LAYOUT_64, detach: (wr) => table.detach(wr), release: (wr) => free(wr) });
 * type.basicSize; // 56
 * ```
 */
export function weakrefType(options: WeakrefTypeOptions): TypeInfo {
  const wl = weakrefLayout(options.layout);
  const { detach, release } = options;
  return {
    name: options.name ?? "weakref",
    basicSize: wl.basicSize,
    itemSize: 0,
    isContainer: true,
    weaklistOffset: 0,
    traverse(): void {},
    clear(wr: Address): void {
      detach(wr);
    },
    dealloc(wr: Address): void {
      detach(wr);
      release(wr);
    },
    sizeOf(): number {
      return wl.totalSize;
    },
  };
}
