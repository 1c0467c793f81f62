/**
 * `pymem tour`: prints the guided tour (see tour.ts).
 *
 * @module
 */
import type { Command } from "commander";
import type { CliIo } from "../io";
import { renderTour } from "../tour";

/** Registers `pymem tour` on the program. */
export function registerTourCommand(program: Command, io: CliIo): void {
  program
    .command("tour")
    .summary("a guided walk through how Python manages memory, computed live")
    .description(
      "A guided walk through CPython's memory management, every figure computed live: reference counts, " +
        "a cycle that only the cycle collector reclaims, generations and thresholds, then pymalloc's " +
        "arenas, pools and blocks after a workload, with a heap map.",
    )
    .action(() => {
      io.stdout.write(renderTour().text);
    });
}
