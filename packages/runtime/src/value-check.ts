/**
 * Checks a JS value before it is converted to objects, so that a conversion that cannot
 * succeed fails before it allocates anything (the heap stays byte-for-byte as it was).
 *
 * ```
 *  number | bigint | string | boolean | null | Uint8Array     fine
 *  handle of this runtime, alive                               fine  (else InvalidPointerError,
 *                                                                     RuntimeClosedError)
 *  array                                                        each item, walked with an
 *                                                               explicit stack (no JS recursion):
 *                                                               nested deeper than the recursion
 *                                                               limit, or containing itself →
 *                                                               PythonError RecursionError
 *  anything else (undefined, {}, Symbol(), functions, Maps)     PythonError TypeError
 * ```
 *
 * @module
 */
import { InvalidPointerError } from "@pymem/core";
import { PyObject } from "./handles/py-object";
import { PythonError } from "./python-error";

/** How deep JS arrays may nest in one conversion: CPython's default recursion limit. */
export const CONVERSION_DEPTH_LIMIT = 1000;

/** A JS value named the way a message should print it: `undefined`, `Symbol(x)`, `a plain object`, `a Map object` ... */
export function describeJsValue(value: unknown): string {
  switch (typeof value) {
    case "undefined":
      return "undefined";
    case "symbol":
      return value.toString();
    case "function":
      return `a function${value.name === "" ? "" : ` (${value.name})`}`;
    case "string":
      return JSON.stringify(value);
    case "bigint":
      return `${value}n`;
    case "number":
    case "boolean":
      return String(value);
    default: {
      if (value === null) return "null";
      const ctor = (value as { constructor?: { name?: unknown } }).constructor;
      const name = typeof ctor?.name === "string" && ctor.name !== "" ? ctor.name : "Object";
      if (name === "Object") return "a plain object";
      return `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name} object`;
    }
  }
}

const EXPECTED =
  "a number, bigint, string, boolean, null, Uint8Array, array of those, or a handle of this runtime";

/**
 * Throws unless every value in `value` converts: see the module comment.
 * @param owner - the runtime's internals a handle must belong to
 * @throws PythonError TypeError, PythonError RecursionError, InvalidPointerError, RuntimeClosedError
 */
export function checkConvertible(value: unknown, owner: object): void {
  if (value === null) return;
  const t = typeof value;
  if (t === "number" || t === "bigint" || t === "string" || t === "boolean") return;
  if (!Array.isArray(value)) {
    checkLeaf(value, owner);
    return;
  }
  // Arrays: an explicit stack of [array, next index]; `path` holds the arrays being walked.
  const arrays: unknown[][] = [value];
  const next: number[] = [0];
  const path = new Set<unknown[]>([value]);
  while (arrays.length > 0) {
    const top = arrays.length - 1;
    const array = arrays[top]!;
    const i = next[top]!;
    if (i === array.length) {
      path.delete(array);
      arrays.pop();
      next.pop();
      continue;
    }
    next[top] = i + 1;
    const item = array[i];
    if (!Array.isArray(item)) {
      if (item !== null && !isPrimitive(item)) checkLeaf(item, owner);
      continue;
    }
    if (path.has(item)) {
      throw new PythonError(
        "RecursionError",
        "maximum recursion depth exceeded while converting a JS array: the array contains itself",
      );
    }
    if (arrays.length >= CONVERSION_DEPTH_LIMIT) {
      throw new PythonError(
        "RecursionError",
        `maximum recursion depth exceeded while converting a JS array nested more than ${CONVERSION_DEPTH_LIMIT} deep`,
      );
    }
    path.add(item);
    arrays.push(item);
    next.push(0);
  }
}

function isPrimitive(value: unknown): boolean {
  const t = typeof value;
  return t === "number" || t === "bigint" || t === "string" || t === "boolean";
}

function checkLeaf(value: unknown, owner: object): void {
  if (value instanceof PyObject) {
    if (value.runtimeCore !== owner) {
      throw new InvalidPointerError(
        value.alive ? value.address : 0,
        "a handle of this runtime, not of another one",
      );
    }
    void value.address; // throws for a released handle, a dead object or a closed runtime
    return;
  }
  if (value instanceof Uint8Array) return;
  throw new PythonError(
    "TypeError",
    `cannot convert ${describeJsValue(value)} to a Python object: expected ${EXPECTED}`,
  );
}
