// Untracking of tuples and dicts whose contents cannot form cycles: ports of CPython
// 3.11's test_tuple.py and test_dict.py tracking tests (cpython_only there).
import type { Address } from "@pymem/core";
import { beforeEach, describe, expect, it } from "vitest";
import { World } from "./fixtures/world";

let w: World;
let atom: number;
let setType: number;

beforeEach(() => {
  w = new World();
  w.gcm.disable();
  atom = w.defineClass({ container: false, slots: 0, weakrefable: false }, "object");
  setType = w.defineClass({ slots: 0, weakrefable: false }, "set");
});

/** Nested containers can take several collections to untrack. */
function notTracked(t: Address): void {
  w.gcm.collect();
  w.gcm.collect();
  expect(w.gcm.is_tracked(t)).toBe(false);
}

function tracked(t: Address): void {
  expect(w.gcm.is_tracked(t)).toBe(true);
  w.gcm.collect();
  w.gcm.collect();
  expect(w.gcm.is_tracked(t)).toBe(true);
}

const i = (v: number) => w.newInt(v);
const tup = (...xs: Address[]) => w.newTuple(xs);
const dict = (...kv: Address[]) => {
  const d = w.newDict();
  for (let k = 0; k < kv.length; k += 2) w.dictSet(d, kv[k]!, kv[k + 1]!);
  return d;
};

describe("TupleTest (test_tuple.py)", () => {
  it("test_track_literals", () => {
    const [x, y, z] = [i(1.5), i(97), w.newList()];
    notTracked(tup());
    notTracked(tup(i(1)));
    notTracked(tup(i(1), i(2)));
    notTracked(tup(i(1), i(2), y));
    notTracked(tup(i(1), i(2), tup(i(0), i(1), i(0), tup()), i(3)));
    notTracked(tup(w.newInstance(atom)));
    notTracked(tup(tup(i(1), x), y, tup(i(2), i(3))));
    // Tuples with mutable elements are always tracked, even if those elements are not
    // tracked right now.
    tracked(tup(w.newList()));
    tracked(tup(w.newList([i(1)])));
    tracked(tup(w.newDict()));
    tracked(tup(w.newInstance(setType)));
    tracked(tup(x, y, z));
  });

  it("test_track_dynamic", () => {
    const [x, y, z] = [i(1.5), i(97), w.newList()];
    notTracked(tup(i(1), x, y));
    notTracked(tup(tup(i(1)), tup(x), tup(y)));
    tracked(tup(z));
    tracked(tup(w.newList([x, y])));
    tracked(tup(dict(x, y)));
    tracked(tup(tup(x), tup(y), tup(z)));
  });

  it("test_track_subtypes", () => {
    // Tuple subtypes (no untrack rule) are always tracked.
    const MyTuple = w.defineClass({ slots: 3, weakrefable: false }, "MyTuple");
    const t = w.newInstance(MyTuple);
    w.setAttr(t, 0, i(1));
    tracked(t);
  });

  it("untracks a nested tuple one level per collection when the outer one is scanned first", () => {
    // Only `outer` refers to `inner`, so move_unreachable parks inner in the unreachable list
    // and appends it back after outer: outer is examined while inner is still tracked.
    const inner = tup(i(1));
    const outer = tup(inner);
    w.del(inner);
    w.gcm.collect(0);
    expect([w.gcm.is_tracked(inner), w.gcm.is_tracked(outer)]).toEqual([false, true]);
    w.gcm.collect(1);
    expect(w.gcm.is_tracked(outer)).toBe(false);
  });
});

describe("DictTest (test_dict.py)", () => {
  it("test_track_literals", () => {
    const [x, y, z] = [i(1.5), i(97), tup(i(1), i(0))];
    notTracked(w.newDict());
    notTracked(dict(x, tup(), y, x, z, i(1)));
    notTracked(dict(i(1), y, i(98), i(2)));
    notTracked(dict(i(1), i(2), tup(i(0), i(1), i(0), tup()), i(3)));
    notTracked(dict(i(1), w.newInstance(atom)));
    // Dicts with mutable elements are always tracked.
    tracked(dict(i(1), w.newList()));
    tracked(dict(i(1), tup(w.newList())));
    tracked(dict(i(1), w.newDict()));
    tracked(dict(i(1), w.newInstance(setType)));
  });

  it("test_track_dynamic", () => {
    const MyObject = w.defineClass({ slots: 0 }, "MyObject");
    const [x, y] = [i(1.5), i(97)];
    const z = tup(i(1), w.newInstance(atom));
    const ww = w.newList();
    const o = w.newInstance(MyObject);
    let d = w.newDict();
    notTracked(d);
    w.dictSet(d, i(1), y);
    notTracked(d);
    w.dictSet(d, y, i(2));
    notTracked(d);
    w.dictSet(d, z, i(3));
    notTracked(d);
    const four = i(4);
    w.dictSet(d, four, ww);
    tracked(d);
    w.dictSet(d, four, i(0));
    notTracked(d);
    // dd isn't tracked right now, but it may mutate and therefore d which contains it must be tracked.
    d = w.newDict();
    const dd = w.newDict();
    w.dictSet(d, i(1), dd);
    notTracked(dd);
    tracked(d);
    w.dictSet(dd, i(1), d);
    tracked(dd);
    notTracked(dict(x, i(0), y, i(0), z, i(0)));
    tracked(dict(x, i(0), y, i(0), z, i(0), o, i(0)));
  });

  it("untracks dicts only in full collections", () => {
    const t = tup(i(1));
    const d = dict(i(1), t);
    expect(w.gcm.is_tracked(d)).toBe(true);
    w.gcm.collect(0);
    w.gcm.collect(1);
    expect(w.gcm.is_tracked(t)).toBe(false);
    expect(w.gcm.is_tracked(d)).toBe(true);
    w.gcm.collect(2);
    expect(w.gcm.is_tracked(d)).toBe(false);
  });

  it("test_track_subtypes", () => {
    // Without untrack rules nothing is untracked.
    const v = new World({ untrackRules: false });
    const t = v.newTuple([v.newInt(1)]);
    v.gcm.collect();
    v.gcm.collect();
    expect(v.gcm.is_tracked(t)).toBe(true);
  });
});
