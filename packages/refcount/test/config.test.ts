import { ConfigurationError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_REFCOUNT_CONFIG,
  MAX_STACK_ENTRIES,
  resolveRefcountConfig,
  validateRefcountConfig,
} from "../src/config";

describe("refcount config", () => {
  it("fills in the defaults", () => {
    expect(resolveRefcountConfig()).toEqual({ pendingCapacity: 1024, queueLimit: 4096 });
    expect(resolveRefcountConfig({ queueLimit: 7 })).toEqual({ ...DEFAULT_REFCOUNT_CONFIG, queueLimit: 7 });
  });

  it("accepts the bounds of every constraint", () => {
    expect(() => validateRefcountConfig({ pendingCapacity: 1, queueLimit: MAX_STACK_ENTRIES })).not.toThrow();
  });

  it.each([
    ["pendingCapacity", 0],
    ["pendingCapacity", 1.5],
    ["pendingCapacity", Number.NaN],
    ["queueLimit", -1],
    ["queueLimit", MAX_STACK_ENTRIES + 1],
  ] as const)("rejects %s = %s naming the option", (option, value) => {
    let error: unknown;
    try {
      resolveRefcountConfig({ [option]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(option);
  });
});
