/**
 * Entry point of the `pymem` executable.
 *
 * @module
 */
import { mainWithPlugins } from "./main";

// A closed pipe (`pymem stats trees | head`) ends the output quietly instead of crashing.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

process.exitCode = await mainWithPlugins(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
