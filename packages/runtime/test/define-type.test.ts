import { ConfigurationError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { createRuntime, defineType, PyList, PyStruct } from "../src/index";

describe("defineType", () => {
  const Pair = defineType({
    name: "Pair",
    fields: [
      { name: "left", kind: "ref" },
      { name: "weight", kind: "f64" },
      { name: "count", kind: "i32" },
      { name: "right", kind: "ref" },
      { name: "flag", kind: "bool" },
    ],
  });

  it("lays fields out with C struct alignment", () => {
    const rt = createRuntime();
    const T = rt.addType(Pair);
    expect(T.fields.map((f) => [f.name, f.offset])).toEqual([
      ["left", 16],
      ["weight", 24],
      ["count", 32],
      ["right", 40],
      ["flag", 48],
    ]);
    expect(T.basicSize).toBe(56);
    using p = T.create();
    expect(rt.sys.getsizeof(p)).toBe(72);
    const compact = createRuntime({ layout: "compact" }).addType(Pair);
    expect(compact.fields.map((f) => f.offset)).toEqual([8, 16, 24, 28, 32]);
  });

  it("derives traverse and clear from the ref fields, so cycles through them are collected", () => {
    const rt = createRuntime();
    const T = rt.addType(Pair);
    rt.gc.disable();
    const f = rt.frame();
    f.set("a", T.create({ weight: 1.5, count: -3, flag: true }));
    f.set("b", T.create({ left: f.get("a") }));
    f.get("a", PyStruct).set("right", f.get("b"));
    f.get("a", PyStruct).set("left", [1, 2]);
    expect(f.get("a", PyStruct).get("weight")).toBe(1.5);
    expect(f.get("a", PyStruct).get("count")).toBe(-3);
    expect(f.get("a", PyStruct).get("flag")).toBe(true);
    expect(f.get("a", PyStruct).get("left")).toBeInstanceOf(PyList);
    expect(f.get("b", PyStruct).get("right")).toBeNull();
    expect(rt.gc.get_referents(f.get("a")).length).toBe(2);
    f.release();
    expect(rt.gc.collect()).toBe(3); // a, b and the list
  });

  it("runs the finalizer once", () => {
    const rt = createRuntime();
    const seen: number[] = [];
    const T = rt.defineType({
      name: "Tracked",
      fields: [{ name: "n", kind: "u32" }],
      finalizer: (self) => seen.push(self.get("n") as number),
    });
    T.create({ n: 7 }).release();
    expect(seen).toEqual([7]);
  });

  it("makes atomic types without a GC header", () => {
    const rt = createRuntime();
    const Vec = rt.defineType({
      name: "Vec",
      fields: [
        { name: "x", kind: "f64" },
        { name: "y", kind: "f64" },
      ],
    });
    using v = Vec.create({ x: 1, y: 2 });
    expect(rt.sys.getsizeof(v)).toBe(32);
    expect(rt.gc.is_tracked(v)).toBe(false);
    expect(v.toJS()).toEqual({ x: 1, y: 2 });
  });

  it("validates the specification", () => {
    expect(() => defineType({ name: "1bad", fields: [] })).toThrow(ConfigurationError);
    expect(() =>
      defineType({
        name: "T",
        fields: [
          { name: "a", kind: "ref" },
          { name: "a", kind: "i32" },
        ],
      }),
    ).toThrow(ConfigurationError);
    expect(() => defineType({ name: "T", fields: [{ name: "a", kind: "u64" as "u32" }] })).toThrow(
      ConfigurationError,
    );
    const rt = createRuntime();
    using p = rt.addType(Pair).create();
    expect(() => p.get("nope")).toThrow(ConfigurationError);
  });
});
