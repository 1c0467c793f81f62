/**
 * What a command runs: a built-in workload or a trace file, chosen from the positional
 * argument and `--trace`.
 *
 * ```
 *  pymem run trees                 -> workload "trees"
 *  pymem run --trace app.jsonl     -> trace app.jsonl (read and validated before anything runs)
 *  pymem run                       -> usage error: name a workload or give --trace
 *  pymem run trees --trace x       -> usage error: one or the other
 *  pymem run program.py            -> the workload the program loader makes of the file
 *                                     (registered by a Python front end), or a usage error
 * ```
 *
 * A Python program is a workload like the built-in ones: the loader parses the file once and
 * returns a {@link Workload} whose `run` executes it on the runtime it is given, so `run`,
 * `stats` and `compare program.py --with cpython313 --with cpython314` need nothing else.
 *
 * @module
 */
import { UsageError } from "./cli-error";
import type { Trace } from "./trace";
import { readTrace } from "./trace-parser";
import type { Workload } from "./workload";
import { findWorkload, WORKLOAD_NAMES } from "./workloads/registry";

/** Makes a workload of a Python program file (throws a UsageError for a malformed program). */
export type ProgramLoader = (path: string) => Workload;

let programLoader: ProgramLoader | null = null;

/**
 * Registers how `.py` targets become workloads (what a Python front end provides); null
 * removes it.
 */
export function setProgramLoader(loader: ProgramLoader | null): void {
  programLoader = loader;
}

/** A built-in workload or a parsed trace. */
export type RunTarget = { kind: "workload"; workload: Workload } | { kind: "trace"; trace: Trace };

/**
 * Resolves the positional workload name and `--trace` into a target.
 * @throws UsageError when both or neither are given, for an unknown workload, or for a bad trace
 */
export function resolveRunTarget(workload: string | undefined, tracePath: string | undefined): RunTarget {
  if (workload !== undefined && tracePath !== undefined) {
    throw new UsageError(
      `give either a workload or --trace, not both (got "${workload}" and --trace ${tracePath})`,
    );
  }
  if (tracePath !== undefined) return { kind: "trace", trace: readTrace(tracePath) };
  if (workload === undefined) {
    throw new UsageError(`missing workload: name one of ${WORKLOAD_NAMES.join(", ")}, or give --trace FILE`);
  }
  if (workload.endsWith(".py")) {
    if (programLoader === null) {
      throw new UsageError(`cannot run ${workload}: Python programs need the @pymem/python front end`);
    }
    return { kind: "workload", workload: programLoader(workload) };
  }
  const found = findWorkload(workload);
  if (found === undefined) {
    throw new UsageError(`unknown workload "${workload}": expected one of ${WORKLOAD_NAMES.join(", ")}`);
  }
  return { kind: "workload", workload: found };
}

/** The report's name of a target: the workload's name, or `trace:<file>`. */
export function targetName(target: RunTarget): string {
  return target.kind === "workload" ? target.workload.name : `trace:${target.trace.source}`;
}
