/**
 * The `pymem` command line: commands, options and help, declared with commander.
 *
 * ```
 *  pymem tour                               guided walk through CPython's memory management
 *  pymem run [workload] [options]           run a workload (or --trace FILE), print the report
 *  pymem compare [workload] --with "<opts>" --with "<opts>" ...   side-by-side report
 *  pymem stats [workload] [options]         sys._debugmallocstats() after the workload
 *  pymem workloads                          list the built-in workloads
 * ```
 *
 * Commander raises instead of exiting (`exitOverride`) so that `main` decides exit codes, and
 * every error it prints goes through {@link errorLine}: one line, `pymem: error: ...`.
 *
 * @module
 */
import { Command } from "commander";
import packageJson from "../package.json";
import { errorLine } from "./cli-error";
import { registerCompareCommand } from "./commands/compare";
import { registerReplCommand } from "./commands/repl";
import { registerRunCommand } from "./commands/run";
import { registerStatsCommand } from "./commands/stats";
import { registerTourCommand } from "./commands/tour";
import { registerWorkloadsCommand } from "./commands/workloads";
import type { CliIo } from "./io";

/** Version printed by `pymem --version`. */
export const VERSION: string = packageJson.version;

/**
 * Builds the program for one invocation.
 * @param io - where output, errors and the progress bar go
 */
export function createProgram(io: CliIo): Command {
  const program = new Command("pymem")
    .description(
      "CPython's memory management rebuilt in TypeScript: tour it, run workloads on any composition of " +
        "raw allocator, pymalloc, free lists and cycle collector, compare compositions, replay traces.",
    )
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .helpCommand("help [command]", "show help for a command")
    .addHelpText("after", "\nStart with: pymem tour")
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(errorLine(text)),
    });
  registerTourCommand(program, io);
  registerRunCommand(program, io);
  registerReplCommand(program, io);
  registerCompareCommand(program, io);
  registerStatsCommand(program, io);
  registerWorkloadsCommand(program, io);
  return program;
}
