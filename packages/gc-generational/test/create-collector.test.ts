import { ConfigurationError, type TypeRegistry } from "@pymem/core";
import { describe, expect, it } from "vitest";
import {
  COLLECTOR_KINDS,
  createCollector,
  GenerationalCollector,
  IncrementalCollector,
  MarkSweepCollector,
  NoCollector,
} from "../src/index";
import { World } from "./fixtures/world";

describe("createCollector", () => {
  const w = new World();
  const base = { heap: w.heap, layout: w.layout, types: w.types, refcount: w.rc, allocateListHead: w.raw };

  it("builds each kind", () => {
    expect(createCollector("generational", base)).toBeInstanceOf(GenerationalCollector);
    expect(createCollector("mark-sweep", { ...base, roots: w.roots })).toBeInstanceOf(MarkSweepCollector);
    expect(createCollector("none", base)).toBeInstanceOf(NoCollector);
    expect(createCollector("incremental", base)).toBeInstanceOf(IncrementalCollector);
    expect(COLLECTOR_KINDS.map((k) => createCollector(k, { ...base, roots: w.roots }).name)).toEqual([
      "generational",
      "mark-sweep",
      "none",
      "incremental",
    ]);
  });

  it("passes thresholds through", () => {
    expect(createCollector("generational", { ...base, thresholds: [1, 2, 3] }).getThreshold()).toEqual([
      1, 2, 3,
    ]);
    expect(createCollector("mark-sweep", { ...base, roots: w.roots, threshold: 5 }).getThreshold()).toEqual([
      5,
    ]);
  });

  it("rejects unknown kinds, missing roots and missing options", () => {
    expect(() => createCollector("copying" as never, base)).toThrow(ConfigurationError);
    expect(() => createCollector("mark-sweep", base as never)).toThrow(/roots/);
    expect(() =>
      createCollector("generational", { ...base, types: undefined as unknown as TypeRegistry }),
    ).toThrow(/types/);
  });
});
