/**
 * The progress bar drawn on stderr during long runs, built on `cli-progress`.
 *
 * ```
 *  update(done, total)
 *     disabled (--json, stdout or stderr not a TTY)  -> return
 *     no bar yet and less than delayMs elapsed      -> return            (short runs draw nothing)
 *     no bar yet                                    -> create and start the bar
 *     bar, less than redrawMs since the last draw   -> return            (one clock read per call)
 *     bar                                           -> bar.update(done, elapsed) and redraw
 *  stop()                                           -> clear the bar's line
 * ```
 *
 * Work in the CLI is synchronous, so `cli-progress`'s redraw timer never fires during a run:
 * the bar is fed and redrawn from inside `update`, at most once per `redrawMs`. Feeding it
 * that often (not once per step) also gives its ETA, an average over the last `etaBuffer`
 * feeds, a window of seconds rather than of microseconds. The time shown counts from the
 * start of the work, not from when the bar appeared. The line fits 80 columns (a long label,
 * such as a trace's path, keeps its end).
 *
 * The bar leaves the terminal's modes alone (no hidden cursor, no disabled line wrapping)
 * and installs no signal handler: Ctrl-C during a synchronous run must end the process at
 * once, and a process ended that way cannot restore modes.
 *
 * @module
 */
import cliProgress from "cli-progress";
import { formatCount } from "./format";
import type { ProgressSink } from "./progress-sink";

/** Feeds the ETA is averaged over: with the default redraw interval, the last 3 seconds. */
const ETA_BUFFER = 30;
/** Characters of the bar itself. */
const BAR_WIDTH = 16;
/** Longest label drawn; a longer one (a trace's path) keeps its end. */
const MAX_LABEL = 20;

/** The label as drawn: at most {@link MAX_LABEL} characters, so the line fits 80 columns. */
function shortLabel(label: string): string {
  return label.length <= MAX_LABEL ? label : `…${label.slice(label.length - MAX_LABEL + 1)}`;
}

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
  private readonly redrawMs: number;
  private readonly startedAt: number;
  /** The drawn bar: non-null iff the bar is on screen (enabled, delay passed, not stopped). */
  private bar: cliProgress.SingleBar | null = null;
  /** Total the bar was last given; meaningful iff `bar` is non-null. */
  private total = 0;
  /** Clock reading of the last draw; meaningful iff `bar` is non-null. */
  private drawnAt = 0;
  /** What `cli-progress`'s time formatter reads: no padding, as in its own "eta". */
  private readonly timeFormat = { autopaddingChar: "" } as cliProgress.Options;

  constructor(options: ProgressBarOptions) {
    this.options = options;
    this.clock = options.clock ?? (() => performance.now());
    this.delayMs = options.delayMs ?? 1000;
    this.redrawMs = options.redrawMs ?? 100;
    this.startedAt = this.clock();
  }

  /** Whether the bar has been drawn. */
  get shown(): boolean {
    return this.bar !== null;
  }

  /** Reports `done` of `total`; draws the bar once the delay has passed, then redraws it. */
  update(done: number, total: number): void {
    if (!this.options.enabled) return;
    const now = this.clock();
    if (this.bar === null) {
      if (now - this.startedAt < this.delayMs) return;
      this.bar = new cliProgress.SingleBar(
        {
          stream: this.options.stream,
          format: `${shortLabel(this.options.label ?? "running")} [{bar}] {percentage}% {value}/{total} {elapsed}, eta {eta_formatted}`,
          fps: 1000 / this.redrawMs,
          etaBuffer: ETA_BUFFER,
          hideCursor: false,
          linewrap: true,
          clearOnComplete: true,
          gracefulExit: false,
          barsize: BAR_WIDTH,
          formatValue: (value, options, type) =>
            type === "value" || type === "total"
              ? formatCount(value)
              : cliProgress.Format.ValueFormat(value, options, type),
        },
        cliProgress.Presets.shades_classic,
      );
      this.total = total;
      this.drawnAt = now;
      this.bar.start(total, done, { elapsed: this.elapsed(now) });
      return;
    }
    if (now - this.drawnAt < this.redrawMs && done < total) return;
    this.drawnAt = now;
    if (total !== this.total) {
      this.total = total;
      this.bar.setTotal(total);
    }
    this.bar.update(done, { elapsed: this.elapsed(now) });
    this.bar.render();
  }

  /** Removes the bar (if drawn). Safe to call more than once. */
  stop(): void {
    if (this.bar !== null) {
      this.bar.stop();
      this.bar = null;
    }
  }

  /** Time since the work started, as the bar shows it. */
  private elapsed(now: number): string {
    return cliProgress.Format.TimeFormat(Math.round((now - this.startedAt) / 1000), this.timeFormat, 1);
  }
}
