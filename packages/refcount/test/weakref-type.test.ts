import { LAYOUT_64, TypeRegistry } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { weakrefType } from "../src/weakref-type";

describe("weakrefType", () => {
  it("describes a fixed-size GC type that cannot itself be weakly referenced", () => {
    const calls: string[] = [];
    const type = weakrefType({
      layout: LAYOUT_64,
      detach: (wr) => calls.push(`detach ${wr}`),
      release: (wr) => calls.push(`release ${wr}`),
    });
    expect(type.name).toBe("weakref");
    expect(type.basicSize).toBe(64);
    expect(type.itemSize).toBe(0);
    expect(type.isContainer).toBe(true);
    expect(type.weaklistOffset).toBe(0);
    expect(type.sizeOf(4096)).toBe(80);
    const visited: number[] = [];
    type.traverse(4096, (x) => visited.push(x));
    expect(visited).toEqual([]);
    type.clear?.(4096, () => {});
    type.dealloc(8192, () => {});
    expect(calls).toEqual(["detach 4096", "detach 8192", "release 8192"]);
    expect(new TypeRegistry().register(type)).toBe(1);
  });

  it("takes a custom name", () => {
    const type = weakrefType({ layout: LAYOUT_64, name: "weakref.ReferenceType", detach() {}, release() {} });
    expect(type.name).toBe("weakref.ReferenceType");
  });
});
