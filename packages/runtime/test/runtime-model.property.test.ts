// A model-based property test of the public runtime API: random sequences of create / store /
// get / del / release / collect / close / use-after-death / use-after-close, run against a
// simple model of which objects are alive and what they hold. After every step:
//   - a call the model says must be rejected throws a typed error and leaves the heap's bytes
//     exactly as they were;
//   - every live handle shows what the model holds, and accounting balances: the object domain's
//     bytes in use are those of the objects reachable from the roots (and the permanent ones).
import { InvalidPointerError } from "@pymem/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createRuntime,
  type Frame,
  PyList,
  type PyObject,
  PythonError,
  presets,
  RuntimeClosedError,
} from "../src/index";

/** Runs of up to 1,000 steps; with the fixed seed below, 215 runs make just over 100,000 steps. */
const NUM_RUNS = Number(process.env.PYMEM_MODEL_RUNS ?? 215);

type Rt = ReturnType<typeof createRuntime>;

/** One list object of the model: its items (ints), how it is held, and whether it is in a cycle. */
interface ModelObject {
  items: number[];
  vars: number; // variables bound to it
  owners: number; // owned handles holding it
  selfLoop: boolean; // the list contains itself: only the collector frees it
  dead: boolean;
}

interface ModelHandle {
  handle: PyObject;
  object: ModelObject;
  owned: boolean; // owned and not released nor moved
  spent: boolean; // released or moved
  epoch: number; // the runtime it belongs to
}

interface Model {
  vars: Map<string, ModelObject>;
  handles: ModelHandle[];
  epoch: number;
  frames: Frame[]; // frames of closed runtimes, for use-after-close
}

interface Real {
  rt: Rt;
  frame: Frame;
}

const NAMES = ["a", "b", "c", "d"];
let steps = 0;

function freshRuntime(): Real {
  // Threshold 0: no automatic collection, so that only Collect frees cycles (deterministic).
  // The classic geometry (256 KiB arenas) keeps the heap small, so comparing it stays cheap.
  const rt = createRuntime({
    ...presets.classic,
    gcThresholds: [0],
    heapOptions: { initialByteLength: 64 << 10 },
  });
  return { rt, frame: rt.frame("model") };
}

function alive(o: ModelObject): boolean {
  return !o.dead;
}

/** Marks objects that lost their last reference dead (not those in a cycle: they wait for Collect). */
function settle(model: Model): void {
  for (const h of model.handles) {
    const o = h.object;
    if (!o.dead && o.vars === 0 && o.owners === 0 && !o.selfLoop) o.dead = true;
  }
}

function pendingGarbage(model: Model): boolean {
  return model.handles.some((h) => !h.object.dead && h.object.vars === 0 && h.object.owners === 0);
}

function usable(model: Model, h: ModelHandle): boolean {
  return h.epoch === model.epoch && !h.spent && alive(h.object);
}

/** A copy of the heap's bytes, reused from step to step. */
let copy = new Uint8Array(0);
/** Whether `copy` holds the heap as it was before the step's first rejected call. */
let copied = false;

/** Runs a call the model says must fail: it throws `errorType`; the heap is compared after the step. */
function rejected(
  real: Real,
  call: () => unknown,
  errorType: abstract new (...args: never[]) => Error,
): void {
  if (!copied) {
    const u8 = real.rt.parts.heap.u8;
    if (copy.length !== u8.length) copy = new Uint8Array(u8.length);
    copy.set(u8);
    copied = true;
  }
  expect(call).toThrow(errorType);
}

function shows(model: Model, h: ModelHandle): void {
  if (!usable(model, h)) return;
  // A list in a cycle holds itself as one more item.
  expect((h.handle as PyList).length).toBe(h.object.items.length + (h.object.selfLoop ? 1 : 0));
}

function checkInvariants(model: Model, real: Real, touched?: ModelHandle): void {
  steps++;
  let unchanged = false;
  if (copied) {
    const u8 = real.rt.parts.heap.u8;
    unchanged = u8.length === copy.length && Buffer.compare(u8, copy) === 0;
    expect(unchanged, "a rejected call changed the heap").toBe(true);
    copied = false;
  }
  if (touched !== undefined) shows(model, touched);
  if (steps % 64 === 0) for (const h of model.handles) shows(model, h);
  // Accounting after every step that changed the heap (an unchanged heap balances as before).
  if (!unchanged && !pendingGarbage(model)) {
    const rt = real.rt;
    rt.flush();
    rt.clearFreeLists();
    expect(rt.accounting().unaccountedBytes).toBe(0);
  }
}

