/**
 * Instances of classes defined in Python: the runtime's {@link InstanceType} (CPython 3.11's
 * inline attribute values) plus what a heap type adds — each instance holds a reference to
 * its class, which traversal visits (`subtype_traverse`), so `sys.getrefcount(C)` grows with
 * every instance and a class lives as long as its instances.
 *
 * @module
 */
import type { Address, Decref, Visit } from "@pymem/core";
import { type InstanceHost, InstanceType, type ObjectSpace } from "@pymem/runtime";

/**
 * Instance type of one class defined in Python.
 * @example
 * ```ts
 * const t = new UserInstanceType(space, host, "__main__.Node", "Node", 30);
 * t.classObject = classAddress;
 * ```
 */
export class UserInstanceType extends InstanceType {
  /** The class (type object) every instance refers to. */
  classObject = 0;
  /** `type(x).__name__`. */
  readonly pyName: string;
  private readonly objects: ObjectSpace;

  constructor(
    space: ObjectSpace,
    host: InstanceHost,
    registryName: string,
    pyName: string,
    sharedKeysMaxSize: number,
  ) {
    super(space, host, registryName, sharedKeysMaxSize);
    this.objects = space;
    this.pyName = pyName;
  }

  /** A new instance holding a reference to its class. */
  override create(): Address {
    const obj = super.create();
    this.objects.incref(this.classObject);
    return obj;
  }

  override traverse(obj: Address, visit: Visit): void {
    super.traverse(obj, visit);
    visit(this.classObject);
  }

  override dealloc(obj: Address, decref: Decref): void {
    super.dealloc(obj, decref);
    decref(this.classObject);
  }

  override repr(obj: Address): string {
    return `<__main__.${this.pyName} object at 0x${obj.toString(16)}>`;
  }
}
