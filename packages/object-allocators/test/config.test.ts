import { ConfigurationError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import {
  CPYTHON_FREELIST_LIMITS,
  CPYTHON_STATS_LABELS,
  DEFAULT_TUNABLES,
  DICT_FREELIST_LIMIT,
  DICT_KEYS_FREELIST_LIMIT,
  DICT_LOG_MIN_SIZE,
  FLOAT_FREELIST_LIMIT,
  LIST_FREELIST_LIMIT,
  MAX_FREELIST_LIMIT,
  MAX_SAVE_SIZE_LIMIT,
  MAX_SMALL_INT_COUNT,
  SMALL_INT_MAX,
  SMALL_INT_MIN,
  TUPLE_FREELIST_LIMIT,
  TUPLE_MAX_SAVE_SIZE,
  validateTunables,
} from "../src/index";

describe("CPython 3.11 defaults", () => {
  it("uses the free-list limits of pycore_*.h", () => {
    expect(FLOAT_FREELIST_LIMIT).toBe(100);
    expect(LIST_FREELIST_LIMIT).toBe(80);
    expect(DICT_FREELIST_LIMIT).toBe(80);
    expect(DICT_KEYS_FREELIST_LIMIT).toBe(80);
    expect(TUPLE_MAX_SAVE_SIZE).toBe(20);
    expect(TUPLE_FREELIST_LIMIT).toBe(2000);
    expect(DICT_LOG_MIN_SIZE).toBe(3);
    expect(CPYTHON_FREELIST_LIMITS).toEqual({ float: 100, list: 80, dict: 80 });
    expect(CPYTHON_STATS_LABELS.float).toBe("free PyFloatObject");
  });

  it("caches the ints -5..256 (_PY_NSMALLNEGINTS 5, _PY_NSMALLPOSINTS 257)", () => {
    expect(SMALL_INT_MIN).toBe(-5);
    expect(SMALL_INT_MAX).toBe(256);
    expect(SMALL_INT_MAX - SMALL_INT_MIN + 1).toBe(262);
  });

  it("accepts its own defaults", () => {
    expect(validateTunables({ ...DEFAULT_TUNABLES })).toEqual(DEFAULT_TUNABLES);
  });
});

describe("validateTunables", () => {
  it("accepts the bounds themselves", () => {
    expect(() => validateTunables({ freeListLimit: 0 })).not.toThrow();
    expect(() => validateTunables({ freeListLimit: MAX_FREELIST_LIMIT })).not.toThrow();
    expect(() => validateTunables({ maxSaveSize: 0 })).not.toThrow();
    expect(() => validateTunables({ maxSaveSize: MAX_SAVE_SIZE_LIMIT })).not.toThrow();
    expect(() => validateTunables({ smallIntMin: 7, smallIntMax: 7 })).not.toThrow();
    expect(() => validateTunables({ smallIntMin: 0, smallIntMax: MAX_SMALL_INT_COUNT - 1 })).not.toThrow();
    expect(() => validateTunables({ dictKeysLog2Size: 1 })).not.toThrow();
  });

  it.each([
    [{ freeListLimit: -1 }, "freeListLimit"],
    [{ freeListLimit: 1.5 }, "freeListLimit"],
    [{ freeListLimit: Number.NaN }, "freeListLimit"],
    [{ freeListLimit: MAX_FREELIST_LIMIT + 1 }, "freeListLimit"],
    [{ maxSaveSize: -1 }, "maxSaveSize"],
    [{ maxSaveSize: MAX_SAVE_SIZE_LIMIT + 1 }, "maxSaveSize"],
    [{ smallIntMin: 0.5 }, "smallIntMin"],
    [{ smallIntMax: Number.POSITIVE_INFINITY }, "smallIntMax"],
    [{ smallIntMin: 5, smallIntMax: 4 }, "smallIntMax"],
    [{ smallIntMin: 0, smallIntMax: MAX_SMALL_INT_COUNT }, "smallIntMax"],
    [{ dictKeysLog2Size: 0 }, "dictKeysLog2Size"],
    [{ dictKeysLog2Size: 31 }, "dictKeysLog2Size"],
  ])("rejects %o naming %s", (tunables, option) => {
    let error: unknown;
    try {
      validateTunables(tunables, "x.");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(`x.${option}`);
  });
});