type Cmd = fc.Command<Model, Real>;

class Create implements Cmd {
  constructor(readonly items: number[]) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const handle = r.rt.list(this.items.map((i) => i + 1000));
    const object: ModelObject = { items: [...this.items], vars: 0, owners: 1, selfLoop: false, dead: false };
    const h = { handle, object, owned: true, spent: false, epoch: m.epoch };
    m.handles.push(h);
    checkInvariants(m, r, h);
  }
  toString = () => `Create(${this.items})`;
}

class Store implements Cmd {
  constructor(
    readonly name: string,
    readonly which: number,
  ) {}
  check = (m: Model) => m.handles.length > 0;
  run(m: Model, r: Real): void {
    const h = m.handles[this.which % m.handles.length]!;
    if (!usable(m, h)) {
      // A handle of a closed runtime is a foreign handle here: InvalidPointerError too.
      rejected(r, () => r.frame.set(this.name, h.handle), InvalidPointerError);
    } else {
      r.frame.set(this.name, h.handle);
      const old = m.vars.get(this.name);
      h.object.vars++;
      m.vars.set(this.name, h.object);
      if (old !== undefined) old.vars--;
      if (h.owned) {
        h.owned = false;
        h.spent = true;
        h.object.owners--;
        expect(h.handle.alive).toBe(false);
      }
      settle(m);
    }
    checkInvariants(m, r, h);
  }
  toString = () => `Store(${this.name}, ${this.which})`;
}

class Get implements Cmd {
  constructor(readonly name: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const o = m.vars.get(this.name);
    if (o === undefined) rejected(r, () => r.frame.get(this.name), PythonError);
    else {
      const handle = r.frame.get(this.name, PyList);
      m.handles.push({ handle, object: o, owned: false, spent: false, epoch: m.epoch });
    }
    checkInvariants(m, r);
  }
  toString = () => `Get(${this.name})`;
}

class Del implements Cmd {
  constructor(readonly name: string) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const o = m.vars.get(this.name);
    if (o === undefined) rejected(r, () => r.frame.del(this.name), PythonError);
    else {
      r.frame.del(this.name);
      m.vars.delete(this.name);
      o.vars--;
      settle(m);
    }
    checkInvariants(m, r);
  }
  toString = () => `Del(${this.name})`;
}

class Release implements Cmd {
  constructor(readonly which: number) {}
  check = (m: Model) => m.handles.length > 0;
  run(m: Model, r: Real): void {
    const h = m.handles[this.which % m.handles.length]!;
    h.handle.release(); // never throws: releasing twice, a dead or a closed handle does nothing
    if (h.epoch === m.epoch && h.owned) {
      h.object.owners--;
      settle(m);
    }
    h.owned = false;
    h.spent = true;
    checkInvariants(m, r);
  }
  toString = () => `Release(${this.which})`;
}

class Append implements Cmd {
  constructor(
    readonly which: number,
    readonly value: number,
  ) {}
  check = (m: Model) => m.handles.length > 0;
  run(m: Model, r: Real): void {
    const h = m.handles[this.which % m.handles.length]!;
    const list = h.handle as PyList;
    if (!usable(m, h)) {
      rejected(
        r,
        () => list.append(this.value + 1000),
        h.epoch !== m.epoch ? RuntimeClosedError : InvalidPointerError,
      );
    } else {
      list.append(this.value + 1000);
      h.object.items.push(this.value);
    }
    checkInvariants(m, r, h);
  }
  toString = () => `Append(${this.which}, ${this.value})`;
}

class MakeCycle implements Cmd {
  constructor(readonly which: number) {}
  check = (m: Model) => m.handles.length > 0;
  run(m: Model, r: Real): void {
    const h = m.handles[this.which % m.handles.length]!;
    const list = h.handle as PyList;
    if (!usable(m, h) || h.object.selfLoop) {
      if (!usable(m, h))
        rejected(r, () => list.append(list), h.epoch !== m.epoch ? RuntimeClosedError : InvalidPointerError);
    } else {
      list.append(list);
      h.object.selfLoop = true;
    }
    checkInvariants(m, r, h);
  }
  toString = () => `MakeCycle(${this.which})`;
}

