/**
 * Text rendering of run reports with `cli-table3`: the tables of `pymem run` and the
 * side-by-side table of `pymem compare`. Plain borders, no colours, so output is the same in
 * a terminal, a pipe and a test.
 *
 * ```
 *  run:      summary (metric | value)
 *            pools per size class (class | block size | pools | blocks in use | avail blocks)
 *            collections per generation (generation | collections | collected | uncollectable)
 *  compare:  metric | composition 1 | composition 2 | ...
 * ```
 *
 * @module
 */
import Table from "cli-table3";
import { formatBytes, formatCount, formatDuration, formatPercent, formatRate } from "./format";
import type { RunReport } from "./run-report";

/** Widest a compare column gets before its header wraps. */
const MAX_COMPARE_COLUMN = 30;

function plainTable(
  head: string[],
  options: { colAligns?: ("left" | "right")[]; colWidths?: number[] } = {},
): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [], compact: true },
    wordWrap: true,
    ...(options.colAligns === undefined ? {} : { colAligns: options.colAligns }),
    ...(options.colWidths === undefined ? {} : { colWidths: options.colWidths }),
  });
}

/** The summary metrics of a report as label/value pairs, in display order. */
export function summaryRows(report: RunReport): [string, string][] {
  const rows: [string, string][] = [
    ["wall time", formatDuration(report.wallMs)],
    [report.workload.startsWith("trace:") ? "trace events" : "objects allocated", formatCount(report.ops)],
    ["ops/s", formatRate(report.opsPerSecond)],
    ["peak mapped", formatBytes(report.peakMappedBytes)],
    ["mapped at end", formatBytes(report.mappedBytes)],
  ];
  if (report.arenas !== null) {
    rows.push(
      ["arenas allocated", formatCount(report.arenas.allocated)],
      ["arenas reclaimed", formatCount(report.arenas.reclaimed)],
      ["arenas highwater", formatCount(report.arenas.highwater)],
      ["pools in use", formatCount(report.sizeClasses.reduce((sum, c) => sum + c.pools, 0))],
    );
  }
  if (report.generations !== null) {
    for (const g of report.generations)
      rows.push([`collections gen ${g.generation}`, formatCount(g.collections)]);
    rows.push(["objects collected", formatCount(report.objectsCollected)]);
  }
  if (report.collectorWork !== null) {
    rows.push(
      ["objects examined", formatCount(report.collectorWork.examined)],
      ["largest pause (objects)", formatCount(report.collectorWork.largestPause)],
    );
  }
  rows.push(
    ["fragmentation", formatPercent(report.fragmentation)],
    ["live blocks", formatCount(report.liveBlocks)],
    ["live bytes", formatBytes(report.liveBytes)],
    ["peak bytes in use", formatBytes(report.peakBytesInUse)],
  );
  return rows;
}

/**
 * The tables `pymem run` prints.
 * @returns text ending in a newline
 */
export function renderRunReport(report: RunReport): string {
  const what =
    report.seed === null
      ? report.workload
      : `${report.workload} (seed ${report.seed}, scale ${report.scale})`;
  let out = `${what} on ${report.composition}\n\n`;
  const summary = plainTable(["metric", "value"], { colAligns: ["left", "right"] });
  for (const row of summaryRows(report)) summary.push(row);
  out += `${summary.toString()}\n`;

  if (report.sizeClasses.length > 0) {
    const pools = plainTable(["class", "block size", "pools", "blocks in use", "avail blocks"], {
      colAligns: ["right", "right", "right", "right", "right"],
    });
    for (const c of report.sizeClasses) {
      pools.push([
        c.sizeClass,
        `${c.blockSize} B`,
        formatCount(c.pools),
        formatCount(c.blocksInUse),
        formatCount(c.blocksAvailable),
      ]);
    }
    out += `\npools per size class\n${pools.toString()}\n`;
  } else if (report.arenas === null) {
    out += "\nno pools: the object domain is the raw allocator (--allocator raw)\n";
  }

  if (report.generations !== null) {
    const gens = plainTable(["generation", "collections", "collected", "uncollectable"], {
      colAligns: ["right", "right", "right", "right"],
    });
    for (const g of report.generations) {
      gens.push([
        g.generation,
        formatCount(g.collections),
        formatCount(g.collected),
        formatCount(g.uncollectable),
      ]);
    }
    out += `\ncollections per generation\n${gens.toString()}\n`;
  }
  return out;
}

/**
 * The union of several reports' metric labels in display order: a label one report lacks
 * (the older generations of a composition without them) goes right after the label that
 * precedes it in the report that has it, never at the end of the table.
 * @example mergeRowLabels([["a", "c"], ["a", "b", "c"]]) // ["a", "b", "c"]
 */
export function mergeRowLabels(lists: readonly (readonly string[])[]): string[] {
  const merged: string[] = [];
  for (const list of lists) {
    let at = 0;
    for (const label of list) {
      const found = merged.indexOf(label);
      if (found >= 0) at = found + 1;
      else merged.splice(at++, 0, label);
    }
  }
  return merged;
}

/**
 * The side-by-side table `pymem compare` prints: one row per metric, one column per composition.
 * Metrics a composition lacks (arenas without pymalloc, generations without a collector) show "-".
 */
export function renderComparison(reports: readonly RunReport[]): string {
  const first = reports[0]!;
  const what =
    first.seed === null ? first.workload : `${first.workload} (seed ${first.seed}, scale ${first.scale})`;
  const byLabel = reports.map((report) => new Map(summaryRows(report)));
  const labels = mergeRowLabels(byLabel.map((rows) => [...rows.keys()]));
  const widths = [Math.max(...labels.map((l) => l.length)) + 2];
  for (let i = 0; i < reports.length; i++) {
    const values = [...byLabel[i]!.values()].map((v) => v.length);
    const header = reports[i]!.composition.length;
    widths.push(Math.min(MAX_COMPARE_COLUMN, Math.max(header, ...values) + 2));
  }
  const table = plainTable(["metric", ...reports.map((r) => r.composition)], {
    colAligns: ["left", ...reports.map(() => "right" as const)],
    colWidths: widths,
  });
  for (const label of labels) table.push([label, ...byLabel.map((rows) => rows.get(label) ?? "-")]);
  return `${what}\n\n${table.toString()}\n`;
}
