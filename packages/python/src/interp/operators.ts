/**
 * Operators: arithmetic, bitwise, comparison, containment and subscripts, with fast paths
 * for machine-sized ints and floats and the dunder protocol (`__add__`/`__radd__`,
 * `__lt__`/`__gt__`, `__getitem__`, ...) for instances of classes defined in Python.
 *
 * ```
 *  a + b:  int,int (both safe) → JS number add → int object (small-int cache)
 *          int/float mix       → float
 *          str+str, list+list, tuple+tuple → new object
 *          otherwise           → a.__add__(b), then b.__radd__(a)
 * ```
 *
 * @module
 */
import { type Address, NULL } from "@pymem/core";
import type { Interpreter } from "./interpreter";
import { Interpreter as InterpreterClass } from "./interpreter";

type Num = number | bigint;

/** What {@link Operators.small} returns for an object that is not a one-digit int (no digit reaches 2**30). */
export const NOT_SMALL = 2 ** 31;

function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function modBig(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

function floatMod(a: number, b: number): number {
  const r = a % b;
  if (r !== 0 && r < 0 !== b < 0) return r + b;
  if (r === 0) return b < 0 ? -0 : 0;
  return r;
}

/** Operator implementations bound to one interpreter. */
export class Operators {
  private readonly R: Interpreter;
  /** 32-bit word offsets of ob_type, ob_size and the first digit. */
  private readonly typeWord: number;
  private readonly sizeWord: number;
  private readonly digitWord: number;
  private readonly intTid: number;

  constructor(R: Interpreter) {
    this.R = R;
    const layout = R.core.space.layout;
    this.typeWord = layout.typeOffset >>> 2;
    this.sizeWord = layout.sizeOffset >>> 2;
    this.digitWord = R.ints.digitsOffset >>> 2;
    this.intTid = R.tid.int!;
  }

  /**
   * The value of an int of at most one 30-bit digit, read straight from its words; for
   * {@link NOT_SMALL} for anything else (bigger ints, other types). The fast path of every operator.
   */
  small(obj: Address): number {
    const heap = this.R.core.space.heap;
    const i = obj >>> 2;
    if (heap.u32[i + this.typeWord] !== this.intTid) return NOT_SMALL;
    const size = heap.i32[i + this.sizeWord]!;
    if (size === 0) return 0;
    if (size === 1) return heap.u32[i + this.digitWord]!;
    if (size === -1) return -heap.u32[i + this.digitWord]!;
    return NOT_SMALL;
  }

  /** `a + b`. */
  add(a: Address, b: Address): Address {
    const x = this.small(a);
    if (x !== NOT_SMALL) {
      const y = this.small(b);
      if (y !== NOT_SMALL) return this.R.core.int(x + y);
    }
    return this.binary("+", a, b);
  }

  /** `a - b`. */
  sub(a: Address, b: Address): Address {
    const x = this.small(a);
    if (x !== NOT_SMALL) {
      const y = this.small(b);
      if (y !== NOT_SMALL) return this.R.core.int(x - y);
    }
    return this.binary("-", a, b);
  }

  /** `a * b`. */
  mul(a: Address, b: Address): Address {
    const x = this.small(a);
    if (x !== NOT_SMALL) {
      const y = this.small(b);
      if (y !== NOT_SMALL) return this.R.core.int(x * y);
    }
    return this.binary("*", a, b);
  }

  /** `a < b` as a JS boolean. */
  lt(a: Address, b: Address): boolean {
    const x = this.small(a);
    if (x !== NOT_SMALL) {
      const y = this.small(b);
      if (y !== NOT_SMALL) return x < y;
    }
    return this.compare("<", a, b);
  }

  /** `a <= b` as a JS boolean. */
  le(a: Address, b: Address): boolean {
    const x = this.small(a);
    if (x !== NOT_SMALL) {
      const y = this.small(b);
      if (y !== NOT_SMALL) return x <= y;
    }
    return this.compare("<=", a, b);
  }

  /** `a > b` as a JS boolean. */
  gt(a: Address, b: Address): boolean {
    const x = this.small(a);
    if (x !== NOT_SMALL) {
      const y = this.small(b);
      if (y !== NOT_SMALL) return x > y;
    }
    return this.compare(">", a, b);
  }

  /** `a >= b` as a JS boolean. */
  ge(a: Address, b: Address): boolean {
    const x = this.small(a);
    if (x !== NOT_SMALL) {
      const y = this.small(b);
      if (y !== NOT_SMALL) return x >= y;
    }
    return this.compare(">=", a, b);
  }

  /** `a == b` as a JS boolean. */
  eq(a: Address, b: Address): boolean {
    if (a === b && this.small(a) !== NOT_SMALL) return true;
    const x = this.small(a);
    if (x !== NOT_SMALL) {
      const y = this.small(b);
      if (y !== NOT_SMALL) return x === y;
    }
    return this.compare("==", a, b);
  }

  /** `a != b` as a JS boolean. */
  ne(a: Address, b: Address): boolean {
    return !this.eq(a, b);
  }

  /** An int or float operand as a JS value: number (safe int or float), bigint, or null when not numeric. */
  private num(obj: Address): Num | null {
    const R = this.R;
    const t = R.typeId(obj);
    if (t === R.tid.int || t === R.tid.bool)
      return R.ints.isSafe(obj) ? R.ints.numberValue(obj) : R.ints.value(obj);
    return null;
  }

  /** A new int object from a JS integer (number or bigint). */
  private intOf(v: Num): Address {
    if (typeof v === "bigint" && v >= -9007199254740991n && v <= 9007199254740991n)
      return this.R.int(Number(v));
    return this.R.int(v);
  }

  /** Integer arithmetic with Python semantics. */
  private intOp(op: string, a: Num, b: Num): Address {
    const R = this.R;
    if (typeof a === "number" && typeof b === "number") {
      switch (op) {
        case "+": {
          const r = a + b;
          if (Number.isSafeInteger(r)) return R.int(r);
          break;
        }
        case "-": {
          const r = a - b;
          if (Number.isSafeInteger(r)) return R.int(r);
          break;
        }
        case "*": {
          const r = a * b;
          if (Number.isSafeInteger(r)) return R.int(r);
          break;
        }
        case "//":
          if (b === 0) throw R.error("ZeroDivisionError", "integer division or modulo by zero");
          if (Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) return R.int(Math.floor(a / b));
          break;
        case "%":
          if (b === 0) throw R.error("ZeroDivisionError", "integer division or modulo by zero");
          if (Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) {
            const r = a % b;
            return R.int(r !== 0 && r < 0 !== b < 0 ? r + b : r);
          }
          break;
        case "&":
          if (Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) return R.int(a & b);
          break;
        case "|":
          if (Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) return R.int(a | b);
          break;
        case "^":
          if (Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) return R.int(a ^ b);
          break;
        default:
          break;
      }
    }
    const x = BigInt(a);
    const y = BigInt(b);
    switch (op) {
      case "+":
        return this.intOf(x + y);
      case "-":
        return this.intOf(x - y);
      case "*":
        return this.intOf(x * y);
      case "//":
        if (y === 0n) throw R.error("ZeroDivisionError", "integer division or modulo by zero");
        return this.intOf(floorDivBig(x, y));
      case "%":
        if (y === 0n) throw R.error("ZeroDivisionError", "integer division or modulo by zero");
        return this.intOf(modBig(x, y));
      case "/": {
        if (y === 0n) throw R.error("ZeroDivisionError", "division by zero");
        return R.float(Number(x) / Number(y));
      }
      case "**":
        if (y < 0n) {
          if (x === 0n) throw R.error("ZeroDivisionError", "0.0 cannot be raised to a negative power");
          return R.float(Number(x) ** Number(y));
        }
        return this.intOf(x ** y);
      case "<<":
        if (y < 0n) throw R.error("ValueError", "negative shift count");
        return this.intOf(x << y);
      case ">>":
        if (y < 0n) throw R.error("ValueError", "negative shift count");
        return this.intOf(x >> y);
      case "&":
        return this.intOf(x & y);
      case "|":
        return this.intOf(x | y);
      case "^":
        return this.intOf(x ^ y);
      default:
        return NULL;
    }
  }

  private floatOp(op: string, a: number, b: number): Address {
    const R = this.R;
    switch (op) {
      case "+":
        return R.float(a + b);
      case "-":
        return R.float(a - b);
      case "*":
        return R.float(a * b);
      case "/":
        if (b === 0) throw R.error("ZeroDivisionError", "float division by zero");
        return R.float(a / b);
      case "//":
        if (b === 0) throw R.error("ZeroDivisionError", "float floor division by zero");
        return R.float(Math.floor(a / b));
      case "%":
        if (b === 0) throw R.error("ZeroDivisionError", "float modulo");
        return R.float(floatMod(a, b));
      case "**":
        if (a === 0 && b < 0) throw R.error("ZeroDivisionError", "0.0 cannot be raised to a negative power");
        if (a < 0 && !Number.isInteger(b))
          throw R.error("ValueError", "complex results are not supported by pymem");
        return R.float(a ** b);
      default:
        return NULL;
    }
  }

  /** `a op b` (new reference); `inplace` tries `__iop__` first and mutates lists in place. */
  binary(op: string, a: Address, b: Address, inplace = false): Address {
    const R = this.R;
    const T = R.tid;
    const ta = R.typeId(a);
    const tb = R.typeId(b);
    if (ta === T.bool && tb === T.bool && (op === "&" || op === "|" || op === "^")) {
      const x = a === R.True;
      const y = b === R.True;
      return R.bool(op === "&" ? x && y : op === "|" ? x || y : x !== y);
    }
    // Fast path: machine-sized ints.
    if (ta === T.int && tb === T.int && R.ints.isSafe(a) && R.ints.isSafe(b)) {
      const r = this.intOp(op, R.ints.numberValue(a), R.ints.numberValue(b));
      if (r !== NULL) return r;
    }
    const na = ta === T.float ? R.floats.value(a) : this.num(a);
    const nb = tb === T.float ? R.floats.value(b) : this.num(b);
    if (na !== null && nb !== null) {
      if (ta !== T.float && tb !== T.float) {
        const r = this.intOp(op, na, nb);
        if (r !== NULL) return r;
      } else {
        const r = this.floatOp(op, Number(na), Number(nb));
        if (r !== NULL) return r;
      }
    }
    const r = this.sequenceOp(op, a, b, ta, tb, inplace);
    if (r !== NULL) return r;
    const names = InterpreterClass.BINARY_NAMES[op]!;
    const ca = R.classOfTid[ta]!;
    const cb = R.classOfTid[tb]!;
    if (inplace && ca.kind !== "builtin") {
      const m = R.lookup(ca, names[2]);
      if (m !== NULL) {
        const res = this.callDunder(m, a, b);
        if (res !== NULL) return res;
      }
    }
    if (ca.kind !== "builtin") {
      const m = R.lookup(ca, names[0]);
      if (m !== NULL) {
        const res = this.callDunder(m, a, b);
        if (res !== NULL) return res;
      }
    }
    if (cb.kind !== "builtin") {
      const m = R.lookup(cb, names[1]);
      if (m !== NULL) {
        const res = this.callDunder(m, b, a);
        if (res !== NULL) return res;
      }
    }
    const sym = inplace ? `${op}=` : op;
    throw R.error(
      "TypeError",
      op === "**" && !inplace
        ? `unsupported operand type(s) for ** or pow(): '${ca.name}' and '${cb.name}'`
        : `unsupported operand type(s) for ${sym}: '${ca.name}' and '${cb.name}'`,
    );
  }

  /** Calls a dunder `m(self, other)`; NULL when it returns NotImplemented. */
  private callDunder(m: Address, self: Address, other: Address): Address {
    const R = this.R;
    R.rc.incref(self);
    R.rc.incref(other);
    const r = R.call(m, [self, other], null);
    if (r === R.notImplemented) {
      R.rc.decref(r);
      return NULL;
    }
    return r;
  }

  private sequenceOp(op: string, a: Address, b: Address, ta: number, tb: number, inplace: boolean): Address {
    const R = this.R;
    const T = R.tid;
    if (op === "+") {
      if (ta === T.str && tb === T.str) return R.str(R.strs.value(a) + R.strs.value(b));
      if (ta === T.list && tb === T.list) {
        if (inplace) {
          R.lists.extend(a, R.toArray(b));
          R.rc.incref(a);
          return a;
        }
        const items = [...R.toArray(a), ...R.toArray(b)];
        return R.lists.create(items);
      }
      if (ta === T.list && inplace) {
        R.lists.extend(a, R.toArray(b));
        R.rc.incref(a);
        return a;
      }
      if (ta === T.tuple && tb === T.tuple) return R.tuples.create([...R.toArray(a), ...R.toArray(b)]);
      if (ta === T.bytes && tb === T.bytes) {
        const x = R.core.bytesType.value(a);
        const y = R.core.bytesType.value(b);
        const out = new Uint8Array(x.length + y.length);
        out.set(x);
        out.set(y, x.length);
        return R.core.bytesType.create(out);
      }
    }
    if (op === "*") {
      const seq = ta === T.int || ta === T.bool ? b : a;
      const count = seq === a ? b : a;
      const ts = R.typeId(seq);
      const tc = R.typeId(count);
      if ((tc === T.int || tc === T.bool) && (ts === T.str || ts === T.list || ts === T.tuple)) {
        const n = Math.max(0, R.toNumber(count));
        if (ts === T.str) return R.str(R.strs.value(seq).repeat(n));
        if (ts === T.list) {
          if (inplace && seq === a) {
            const items = R.toArray(a);
            const all: Address[] = [];
            for (let i = 1; i < n; i++)
              for (const v of items) {
                R.rc.incref(v);
                all.push(v);
              }
            for (const v of items) R.rc.decref(v);
            if (n <= 0) R.lists.clear(a);
            else R.lists.extend(a, all);
            R.rc.incref(a);
            return a;
          }
          return R.lists.repeat(seq, n);
        }
        const items = R.toArray(seq);
        const all: Address[] = [];
        for (let i = 0; i < n; i++)
          for (const v of items) {
            R.rc.incref(v);
            all.push(v);
          }
        for (const v of items) R.rc.decref(v);
        return R.tuples.create(all);
      }
    }
    if (op === "%" && ta === T.str) return R.percentFormat(a, b);
    if (ta === T.set && tb === T.set && (op === "|" || op === "&" || op === "-" || op === "^")) {
      const x = R.sets.elements(a);
      const y = R.sets.elements(b);
      const out = inplace ? a : R.sets.create();
      const has = (s: Address, v: Address) => R.sets.contains(s, v);
      const add = (v: Address) => {
        R.rc.incref(v);
        if (!R.sets.add(out, v)) R.rc.decref(v);
      };
      if (op === "|") {
        if (!inplace) for (const v of x) add(v);
        for (const v of y) add(v);
      } else if (op === "&") {
        if (inplace) {
          for (const v of x) if (!has(b, v)) R.sets.discard(out, v);
        } else for (const v of x) if (has(b, v)) add(v);
      } else if (op === "-") {
        if (inplace) {
          for (const v of y) R.sets.discard(out, v);
        } else for (const v of x) if (!has(b, v)) add(v);
      } else {
        if (inplace) {
          for (const v of y) {
            if (has(out, v)) R.sets.discard(out, v);
            else add(v);
          }
        } else {
          for (const v of x) if (!has(b, v)) add(v);
          for (const v of y) if (!has(a, v)) add(v);
        }
      }
      if (inplace) R.rc.incref(out);
      return out;
    }
    if (ta === T.dict && tb === T.dict && op === "|") {
      const out = inplace ? a : R.dictCopy(a);
      R.dictUpdate(out, b);
      if (inplace) R.rc.incref(out);
      return out;
    }
    return NULL;
  }

  /** Unary `-`, `+`, `~`. */
  unary(op: string, a: Address): Address {
    const R = this.R;
    const t = R.typeId(a);
    if (t === R.tid.int || t === R.tid.bool) {
      const v = this.num(a)!;
      if (op === "-") return typeof v === "number" ? R.int(-v) : this.intOf(-v);
      if (op === "+") return typeof v === "number" ? R.int(v) : this.intOf(v);
      return this.intOf(-BigInt(v) - 1n);
    }
    if (t === R.tid.float && op !== "~") {
      const v = R.floats.value(a);
      return R.float(op === "-" ? -v : v);
    }
    const cls = R.classOf(a);
    const name = op === "-" ? "__neg__" : op === "+" ? "__pos__" : "__invert__";
    if (cls.kind !== "builtin") {
      const m = R.lookup(cls, name);
      if (m !== NULL) {
        R.rc.incref(a);
        return R.call(m, [a], null);
      }
    }
    throw R.error("TypeError", `bad operand type for unary ${op}: '${cls.name}'`);
  }

  /** Rich comparison as a JS boolean. */
  compare(op: string, a: Address, b: Address): boolean {
    const R = this.R;
    const T = R.tid;
    const ta = R.typeId(a);
    const tb = R.typeId(b);
    if (ta === T.int && tb === T.int && R.ints.isSafe(a) && R.ints.isSafe(b)) {
      return this.cmpNum(op, R.ints.numberValue(a), R.ints.numberValue(b));
    }
    const na = ta === T.float ? R.floats.value(a) : this.num(a);
    const nb = tb === T.float ? R.floats.value(b) : this.num(b);
    if (na !== null && nb !== null) {
      if (typeof na === "bigint" || typeof nb === "bigint") {
        if (typeof na === "number" && !Number.isInteger(na)) return this.cmpNum(op, na, Number(nb));
        if (typeof nb === "number" && !Number.isInteger(nb)) return this.cmpNum(op, Number(na), nb);
        if (typeof na === "number" && !Number.isFinite(na)) return this.cmpNum(op, na, 0);
        if (typeof nb === "number" && !Number.isFinite(nb)) return this.cmpNum(op, 0, nb);
        const x = BigInt(na);
        const y = BigInt(nb);
        return this.cmpNum(op, x < y ? -1 : x > y ? 1 : 0, 0);
      }
      return this.cmpNum(op, na, nb);
    }
    const ca = R.classOfTid[ta]!;
    const cb = R.classOfTid[tb]!;
    const names = InterpreterClass.COMPARE_NAMES[op]!;
    if (cb.kind !== "builtin" && cb !== ca && cb.isSubclassOf(ca)) {
      const m = R.lookup(cb, names[1]);
      if (m !== NULL) {
        const r = this.callDunder(m, b, a);
        if (r !== NULL) return this.truth(r);
      }
    }
    if (ca.kind !== "builtin") {
      const m = R.lookup(ca, names[0]);
      if (m !== NULL) {
        const r = this.callDunder(m, a, b);
        if (r !== NULL) return this.truth(r);
      }
    }
    if (cb.kind !== "builtin") {
      const m = R.lookup(cb, names[1]);
      if (m !== NULL) {
        const r = this.callDunder(m, b, a);
        if (r !== NULL) return this.truth(r);
      }
    }
    if (op === "==" || op === "!=") {
      if (ca.kind === "builtin" && op === "!=" && ca.kind === "builtin" && cb.kind !== "builtin") {
        const m = R.lookup(cb, "__eq__");
        if (m !== NULL) {
          const r = this.callDunder(m, b, a);
          if (r !== NULL) return !this.truth(r);
        }
      }
      if (ca.kind !== "builtin" && op === "!=") {
        const m = R.lookup(ca, "__eq__");
        if (m !== NULL) {
          const r = this.callDunder(m, a, b);
          if (r !== NULL) return !this.truth(r);
        }
      }
      const eq = this.builtinEquals(a, b, ta, tb);
      return op === "==" ? eq : !eq;
    }
    const ord = this.builtinOrder(a, b, ta, tb);
    if (ord === null) {
      throw R.error("TypeError", `'${op}' not supported between instances of '${ca.name}' and '${cb.name}'`);
    }
    return this.cmpNum(op, ord, 0);
  }

  private truth(r: Address): boolean {
    const R = this.R;
    const v = R.truthy(r);
    R.rc.decref(r);
    return v;
  }

  private cmpNum(op: string, x: number | bigint, y: number | bigint): boolean {
    switch (op) {
      case "<":
        return x < y;
      case "<=":
        return x <= y;
      case ">":
        return x > y;
      case ">=":
        return x >= y;
      case "==":
        return x === y;
      default:
        return x !== y;
    }
  }

  /** Equality of builtin objects (sequences item by item). */
  builtinEquals(a: Address, b: Address, ta: number, tb: number): boolean {
    const R = this.R;
    const T = R.tid;
    if (a === b) return true;
    if ((ta === T.list && tb === T.list) || (ta === T.tuple && tb === T.tuple)) {
      const n = R.len(a);
      if (n !== R.len(b)) return false;
      for (let i = 0; i < n; i++) {
        const x = ta === T.list ? R.lists.item(a, i) : R.tuples.item(a, i);
        const y = ta === T.list ? R.lists.item(b, i) : R.tuples.item(b, i);
        if (x !== y && !this.compare("==", x, y)) return false;
      }
      return true;
    }
    if (ta === T.dict && tb === T.dict) {
      if (R.dicts.length(a) !== R.dicts.length(b)) return false;
      const d = R.dicts;
      for (let ix = d.nextEntry(a, 0); ix >= 0; ix = d.nextEntry(a, ix + 1)) {
        const other = R.dictGet(b, d.entryKey(a, ix));
        if (other === NULL) return false;
        const v = d.entryValue(a, ix);
        if (v !== other && !this.compare("==", v, other)) return false;
      }
      return true;
    }
    if (ta === T.set && tb === T.set) {
      if (R.sets.length(a) !== R.sets.length(b)) return false;
      for (const v of R.sets.elements(a)) if (!R.sets.contains(b, v)) return false;
      return true;
    }
    if (ta === tb) {
      try {
        return R.core.space.richEquals(a, b);
      } catch (e) {
        throw R.toThrow(e);
      }
    }
    return false;
  }

  /** Ordering of builtin objects: -1, 0, 1, or null when unordered. */
  private builtinOrder(a: Address, b: Address, ta: number, tb: number): number | null {
    const R = this.R;
    const T = R.tid;
    if (ta === T.str && tb === T.str) {
      const x = R.strs.value(a);
      const y = R.strs.value(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if ((ta === T.list && tb === T.list) || (ta === T.tuple && tb === T.tuple)) {
      const n = R.len(a);
      const m = R.len(b);
      for (let i = 0; i < Math.min(n, m); i++) {
        const x = ta === T.list ? R.lists.item(a, i) : R.tuples.item(a, i);
        const y = ta === T.list ? R.lists.item(b, i) : R.tuples.item(b, i);
        if (x === y || this.compare("==", x, y)) continue;
        return this.compare("<", x, y) ? -1 : 1;
      }
      return n < m ? -1 : n > m ? 1 : 0;
    }
    if (ta === T.set && tb === T.set) {
      const sub = R.sets.elements(a).every((v) => R.sets.contains(b, v));
      const sup = R.sets.elements(b).every((v) => R.sets.contains(a, v));
      if (sub && sup) return 0;
      if (sub) return -1;
      if (sup) return 1;
      return null;
    }
    if (ta === T.bytes && tb === T.bytes) {
      const x = R.core.bytesType.value(a);
      const y = R.core.bytesType.value(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
      return x.length - y.length;
    }
    return null;
  }

  /** `item in container`. */
  contains(container: Address, item: Address): boolean {
    const R = this.R;
    const T = R.tid;
    const t = R.typeId(container);
    if (t === T.dict) return R.dictGet(container, item) !== NULL;
    if (t === T.set) {
      R.hash(item);
      return R.sets.contains(container, item);
    }
    if (t === T.str) {
      if (R.typeId(item) !== T.str)
        throw R.error("TypeError", `'in <string>' requires string as left operand, not ${R.typeName(item)}`);
      return R.strs.value(container).includes(R.strs.value(item));
    }
    if (t === T.list || t === T.tuple) {
      const n = R.len(container);
      for (let i = 0; i < n; i++) {
        const v = t === T.list ? R.lists.item(container, i) : R.tuples.item(container, i);
        if (v === item || this.compare("==", v, item)) return true;
      }
      return false;
    }
    if (t === T.range) {
      if (!R.isInt(item)) return false;
      const r = R.slot.range!;
      const W = InterpreterClass.WORDS.RANGE;
      const start = R.toNumber(r.get(container, W.start));
      const step = R.toNumber(r.get(container, W.step));
      const len = R.toNumber(r.get(container, W.length));
      const v = R.toNumber(item);
      const k = (v - start) / step;
      return Number.isInteger(k) && k >= 0 && k < len;
    }
    const cls = R.classOfTid[t]!;
    if (cls.kind !== "builtin") {
      const m = R.lookup(cls, "__contains__");
      if (m !== NULL) {
        R.rc.incref(container);
        R.rc.incref(item);
        return this.truth(R.call(m, [container, item], null));
      }
    }
    const it = R.iter(container);
    try {
      for (let v = R.next(it); v !== NULL; v = R.next(it)) {
        const eq = v === item || this.compare("==", v, item);
        R.rc.decref(v);
        if (eq) return true;
      }
    } finally {
      R.rc.decref(it);
    }
    return false;
  }
}
