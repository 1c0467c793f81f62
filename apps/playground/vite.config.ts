import { defineConfig } from "vite";

// The workspace packages resolve to their sources (the "@pymem/source" export condition), so
// the playground builds without building them first.
const conditions = ["@pymem/source", "module", "browser", "development|production"];

export default defineConfig({
  base: "./",
  resolve: { conditions },
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 2000 },
});
