/**
 * The one place the playground meets @pymem/python. A step is "run with a trace hook and
 * stop at line event N", so the interpreter must offer, besides the contract's `runPython`:
 *
 * ```
 *  runPython(source, { runtime, filename, stdout, stderr,
 *                      trace: (event, line) => void })   event "line" before each line;
 *                                                        an exception thrown by trace ends
 *                                                        the run and propagates
 *  objects in the runtime's heap, made with ObjectSpace.newObject (the registry sees them)
 *  frames and the value stack reported as roots (RuntimeCore.forEachRoot / Frame)
 * ```
 *
 * While the installed @pymem/python lacks `runPython` or tracing, {@link pythonEngine}
 * returns null and the page runs the examples through runtime-script-engine.ts.
 *
 * @module
 */
import * as python from "@pymem/python";
import type { Runtime } from "@pymem/runtime";
import type { ProgramContext, ProgramEngine } from "./program-engine";

/** The options of `runPython` the playground uses. */
interface RunPythonOptions {
  filename: string;
  runtime: Runtime;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  trace: (event: string, line: number) => void;
}

type RunPython = (source: string, options: RunPythonOptions) => { exitCode: number };

/** Whether the interpreter declares trace support (`supportsTrace`) beside `runPython`. */
function interpreter(): RunPython | null {
  const api = python as unknown as { runPython?: RunPython; supportsTrace?: boolean };
  return typeof api.runPython === "function" && api.supportsTrace === true ? api.runPython : null;
}

/** The Python interpreter as an engine, or null when this build's @pymem/python cannot trace. */
export function pythonEngine(): ProgramEngine | null {
  const runPython = interpreter();
  if (runPython === null) return null;
  return {
    name: "@pymem/python",
    accepts: () => true,
    run(source: string, context: ProgramContext): number {
      return runPython(source, {
        filename: "program.py",
        runtime: context.runtime,
        stdout: context.stdout,
        stderr: context.stderr,
        trace: (event, line) => {
          if (event === "line") context.onLine(line);
        },
      }).exitCode;
    },
  };
}
