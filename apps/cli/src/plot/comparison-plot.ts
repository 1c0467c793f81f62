/**
 * `pymem compare --plot <file>`: samples each timed run and writes the chart once all ran.
 *
 * ```
 *  const plot = ComparisonPlot.from(options.plot)      null without --plot; checks the extension first
 *  execute(target, c, plot?.observe(settings) ?? settings)   once per composition, in order
 *  plot?.write(io, reports, json)                      the file, then "plot: <path>" (stderr with --json)
 * ```
 *
 * @module
 */
import { resolve } from "node:path";
import type { CliIo } from "../io";
import type { RunReport } from "../run-report";
import type { RunSettings } from "../runner";
import { plotFormat, writePlot } from "./plot-file";
import { RunSampler, type RunSeries } from "./run-sampler";

/** The samplers of a comparison's runs and where their chart goes. */
export class ComparisonPlot {
  private readonly path: string;
  private readonly samplers: RunSampler[] = [];

  private constructor(path: string) {
    plotFormat(path);
    this.path = path;
  }

  /**
   * A plot for `--plot <path>`, or null when the option was not given.
   * @throws UsageError for an extension other than .svg / .html
   */
  static from(path: string | undefined): ComparisonPlot | null {
    return path === undefined ? null : new ComparisonPlot(path);
  }

  /** The settings of the next timed run, sampled. */
  observe(settings: RunSettings): RunSettings {
    const sampler = new RunSampler();
    this.samplers.push(sampler);
    return { ...settings, progress: sampler.wrap(settings.progress), observer: sampler };
  }

  /** Writes the chart of the sampled runs, labelled by their reports, and says where it went. */
  write(io: CliIo, reports: readonly RunReport[], json: boolean): void {
    const series = this.samplers.map((s, i): RunSeries & { label: string } => ({
      ...s.finish(),
      label: reports[i]?.composition ?? `run ${i + 1}`,
    }));
    const workload = reports[0]?.workload ?? "comparison";
    writePlot(this.path, `${workload}: bytes in use and collections`, series);
    (json ? io.stderr : io.stdout).write(`plot: ${resolve(this.path)}\n`);
  }
}
