// Builds the CLI before the tests spawn it, when dist/cli.js is missing or older than any
// source it bundles (this app's src and every workspace package's src).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const output = join(appDir, "dist", "cli.js");

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function sourcesMtime(): number {
  const packagesDir = resolve(appDir, "..", "..", "packages");
  let newest = Math.max(
    newestMtime(join(appDir, "src")),
    newestMtime(join(appDir, "tsup.config.ts")),
    newestMtime(join(appDir, "package.json")),
  );
  for (const name of existsSync(packagesDir) ? readdirSync(packagesDir) : []) {
    newest = Math.max(newest, newestMtime(join(packagesDir, name, "src")));
  }
  return newest;
}

export default function setup(): void {
  if (existsSync(output) && statSync(output).mtimeMs >= sourcesMtime()) return;
  try {
    execFileSync("pnpm", ["exec", "tsup"], { cwd: appDir, stdio: "pipe", encoding: "utf8" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`building the CLI failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}
