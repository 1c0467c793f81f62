// Shared build preset: every package ships ESM + CJS + .d.ts from src/index.ts.
import type { Options } from "tsup";

export function preset(overrides: Options = {}): Options {
  return {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    clean: true,
    target: "es2022",
    splitting: false,
    treeshake: true,
    ...overrides,
  };
}
