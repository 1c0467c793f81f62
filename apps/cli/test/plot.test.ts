// `pymem compare --plot`: the chart file (an SVG with one line per composition and a point
// per collection, or an HTML page around it), the synchronous renderer against Vega's own,
// the run sampler, and the errors.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import * as vega from "vega";
import { compile } from "vega-lite";
import { describe, expect, it } from "vitest";
import { comparisonSpec, type LabelledSeries, seriesName } from "../src/plot/plot-spec";
import { renderSvg } from "../src/plot/render-svg";
import { PROGRESS_SAMPLES, RunSampler } from "../src/plot/run-sampler";
import { SILENT_PROGRESS } from "../src/progress-sink";
import { oneErrorLine, runCli } from "./run-cli";

type XmlNode = Record<string, unknown>;

/** Every element named `name` under `node` (fast-xml-parser's preserveOrder tree). */
function elements(node: unknown, name: string, out: XmlNode[] = []): XmlNode[] {
  if (Array.isArray(node)) {
    for (const child of node) elements(child, name, out);
  } else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node as XmlNode)) {
      if (key === ":@") continue;
      if (key === name) out.push(node as XmlNode);
      elements(value, name, out);
    }
  }
  return out;
}

const attr = (el: XmlNode, name: string): string | undefined =>
  (el[":@"] as Record<string, string> | undefined)?.[`@_${name}`];

/** Parses an SVG document: its root, the line marks' paths, the points' paths, the texts. */
function parseSvg(svg: string) {
  const tree = new XMLParser({ preserveOrder: true, ignoreAttributes: false }).parse(svg) as unknown[];
  const groups = elements(tree, "g");
  const lineGroups = groups.filter((g) => (attr(g, "class") ?? "").startsWith("mark-line role-mark"));
  const pointGroups = groups.filter((g) => (attr(g, "class") ?? "").startsWith("mark-symbol role-mark"));
  const linePaths = lineGroups
    .flatMap((g) => elements(g.g, "path"))
    .filter((p) => (attr(p, "d") ?? "") !== "");
  const points = pointGroups.flatMap((g) => elements(g.g, "path"));
  const texts = elements(tree, "text").map((t) =>
    ((t.text as XmlNode[]) ?? []).map((c) => String(c["#text"] ?? "")).join(""),
  );
  return { root: elements(tree, "svg")[0]!, lineGroups, linePaths, points, texts };
}

const series = (label: string, bytes: number[], collections = 0): LabelledSeries => ({
  label,
  samples: bytes.map((b, i) => ({ work: i / (bytes.length - 1), ms: i, bytes: b })),
  collections: Array.from({ length: collections }, (_, i) => ({
    work: (i + 0.5) / collections,
    ms: i,
    bytes: bytes[0]!,
    generation: i % 3,
    found: 10,
  })),
});

describe("the comparison chart", () => {
  it("has one line per composition, a point per collection, and the compositions in the legend", () => {
    const svg = renderSvg(
      comparisonSpec("demo", [
        series("--preset cpython311", [0, 1000, 3000, 2000], 4),
        series("--gc none", [0, 2000, 4000, 8000]),
        series("--gc none", [0, 500, 600, 700], 2),
      ]),
    );
    const parsed = parseSvg(svg);
    expect(attr(parsed.root, "width")).toMatch(/^\d+$/);
    expect(parsed.linePaths.length).toBe(3);
    expect(parsed.lineGroups.length).toBe(3);
    expect(parsed.points.length).toBe(6);
    for (const [i, label] of ["--preset cpython311", "--gc none", "--gc none"].entries()) {
      expect(parsed.texts).toContain(seriesName(i, label));
    }
    expect(parsed.texts).toContain("work done (%)");
    expect(parsed.texts).toContain("bytes in use");
  });

  it("is rendered synchronously exactly as Vega's own view.toSVG() renders it", async () => {
    const spec = comparisonSpec("same", [series("a", [0, 10, 5], 1), series("b", [3, 4, 9])]);
    const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
    expect(renderSvg(spec)).toBe(await view.toSVG());
    view.finalize();
  });
});

