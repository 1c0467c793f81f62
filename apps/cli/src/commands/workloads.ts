/**
 * `pymem workloads`: lists the built-in workloads with what each is modelled on.
 *
 * @module
 */

import Table from "cli-table3";
import type { Command } from "commander";
import type { CliIo } from "../io";
import { WORKLOADS } from "../workloads/registry";

/** Registers `pymem workloads` on the program. */
export function registerWorkloadsCommand(program: Command, io: CliIo): void {
  program
    .command("workloads")
    .summary("list the built-in workloads")
    .description("List the built-in workloads, what each does and the real program it is modelled on.")
    .action(() => {
      const table = new Table({
        head: ["workload", "what it does", "modelled on"],
        style: { head: [], border: [], compact: true },
        wordWrap: true,
        colWidths: [11, 60, 30],
      });
      for (const w of WORKLOADS) table.push([w.name, w.summary, w.modelledOn]);
      io.stdout.write(`${table.toString()}\n`);
    });
}
