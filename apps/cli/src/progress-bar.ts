/**
 * The progress bar drawn on stderr during long runs, built on `cli-progress`.
 *
 * ```
 *  update(done, total)
 *     disabled (--json, stdout or stderr not a TTY)  -> return
 *     no bar yet and less than delayMs elapsed      -> return            (short runs draw nothing)
 *     no bar yet                                    -> create and start the bar
 *     bar                                           -> bar.update(done)  (cli-progress redraws at most every 100 ms)
 *  stop()                                           -> clear the bar's line, restore the cursor
 * ```
 *
 * Work in the CLI is synchronous, so `cli-progress`'s redraw timer never fires during a run;
 * its synchronous-update mode redraws from inside `update` instead.
 *
 * @module
 */
import cliProgress from "cli-progress";
import type { ProgressSink } from "./progress-sink";

/** Where and when the bar is drawn. */
export interface ProgressBarOptions {
  /** Stream the bar is drawn on (stderr). */
  stream: NodeJS.WritableStream;
  /** Whether a bar may be drawn at all. */
  enabled: boolean;
  /**
   * Milliseconds the work must last before the bar appears.
   * @defaultValue 1000
   */
  delayMs?: number;
  /**
   * Least milliseconds between redraws.
   * @defaultValue 100
   */
  redrawMs?: number;
  /**
   * Text left of the bar.
   * @defaultValue "running"
   */
  label?: string;
  /**
   * Clock in milliseconds.
   * @defaultValue performance.now
   */
  clock?: () => number;
}

/**
 * A progress sink that draws a `cli-progress` bar once the work has lasted long enough.
 * @example
 * ```ts
 * const bar = new ProgressBar({ stream: process.stderr, enabled: process.stderr.isTTY === true, label: "trees" });
 * try { workload.run(context(bar)); } finally { bar.stop(); }
 * ```
 */
export class ProgressBar implements ProgressSink {
  private readonly options: ProgressBarOptions;
  private readonly clock: () => number;
  private readonly delayMs: number;
  private readonly startedAt: number;
  /** The drawn bar: non-null iff the bar is on screen (enabled, delay passed, not stopped). */
  private bar: cliProgress.SingleBar | null = null;
  /** Total the bar was last given; meaningful iff `bar` is non-null. */
  private total = 0;

  constructor(options: ProgressBarOptions) {
    this.options = options;
    this.clock = options.clock ?? (() => performance.now());
    this.delayMs = options.delayMs ?? 1000;
    this.startedAt = this.clock();
  }

  /** Whether the bar has been drawn. */
  get shown(): boolean {
    return this.bar !== null;
  }

  /** Reports `done` of `total`; draws the bar once the delay has passed, then redraws it. */
  update(done: number, total: number): void {
    if (!this.options.enabled) return;
    if (this.bar === null) {
      if (this.clock() - this.startedAt < this.delayMs) return;
      this.bar = new cliProgress.SingleBar(
        {
          stream: this.options.stream,
          format: `${this.options.label ?? "running"} [{bar}] {percentage}% | {value}/{total} | {duration_formatted} elapsed, eta {eta_formatted}`,
          fps: 1000 / (this.options.redrawMs ?? 100),
          hideCursor: true,
          clearOnComplete: true,
          gracefulExit: true,
          barsize: 30,
        },
        cliProgress.Presets.shades_classic,
      );
      this.total = total;
      this.bar.start(total, done);
      return;
    }
    if (total !== this.total) {
      this.total = total;
      this.bar.setTotal(total);
    }
    this.bar.update(done);
  }

  /** Removes the bar (if drawn). Safe to call more than once. */
  stop(): void {
    if (this.bar !== null) {
      this.bar.stop();
      this.bar = null;
    }
  }
}
