// Shared test config: packages resolve each other's sources (the "@pymem/source" export condition),
// so tests need no build of their dependencies.
import { defineConfig } from "vitest/config";

export default defineConfig({
  ssr: {
    resolve: {
      conditions: ["@pymem/source", "module", "node", "development|production"],
    },
  },
  resolve: {
    conditions: ["@pymem/source", "module", "node", "development|production"],
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
