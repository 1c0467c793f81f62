import { ConfigurationError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { createRuntime, DEFAULT_RUNTIME_CONFIG, resolveRuntimeConfig } from "../src/index";

describe("resolveRuntimeConfig", () => {
  it("defaults to CPython 3.11's values", () => {
    expect(resolveRuntimeConfig()).toEqual({
      smallIntMin: -5,
      smallIntMax: 256,
      floatFreeList: 100,
      listFreeList: 80,
      dictFreeList: 80,
      dictKeysFreeList: 80,
      tupleFreeList: 2000,
      tupleMaxSaveSize: 20,
      sharedKeysMaxSize: 30,
      internIdentifiers: true,
      unicodeWstr: true,
      latin1Utf8: false,
      instanceDictOrValues: false,
    });
    expect(DEFAULT_RUNTIME_CONFIG.smallIntMax).toBe(256);
  });

  it("keeps given values and fills the rest", () => {
    const c = resolveRuntimeConfig({ listFreeList: 0, smallIntMax: 1000 });
    expect(c.listFreeList).toBe(0);
    expect(c.smallIntMax).toBe(1000);
    expect(c.floatFreeList).toBe(100);
  });

  it.each([
    ["smallIntMin", { smallIntMin: 1 }],
    ["smallIntMin", { smallIntMin: 0.5 }],
    ["smallIntMax", { smallIntMax: 0 }],
    ["smallIntMax", { smallIntMin: -5, smallIntMax: 2 ** 21 }],
    ["floatFreeList", { floatFreeList: -1 }],
    ["listFreeList", { listFreeList: Number.NaN }],
    ["dictFreeList", { dictFreeList: 2 ** 21 }],
    ["dictKeysFreeList", { dictKeysFreeList: 1.5 }],
    ["tupleFreeList", { tupleFreeList: -3 }],
    ["tupleMaxSaveSize", { tupleMaxSaveSize: 5000 }],
    ["sharedKeysMaxSize", { sharedKeysMaxSize: 0 }],
    ["sharedKeysMaxSize", { sharedKeysMaxSize: 43 }],
    ["internIdentifiers", { internIdentifiers: "yes" as unknown as boolean }],
  ])("rejects a bad %s with a ConfigurationError naming it", (option, config) => {
    expect(() => resolveRuntimeConfig(config)).toThrow(ConfigurationError);
    try {
      resolveRuntimeConfig(config);
    } catch (e) {
      expect((e as ConfigurationError).option).toBe(option);
    }
  });

  it("is applied by createRuntime: a wider small-int cache shares more ints", () => {
    const rt = createRuntime({ config: { smallIntMax: 1000 } });
    const a = rt.int(1000);
    const b = rt.int(1000);
    expect(a.is(b)).toBe(true);
    const plain = createRuntime();
    expect(plain.int(1000).is(plain.int(1000))).toBe(false);
  });
});
