/**
 * `pymem stats [workload]`: runs the workload (or trace) and prints what CPython's
 * `sys._debugmallocstats()` prints at that point: pymalloc's size-class table, arena and pool
 * counters and byte accounting, then the free lists.
 *
 * @module
 */

import { formatDebugMallocStats } from "@pymem/pymalloc";
import type { Command } from "commander";
import {
  addWorkloadOptions,
  executeWithProgress,
  WORKLOAD_ARGUMENT_HELP,
  type WorkloadCommandOptions,
} from "../command-support";
import { addCompositionOptions, compositionFromOptions } from "../composition";
import type { CliIo } from "../io";
import { resolveRunTarget } from "../run-target";

/** Registers `pymem stats` on the program. */
export function registerStatsCommand(program: Command, io: CliIo): void {
  const command = program
    .command("stats")
    .summary("print sys._debugmallocstats() after a workload or trace")
    .description(
      "Run a workload (or replay a trace) and print sys._debugmallocstats() as CPython 3.11 formats it: " +
        "pymalloc's size classes, arenas, pools and byte accounting, then the free lists.",
    )
    .addHelpText(
      "after",
      "\nExamples:\n  pymem stats strings\n  pymem stats trees --preset classic --scale 0.25",
    )
    .argument("[workload]", WORKLOAD_ARGUMENT_HELP);
  addCompositionOptions(command);
  addWorkloadOptions(command).action((workload: string | undefined, options: WorkloadCommandOptions) => {
    const target = resolveRunTarget(workload, options.trace);
    const composition = compositionFromOptions(options as unknown as Record<string, unknown>);
    const outcome = executeWithProgress(io, false, target, composition, options);
    const { runtime, stack } = outcome;
    if (runtime !== null) {
      io.stdout.write(runtime.sys._debugmallocstats());
    } else if (stack.pymalloc !== null) {
      io.stdout.write(formatDebugMallocStats(stack.pymalloc.stats()));
    } else {
      const s = stack.objectDomain.stats();
      io.stdout.write(
        `Object allocator "${s.name}": ${s.blocksInUse} blocks in use, ${s.bytesInUse} bytes in use, ${s.bytesReserved} bytes reserved\n`,
      );
    }
  });
}
