/**
 * What a contender process reports and how the runner finds it in the process's output.
 *
 * ```
 *  stdout of contender.ts:  ...anything...
 *                           BENCH_RESULT {"contender":"tlsf","workload":"W1","ops":4020000,...}
 * ```
 *
 * @module
 */
import type { WorkloadName } from "./trace";

/** Marker that starts the result line, so that the runner can skip anything else printed. */
export const RESULT_MARKER = "BENCH_RESULT ";

/** Names of every contender, in report order. */
export const CONTENDERS = [
  "floor",
  "pymalloc-3.11",
  "pymalloc-3.11-unchecked",
  "pymalloc-classic",
  "pymalloc-3.11+debug",
  "tlsf",
  "first-fit",
  "thi.ng-mempool",
  "uint8array-gc",
] as const;

/** A contender name. */
export type ContenderName = (typeof CONTENDERS)[number];

/** One measured run, as printed by the contender process. */
export interface BenchResult {
  /** Contender name. */
  contender: string;
  /** Workload name. */
  workload: WorkloadName;
  /** Operations (malloc + free) completed in the measured run. */
  ops: number;
  /** Operations in the full trace. */
  totalOps: number;
  /** Wall-clock seconds of the last measured run. */
  seconds: number;
  /** Operations per second of the fastest measured run. */
  opsPerSec: number;
  /** Number of measured runs (each on a fresh instance). */
  runs: number;
  /** True when the time cap stopped the run before the end of the trace. */
  capped: boolean;
  /** Highest number of bytes the contender held from below (mapped pages, pool top), when known. */
  peakBytes: number | null;
  /** Why the run failed, when it did. */
  error?: string;
}
