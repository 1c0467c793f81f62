/**
 * Python programs under `pymem run`: `pymem run program.py [args…]`, `pymem run -c "code"`
 * and `pymem run -` (the program on stdin), on the composition the run options describe,
 * with `--report` (the run report after the program) and `--map` (the heap map). The
 * program's own exit status becomes the command's: 0, 1 after an uncaught exception, n after
 * `sys.exit(n)`, 130 on Ctrl-C.
 *
 * ```
 *  pymem run app.py a b --preset classic --report
 *    → runPython(source of app.py, { argv: ["app.py", "a", "b"], runtime: createRuntime(classic…) })
 *    → stdout/stderr streamed; report tables printed after the program
 * ```
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { runPython } from "@pymem/python";
import { createRuntime } from "@pymem/runtime";
import { CliError, UsageError } from "./cli-error";
import { type Composition, describeComposition } from "./composition";
import { DEFAULT_CLI_CONFIG } from "./config";
import { renderHeapMap } from "./heap-map";
import type { CliIo } from "./io";
import { runtimeOptions, stackOf } from "./memory-stack";
import { poolCensus } from "./pool-census";
import { renderRunReport } from "./report-tables";
import { collectRunReport } from "./run-report";
import { objectsAllocated } from "./runner";

/** The end of a Python program whose exit status is not 0: carries the status, prints nothing. */
export class PythonProgramExit extends CliError {
  constructor(exitCode: number) {
    super("", exitCode);
  }
}

/** Whether a `run` target names a Python program rather than a built-in workload. */
export function isPythonTarget(target: string | undefined, code: string | undefined): boolean {
  return code !== undefined || target === "-" || target?.endsWith(".py") === true;
}

/** What a Python run needs from the command line. */
export interface PythonRunRequest {
  /** The file, `-` for stdin, or undefined with `code`. */
  readonly target: string | undefined;
  /** `-c` program text. */
  readonly code: string | undefined;
  /** Arguments after the program (sys.argv[1:]). */
  readonly args: readonly string[];
  /** The composition to run on. */
  readonly composition: Composition;
  /** Print the run report after the program. */
  readonly report: boolean;
  /** Print the heap map after the program. */
  readonly map: boolean;
}

/**
 * Runs a Python program; returns normally when it exits with status 0.
 * @throws PythonProgramExit with the program's status otherwise
 * @throws UsageError when the file cannot be read
 */
export function runPythonTarget(request: PythonRunRequest, io: CliIo): void {
  let source: string;
  let filename: string;
  if (request.code !== undefined) {
    source = request.code;
    filename = "<string>";
  } else if (request.target === "-") {
    source = readFileSync(0, "utf8");
    filename = "<stdin>";
  } else {
    const path = request.target!;
    if (!existsSync(path)) throw new UsageError(`can't open file '${path}': No such file or directory`);
    source = readFileSync(path, "utf8");
    filename = path;
  }
  const folder =
    request.target !== undefined && request.target !== "-" ? dirname(request.target) : process.cwd();
  const rt = createRuntime(runtimeOptions(request.composition));
  const before = objectsAllocated(rt);
  const t0 = performance.now();
  const result = runPython(source, {
    filename,
    argv: [request.code !== undefined ? "-c" : filename, ...request.args],
    runtime: rt,
    stdout: (text) => io.stdout.write(text),
    stderr: (text) => io.stderr.write(text),
    readModule: (name) => {
      const path = join(folder, `${name.replace(/\./g, "/")}.py`);
      return existsSync(path) ? readFileSync(path, "utf8") : undefined;
    },
  });
  const wallMs = performance.now() - t0;
  if (request.report) {
    const stack = stackOf(rt.parts);
    const report = collectRunReport(
      {
        workload: filename,
        composition: describeComposition(request.composition),
        seed: null,
        scale: null,
        wallMs,
        ops: objectsAllocated(rt) - before,
        generations: rt.gc.get_stats(),
      },
      stack,
    );
    io.stdout.write(renderRunReport(report));
  }
  if (request.map) {
    const stack = stackOf(rt.parts);
    io.stdout.write(
      stack.pymalloc === null
        ? `no heap map: ${describeComposition(request.composition)} allocates objects with the raw allocator, not pymalloc\n`
        : renderHeapMap(poolCensus(stack.pymalloc), {
            width: DEFAULT_CLI_CONFIG.heapMapWidth,
            maxLines: DEFAULT_CLI_CONFIG.heapMapMaxLines,
          }),
    );
  }
  if (result.exitCode !== 0) throw new PythonProgramExit(result.exitCode);
}
