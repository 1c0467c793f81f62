// What users do: install single packages from their tarballs, outside the workspace, and use
// them through ESM `import` and CommonJS `require` with plain Node (no source condition, no
// TypeScript loader). Each package's README example runs against the installed build.
import { execFile } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingOutput, readBlocks } from "./support/code-blocks";
import { packageDirs, ROOT_DIR } from "./support/doc-files";

const exec = promisify(execFile);

interface Pkg {
  dir: string;
  name: string;
  version: string;
}

const packages: Pkg[] = packageDirs().map((dir) => {
  const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  return { dir, name: json.name, version: json.version };
});
const scratch = mkdtempSync(join(tmpdir(), "pymem-pack-"));
const tarballs = join(scratch, "tarballs");
const project = join(scratch, "project");

async function sh(cmd: string, args: string[], cwd: string, timeout = 120_000): Promise<string> {
  try {
    const { stdout } = await exec(cmd, args, { cwd, timeout, maxBuffer: 16 << 20 });
    return stdout;
  } catch (error) {
    const e = error as { code?: number; signal?: string; stderr?: string; stdout?: string };
    throw new Error(
      `\`${cmd} ${args.join(" ")}\` in ${cwd} failed (${e.code ?? e.signal}):\n${e.stderr}\n${e.stdout}`,
    );
  }
}

/** Newest modification time of the files under `dir`. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) t = Math.max(t, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return t;
}

/** Builds a package unless its dist is newer than its sources (turbo's ^build usually did it). */
async function ensureBuilt(pkg: Pkg): Promise<void> {
  const out = join(pkg.dir, "dist", "index.js");
  const stale =
    !existsSync(out) ||
    statSync(out).mtimeMs <
      Math.max(newest(join(pkg.dir, "src")), statSync(join(pkg.dir, "package.json")).mtimeMs);
  if (stale) await sh("pnpm", ["exec", "tsup"], pkg.dir, 180_000);
}

/** The `pnpm ... pack` line of getting-started.md's install-from-tarballs steps. */
function documentedPackCommand(): string {
  const guide = readFileSync(join(ROOT_DIR, "docs", "getting-started.md"), "utf8");
  const line = guide
    .split("\n")
    .find((l) => /^pnpm -r .* pack --pack-destination "\$PWD\/tarballs"$/.test(l));
  if (line === undefined) throw new Error("getting-started.md no longer shows how to pack the packages");
  return line;
}

beforeAll(async () => {
  mkdirSync(tarballs, { recursive: true });
  mkdirSync(project, { recursive: true });
  for (const pkg of packages) await ensureBuilt(pkg);
  // The packing command getting-started.md documents, run as written (its destination aside).
  await sh(
    "sh",
    ["-c", documentedPackCommand().replace('"$PWD/tarballs"', JSON.stringify(tarballs))],
    ROOT_DIR,
  );
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "pymem-pack-check", private: true }));
  const files = readdirSync(tarballs).map((f) => join(tarballs, f));
  // The @pymem packages come from the tarballs; their third-party dependencies (the Python
  // front end's parser and hash) from npm's cache, or from the registry when it lacks them.
  await sh(
    "npm",
    ["install", "--no-audit", "--no-fund", "--prefer-offline", "--no-save", ...files],
    project,
    180_000,
  );
}, 300_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe.each(packages.map((p) => [p.name, p] as const))("%s from its tarball", (name, pkg) => {
  const installed = () => join(project, "node_modules", ...name.split("/"));

  it("is installed with its @pymem dependencies as versions, not workspace ranges", () => {
    const json = readFileSync(join(installed(), "package.json"), "utf8");
    expect(JSON.parse(json).version).toBe(pkg.version);
    expect(json).not.toContain("workspace:");
    expect(existsSync(join(installed(), "dist", "index.js"))).toBe(true);
  });

  it("loads through import and require with the same exports", async () => {
    const file = join(project, `${name.replace(/\W/g, "-")}-load.mjs`);
    writeFileSync(
      file,
      [
        `import * as esm from ${JSON.stringify(name)};`,
        `import { createRequire } from "node:module";`,
        `const cjs = createRequire(import.meta.url)(${JSON.stringify(name)});`,
        `const a = Object.keys(esm).filter((k) => k !== "default").sort();`,
        `const b = Object.keys(cjs).filter((k) => k !== "__esModule").sort();`,
        `if (a.length === 0) throw new Error("no exports");`,
        `if (a.join() !== b.join()) throw new Error("ESM and CJS exports differ: " + a.join() + " / " + b.join());`,
        `console.log(a.length);`,
      ].join("\n"),
    );
    const out = await sh(process.execPath, [file], project, 60_000);
    expect(Number(out.trim())).toBeGreaterThan(0);
  });

  const examples = readBlocks(join(pkg.dir, "README.md"), ROOT_DIR).filter((b) => b.mode === "run");

  it("has a README example to run", () => {
    expect(examples.length, `${name}'s README has no runnable \`\`\`ts block`).toBeGreaterThan(0);
  });

  it.each(
    examples.flatMap((block) =>
      (["esm", "cjs"] as const).map((format) => [block.line, format, block] as const),
    ),
  )("runs the README example at line %i as %s", async (_line, format, block) => {
    const js = ts.transpileModule(block.code, {
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: format === "esm" ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
        esModuleInterop: true,
      },
    }).outputText;
    const base = `${name.replace(/\W/g, "-")}-readme-${block.index}`;
    const file = join(project, `${base}.${format === "esm" ? "mjs" : "cjs"}`);
    writeFileSync(file, js);
    const out = await sh(process.execPath, [file], project, 60_000);
    expect(missingOutput(block.expected, out), `${block.file}:${block.line} as ${format}`).toBeUndefined();
  });
});

it("getting-started.md installs the tarballs it packs, and keeps `pnpm add` for after publishing", () => {
  const guide = readFileSync(join(ROOT_DIR, "docs", "getting-started.md"), "utf8");
  expect(guide).toContain('npm install "$PYMEM"/tarballs/*.tgz');
  expect(guide).toMatch(/Once the packages are published:\n\n```sh\npnpm add @pymem\/runtime\n```/);
});

it("packs every publishable package", () => {
  expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(["@pymem/core", "@pymem/runtime"]));
  expect(readdirSync(tarballs)).toHaveLength(packages.length);
});
