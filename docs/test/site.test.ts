// The site `pnpm run docs` builds (typedoc, configured in the root package.json): one section
// per package opening with its README, every guide and the CLI's README in the navigation under
// its own title, and a build that fails on any warning or undocumented export. typedoc itself
// runs in `pnpm test` (the //#docs:api task); these checks catch a guide or package left out of
// its configuration.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { fences } from "./support/code-blocks";
import { CLI_README, DOCS_DIR, packageDirs, ROOT_DIR } from "./support/doc-files";

interface TypedocOptions {
  entryPointStrategy?: string;
  entryPoints?: string[];
  packageOptions?: { entryPoints?: string[] };
  out?: string;
  readme?: string;
  customCss?: string;
  treatWarningsAsErrors?: boolean;
  validation?: Record<string, boolean>;
  projectDocuments?: string[];
}

const options = (
  JSON.parse(readFileSync(join(ROOT_DIR, "package.json"), "utf8")) as { typedocOptions: TypedocOptions }
).typedocOptions;
const guides = readdirSync(DOCS_DIR)
  .filter((name) => name.endsWith(".md"))
  .sort()
  .map((name) => relative(ROOT_DIR, join(DOCS_DIR, name)));
/** The site's pages: the guides, and the CLI's README (the command line has no API of its own). */
const pages = [...guides, relative(ROOT_DIR, CLI_README)].sort();
/**
 * Pages whose navigation title is not their heading: docs/README.md is the folder's index on
 * GitHub ("pymem documentation"), "About these docs" in the site; the CLI's README is headed by
 * its package name, "The pymem command" in the site.
 */
const OWN_TITLE = new Set(["docs/README.md", "apps/cli/README.md"]);

describe("the documentation site's configuration", () => {
  it("documents every package, each from its index with its README as landing page", () => {
    expect(options.entryPointStrategy).toBe("packages");
    expect(options.entryPoints).toEqual(["packages/*"]);
    expect(options.packageOptions?.entryPoints).toEqual(["src/index.ts"]);
    expect(options.out).toBe("docs/api");
    expect(options.readme).toBe("README.md");
    for (const dir of packageDirs()) {
      expect(existsSync(join(dir, "README.md")), dir).toBe(true);
      expect(existsSync(join(dir, "src", "index.ts")), dir).toBe(true);
    }
  });

  it("fails the build on warnings, undocumented exports and broken links", () => {
    expect(options.treatWarningsAsErrors).toBe(true);
    expect(options.validation).toMatchObject({ notDocumented: true, notExported: true, invalidLink: true });
  });

  it("puts every guide and the CLI's README in the navigation, and nothing else", () => {
    expect([...(options.projectDocuments ?? [])].sort()).toEqual(pages);
    expect(existsSync(join(ROOT_DIR, options.customCss ?? "missing"))).toBe(true);
  });

  it.each(pages)("gives %s a navigation title matching its heading", (page) => {
    const text = readFileSync(join(ROOT_DIR, page), "utf8");
    const front = /^---\ntitle: (.+)\n---\n\n# (.+)\n/.exec(text);
    expect(front, `${page} must start with "---\\ntitle: …\\n---" then its # heading`).not.toBeNull();
    const [, title, heading] = front!;
    if (!OWN_TITLE.has(page)) expect(title).toBe(heading);
  });
});

describe("the benchmarks guide", () => {
  const text = readFileSync(join(DOCS_DIR, "benchmarks.md"), "utf8");
  const lines = text.split("\n");
  const markers = lines.flatMap((line, i) => {
    const m = /^<!-- figures: (packages\/[\w-]+) -->$/.exec(line);
    return m === null ? [] : [{ pkg: m[1]!, line: i + 1 }];
  });

  it("marks the figures of every package that has a benchmark, once each", () => {
    const benched = packageDirs()
      .filter((dir) => {
        const json = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
          scripts?: Record<string, string>;
        };
        return json.scripts?.bench !== undefined;
      })
      .map((dir) => relative(ROOT_DIR, dir))
      .sort();
    expect(markers.map((m) => m.pkg).sort()).toEqual(benched);
  });

  it.each(
    markers.map((m) => [m.pkg, m] as const),
  )("has the %s figures in a text block after its marker", (pkg, m) => {
    const next = fences(text).find((f) => f.line > m.line);
    expect(next?.lang, `benchmarks.md:${m.line}`).toBe("text");
    expect(next!.body.length).toBeGreaterThan(1);
    // Nothing but the command that reproduces them between the marker and the figures.
    const between = lines.slice(m.line, next!.line - 1).filter((l) => l.trim() !== "");
    expect(between).toEqual([`\`cd ${pkg} && pnpm bench\`:`]);
  });
});

describe("the getting-started guide", () => {
  it("opens with the README's two commands", () => {
    const commands = (path: string) =>
      fences(readFileSync(path, "utf8"))
        .filter((f) => f.lang === "sh")
        .slice(0, 2)
        .map((f) => f.body.join("\n"));
    const readme = commands(join(ROOT_DIR, "README.md"));
    expect(readme).toHaveLength(2);
    expect(commands(join(DOCS_DIR, "getting-started.md"))).toEqual(readme);
  });
});
