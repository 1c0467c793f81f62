import { describe, expect, it } from "vitest";
import { createRuntime, PyDict, PyInstance, PyList, PySet, type Runtime } from "../src/index";

function fresh(): Runtime {
  const rt = createRuntime();
  rt.gc.disable();
  rt.gc.collect();
  return rt;
}

describe("gc", () => {
  it("collect() returns CPython 3.11's numbers for the same graphs", () => {
    const rt = fresh();
    const A = rt.defineClass("A");
    const cases: [string, () => void, number][] = [
      [
        "ring of 10 instances",
        () => {
          const f = rt.frame();
          for (let i = 0; i < 10; i++) f.set(`n${i}`, A.create());
          for (let i = 0; i < 10; i++) f.get(`n${i}`, PyInstance).setattr("next", f.get(`n${(i + 1) % 10}`));
          f.release();
        },
        10,
      ],
      [
        "a = []; b = [a]; a.append(b); a.append(A())",
        () => {
          const f = rt.frame();
          f.set("a", rt.list());
          f.set("b", rt.list([f.get("a")]));
          f.get("a", PyList).append(f.get("b"));
          f.get("a", PyList).append(A.create());
          f.release();
        },
        3,
      ],
      [
        "l = []; l.append(l)",
        () => {
          const l = rt.list();
          l.append(l);
          l.release();
        },
        1,
      ],
      [
        "d = {}; d['self'] = d",
        () => {
          const d = rt.dict();
          d.set("self", d);
          d.release();
        },
        1,
      ],
      [
        "t = ([],); t[0].append(t)",
        () => {
          const t = rt.tuple([rt.list()]);
          (t.get(0) as PyList).append(t);
          t.release();
        },
        2,
      ],
      [
        "s = set(); o = A(); o.s = s; s.add(o)",
        () => {
          const f = rt.frame();
          f.set("s", rt.set());
          f.set("o", A.create({ s: f.get("s") }));
          f.get("s", PySet).add(f.get("o"));
          f.release();
        },
        2,
      ],
      [
        "o = A(); o.me = o; o.__dict__",
        () => {
          const o = A.create();
          o.setattr("me", o);
          expect(o.__dict__).toBeInstanceOf(PyDict);
          o.release();
        },
        2,
      ],
      ["nothing", () => {}, 0],
    ];
    for (const [, build, expected] of cases) {
      build();
      expect(rt.gc.collect()).toBe(expected);
    }
  });

  it("get_count counts container allocations minus deallocations since the last collection", () => {
    const rt = fresh();
    expect(rt.gc.get_count()).toEqual([0, 0, 0]);
    const a = rt.list();
    const b = rt.dict();
    using c = rt.tuple([1]);
    rt.int(5000).release(); // not a container
    expect(rt.gc.get_count()).toEqual([3, 0, 0]);
    a.release();
    b.release();
    // Both wait in their free lists: as in CPython 3.11, they count until really freed.
    expect(rt.gc.get_count()).toEqual([3, 0, 0]);
    const s = rt.set();
    expect(rt.gc.get_count()).toEqual([4, 0, 0]);
    s.release(); // no free list for sets: back to the domain
    expect(rt.gc.get_count()).toEqual([3, 0, 0]);
    using reused = rt.list(); // from the free list: counts nothing
    expect(rt.gc.get_count()).toEqual([3, 0, 0]);
    rt.gc.collect(0);
    expect(rt.gc.get_count()).toEqual([0, 1, 0]);
    expect(c.alive).toBe(true);
    expect(reused.length).toBe(0);
  });

  it("without free lists, every container allocation and deallocation counts", () => {
    const rt = createRuntime({ freeLists: false });
    rt.gc.disable();
    rt.gc.collect();
    const a = rt.list();
    const b = rt.dict();
    expect(rt.gc.get_count()).toEqual([2, 0, 0]);
    a.release();
    b.release();
    expect(rt.gc.get_count()).toEqual([0, 0, 0]);
  });

  it("runs automatic collections past threshold 0 when enabled", () => {
    const rt = createRuntime({ gcThresholds: [10, 10, 10] });
    expect(rt.gc.get_threshold()).toEqual([10, 10, 10]);
    const phases: string[] = [];
    rt.gc.callbacks.push((phase, info) => phases.push(`${phase}:${info.generation}`));
    const l = rt.list();
    l.append(l);
    l.release();
    for (let i = 0; i < 12; i++) rt.globals.set(`x${i}`, rt.list());
    expect(phases).toContain("start:0");
    expect(rt.gc.get_stats()[0]!.collected).toBe(1);
  });

  it("never collects automatically while disabled", () => {
    const rt = createRuntime({ gcThresholds: [5, 10, 10] });
    rt.gc.disable();
    expect(rt.gc.isenabled()).toBe(false);
    for (let i = 0; i < 50; i++) rt.globals.set(`x${i}`, rt.list());
    expect(rt.gc.get_stats()[0]!.collections).toBe(0);
    expect(rt.gc.get_count()[0]).toBe(50);
  });

  it("keeps unreachable objects in gc.garbage under DEBUG_SAVEALL", () => {
    const rt = fresh();
    rt.gc.set_debug(rt.gc.DEBUG_SAVEALL);
    const l = rt.list();
    l.append(l);
    const address = l.address;
    l.release();
    expect(rt.gc.collect()).toBe(1);
    expect(rt.gc.garbage).toEqual([address]);
    expect(rt.gc.objects(rt.gc.garbage)[0]!.repr()).toBe("[[...]]");
  });

  it("answers is_tracked, get_referents and get_referrers for handles", () => {
    const rt = fresh();
    using inner = rt.list();
    using outer = rt.list([inner.newRef()]);
    expect(rt.gc.is_tracked(outer)).toBe(true);
    expect(rt.gc.is_tracked(rt.int(3))).toBe(false);
    expect(rt.gc.get_referents(outer)).toEqual([inner.address]);
    expect(rt.gc.get_referrers(inner)).toEqual([outer.address]);
  });

  it("freezes objects out of collections", () => {
    const rt = fresh();
    using keep = rt.list([rt.list()]);
    rt.gc.freeze();
    expect(rt.gc.get_freeze_count()).toBeGreaterThanOrEqual(2);
    rt.gc.unfreeze();
    expect(rt.gc.get_freeze_count()).toBe(0);
    expect(keep.length).toBe(1);
  });
});
