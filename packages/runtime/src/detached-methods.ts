/**
 * Python lets a module's functions be taken off it (`from sys import getsizeof`); JS methods
 * lose `this` when taken off their object. This gives an object own properties that call
 * its methods bound to it, each first checking that the runtime is still open.
 *
 * ```
 *  const { getsizeof } = rt.sys;      own property getsizeof = (...args) => {
 *  getsizeof([1, 2]);  // 72              guard("sys.getsizeof"); return method.apply(rt.sys, args) }
 * ```
 *
 * @module
 */

/**
 * Binds every method of `target` found on its prototype chain (constructors and accessors
 * excepted) as an own property that first calls `guard` with `prefix.name`.
 * @param skip - method names left as they are
 * @example
 * ```ts
 * bindDetached(rt.sys, "sys", (op) => core.checkOpen(op));
 * const { getsizeof } = rt.sys;
 * ```
 */
export function bindDetached(
  target: object,
  prefix: string,
  guard: (operation: string) => void,
  skip: readonly string[] = [],
): void {
  const seen = new Set<string>(skip);
  for (
    let proto = Object.getPrototypeOf(target) as object | null;
    proto !== null && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === "constructor" || seen.has(name)) continue;
      seen.add(name);
      const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
      const method: unknown = descriptor.value;
      if (typeof method !== "function") continue;
      const operation = `${prefix}.${name}`;
      const fn = method as (...args: unknown[]) => unknown;
      Object.defineProperty(target, name, {
        value: (...args: unknown[]) => {
          guard(operation);
          return fn.apply(target, args);
        },
        writable: true,
        configurable: true,
        enumerable: false,
      });
    }
  }
}
