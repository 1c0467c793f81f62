/**
 * Tunables of the `pymem` command, their defaults and the constraints between them.
 *
 * ```
 *  progress bar     progressDelayMs        1000 ms   integer >= 0: runs shorter than this show no bar
 *                   progressRedrawMs        100 ms   integer >= 1, <= progressDelayMs when that is > 0
 *                   traceProgressMask      4095      2^k - 1: the replay checks the clock every 4096 events
 *  workloads        defaultSeed               1      integer 0 .. 2^32 - 1
 *                   defaultScale              1      0 < defaultScale <= maxScale
 *                   maxScale               1000      finite, > 0
 *  heap map         heapMapWidth             64      integer >= 8: pools per line (an arena wraps onto more lines)
 *                   heapMapMaxLines          64      integer >= 1: lines drawn before "... N more arenas"
 * ```
 *
 * {@link checkCliConfig} checks every constraint and raises `ConfigurationError` naming the
 * option; the command uses {@link DEFAULT_CLI_CONFIG}, which passes it.
 *
 * @module
 */
import { ConfigurationError } from "@pymem/core";

/** Tunables of the command. */
export interface CliConfig {
  /**
   * Milliseconds a run must last before its progress bar appears.
   * @defaultValue 1000
   */
  progressDelayMs: number;
  /**
   * Least milliseconds between two redraws of the progress bar.
   * @defaultValue 100
   */
  progressRedrawMs: number;
  /**
   * Trace replay reads the clock when `(event & traceProgressMask) === 0`: one less than a power of two.
   * @defaultValue 4095
   */
  traceProgressMask: number;
  /**
   * Seed of the workloads' random generator when `--seed` is not given.
   * @defaultValue 1
   */
  defaultSeed: number;
  /**
   * Workload size factor when `--scale` is not given.
   * @defaultValue 1
   */
  defaultScale: number;
  /**
   * Largest `--scale` accepted.
   * @defaultValue 1000
   */
  maxScale: number;
  /**
   * Pools drawn per line of the heap map; an arena with more pools wraps onto more lines.
   * @defaultValue 64
   */
  heapMapWidth: number;
  /**
   * Lines of pools the heap map draws before the remaining arenas are summarised in one line.
   * @defaultValue 64
   */
  heapMapMaxLines: number;
}

/** The configuration the command runs with. */
export const DEFAULT_CLI_CONFIG: Readonly<CliConfig> = Object.freeze({
  progressDelayMs: 1000,
  progressRedrawMs: 100,
  traceProgressMask: 4095,
  defaultSeed: 1,
  defaultScale: 1,
  maxScale: 1000,
  heapMapWidth: 64,
  heapMapMaxLines: 64,
});

/** Largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 2 ** 32 - 1;

/**
 * Checks every constraint of a configuration.
 * @returns the same configuration
 * @throws ConfigurationError naming the first option that breaks its constraint
 */
export function checkCliConfig(config: CliConfig): CliConfig {
  const { progressDelayMs, progressRedrawMs, traceProgressMask, defaultSeed, defaultScale, maxScale } =
    config;
  if (!(Number.isInteger(progressDelayMs) && progressDelayMs >= 0)) {
    throw new ConfigurationError("progressDelayMs", "an integer >= 0", progressDelayMs);
  }
  if (
    !(Number.isInteger(progressRedrawMs) && progressRedrawMs >= 1) ||
    (progressDelayMs > 0 && progressRedrawMs > progressDelayMs)
  ) {
    throw new ConfigurationError(
      "progressRedrawMs",
      "an integer from 1 to progressDelayMs",
      progressRedrawMs,
    );
  }
  if (
    !(
      Number.isInteger(traceProgressMask) &&
      traceProgressMask >= 0 &&
      (traceProgressMask & (traceProgressMask + 1)) === 0
    )
  ) {
    throw new ConfigurationError("traceProgressMask", "one less than a power of two", traceProgressMask);
  }
  if (!(Number.isInteger(defaultSeed) && defaultSeed >= 0 && defaultSeed <= MAX_SEED)) {
    throw new ConfigurationError("defaultSeed", `an integer from 0 to ${MAX_SEED}`, defaultSeed);
  }
  if (!(Number.isFinite(maxScale) && maxScale > 0)) {
    throw new ConfigurationError("maxScale", "a finite number > 0", maxScale);
  }
  if (!(Number.isFinite(defaultScale) && defaultScale > 0 && defaultScale <= maxScale)) {
    throw new ConfigurationError("defaultScale", `a number > 0 and <= maxScale (${maxScale})`, defaultScale);
  }
  if (!(Number.isInteger(config.heapMapWidth) && config.heapMapWidth >= 8)) {
    throw new ConfigurationError("heapMapWidth", "an integer >= 8", config.heapMapWidth);
  }
  if (!(Number.isInteger(config.heapMapMaxLines) && config.heapMapMaxLines >= 1)) {
    throw new ConfigurationError("heapMapMaxLines", "an integer >= 1", config.heapMapMaxLines);
  }
  return config;
}
