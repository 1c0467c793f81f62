import { ConfigurationError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { createRuntime, PyDict, PyInstance } from "../../src/index";

describe("instances of user-defined classes", () => {
  it("are 56 bytes (basicsize 24 + GC header + managed-dict pre-header)", () => {
    const rt = createRuntime();
    const A = rt.defineClass("A");
    using a = A.create();
    expect(rt.sys.getsizeof(a)).toBe(56);
    expect(rt.gc.is_tracked(a)).toBe(true);
    expect(a.typeName).toBe("A");
    expect(A.isInstance(a)).toBe(true);
  });

  it("keep attributes inline, in a values array sized from the class's shared keys", () => {
    const rt = createRuntime();
    const P = rt.defineClass("Point");
    using p = P.create({ x: 1, y: 2 });
    expect(p.hasInlineValues).toBe(true);
    expect(p.attributes()).toEqual(["x", "y"]);
    expect(P.sharedKeys).toEqual(["x", "y"]);
    // SHARED_KEYS_MAX_SIZE 30: the first instance took one usable slot, x and y two more.
    expect(rt.core.space.kindOf(p.address)).toMatchObject({ sharedKeysUsable: 27 });
    // The values block: prefix round_up(29 + 2, 8) = 32 bytes, then 29 slots of 8 bytes.
    const blocks: number[] = [];
    rt.core.space.kindOf(p.address).blocks(p.address, (b) => blocks.push(b));
    expect(blocks).toHaveLength(2);
    expect(rt.core.space.mem.usableSize(blocks[1]!)).toBeGreaterThanOrEqual(32 + 29 * 8);
  });

  it("make a real __dict__ only when asked, then count as two objects", () => {
    const rt = createRuntime();
    const A = rt.defineClass("A");
    rt.gc.disable();
    const f = rt.frame();
    f.set("a", A.create({ x: 1 }));
    const a = f.get("a", PyInstance);
    a.setattr("me", a);
    const d = a.__dict__;
    expect(d).toBeInstanceOf(PyDict);
    expect(a.hasInlineValues).toBe(false);
    expect(d.keys().map((k) => k.toJS())).toEqual(["x", "me"]);
    expect(a.getattr("x").toJS()).toBe(1);
    a.setattr("y", 2);
    expect(d.get("y")?.toJS()).toBe(2);
    f.release();
    expect(rt.gc.collect()).toBe(2);
  });

  it("move to a dict when the class's shared keys are full", () => {
    const rt = createRuntime({ config: { sharedKeysMaxSize: 3 } });
    const A = rt.defineClass("A");
    using a = A.create({ a: 1, b: 2 });
    expect(a.hasInlineValues).toBe(true);
    a.setattr("c", 3);
    expect(a.hasInlineValues).toBe(false);
    expect(a.attributes()).toEqual(["a", "b", "c"]);
  });

  it("raise AttributeError for missing attributes, and delete them in place", () => {
    const rt = createRuntime();
    const A = rt.defineClass("A");
    using a = A.create({ x: 1, y: 2 });
    expect(() => a.getattr("z")).toThrow(/AttributeError: 'A' object has no attribute 'z'/);
    a.delattr("x");
    expect(a.hasattr("x")).toBe(false);
    expect(a.attributes()).toEqual(["y"]);
    expect(() => a.delattr("x")).toThrow(/AttributeError/);
    a.setattr("x", 3);
    expect(a.attributes()).toEqual(["y", "x"]);
  });

  it("run __del__ once when the last reference goes, and may be resurrected by it", () => {
    const rt = createRuntime();
    const calls: string[] = [];
    const A = rt.defineClass("A", {
      __del__: (self) => {
        calls.push(String(self.getattr("name").toJS()));
        if (self.getattr("name").toJS() === "phoenix") rt.globals.set("saved", self);
      },
    });
    A.create({ name: "plain" }).release();
    A.create({ name: "phoenix" }).release();
    expect(calls).toEqual(["plain", "phoenix"]);
    expect(rt.globals.get("saved", PyInstance).getattr("name").toJS()).toBe("phoenix");
    rt.globals.del("saved");
    expect(calls).toEqual(["plain", "phoenix"]); // PEP 442: once
  });

  it("may share a name, as Python classes may, and stay distinct types", () => {
    const rt = createRuntime();
    const first = rt.defineClass("A");
    const second = rt.defineClass("A");
    expect(second.typeId).not.toBe(first.typeId);
    using a = first.create();
    using b = second.create();
    expect(b.typeName).toBe("A");
    expect(first.isInstance(a)).toBe(true);
    expect(first.isInstance(b)).toBe(false);
    expect(() => rt.defineType({ name: "A", fields: [] })).toThrow(ConfigurationError);
  });
});
