/**
 * Runs one command line and turns every outcome into an exit code, printing at most one
 * error line.
 *
 * ```
 *  argv --commander--> command action --> output on stdout
 *          |                 |
 *          |                 +-- CliError (UsageError 2, RunError 1)   -> "pymem: error: ..." , its code
 *          |                 +-- ConfigurationError / SizeError        -> usage error, 2
 *          |                 +-- MemoryError / other PymemError        -> run error, 1
 *          |                 +-- anything else                         -> "internal error: ...", 1
 *          +-- CommanderError: --help / --version                      -> 0
 *                              unknown command / option, bad value     -> one line, 2
 *                              (help <unknown> is parsed as <unknown>: the same one line)
 * ```
 *
 * @module
 */
import { ConfigurationError, PymemError, SizeError } from "@pymem/core";
import { type Command, CommanderError } from "commander";
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, errorLine } from "./cli-error";
import type { CliIo } from "./io";
import { createProgram } from "./program";

/** The exit code and message for an error thrown by a command. */
export function classifyError(error: unknown): { exitCode: number; message: string } {
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  if (error instanceof ConfigurationError || error instanceof SizeError) {
    return { exitCode: EXIT_USAGE, message: error.message };
  }
  if (error instanceof PymemError) return { exitCode: EXIT_FAILURE, message: error.message };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { exitCode: EXIT_FAILURE, message: `internal error: ${message}` };
}

/**
 * Whether `args` is `help <name>` for a name that is no command. Commander would print the
 * whole program help on stderr for it; parsed as `<name>` instead, it gets the one-line
 * "unknown command" error (with a suggestion) that `pymem <name>` gets.
 */
function unknownHelpTopic(program: Command, args: readonly string[]): boolean {
  const [first, topic] = args;
  if (first !== "help" || topic === undefined || topic.startsWith("-")) return false;
  return !program.commands.some((c) => c.name() === topic || c.aliases().includes(topic));
}

/**
 * Runs the command line `args` (without the node and script paths).
 * @returns the exit code
 * @example
 * ```ts
 * process.exitCode = main(["run", "trees", "--scale", "0.1"], { stdout: process.stdout, stderr: process.stderr, env: process.env });
 * ```
 */
export function main(args: readonly string[], io: CliIo): number {
  const program = createProgram(io);
  try {
    program.parse(unknownHelpTopic(program, args) ? args.slice(1) : args, { from: "user" });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    const { exitCode, message } = classifyError(error);
    if (message !== "") io.stderr.write(errorLine(message));
    return exitCode;
  }
}
