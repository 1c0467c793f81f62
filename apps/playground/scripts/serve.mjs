// Serves the built playground (dist/) with vite's static preview server and prints its URL.
// PORT chooses the port (default 4173; 0 takes any free one); HOST the interface (default 127.0.0.1).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { preview } from "vite";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(join(root, "dist", "index.html"))) {
  console.error("The playground is not built: run `pnpm --filter @pymem/playground build` first.");
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? "127.0.0.1";
const server = await preview({
  root,
  configFile: join(root, "vite.config.ts"),
  preview: { port, host, strictPort: false, open: false },
  logLevel: "warn",
});
const url = server.resolvedUrls?.local[0] ?? `http://${host}:${port}/`;
console.log(`pymem playground: ${url}  (Ctrl+C stops the server)`);
const close = () => server.httpServer.close(() => process.exit(0));
process.on("SIGINT", close);
process.on("SIGTERM", close);