describe("RunSampler", () => {
  it("samples at most PROGRESS_SAMPLES + 2 times and records nothing before begin", () => {
    const sampler = new RunSampler();
    const sink = sampler.wrap(SILENT_PROGRESS);
    sink.update(1, 10); // before begin: ignored
    let bytes = 100;
    const stack = { objectDomain: { stats: () => ({ bytesInUse: bytes }) } } as never;
    sampler.begin(null, stack);
    for (let i = 1; i <= 10_000; i++) {
      bytes += 1;
      sink.update(i, 10_000);
    }
    const s = sampler.finish();
    expect(s.samples[0]).toMatchObject({ work: 0, bytes: 100 });
    expect(s.samples.length).toBe(PROGRESS_SAMPLES + 1);
    expect(s.samples.at(-1)).toMatchObject({ work: 1, bytes: 10_100 });
    const works = s.samples.map((p) => p.work);
    expect([...works].sort((a, b) => a - b)).toEqual(works);
  });
});

describe("pymem compare --plot", () => {
  const dir = mkdtempSync(join(tmpdir(), "pymem-plot-"));

  it("writes an SVG with one line per composition and says where it went", () => {
    const out = join(dir, "cycles.svg");
    const r = runCli([
      "compare",
      "cycles",
      "--scale",
      "0.05",
      "--with",
      "--gc generational",
      "--with",
      "--gc mark-sweep",
      "--with",
      "--gc none",
      "--plot",
      out,
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(`plot: ${out}`);
    const parsed = parseSvg(readFileSync(out, "utf8"));
    expect(parsed.linePaths.length).toBe(3);
    for (const [i, label] of ["--gc generational", "--gc mark-sweep", "--gc none"].entries()) {
      expect(parsed.texts.some((t) => t.startsWith(seriesName(i, "")) && t.includes(label))).toBe(true);
    }
    // the collectors collected during the run; --gc none never did
    expect(parsed.points.length).toBeGreaterThan(0);
  });

  it("draws one line per CPython version profile named with --with", () => {
    const out = join(dir, "versions.svg");
    const r = runCli([
      "compare",
      "cycles",
      "--scale",
      "0.1",
      "--with",
      "cpython313",
      "--with",
      "cpython314",
      "--plot",
      out,
    ]);
    expect(r.status).toBe(0);
    const parsed = parseSvg(readFileSync(out, "utf8"));
    expect(parsed.linePaths.length).toBe(2);
    for (const [i, label] of ["cpython313", "cpython314"].entries()) {
      expect(parsed.texts.some((t) => t.startsWith(seriesName(i, "")) && t.includes(label))).toBe(true);
    }
    // both collected during the run (3.14.0 in increments)
    expect(parsed.points.length).toBeGreaterThan(1);
  });

  it("writes an HTML page around the SVG, and keeps stdout JSON with --json", () => {
    const out = join(dir, "churn.html");
    const r = runCli([
      "compare",
      "churn",
      "--scale",
      "0.02",
      "--json",
      "--with",
      "--preset cpython311",
      "--with",
      "--allocator raw",
      "--plot",
      out,
    ]);
    expect(r.status).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toContain(`plot: ${out}`);
    const html = readFileSync(out, "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    const svg = html.slice(html.indexOf("<svg"), html.indexOf("</svg>") + "</svg>".length);
    expect(parseSvg(svg).linePaths.length).toBe(2);
  });

  it("draws trace replays too: bytes in use, no collections", () => {
    const trace = join(dir, "grow.jsonl");
    const lines: string[] = [];
    for (let i = 1; i <= 3000; i++) lines.push(JSON.stringify({ op: "alloc", id: i, size: 16 + (i % 200) }));
    for (let i = 1; i <= 3000; i += 2) lines.push(JSON.stringify({ op: "free", id: i }));
    writeFileSync(trace, `${lines.join("\n")}\n`);
    const out = join(dir, "trace.svg");
    const r = runCli([
      "compare",
      "--trace",
      trace,
      "--with",
      "--allocator pymalloc",
      "--with",
      "--allocator raw",
      "--plot",
      out,
    ]);
    expect(r.status).toBe(0);
    const parsed = parseSvg(readFileSync(out, "utf8"));
    expect(parsed.linePaths.length).toBe(2);
    expect(parsed.points.length).toBe(0);
  });

  it("rejects other extensions before running anything", () => {
    const r = runCli([
      "compare",
      "churn",
      "--with",
      "--gc none",
      "--with",
      "--gc generational",
      "--plot",
      "x.png",
    ]);
    expect(r.status).not.toBe(0);
    expect(oneErrorLine(r)).toContain("--plot writes .svg or .html files");
  });
});
