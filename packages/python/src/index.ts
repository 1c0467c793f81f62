/**
 * `@pymem/python`: Python programs run on the pymem heap.
 *
 * @module
 */
export { PySyntaxError } from "./parse/parse";
export type { RunPythonOptions, RunPythonResult } from "./run-python";
export { runPython } from "./run-python";