class UseHandle implements Cmd {
  constructor(readonly which: number) {}
  check = (m: Model) => m.handles.length > 0;
  run(m: Model, r: Real): void {
    const h = m.handles[this.which % m.handles.length]!;
    if (usable(m, h)) {
      expect(h.handle.alive).toBe(true);
      expect((h.handle as PyList).length).toBe(h.object.items.length + (h.object.selfLoop ? 1 : 0));
    } else {
      expect(h.handle.alive).toBe(false);
      const type = h.epoch !== m.epoch ? RuntimeClosedError : InvalidPointerError;
      rejected(r, () => h.handle.repr(), type);
      rejected(r, () => (h.handle as PyList).get(0), type);
      // Given to the current runtime, a handle of a closed one is foreign: InvalidPointerError.
      rejected(r, () => r.rt.sys.getrefcount(h.handle), InvalidPointerError);
      rejected(r, () => r.rt.list([1, h.handle]), InvalidPointerError);
    }
    checkInvariants(m, r);
  }
  toString = () => `UseHandle(${this.which})`;
}

class BadValue implements Cmd {
  constructor(readonly kind: number) {}
  check = () => true;
  run(m: Model, r: Real): void {
    const bad = [undefined, {}, Symbol("x"), [1, undefined], new Map()][this.kind % 5];
    rejected(r, () => r.frame.set("a", bad as never), PythonError);
    rejected(r, () => r.rt.value(bad as never), PythonError);
    checkInvariants(m, r);
  }
  toString = () => `BadValue(${this.kind})`;
}

class Collect implements Cmd {
  check = () => true;
  run(m: Model, r: Real): void {
    const expected = m.handles.filter(
      (h, i, all) =>
        !h.object.dead &&
        h.object.vars === 0 &&
        h.object.owners === 0 &&
        all.findIndex((g) => g.object === h.object) === i,
    );
    expect(r.rt.gc.collect()).toBe(expected.length);
    for (const h of expected) h.object.dead = true;
    checkInvariants(m, r);
  }
  toString = () => "Collect";
}

class Close implements Cmd {
  check = () => true;
  run(m: Model, r: Real): void {
    const old = r.rt;
    old.close();
    old.close(); // idempotent
    expect(() => old.list()).toThrow(RuntimeClosedError);
    expect(() => r.frame.get("a")).toThrow(RuntimeClosedError);
    m.frames.push(r.frame);
    for (const o of new Set(m.handles.map((h) => h.object))) o.dead = true;
    m.vars.clear();
    m.epoch++;
    Object.assign(r, freshRuntime());
    checkInvariants(m, r);
  }
  toString = () => "Close";
}

class UseClosedFrame implements Cmd {
  constructor(readonly name: string) {}
  check = (m: Model) => m.frames.length > 0;
  run(m: Model, r: Real): void {
    const frame = m.frames[m.frames.length - 1]!;
    rejected(r, () => frame.set(this.name, 1), RuntimeClosedError);
    rejected(r, () => frame.get(this.name), RuntimeClosedError);
    checkInvariants(m, r);
  }
  toString = () => `UseClosedFrame(${this.name})`;
}

const name = fc.constantFrom(...NAMES);
const which = fc.nat({ max: 63 });
const commands = [
  fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 4 }).map((items) => new Create(items)),
  fc.tuple(name, which).map(([n, w]) => new Store(n, w)),
  name.map((n) => new Get(n)),
  name.map((n) => new Del(n)),
  which.map((w) => new Release(w)),
  fc.tuple(which, fc.integer({ min: 0, max: 99 })).map(([w, v]) => new Append(w, v)),
  which.map((w) => new MakeCycle(w)),
  which.map((w) => new UseHandle(w)),
  fc.nat({ max: 4 }).map((k) => new BadValue(k)),
  // Closing (and composing the next runtime) is rarer than collecting: one in ten.
  fc
    .nat({ max: 9 })
    .map((n) => (n === 0 ? new Close() : new Collect())),
  name.map((n) => new UseClosedFrame(n)),
];

describe("the public runtime API against a model", () => {
  it("holds the model's invariants over at least 100,000 random steps", () => {
    steps = 0;
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 1000, size: "max" }), (cmds) => {
        const setup = () => ({
          model: { vars: new Map(), handles: [], epoch: 0, frames: [] } as Model,
          real: freshRuntime(),
        });
        fc.modelRun(setup, cmds);
      }),
      { numRuns: NUM_RUNS, seed: 12 },
    );
    if (NUM_RUNS >= 215) expect(steps).toBeGreaterThanOrEqual(100_000);
  }, 600_000);
});
