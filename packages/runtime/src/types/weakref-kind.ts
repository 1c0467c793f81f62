/**
 * The runtime's view of the weak reference type that @pymem/refcount's `WeakrefTable`
 * registers: it forwards the memory-management hooks to that type and adds Python-level
 * behaviour (hash and equality through the referent, repr).
 *
 * ```
 *  sys.getsizeof(weakref.ref(x)) = 80 in the 64-bit layout (64 + GC header), as CPython 3.11
 * ```
 *
 * @module
 */
import type { Address, Decref, TypeInfo, Visit } from "@pymem/core";
import type { WeakrefTable } from "@pymem/refcount";
import type { ObjectSpace } from "../object-space";
import { PythonError } from "../python-error";
import { BaseType } from "../runtime-type";

/** Weak reference objects as the runtime sees them. */
export class WeakrefKind extends BaseType {
  readonly kind = "weakref" as const;
  readonly name: string;
  readonly basicSize: number;
  readonly itemSize: number;
  readonly isContainer: boolean;
  override readonly weaklistOffset: number;
  private readonly table: WeakrefTable;
  private readonly inner: TypeInfo;
  private readonly space: ObjectSpace;

  constructor(space: ObjectSpace, table: WeakrefTable) {
    super();
    this.space = space;
    this.table = table;
    this.inner = table.type;
    this.name = table.type.name;
    this.basicSize = table.type.basicSize;
    this.itemSize = table.type.itemSize;
    this.isContainer = table.type.isContainer;
    this.weaklistOffset = table.type.weaklistOffset;
    this.gcBytes = this.isContainer ? space.layout.gcHeaderSize : 0;
  }

  override traverse(obj: Address, visit: Visit): void {
    this.inner.traverse(obj, visit);
  }

  dealloc(obj: Address, decref: Decref): void {
    this.inner.dealloc(obj, decref);
  }

  sizeOf(obj: Address): number {
    return this.inner.sizeOf(obj);
  }

  /** The referent's hash (cached in the weak reference). @throws PythonError TypeError once the referent died unhashed */
  override hash(obj: Address): number {
    const cached = this.table.hash(obj);
    if (cached !== -1n) return Number(cached);
    const referent = this.table.referent(obj);
    if (referent === 0) throw new PythonError("TypeError", "weak object has gone away");
    const h = this.space.hashOf(referent);
    this.table.setHash(obj, BigInt(h));
    return h;
  }

  /** Equal when both referents are alive and equal, else identity. */
  override equals(a: Address, b: Address): boolean {
    const ra = this.table.referent(a);
    const rb = this.table.referent(b);
    if (ra === 0 || rb === 0) return a === b;
    return this.space.richEquals(ra, rb);
  }

  override repr(obj: Address): string {
    const referent = this.table.referent(obj);
    const at = `0x${obj.toString(16)}`;
    if (referent === 0) return `<weakref at ${at}; dead>`;
    return `<weakref at ${at}; to '${this.space.kindOf(referent).name}' at 0x${referent.toString(16)}>`;
  }
}
