/**
 * The allocator benchmark: every contender replays the same seeded traces (see `trace.ts`),
 * each contender-workload pair in a fresh Node process, and the rates are printed as a table
 * with each contender's ratio to the floor allocator.
 *
 * ```
 *  pnpm bench                              table on stdout
 *  pnpm bench --json                       the results as JSON on stdout instead
 *  pnpm bench --contenders=floor,tlsf --workloads=W1 --cap=5
 *
 *  run.ts --spawn--> node --conditions=@pymem/source --import tsx bench/contender.ts <name> <W>
 *         <--------- "BENCH_RESULT {...}"   (one process per pair: no JIT feedback shared)
 * ```
 *
 * Nothing here asserts a time: the figures are for reading.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { type BenchResult, CONTENDERS, type ContenderName, RESULT_MARKER } from "./results";
import { WORKLOADS, type WorkloadName } from "./trace";

/** Targets the README states, as ratios to the floor. */
const TARGETS: { contender: ContenderName; workload: WorkloadName; ratio: number }[] = [
  { contender: "pymalloc-3.11", workload: "W1", ratio: 0.4 },
  { contender: "pymalloc-3.11", workload: "W2", ratio: 0.4 },
  { contender: "pymalloc-classic", workload: "W1", ratio: 0.4 },
  { contender: "pymalloc-classic", workload: "W2", ratio: 0.4 },
  { contender: "tlsf", workload: "W3", ratio: 0.25 },
];

interface Options {
  json: boolean;
  contenders: ContenderName[];
  workloads: WorkloadName[];
  capSeconds: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    json: false,
    contenders: [...CONTENDERS],
    workloads: [...WORKLOADS],
    capSeconds: 10,
  };
  for (const arg of argv) {
    const [key, value = ""] = arg.split("=", 2) as [string, string?];
    if (key === "--json") options.json = true;
    else if (key === "--contenders") {
      options.contenders = value.split(",").filter((c): c is ContenderName => {
        if (!CONTENDERS.includes(c as ContenderName)) throw new Error(`unknown contender ${c}`);
        return true;
      });
    } else if (key === "--workloads") {
      options.workloads = value.split(",").filter((w): w is WorkloadName => {
        if (!WORKLOADS.includes(w as WorkloadName)) throw new Error(`unknown workload ${w}`);
        return true;
      });
    } else if (key === "--cap") {
      options.capSeconds = Number(value);
      if (!(options.capSeconds > 0))
        throw new Error(`--cap needs a positive number of seconds, got ${value}`);
    } else if (key !== "--") {
      throw new Error(
        `unknown argument ${arg} (use --json, --contenders=a,b, --workloads=W1,W2, --cap=seconds)`,
      );
    }
  }
  return options;
}

const CONTENDER_SCRIPT = fileURLToPath(new URL("./contender.ts", import.meta.url));

function runPair(contender: ContenderName, workload: WorkloadName, capSeconds: number): BenchResult {
  const child = spawnSync(
    process.execPath,
    [
      "--conditions=@pymem/source",
      "--import",
      "tsx",
      CONTENDER_SCRIPT,
      contender,
      workload,
      String(capSeconds),
    ],
    { encoding: "utf8", maxBuffer: 1 << 24, timeout: (capSeconds * 3 + 120) * 1000 },
  );
  const line = child.stdout?.split("\n").find((l) => l.startsWith(RESULT_MARKER));
  if (line !== undefined) return JSON.parse(line.slice(RESULT_MARKER.length)) as BenchResult;
  const why =
    child.error?.message ?? (child.stderr.trim().split("\n").slice(-3).join(" | ") || `exit ${child.status}`);
  return {
    contender,
    workload,
    ops: 0,
    totalOps: 0,
    seconds: 0,
    opsPerSec: 0,
    capped: false,
    peakBytes: null,
    runs: 0,
    error: why,
  };
}

function millions(opsPerSec: number): string {
  return `${(opsPerSec / 1e6).toFixed(2)} M`;
}

function mebibytes(bytes: number | null): string {
  return bytes === null ? "-" : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

function printTable(results: BenchResult[], options: Options): void {
  const find = (c: string, w: WorkloadName) => results.find((r) => r.contender === c && r.workload === w);
  const floorRate = (w: WorkloadName) => find("floor", w)?.opsPerSec ?? 0;
  const header = ["contender", ...options.workloads.flatMap((w) => [`${w} ops/s`, "x floor", "peak"])];
  const rows: string[][] = [header];
  for (const c of options.contenders) {
    const row: string[] = [c];
    for (const w of options.workloads) {
      const r = find(c, w);
      if (r === undefined || r.error !== undefined) {
        row.push("error", "-", "-");
        continue;
      }
      const floor = floorRate(w);
      row.push(
        millions(r.opsPerSec) + (r.capped ? "*" : ""),
        floor > 0
          ? r.opsPerSec / floor >= 10
            ? (r.opsPerSec / floor).toFixed(1)
            : (r.opsPerSec / floor).toFixed(2)
          : "-",
        mebibytes(r.peakBytes),
      );
    }
    rows.push(row);
  }
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  "),
  );
  lines.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  console.log(lines.join("\n"));
  console.log(
    "\n  peak = the most bytes the contender held from below (mapped pages, pool top, floor's bump pointer)",
  );
  for (const r of results) {
    if (r.capped) {
      console.log(
        `  * ${r.contender} ${r.workload}: stopped by the ${options.capSeconds} s cap after ` +
          `${r.ops.toLocaleString("en-US")} of ${r.totalOps.toLocaleString("en-US")} operations`,
      );
    }
    if (r.error !== undefined) console.log(`  ! ${r.contender} ${r.workload}: ${r.error}`);
  }
  const checks = TARGETS.filter(
    (t) => options.contenders.includes(t.contender) && options.workloads.includes(t.workload),
  );
  if (checks.length > 0) console.log("\ntargets (ratio to the floor):");
  for (const t of checks) {
    const r = find(t.contender, t.workload);
    const floor = floorRate(t.workload);
    if (r === undefined || r.error !== undefined || floor === 0) {
      console.log(`  ${t.contender} ${t.workload}: no figure`);
      continue;
    }
    const ratio = r.opsPerSec / floor;
    console.log(
      `  ${t.contender} ${t.workload}: ${ratio.toFixed(2)}x (target >= ${t.ratio}x) ${ratio >= t.ratio ? "met" : "MISSED"}`,
    );
  }
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const results: BenchResult[] = [];
  if (!options.json) {
    console.log(
      `pymalloc allocator benchmark: Node ${process.version}, ${process.platform}/${process.arch}; ` +
        "one process per contender and workload; warm-up, then the best of up to 5 measured runs\n",
    );
  }
  for (const w of options.workloads) {
    for (const c of options.contenders) {
      const r = runPair(c, w, options.capSeconds);
      results.push(r);
      if (!options.json)
        process.stderr.write(`  ${w} ${c.padEnd(20)} ${r.error ? "error" : millions(r.opsPerSec)}\n`);
    }
  }
  if (options.json) console.log(JSON.stringify(results, null, 2));
  else {
    console.log("");
    printTable(results, options);
    const cores = availableParallelism();
    const load = loadavg()[0]!;
    if (load > cores / 2) {
      console.log(
        `\nnote: load average ${load.toFixed(1)} on ${cores} cores while running: other processes ` +
          "competed for the CPU, so the rates are noisy: run again on a quiet machine for figures to quote.",
      );
    }
  }
}

main();
