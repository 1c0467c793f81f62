/**
 * How the command ends: exit codes and the errors that carry them.
 *
 * ```
 *  exit 0  success (also --help, --version)
 *  exit 1  the run itself failed: the heap ran out, a workload raised
 *  exit 2  the command line or an input file is wrong: unknown command / option / workload,
 *          bad option value, malformed trace line (reported as file:line)
 * ```
 *
 * Every failure prints exactly one line on stderr, `pymem: error: <what>`, never a stack trace.
 *
 * @module
 */

/** Exit code of a successful command. */
export const EXIT_OK = 0;
/** Exit code of a run that failed (memory exhausted, a workload error). */
export const EXIT_FAILURE = 1;
/** Exit code of a usage error: bad command line or malformed input file. */
export const EXIT_USAGE = 2;

/** An error the CLI reports as one line and turns into an exit code. */
export class CliError extends Error {
  /** The process exit code this error ends the command with. */
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** A wrong command line or input file (exit code {@link EXIT_USAGE}). */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT_USAGE);
  }
}

/** A run that failed (exit code {@link EXIT_FAILURE}). */
export class RunError extends CliError {
  constructor(message: string) {
    super(message, EXIT_FAILURE);
  }
}

/** The one line printed for an error: `pymem: error: <message>` with newlines folded. */
export function errorLine(message: string): string {
  const text = message
    .replace(/^error:\s*/i, "")
    .replace(/\s*\n\s*/g, " ")
    .trim();
  return `pymem: error: ${text}\n`;
}
