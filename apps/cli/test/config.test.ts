import { ConfigurationError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import { type CliConfig, checkCliConfig, DEFAULT_CLI_CONFIG } from "../src/config";

describe("CLI configuration", () => {
  it("the defaults pass their own checks", () => {
    expect(checkCliConfig({ ...DEFAULT_CLI_CONFIG })).toEqual(DEFAULT_CLI_CONFIG);
  });

  const cases: [keyof CliConfig, number][] = [
    ["progressDelayMs", -1],
    ["progressDelayMs", 1.5],
    ["progressRedrawMs", 0],
    ["progressRedrawMs", 5000],
    ["traceProgressMask", 1000],
    ["traceProgressMask", -1],
    ["defaultSeed", 2 ** 32],
    ["defaultSeed", -3],
    ["maxScale", 0],
    ["maxScale", Number.POSITIVE_INFINITY],
    ["defaultScale", 0],
    ["defaultScale", 5000],
    ["heapMapWidth", 4],
    ["heapMapMaxLines", 0],
  ];
  it.each(cases)("rejects %s = %s naming the option", (option, value) => {
    const config = { ...DEFAULT_CLI_CONFIG, [option]: value };
    expect(() => checkCliConfig(config)).toThrow(ConfigurationError);
    try {
      checkCliConfig(config);
    } catch (error) {
      expect((error as ConfigurationError).option).toBe(option);
    }
  });

  it("accepts a redraw interval when the bar has no delay", () => {
    expect(() =>
      checkCliConfig({ ...DEFAULT_CLI_CONFIG, progressDelayMs: 0, progressRedrawMs: 50 }),
    ).not.toThrow();
  });
});
