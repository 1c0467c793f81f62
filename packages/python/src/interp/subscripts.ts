/**
 * Subscripts: `x[k]`, `x[k] = v`, `del x[k]` and slices over lists, tuples, strs, dicts,
 * ranges and bytes, and the `__getitem__`/`__setitem__`/`__delitem__` protocol.
 *
 * @module
 */
import { type Address, NULL } from "@pymem/core";
import type { Interpreter } from "./interpreter";
import { Interpreter as InterpreterClass } from "./interpreter";
import { NOT_SMALL } from "./operators";

const W = InterpreterClass.WORDS;

/** Normalised slice bounds (PySlice_AdjustIndices). */
export interface SliceBounds {
  start: number;
  stop: number;
  step: number;
  length: number;
}

/** Subscript operations bound to one interpreter. */
export class Subscripts {
  private readonly R: Interpreter;

  constructor(R: Interpreter) {
    this.R = R;
  }

  /** A new slice object (references stolen). */
  makeSlice(start: Address, stop: Address, step: Address): Address {
    const R = this.R;
    const t = R.slot.slice!;
    const s = t.createUntracked();
    t.set(s, W.SLICE.start, start);
    t.set(s, W.SLICE.stop, stop);
    t.set(s, W.SLICE.step, step);
    R.core.space.track(s);
    return s;
  }

  /** Bounds of slice `s` over a sequence of `length` items. */
  bounds(s: Address, length: number): SliceBounds {
    const R = this.R;
    const t = R.slot.slice!;
    const get = (w: number) => t.get(s, w);
    const stepObj = get(W.SLICE.step);
    const step = stepObj === R.None ? 1 : R.index(stepObj, "slice indices");
    if (step === 0) throw R.error("ValueError", "slice step cannot be zero");
    const startObj = get(W.SLICE.start);
    const stopObj = get(W.SLICE.stop);
    let start: number;
    let stop: number;
    if (startObj === R.None) start = step < 0 ? length - 1 : 0;
    else {
      start = R.index(startObj, "slice indices");
      if (start < 0) start = Math.max(start + length, step < 0 ? -1 : 0);
      else if (start >= length) start = step < 0 ? length - 1 : length;
    }
    if (stopObj === R.None) stop = step < 0 ? -1 : length;
    else {
      stop = R.index(stopObj, "slice indices");
      if (stop < 0) stop = Math.max(stop + length, step < 0 ? -1 : 0);
      else if (stop >= length) stop = step < 0 ? length - 1 : length;
    }
    let n = 0;
    if (step < 0) {
      if (stop < start) n = Math.floor((start - stop - 1) / -step) + 1;
    } else if (start < stop) n = Math.floor((stop - start - 1) / step) + 1;
    return { start, stop, step, length: n };
  }

  private seqIndex(i: Address, length: number, what: string): number {
    const R = this.R;
    let k = R.index(i, `${what} indices`);
    if (k < 0) k += length;
    if (k < 0 || k >= length) throw R.error("IndexError", `${what} index out of range`);
    return k;
  }

  /** `obj[key]` (new reference). */
  getitem(obj: Address, key: Address): Address {
    const R = this.R;
    const T = R.tid;
    const t = R.typeId(obj);
    if (t === T.list) {
      // Fast path: a small int index into a list.
      let k = R.ops.small(key);
      if (k !== NOT_SMALL) {
        const n = R.lists.length(obj);
        if (k < 0) k += n;
        if (k >= 0 && k < n) {
          const v = R.lists.item(obj, k);
          R.rc.incref(v);
          return v;
        }
      }
    }
    const isSlice = R.typeId(key) === T.slice;
    if (t === T.list) {
      if (isSlice) {
        const b = this.bounds(key, R.lists.length(obj));
        const items: Address[] = [];
        for (let i = 0, k = b.start; i < b.length; i++, k += b.step) {
          const v = R.lists.item(obj, k);
          R.rc.incref(v);
          items.push(v);
        }
        return R.lists.create(items, items.length);
      }
      const v = R.lists.item(obj, this.seqIndex(key, R.lists.length(obj), "list"));
      R.rc.incref(v);
      return v;
    }
    if (t === T.tuple) {
      if (isSlice) {
        const n = R.tuples.length(obj);
        const b = this.bounds(key, n);
        if (b.step === 1 && b.length === n) {
          R.rc.incref(obj);
          return obj;
        }
        const items: Address[] = [];
        for (let i = 0, k = b.start; i < b.length; i++, k += b.step) {
          const v = R.tuples.item(obj, k);
          R.rc.incref(v);
          items.push(v);
        }
        return R.tuples.create(items);
      }
      const v = R.tuples.item(obj, this.seqIndex(key, R.tuples.length(obj), "tuple"));
      R.rc.incref(v);
      return v;
    }
    if (t === T.dict) {
      const v = R.dictGet(obj, key);
      if (v === NULL) {
        const cls = R.classOf(obj);
        void cls;
        R.rc.incref(key);
        throw R.throwable(R.newException(R.exc.KeyError!, [key]));
      }
      R.rc.incref(v);
      return v;
    }
    if (t === T.str) {
      const s = [...R.strs.value(obj)];
      if (isSlice) {
        const b = this.bounds(key, s.length);
        let out = "";
        for (let i = 0, k = b.start; i < b.length; i++, k += b.step) out += s[k];
        return R.str(out);
      }
      return R.strs.create(s[this.seqIndex(key, s.length, "string")]!);
    }
    if (t === T.range) {
      const r = R.slot.range!;
      const start = R.toNumber(r.get(obj, W.RANGE.start));
      const step = R.toNumber(r.get(obj, W.RANGE.step));
      const len = R.toNumber(r.get(obj, W.RANGE.length));
      if (isSlice) {
        const b = this.bounds(key, len);
        return R.makeRange(
          start + b.start * step,
          start + (b.start + b.length * b.step) * step,
          step * b.step,
        );
      }
      return R.int(start + this.seqIndex(key, len, "range object") * step);
    }
    if (t === T.bytes) {
      const data = R.core.bytesType.value(obj);
      if (isSlice) {
        const b = this.bounds(key, data.length);
        const out = new Uint8Array(b.length);
        for (let i = 0, k = b.start; i < b.length; i++, k += b.step) out[i] = data[k]!;
        return R.core.bytesType.create(out);
      }
      return R.int(data[this.seqIndex(key, data.length, "index")]!);
    }
    const cls = R.classOfTid[t]!;
    if (cls.kind !== "builtin") {
      const m = R.lookup(cls, "__getitem__");
      if (m !== NULL) {
        R.rc.incref(obj);
        R.rc.incref(key);
        return R.call(m, [obj, key], null);
      }
    }
    if (t === T.type) {
      R.rc.incref(obj);
      return obj;
    }
    throw R.error("TypeError", `'${cls.name}' object is not subscriptable`);
  }

