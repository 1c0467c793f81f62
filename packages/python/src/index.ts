/**
 * `@pymem/python`: Python programs run on the pymem heap.
 *
 * @module
 */
export type { PythonTracer, TraceLocation } from "./interp/tracing";
export { PySyntaxError } from "./parse/parse";
export type { RunPythonOptions, RunPythonResult } from "./run-python";
export { PythonSession, runPython } from "./run-python";
