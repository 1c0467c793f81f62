/**
 * What long-running work reports its progress to. Workloads and trace replay call
 * {@link ProgressSink.update} every so often; the command decides whether a bar is drawn.
 *
 * @module
 */

/** Receives progress reports; must be cheap enough to call once per unit of work. */
export interface ProgressSink {
  /** `done` of `total` units of work are finished (`0 <= done <= total`). */
  update(done: number, total: number): void;
}

/** A sink that ignores every report (used for `--json`, non-TTY output and tests). */
export const SILENT_PROGRESS: ProgressSink = Object.freeze({
  update(): void {},
});