  /** `obj[key] = value`, stealing `value`. */
  setitem(obj: Address, key: Address, value: Address): void {
    const R = this.R;
    const T = R.tid;
    const t = R.typeId(obj);
    if (t === T.list) {
      if (R.typeId(key) === T.slice) {
        const items = R.toArray(value);
        R.rc.decref(value);
        const n = R.lists.length(obj);
        const b = this.bounds(key, n);
        if (b.step === 1) {
          const all = R.toArray(obj);
          const stop = Math.max(b.start, b.stop);
          const removed = all.splice(b.start, stop - b.start, ...items);
          R.lists.clear(obj);
          R.lists.extend(obj, all);
          for (const v of removed) R.rc.decref(v);
          return;
        }
        if (items.length !== b.length) {
          for (const v of items) R.rc.decref(v);
          throw R.error(
            "ValueError",
            `attempt to assign sequence of size ${items.length} to extended slice of size ${b.length}`,
          );
        }
        for (let i = 0, k = b.start; i < b.length; i++, k += b.step) R.lists.setItem(obj, k, items[i]!);
        return;
      }
      let k: number;
      try {
        k = this.seqIndex(key, R.lists.length(obj), "list assignment");
      } catch (e) {
        R.rc.decref(value);
        throw e;
      }
      R.lists.setItem(obj, k, value);
      return;
    }
    if (t === T.dict) {
      R.hash(key);
      R.rc.incref(key);
      try {
        R.dicts.setItem(obj, key, value);
      } catch (e) {
        R.rc.decref(key);
        R.rc.decref(value);
        throw R.toThrow(e);
      }
      return;
    }
    const cls = R.classOfTid[t]!;
    if (cls.kind !== "builtin") {
      const m = R.lookup(cls, "__setitem__");
      if (m !== NULL) {
        R.rc.incref(obj);
        R.rc.incref(key);
        R.rc.decref(R.call(m, [obj, key, value], null));
        return;
      }
    }
    R.rc.decref(value);
    throw R.error("TypeError", `'${cls.name}' object does not support item assignment`);
  }

  /** `del obj[key]`. */
  delitem(obj: Address, key: Address): void {
    const R = this.R;
    const T = R.tid;
    const t = R.typeId(obj);
    if (t === T.list) {
      if (R.typeId(key) === T.slice) {
        const n = R.lists.length(obj);
        const b = this.bounds(key, n);
        const all = R.toArray(obj);
        const drop = new Set<number>();
        for (let i = 0, k = b.start; i < b.length; i++, k += b.step) drop.add(k);
        const keep: Address[] = [];
        const removed: Address[] = [];
        all.forEach((v, i) => {
          (drop.has(i) ? removed : keep).push(v);
        });
        R.lists.clear(obj);
        R.lists.extend(obj, keep);
        for (const v of removed) R.rc.decref(v);
        return;
      }
      const k = this.seqIndex(key, R.lists.length(obj), "list assignment");
      R.rc.decref(R.lists.pop(obj, k));
      return;
    }
    if (t === T.dict) {
      const removed = R.dicts.popItem(obj, key);
      if (removed === NULL) {
        R.rc.incref(key);
        throw R.throwable(R.newException(R.exc.KeyError!, [key]));
      }
      R.rc.decref(removed);
      return;
    }
    const cls = R.classOfTid[t]!;
    if (cls.kind !== "builtin") {
      const m = R.lookup(cls, "__delitem__");
      if (m !== NULL) {
        R.rc.incref(obj);
        R.rc.incref(key);
        R.rc.decref(R.call(m, [obj, key], null));
        return;
      }
    }
    throw R.error("TypeError", `'${cls.name}' object does not support item deletion`);
  }
}
