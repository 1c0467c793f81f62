/**
 * What runs a program: an engine executes Python source on a runtime, reporting every line
 * event to a tracer. Stepping is built on that alone — "step N" runs the program from the
 * start on a fresh runtime and stops at line event N, so going back is running again.
 *
 * ```
 *  engine.run(source, { runtime, stdout, stderr, onLine })
 *                                      │
 *                 line event k ────────┘ onLine(line): k < N → record, go on
 *                                                      k = N → snapshot, throw StopAtEvent
 * ```
 *
 * @module
 */
import type { Runtime } from "@pymem/runtime";

/** Thrown by a tracer to end a run at the requested line event (after its snapshot is taken). */
export class StopAtEvent extends Error {
  constructor(readonly event: number) {
    super(`stopped at line event ${event}`);
    this.name = "StopAtEvent";
  }
}

/** Where a program's run reports. */
export interface ProgramContext {
  /** The runtime the program runs on. */
  readonly runtime: Runtime;
  /** Receives text printed to stdout. */
  stdout(text: string): void;
  /** Receives text printed to stderr. */
  stderr(text: string): void;
  /** Called before each line runs (a `sys.settrace` "line" event); may throw {@link StopAtEvent}. */
  onLine(line: number): void;
}

/** Runs Python programs. */
export interface ProgramEngine {
  /** Which engine this is, shown beside the output. */
  readonly name: string;
  /** Whether this engine can run `source`; otherwise a sentence saying why not. */
  accepts(source: string): true | string;
  /**
   * Runs `source` to its end (or until the tracer throws).
   * @returns the exit code: 0, 1 after an uncaught exception, n for `sys.exit(n)`
   */
  run(source: string, context: ProgramContext): number;
}
