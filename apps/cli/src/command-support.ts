/**
 * What the commands that run something share: reading the common options, and the progress
 * bar set up according to the output mode.
 *
 * ```
 *  progress bar   drawn on stderr iff stdout and stderr are terminals and --json is off, and only
 *                 once the run has lasted progressDelayMs (1 s; PYMEM_PROGRESS_DELAY_MS overrides)
 * ```
 *
 * @module
 */
import { type Command, Option } from "commander";
import type { Composition } from "./composition";
import { DEFAULT_CLI_CONFIG, MAX_SEED } from "./config";
import { type CliIo, progressAllowed } from "./io";
import { parseIntegerIn, parsePositiveNumber } from "./option-values";
import { ProgressBar } from "./progress-bar";
import { type RunTarget, targetName } from "./run-target";
import { execute, type RunOutcome } from "./runner";
import { WORKLOAD_NAMES } from "./workloads/registry";

/** Options of commands that run a workload or a trace. */
export interface WorkloadCommandOptions {
  /** Trace file to replay instead of a workload. */
  trace?: string;
  /** Seed. */
  seed: number;
  /** Scale. */
  scale: number;
  /** JSON output. */
  json?: boolean;
}

/** The progress bar delay: the configuration's, or `PYMEM_PROGRESS_DELAY_MS` when set to an integer >= 0. */
export function progressDelay(io: CliIo): number {
  const text = io.env.PYMEM_PROGRESS_DELAY_MS;
  if (text !== undefined && /^\d+$/.test(text)) return Number(text);
  return DEFAULT_CLI_CONFIG.progressDelayMs;
}

/** A progress bar for one run, enabled according to the output mode. */
export function progressFor(io: CliIo, json: boolean, label: string): ProgressBar {
  return new ProgressBar({
    stream: io.stderr,
    enabled: progressAllowed(io, json),
    delayMs: progressDelay(io),
    redrawMs: DEFAULT_CLI_CONFIG.progressRedrawMs,
    label,
  });
}

/**
 * Runs `target` on `composition` with the command's seed and scale, behind a progress bar
 * (drawn only when `json` is off and the terminal allows), stopped whatever happens.
 */
export function executeWithProgress(
  io: CliIo,
  json: boolean,
  target: RunTarget,
  composition: Composition,
  options: WorkloadCommandOptions,
): RunOutcome {
  const progress = progressFor(io, json, targetName(target));
  try {
    return execute(target, composition, {
      seed: options.seed,
      scale: options.scale,
      progress,
      traceProgressMask: DEFAULT_CLI_CONFIG.traceProgressMask,
    });
  } finally {
    progress.stop();
  }
}

/** Writes a value as indented JSON followed by a newline. */
export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Description of the positional workload argument, listing the workloads. */
export const WORKLOAD_ARGUMENT_HELP = `built-in workload: ${WORKLOAD_NAMES.join(", ")} (or give --trace FILE)`;

/** Options common to the commands that run something: --trace, --seed, --scale, --plugin. */
export function addWorkloadOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "--plugin <file>",
        "a module registering strategies, loaded before the other options are read (repeatable)",
      ).argParser((v: string, previous: string[] | undefined) => [...(previous ?? []), v]),
    )
    .addOption(
      new Option(
        "--trace <file>",
        "replay an alloc/free/realloc trace (JSON Lines; - for stdin) instead of a workload",
      ),
    )
    .addOption(
      new Option("--seed <n>", "seed of the workload's random choices")
        .argParser((v) => parseIntegerIn(v, 0, MAX_SEED))
        .default(DEFAULT_CLI_CONFIG.defaultSeed),
    )
    .addOption(
      new Option("--scale <x>", "workload size factor (0.1 = a tenth of the default work)")
        .argParser((v) => parsePositiveNumber(v, DEFAULT_CLI_CONFIG.maxScale))
        .default(DEFAULT_CLI_CONFIG.defaultScale),
    );
}
