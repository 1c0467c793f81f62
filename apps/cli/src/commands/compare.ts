/**
 * `pymem compare [workload] --with "<options>" --with "<options>" ...`: the same workload (or
 * trace) on several compositions, one side-by-side table (or `--json`).
 *
 * Every composition is parsed before anything runs, so a typo in the third `--with` is
 * reported at once; the runs then go one after the other, each on a fresh runtime. Before any
 * run is timed, the workload runs once untimed on every composition at a tenth of the scale
 * (but at least scale 0.1, or the whole scale when that is smaller), so that the JavaScript
 * engine has compiled every composition's code paths and the first column is not penalised
 * for warming up (traces are not warmed up: an untimed replay would double their cost).
 *
 * @module
 */
import { strategyNames } from "@pymem/runtime";
import { type Command, Option } from "commander";
import { UsageError } from "../cli-error";
import {
  addWorkloadOptions,
  progressFor,
  WORKLOAD_ARGUMENT_HELP,
  type WorkloadCommandOptions,
  writeJson,
} from "../command-support";
import { PRESET_NAMES, parseWithOptions } from "../composition";
import { DEFAULT_CLI_CONFIG } from "../config";
import type { CliIo } from "../io";
import { ComparisonPlot } from "../plot/comparison-plot";
import { type ProgressSink, SILENT_PROGRESS } from "../progress-sink";
import { renderComparison } from "../report-tables";
import type { RunReport } from "../run-report";
import { resolveRunTarget, targetName } from "../run-target";
import { execute } from "../runner";

/** Options of `pymem compare`. */
interface CompareOptions extends WorkloadCommandOptions {
  /** The compositions' option strings (undefined when none was given). */
  with?: string[];
  /** Where to draw bytes in use and collections over each run (.svg or .html). */
  plot?: string;
}

/** Fewest compositions a comparison needs. */
const MIN_COMPOSITIONS = 2;
/** Scale of the untimed warm-up run, relative to the timed one. */
const WARMUP_FRACTION = 0.1;
/**
 * Least scale of a warm-up run (or the timed run's scale, if smaller): a tenth of a small run
 * is too little work for the engine to finish compiling, and the first column would pay for it.
 */
const MIN_WARMUP_SCALE = 0.1;

/** Scale of the warm-up run before a timed run at `scale`. */
function warmupScale(scale: number): number {
  return Math.min(scale, Math.max(scale * WARMUP_FRACTION, MIN_WARMUP_SCALE));
}

/** Registers `pymem compare` on the program. */
export function registerCompareCommand(program: Command, io: CliIo): void {
  const command = program
    .command("compare")
    .summary("run the same workload on several compositions, side by side")
    .description(
      "Run one workload (or trace) on each composition given with --with and print one side-by-side table. " +
        "Each --with takes composition options in one quoted string.",
    )
    .addHelpText(
      "after",
      "\nComposition options inside --with (as for `pymem run`), or a preset's name alone:\n" +
        `  --preset ${PRESET_NAMES.join("|")}\n` +
        "  --raw tlsf|first-fit   --allocator pymalloc|raw\n" +
        `  --free-lists on|off   --gc ${strategyNames("gc").join("|")}   --arena-size <bytes>\n` +
        "  --pool-size <bytes>   --alignment <bytes>   --threshold <a,b,c>\n" +
        "\nExamples:\n" +
        '  pymem compare trees --with "--preset cpython311" --with "--preset classic" --with "--allocator raw"\n' +
        '  pymem compare cycles --with "--gc generational" --with "--gc mark-sweep" --with "--gc none"\n' +
        "  pymem compare cycles --with cpython313 --with cpython314 --plot versions.svg",
    )
    .argument("[workload]", WORKLOAD_ARGUMENT_HELP)
    .addOption(
      new Option(
        "--with <options>",
        'a composition: run options in one string, e.g. "--raw first-fit --gc none" (give two or more)',
      ).argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]),
    );
  addWorkloadOptions(command)
    .addOption(new Option("--json", "print the reports as JSON (no progress bar)"))
    .addOption(new Option("--plot <file>", "draw bytes in use and collections over each run (.svg or .html)"))
    .action((workload: string | undefined, options: CompareOptions) => {
      const given = options.with ?? [];
      if (given.length < MIN_COMPOSITIONS) {
        throw new UsageError(
          `compare needs at least ${MIN_COMPOSITIONS} compositions, got ${given.length}: give --with "<options>" once per composition`,
        );
      }
      const compositions = given.map(parseWithOptions);
      const plot = ComparisonPlot.from(options.plot);
      const target = resolveRunTarget(workload, options.trace);
      const settings = (scale: number, progress: ProgressSink) => ({
        seed: options.seed,
        scale,
        progress,
        traceProgressMask: DEFAULT_CLI_CONFIG.traceProgressMask,
      });
      if (target.kind === "workload") {
        for (const composition of compositions) {
          execute(target, composition, settings(warmupScale(options.scale), SILENT_PROGRESS));
        }
      }
      const reports: RunReport[] = [];
      compositions.forEach((composition, i) => {
        const progress = progressFor(
          io,
          options.json === true,
          `${targetName(target)} ${i + 1}/${compositions.length}`,
        );
        try {
          const run = settings(options.scale, progress);
          reports.push(execute(target, composition, plot?.observe(run) ?? run).report);
        } finally {
          progress.stop();
        }
      });
      if (options.json === true) writeJson(io, { workload: reports[0]!.workload, reports });
      else io.stdout.write(renderComparison(reports));
      plot?.write(io, reports, options.json === true);
    });
}
