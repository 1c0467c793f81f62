/**
 * The chart of a comparison as a Vega-Lite specification: one line of bytes in use per
 * composition over the work done, and a point on that line for every collection.
 *
 * ```
 *  bytes in use ^            .--- 1. --preset cpython311      x: work done, 0-100 %
 *               |      .----'   o                             y: bytes in use (object domain)
 *               |  .--'  o .--------- 2. --gc none            line: samples, step-wise
 *               |.-'o .---'                                   point: a collection (shape: its generation)
 *               +-----------------------------> work done
 * ```
 *
 * Compositions are numbered ("1. ", "2. " ...) in the order given, so that two identical
 * compositions still get a line each, and the colours follow that order.
 *
 * @module
 */
import type { TopLevelSpec } from "vega-lite";
import type { RunSeries } from "./run-sampler";

/** A run's series with the label it is drawn under. */
export interface LabelledSeries extends RunSeries {
  /** Composition label. */
  label: string;
}

/** Width of the plotting area in pixels. */
export const PLOT_WIDTH = 720;
/** Height of the plotting area in pixels. */
export const PLOT_HEIGHT = 360;

/** The series' name on the chart: its position and label. */
export function seriesName(index: number, label: string): string {
  return `${index + 1}. ${label}`;
}

/** The Vega-Lite specification of a comparison chart titled `title`. */
export function comparisonSpec(title: string, series: readonly LabelledSeries[]): TopLevelSpec {
  const names = series.map((s, i) => seriesName(i, s.label));
  const rows: Record<string, string | number>[] = [];
  series.forEach((s, i) => {
    const composition = names[i]!;
    for (const p of s.samples) {
      rows.push({ kind: "sample", composition, work: p.work * 100, ms: p.ms, bytes: p.bytes });
    }
    for (const c of s.collections) {
      rows.push({
        kind: "collection",
        composition,
        work: c.work * 100,
        ms: c.ms,
        bytes: c.bytes,
        generation: c.generation,
        found: c.found,
      });
    }
  });
  const x = {
    field: "work",
    type: "quantitative" as const,
    title: "work done (%)",
    scale: { domain: [0, 100] },
  };
  const y = { field: "bytes", type: "quantitative" as const, title: "bytes in use", axis: { format: "~s" } };
  const color = {
    field: "composition",
    type: "nominal" as const,
    title: "composition",
    scale: { domain: names },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title,
    width: PLOT_WIDTH,
    height: PLOT_HEIGHT,
    background: "white",
    // Headless Vega estimates text widths; a generous limit keeps long composition labels whole.
    config: { legend: { labelLimit: 600 } },
    data: { values: rows },
    layer: [
      {
        transform: [{ filter: "datum.kind === 'sample'" }],
        mark: { type: "line", interpolate: "step-after", strokeWidth: 1.5 },
        encoding: { x, y, color },
      },
      {
        transform: [{ filter: "datum.kind === 'collection'" }],
        mark: { type: "point", filled: true, size: 16, opacity: 0.8 },
        encoding: {
          x,
          y,
          color,
          shape: { field: "generation", type: "nominal", title: "generation" },
          tooltip: [
            { field: "composition" },
            { field: "generation" },
            { field: "found", title: "objects found" },
            { field: "ms", title: "ms", format: ".1f" },
          ],
        },
      },
    ],
  };
}
