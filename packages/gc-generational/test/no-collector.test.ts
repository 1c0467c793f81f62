// Reference counting only: nothing is ever collected, tracking still works, and the stats
// show what leaks.
import { describe, expect, it } from "vitest";
import type { NoCollector, NoCollectorStats } from "../src/index";
import { World } from "./fixtures/world";

describe("NoCollector", () => {
  it("collects nothing: cycles leak and the tracked count keeps growing", () => {
    const w = new World({ kind: "none" });
    const gc = w.gcm;
    expect(w.gc.name).toBe("none");
    const before = (gc.get_stats() as NoCollectorStats[])[0]!;
    for (let i = 0; i < 10; i++) {
      const l = w.newList();
      w.append(l, l);
      w.del(l);
    }
    expect(gc.collect()).toBe(0);
    const st = (gc.get_stats() as NoCollectorStats[])[0]!;
    expect(st.tracked).toBe(before.tracked + 10);
    expect(st.liveContainers).toBe(before.liveContainers + 10);
    // objects freed by reference counting leave both figures
    const x = w.newList();
    w.del(x);
    const after = (gc.get_stats() as NoCollectorStats[])[0]!;
    expect([after.tracked, after.liveContainers]).toEqual([st.tracked, st.liveContainers]);
    expect(st.collections).toBe(1);
    expect(st.collected).toBe(0);
  });

  it("keeps tracking lists, so get_objects and is_tracked work", () => {
    const w = new World({ kind: "none" });
    const l = w.newList();
    expect(w.gcm.is_tracked(l)).toBe(true);
    expect(w.gcm.get_objects()).toContain(l);
    expect(w.gcm.get_objects(2)).toContain(l);
    // objects freed by reference counting leave the list and the count
    const before = (w.gc as NoCollector).trackedCount;
    w.del(l);
    expect(w.gcm.get_objects()).not.toContain(l);
    expect((w.gc as NoCollector).trackedCount).toBe(before - 1);
    expect(w.gcm.get_count()).toEqual([0]);
    expect(w.gcm.get_stats()[0]).toMatchObject({ collections: 0, collected: 0, uncollectable: 0 });
  });

  it("runs callbacks and hooks, and logs DEBUG_STATS", () => {
    const w = new World({ kind: "none" });
    const phases: string[] = [];
    w.gcm.callbacks.push((phase, info) => phases.push(`${phase}:${info.generation}`));
    w.gcm.set_debug(w.gcm.DEBUG_STATS);
    w.gcm.collect();
    expect(phases).toEqual(["start:2", "stop:2"]);
    expect(w.logLines[0]).toBe("gc: collecting generation 2...");
    expect(w.logLines.at(-1)).toMatch(/^gc: done, 0 unreachable, 0 uncollectable/);
  });

  it("never collects automatically and freezes like the others", () => {
    const w = new World({ kind: "none" });
    w.gcm.set_threshold(1);
    for (let i = 0; i < 5; i++) w.newList();
    expect(w.gcm.get_stats()[0]!.collections).toBe(0);
    w.gcm.freeze();
    expect(w.gcm.get_freeze_count()).toBe(5);
    expect((w.gc as NoCollector).trackedCount).toBe(5);
    w.gcm.unfreeze();
    expect(w.gcm.get_objects().length).toBe(5);
  });
});
