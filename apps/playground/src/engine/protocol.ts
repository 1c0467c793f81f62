/**
 * The messages between the page and the interpreter's worker. The worker is stateless
 * between requests: every request builds a fresh runtime and runs the program from the start,
 * so "step N" and "back to the start" are the same operation with another N, and Stop is
 * `worker.terminate()` (the page then starts a new worker).
 *
 * ```
 *  page ──run { id, source, composition, stopAt: N | null, focus }──► worker
 *  page ◄──output { id, stream, text } (as the program prints, batched)──
 *  page ◄──progress { id, event } (while a long run goes on)──
 *  page ◄──snapshot { id, snapshot } | failed { id, message }── (one per request)
 * ```
 *
 * @module
 */
import type { Composition } from "./composition";
import type { StepSnapshot } from "./snapshot-types";

/** Runs a program from the start, stopping before line event `stopAt` (null: to its end). */
export interface RunRequest {
  kind: "run";
  /** Request id, echoed in every reply. */
  id: number;
  /** Python source. */
  source: string;
  /** What to run it on. */
  composition: Composition;
  /** Line events to run before stopping (the snapshot shows the state before event stopAt + 1 runs), or null. */
  stopAt: number | null;
  /** Object whose neighbourhood the graph shows when the heap is large (0: the first variable's). */
  focus: number;
}

/** Text the program printed. */
export interface OutputMessage {
  kind: "output";
  id: number;
  stream: "stdout" | "stderr";
  text: string;
}

/** A long run's progress. */
export interface ProgressMessage {
  kind: "progress";
  id: number;
  /** Line events so far. */
  event: number;
}

/** The state where the run stopped. */
export interface SnapshotMessage {
  kind: "snapshot";
  id: number;
  snapshot: StepSnapshot;
}

/** The request could not run (the engine refused the program, or the composition is invalid). */
export interface FailedMessage {
  kind: "failed";
  id: number;
  message: string;
}

/** Anything the worker sends. */
export type WorkerReply = OutputMessage | ProgressMessage | SnapshotMessage | FailedMessage;
