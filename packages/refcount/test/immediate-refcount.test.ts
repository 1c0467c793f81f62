import { describe, expect, it } from "vitest";
import { ImmediateRefcount } from "../src/immediate-refcount";
import { World } from "./fixtures/world";
import { describeRefcountStrategy } from "./refcount-strategy.suite";

const factory = (options: ConstructorParameters<typeof ImmediateRefcount>[0]) =>
  new ImmediateRefcount(options);

describeRefcountStrategy("ImmediateRefcount", factory, { checked: true, deepChain: true, propertyRuns: 100 });
describeRefcountStrategy("ImmediateRefcount", factory, { checked: false, deepChain: true, propertyRuns: 20 });

describe("ImmediateRefcount specifics", () => {
  it("deallocates inside the decref that drops the last reference", () => {
    const w = new World(factory);
    const x = w.newFloat();
    const l = w.newList([x]);
    w.rc.decref(x);
    w.rc.decref(l);
    expect(w.rc.deallocations).toBe(2);
    expect(w.blocksInUse()).toBe(0);
    expect(w.rc.name).toBe("immediate");
    expect(w.rc.checked).toBe(true);
  });

  it("passes its bound decref around as a plain function", () => {
    const w = new World(factory);
    const xs = [w.newFloat(), w.newFloat()];
    xs.forEach(w.rc.decref);
    expect(w.rc.deallocations).toBe(2);
  });

  it("finishes the queue left by a dealloc that threw at the next flush", () => {
    const w = new World(factory, { log: true });
    let armed = true;
    const bombId = w.types.register({
      name: "Bomb",
      basicSize: w.layout.headerSize,
      itemSize: 0,
      isContainer: false,
      weaklistOffset: 0,
      traverse() {},
      dealloc(obj) {
        if (armed) {
          armed = false;
          throw new Error("dealloc failed");
        }
        w.mem.release(obj);
      },
      sizeOf: () => w.layout.headerSize,
    });
    const a = w.newFloat(0, "a");
    const bomb = w.mem.allocate(bombId);
    const c = w.newFloat(0, "c");
    const l = w.newList([a, bomb, c], "l");
    for (const x of [a, bomb, c]) w.rc.decref(x);
    expect(() => w.rc.decref(l)).toThrow("dealloc failed");
    expect(w.log).toEqual(["dealloc:l", "dealloc:c"]);
    expect(w.rc.pendingCount).toBe(1);
    w.rc.flush();
    expect(w.log).toEqual(["dealloc:l", "dealloc:c", "dealloc:a"]);
    expect(w.rc.pendingCount).toBe(0);
    expect(w.rc.deallocations).toBe(4);
    w.mem.release(bomb); // its dealloc never got to free it
    expect(w.blocksInUse()).toBe(0);
  });
});
