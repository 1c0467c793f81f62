// The `pymem` executable: one ESM file with a shebang. The @pymem packages are bundled from
// their sources (the "@pymem/source" export condition), so the command never runs against a
// stale build of a sibling package; third-party dependencies stay external.
import { defineConfig } from "tsup";

export default defineConfig({
  entry: { cli: "src/cli.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  banner: { js: "#!/usr/bin/env node" },
  sourcemap: true,
  clean: true,
  dts: false,
  splitting: false,
  treeshake: true,
  noExternal: [/^@pymem\//],
  esbuildOptions(options) {
    options.conditions = ["@pymem/source"];
  },
});
