// The immortality strategies: 3.11's counted singletons and PEP 683's immortal ones, chosen
// per runtime, with typed errors for bad figures.
import { ConfigurationError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { CountedStatics, createRuntime, ImmortalObjects, PyList, resolveImmortality } from "../src/index";

describe("immortality", () => {
  it("counted: None's count moves by one per reference and comes back", () => {
    const rt = createRuntime({ immortality: { kind: "counted", none: 100 } });
    expect(rt.sys.getrefcount(null)).toBe(100);
    using f = rt.frame();
    f.set("a", rt.list([null, null, null]));
    expect(rt.sys.getrefcount(null)).toBe(103);
    f.get("a", PyList).pop().release();
    expect(rt.sys.getrefcount(null)).toBe(102);
    f.del("a");
    expect(rt.sys.getrefcount(null)).toBe(100);
    expect(rt.core.space.refcount.isImmortal(rt.core.space.none)).toBe(false);
  });

  it("immortal: the reported count is the configured one and never moves", () => {
    const rt = createRuntime({ immortality: { kind: "immortal", reportedRefcount: 3 * 2 ** 30 } });
    using f = rt.frame();
    f.set("a", rt.list([null, true, 0]));
    for (const v of [null, true, false, 0, 256, ""]) expect(rt.sys.getrefcount(v)).toBe(3 * 2 ** 30);
  });

  it("takes a strategy object as is", () => {
    const strategy = new ImmortalObjects();
    expect(resolveImmortality(strategy)).toBe(strategy);
    expect(resolveImmortality(undefined)).toBeInstanceOf(CountedStatics);
  });

  it.each([
    [{ kind: "counted", none: 1 }, "immortality.none"],
    [{ kind: "counted", statics: 2 ** 31 }, "immortality.statics"],
    [{ kind: "counted", true: Number.NaN }, "immortality.true"],
    [{ kind: "immortal", reportedRefcount: 7 }, "immortality.reportedRefcount"],
    [{ kind: "forever" }, "immortality"],
    [null, "immortality"],
    ["immortal", "immortality"],
  ])("rejects %o with a ConfigurationError naming %s", (option, name) => {
    expect(() => createRuntime({ immortality: option as never })).toThrow(ConfigurationError);
    expect(() => resolveImmortality(option as never)).toThrow(name);
  });
});
