/**
 * The one place the playground meets @pymem/python, and where it picks the engine of each
 * request.
 *
 * A step is "run with a trace hook and stop at line event N". The interpreter's `runPython`
 * runs any program to its end today; stepping it needs, besides the contract's options:
 *
 * ```
 *  runPython(source, { runtime, filename, stdout, stderr,
 *                      trace: (event, line) => void })   "line" before each statement; an
 *                                                        exception thrown by trace ends the
 *                                                        run and propagates out of runPython
 *  export const supportsTrace = true                     so this module can tell
 *  the frames' variables at a trace event                (for the frames panel; the graph
 *                                                        finds the rest by itself)
 * ```
 *
 * Until then: Run executes every program with `runPython` (the snapshot shows the heap at
 * the end); stepping runs the menu's examples through runtime-script-engine.ts, which drives
 * the runtime's TypeScript API line by line, and refuses other programs.
 *
 * @module
 */
import * as python from "@pymem/python";
import { type RunPythonOptions, runPython } from "@pymem/python";
import type { ProgramContext, ProgramEngine } from "./program-engine";
import { runtimeScriptEngine, scriptFor } from "./runtime-script-engine";

/** `runPython`'s options with the trace hook the playground steps with. */
type TracedOptions = RunPythonOptions & { trace?: (event: string, line: number) => void };

/** Whether this build's interpreter declares trace support (`export const supportsTrace = true`). */
function supportsTrace(): boolean {
  return (python as { supportsTrace?: unknown }).supportsTrace === true;
}

/** The interpreter as an engine: traced when the interpreter supports it. */
export const pythonEngine: ProgramEngine = {
  name: "@pymem/python",
  accepts: () => true,
  run(source: string, context: ProgramContext): number {
    const options: TracedOptions = {
      filename: "program.py",
      runtime: context.runtime,
      stdout: context.stdout,
      stderr: context.stderr,
      trace: (event, line) => {
        if (event === "line") context.onLine(line);
      },
    };
    return runPython(source, options).exitCode;
  },
};

/**
 * The engine for a request: the interpreter when it can stop where asked (it traces, or the
 * request runs to the end), the examples' runtime scripts for steps; otherwise a sentence
 * saying why the request cannot run.
 */
export function chooseEngine(source: string, stopAt: number | null): ProgramEngine | string {
  if (supportsTrace() || stopAt === null) return pythonEngine;
  if (scriptFor(source) !== undefined) return runtimeScriptEngine;
  return "Stepping needs the interpreter's trace hook, which @pymem/python does not offer yet: Run runs this program to its end, and the examples step line by line through the runtime's API.";
}
