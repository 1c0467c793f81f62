/**
 * The built-in workloads' contract: deterministic programs that run on a runtime, modelled on
 * real Python programs, sized by `--scale` and seeded by `--seed`.
 *
 * ```
 *  run(ctx) -> work happens through rt (objects in the heap, refcounts, collections)
 *              ctx.progress.update(step, steps) once per step
 *              long-lived data is left in rt.globals, so the report sees the heap as the
 *              program would leave it before exiting
 * ```
 *
 * Adding a workload: copy `workloads/churn.ts`, give it a name and a model, and list it in
 * `workloads/registry.ts`; the commands, their help and the README table pick it up from there.
 *
 * @module
 */
import type { Runtime } from "@pymem/runtime";
import type { ProgressSink } from "./progress-sink";
import type { Rng } from "./rng";

/** What a workload runs with. */
export interface WorkloadContext {
  /** The runtime composed from the command's options. */
  rt: Runtime;
  /** Seeded random choices (same seed, same program). */
  rng: Rng;
  /** Size factor: 1 is the default amount of work, 0.1 a tenth of it. */
  scale: number;
  /** Receives progress once per step. */
  progress: ProgressSink;
}

/** A built-in workload. */
export interface Workload {
  /** Name on the command line. */
  readonly name: string;
  /** One line for `--help` and `pymem workloads`. */
  readonly summary: string;
  /** The real program it is modelled on. */
  readonly modelledOn: string;
  /** Runs the workload on `ctx.rt`. */
  run(ctx: WorkloadContext): void;
}

/** `steps * scale` rounded, at least 1: the number of steps of a workload at a scale. */
export function scaledSteps(steps: number, scale: number): number {
  return Math.max(1, Math.round(steps * scale));
}
