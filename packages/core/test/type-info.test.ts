import { describe, expect, it } from "vitest";
import { ConfigurationError, type TypeInfo, TypeRegistry } from "../src/index";

const leaf = (name: string, extra: Partial<TypeInfo> = {}): TypeInfo => ({
  name,
  basicSize: 24,
  itemSize: 0,
  isContainer: false,
  weaklistOffset: 0,
  traverse() {},
  dealloc() {},
  sizeOf: () => 24,
  ...extra,
});

describe("TypeRegistry", () => {
  it("hands out ids from 1 and finds types by id and name", () => {
    const r = new TypeRegistry();
    const a = r.register(leaf("float"));
    const b = r.register(leaf("list", { isContainer: true }));
    expect([a, b]).toEqual([1, 2]);
    expect(r.get(a).name).toBe("float");
    expect(r.idOf("list")).toBe(2);
    expect(r.idOf("nope")).toBe(0);
    expect(r.isContainer(b)).toBe(true);
    expect(r.isContainer(a)).toBe(false);
    expect(r.size).toBe(2);
    expect(() => r.get(0)).toThrow(RangeError);
    expect(r.find(99)).toBeUndefined();
  });
  it("rejects duplicates, bad sizes and finalizers on non-containers", () => {
    const r = new TypeRegistry();
    r.register(leaf("x"));
    expect(() => r.register(leaf("x"))).toThrow(ConfigurationError);
    expect(() => r.register(leaf("y", { basicSize: 0 }))).toThrow(ConfigurationError);
    expect(() => r.register(leaf("z", { itemSize: -1 }))).toThrow(ConfigurationError);
    expect(() => r.register(leaf("w", { finalize() {} }))).toThrow(ConfigurationError);
  });
  it("grows its container flags past 64 types", () => {
    const r = new TypeRegistry();
    for (let i = 0; i < 100; i++) r.register(leaf(`t${i}`, { isContainer: i % 2 === 0 }));
    expect(r.isContainer(99)).toBe(true);
    expect(r.isContainer(100)).toBe(false);
  });
});
