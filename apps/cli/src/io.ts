/**
 * The process's streams and environment as the commands see them, so that what is printed
 * where (results on stdout, the progress bar and errors on stderr) is decided in one place.
 *
 * @module
 */

/** A writable text stream with the TTY flag Node sets on terminal streams. */
export interface TextStream {
  /** Writes text. */
  write(text: string): unknown;
  /** True when the stream is a terminal. */
  isTTY?: boolean;
}

/** Streams and environment of one command invocation. */
export interface CliIo {
  /** Results. */
  stdout: TextStream & NodeJS.WritableStream;
  /** Errors and the progress bar. */
  stderr: TextStream & NodeJS.WritableStream;
  /** Environment variables (`PYMEM_PROGRESS_DELAY_MS` overrides the progress bar delay). */
  env: Readonly<Record<string, string | undefined>>;
}

/** Whether a progress bar may be drawn: both streams are terminals and the output is not JSON. */
export function progressAllowed(io: CliIo, json: boolean): boolean {
  return !json && io.stdout.isTTY === true && io.stderr.isTTY === true;
}
