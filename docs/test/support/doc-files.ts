/**
 * Where the documentation lives: the guides in `docs/`, the repository README and every
 * package README, and the scratch folder the tests write code blocks to.
 *
 * @module
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The docs package folder. */
export const DOCS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The repository root. */
export const ROOT_DIR = resolve(DOCS_DIR, "..");
/**
 * Where extracted blocks are written: inside the docs package's node_modules, so they resolve
 * the @pymem packages like the package's own files do and stay out of git and the linters.
 */
export const SCRATCH_DIR = join(DOCS_DIR, "node_modules", ".cache", "pymem-doc-blocks");

/** The CLI's README: a page of the site and of the checked Markdown, though the app is no package. */
export const CLI_README = join(ROOT_DIR, "apps", "cli", "README.md");

/** The publishable packages, folder names under packages/. */
export function packageDirs(): string[] {
  return readdirSync(join(ROOT_DIR, "packages"))
    .filter((name) => existsSync(join(ROOT_DIR, "packages", name, "package.json")))
    .sort()
    .map((name) => join(ROOT_DIR, "packages", name));
}

/** Every Markdown file whose ```ts blocks are checked. */
export function markdownFiles(): string[] {
  const guides = readdirSync(DOCS_DIR)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => join(DOCS_DIR, name));
  const readmes = [
    join(ROOT_DIR, "README.md"),
    ...packageDirs().map((dir) => join(dir, "README.md")),
    CLI_README,
  ];
  return [...guides, ...readmes.filter((path) => existsSync(path))];
}
