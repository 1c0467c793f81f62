/**
 * `pymem run [workload]`: runs one workload (or replays a trace) on one composition and
 * prints the report: tables, or JSON with `--json`; `--map` adds the heap map.
 *
 * @module
 */
import { type Command, Option } from "commander";
import { UsageError } from "../cli-error";
import {
  addWorkloadOptions,
  progressFor,
  WORKLOAD_ARGUMENT_HELP,
  type WorkloadCommandOptions,
  writeJson,
} from "../command-support";
import { addCompositionOptions, compositionFromOptions, describeComposition } from "../composition";
import { DEFAULT_CLI_CONFIG } from "../config";
import { renderHeapMap } from "../heap-map";
import type { CliIo } from "../io";
import { poolCensus } from "../pool-census";
import { isPythonTarget, runPythonTarget } from "../python-target";
import { renderRunReport } from "../report-tables";
import { resolveRunTarget, targetName } from "../run-target";
import { execute } from "../runner";

/** Options of `pymem run`. */
interface RunOptions extends WorkloadCommandOptions {
  /** Print the heap map after the report. */
  map?: boolean;
  /** Python program text (`-c`). */
  c?: string;
  /** Print the run report after a Python program. */
  report?: boolean;
}

/** Registers `pymem run` on the program. */
export function registerRunCommand(program: Command, io: CliIo): void {
  const command = program
    .command("run")
    .summary("run a workload or replay a trace, and report what the memory manager did")
    .description(
      "Run a built-in workload (or replay a trace with --trace) on a composition of the memory manager and " +
        "report wall time, ops/s, peak mapped bytes, arenas, pools per size class, collections per generation, " +
        "objects collected and fragmentation.",
    )
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  pymem run trees\n" +
        "  pymem run cycles --gc none --scale 0.5\n" +
        "  pymem run json --preset classic --map\n" +
        "  pymem run --trace app.jsonl --allocator raw --raw first-fit --json",
    )
    .argument("[workload]", `${WORKLOAD_ARGUMENT_HELP}; or a Python program (file.py, - for stdin)`)
    .argument("[args...]", "arguments of a Python program (sys.argv[1:])");
  addCompositionOptions(command);
  addWorkloadOptions(command)
    .addOption(new Option("--map", "also print the heap map (one character per pymalloc pool)"))
    .addOption(new Option("--json", "print the report as JSON (no progress bar)"))
    .addOption(new Option("-c <code>", "run the Python program given as text"))
    .addOption(new Option("--report", "after a Python program, print the run report"))
    .action((workload: string | undefined, args: string[], options: RunOptions) => {
      if (isPythonTarget(workload, options.c)) {
        const composition = compositionFromOptions(options as unknown as Record<string, unknown>);
        const programArgs = options.c !== undefined && workload !== undefined ? [workload, ...args] : args;
        runPythonTarget(
          {
            target: options.c !== undefined ? undefined : workload,
            code: options.c,
            args: programArgs,
            composition,
            report: options.report === true,
            map: options.map === true,
          },
          io,
        );
        return;
      }
      if (args.length > 0) {
        throw new UsageError(`too many arguments for 'run'. Expected 1 argument but got ${1 + args.length}.`);
      }
      const target = resolveRunTarget(workload, options.trace);
      const composition = compositionFromOptions(options as unknown as Record<string, unknown>);
      const progress = progressFor(io, options.json === true, targetName(target));
      let outcome: ReturnType<typeof execute>;
      try {
        outcome = execute(target, composition, {
          seed: options.seed,
          scale: options.scale,
          progress,
          traceProgressMask: DEFAULT_CLI_CONFIG.traceProgressMask,
        });
      } finally {
        progress.stop();
      }
      const { report, stack } = outcome;
      let heapMap: string | null = null;
      if (options.map === true) {
        heapMap =
          stack.pymalloc === null
            ? `no heap map: ${describeComposition(composition)} allocates objects with the raw allocator, not pymalloc\n`
            : renderHeapMap(poolCensus(stack.pymalloc), {
                width: DEFAULT_CLI_CONFIG.heapMapWidth,
                maxLines: DEFAULT_CLI_CONFIG.heapMapMaxLines,
              });
      }
      if (options.json === true) {
        writeJson(io, heapMap === null ? report : { ...report, heapMap });
        return;
      }
      io.stdout.write(renderRunReport(report));
      if (heapMap !== null) io.stdout.write(`\n${heapMap}`);
    });
}
