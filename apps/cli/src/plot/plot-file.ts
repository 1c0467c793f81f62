/**
 * Writes a comparison chart to the file `--plot` names: `.svg` gets the SVG document, `.html`
 * a self-contained page with the SVG inline (no scripts, no network).
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import { UsageError } from "../cli-error";
import { comparisonSpec, type LabelledSeries } from "./plot-spec";
import { renderSvg } from "./render-svg";

/** The file formats `--plot` writes. */
export type PlotFormat = "svg" | "html";

/**
 * The format of a `--plot` path, from its extension.
 * @throws UsageError for any other extension
 */
export function plotFormat(path: string): PlotFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".svg") return "svg";
  if (ext === ".html" || ext === ".htm") return "html";
  throw new UsageError(`--plot writes .svg or .html files, not "${path}"`);
}

/** Escapes text for HTML. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

/** The chart's file contents in `format`. */
export function plotDocument(format: PlotFormat, title: string, series: readonly LabelledSeries[]): string {
  const svg = renderSvg(comparisonSpec(title, series));
  if (format === "svg") return svg;
  return [
    "<!doctype html>",
    '<html lang="en">',
    '<head><meta charset="utf-8"><title>',
    escapeHtml(title),
    "</title></head>",
    '<body style="font-family: sans-serif">',
    svg,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * Writes the chart to `path`.
 * @throws UsageError for an unsupported extension; the file system's error when it cannot be written
 */
export function writePlot(path: string, title: string, series: readonly LabelledSeries[]): void {
  writeFileSync(path, plotDocument(plotFormat(path), title, series));
}
