/**
 * `runPython(source, options)`: parses, compiles and runs a program on a runtime's heap,
 * streaming its output; an uncaught exception is printed as CPython prints it (traceback
 * with file, line, function and source line) and gives exit code 1; `sys.exit(n)` gives n.
 *
 * ```
 *  source ─parse─► lezer tree ─compile─► JS functions (new Function) ─run─► heap objects
 *                        │ error node                                      │ uncaught
 *                        ▼                                                 ▼
 *              SyntaxError report, exit 1                 "Traceback (most recent call last):"
 * ```
 *
 * @module
 */
import { type Address, NULL } from "@pymem/core";
import { createRuntime, type Runtime, type RuntimeOptions } from "@pymem/runtime";
import { Compiler } from "./compile/compiler";
import { installBuiltins } from "./interp/builtins";
import { Classes } from "./interp/classes";
import { Interpreter, type InterpreterOptions } from "./interp/interpreter";
import { Operators } from "./interp/operators";
import { ExitProgram, type PyThrow } from "./interp/py-throw";
import { Subscripts } from "./interp/subscripts";
import { installText } from "./interp/text";
import { builtinModule, newModule } from "./modules/modules";
import { type LineMap, PySyntaxError, parseProgram } from "./parse/parse";
import { EXC } from "./types/exception-type";
import { TRACEBACK } from "./types/traceback-type";

/** Options of {@link runPython}. */
export interface RunPythonOptions {
  /** File name for tracebacks. @defaultValue "<string>" */
  readonly filename?: string;
  /** `sys.argv`. @defaultValue [filename] */
  readonly argv?: readonly string[];
  /** The runtime to run on; one is created when absent. */
  readonly runtime?: Runtime;
  /** Options for the runtime created when none is given. */
  readonly runtimeOptions?: RuntimeOptions;
  /** Receives program output. @defaultValue process.stdout.write where available */
  readonly stdout?: (text: string) => void;
  /** Receives error output. */
  readonly stderr?: (text: string) => void;
  /** Source of `import name` (the program's own modules), or undefined. */
  readonly readModule?: (name: string) => string | undefined;
}

/** What a run returns. */
export interface RunPythonResult {
  /** 0, 1 after an uncaught exception, n after `sys.exit(n)`. */
  readonly exitCode: number;
  /** The runtime the program ran on. */
  readonly runtime: Runtime;
}

function defaultWriter(stream: "stdout" | "stderr"): (text: string) => void {
  const proc = (
    globalThis as { process?: { stdout: { write(s: string): void }; stderr: { write(s: string): void } } }
  ).process;
  if (proc !== undefined) return (text) => proc[stream].write(text);
  return (text) => (stream === "stdout" ? console.log(text) : console.error(text));
}

/**
 * Runs a Python program.
 * @example
 * ```ts
 * const out: string[] = [];
 * runPython("import sys\na = []\nprint(sys.getrefcount(a))", { stdout: (s) => out.push(s) });
 * out.join(""); // "2\n"
 * ```
 */
export function runPython(source: string, options: RunPythonOptions = {}): RunPythonResult {
  const filename = options.filename ?? "<string>";
  const stdout = options.stdout ?? defaultWriter("stdout");
  const stderr = options.stderr ?? defaultWriter("stderr");
  const rt = options.runtime ?? createRuntime(options.runtimeOptions ?? {});
  const sources = new Map<string, LineMap>();
  let parsed: ReturnType<typeof parseProgram>;
  try {
    parsed = parseProgram(source, filename);
  } catch (e) {
    if (e instanceof PySyntaxError) {
      stderr(e.format());
      return { exitCode: 1, runtime: rt };
    }
    throw e;
  }
  sources.set(filename, parsed.lines);
  const R = new Interpreter(rt, {
    stdout,
    stderr,
    argv: options.argv ?? [filename],
    readModule: options.readModule ?? (() => undefined),
  });
  setUp(R, sources);
  const [main, globals] = newModule(R, "__main__");
  R.storeName(globals, "__builtins__", R.ref(R.builtinsModule));
  R.storeName(globals, "__file__", R.str(filename));
  R.modules.set("__main__", main);
  R.currentGlobals = globals;
  let exitCode = 0;
  try {
    const compiler = new Compiler(R, source, filename, parsed.lines);
    const code = compiler.compileModule(parsed.tree.topNode);
    R.codes[code]!.run(globals);
  } catch (e) {
    exitCode = report(R, e, stderr);
  }
  return { exitCode, runtime: rt };
}

/** Prints an uncaught exception; returns the exit code. */
function report(R: Interpreter, e: unknown, stderr: (text: string) => void): number {
  if (e instanceof PySyntaxError) {
    stderr(e.format());
    return 1;
  }
  if (e instanceof ExitProgram) return e.code;
  let t: PyThrow;
  try {
    t = R.toThrow(e);
  } catch (inner) {
    if (inner instanceof PySyntaxError) {
      stderr(inner.format());
      return 1;
    }
    throw inner;
  }
  const exc = t.exc;
  const cls = R.classOf(exc);
  if (cls.isSubclassOf(R.exc.SystemExit!)) {
    const args = R.slotOfExceptions().get(exc, EXC.args);
    const code = R.tuples.length(args) > 0 ? R.tuples.item(args, 0) : R.None;
    if (code === R.None) return 0;
    if (R.isInt(code)) return R.toNumber(code);
    stderr(`${R.strOf(code)}\n`);
    return 1;
  }
  stderr(R.formatException(exc));
  R.rc.decref(exc);
  return cls.isSubclassOf(R.exc.KeyboardInterrupt!) ? 130 : 1;
}

/**
 * An interpreter over `rt` with its builtins, ready to compile and run code (what
 * {@link runPython} uses; also the entry point for embedding and measurements).
 */
export function createInterpreter(rt: Runtime, options: Partial<InterpreterOptions> = {}): Interpreter {
  const R = new Interpreter(rt, {
    stdout: options.stdout ?? defaultWriter("stdout"),
    stderr: options.stderr ?? defaultWriter("stderr"),
    argv: options.argv ?? [""],
    readModule: options.readModule ?? (() => undefined),
  });
  setUp(R, new Map());
  return R;
}

/** Wires the interpreter's parts together and makes the builtins. */
function setUp(R: Interpreter, sources: Map<string, LineMap>): void {
  R.ops = new Operators(R);
  R.subs = new Subscripts(R);
  R.getitem = (obj, key) => R.subs.getitem(obj, key);
  R.classMaker = new Classes(R);
  R.classMaker.bootstrap();
  R.prepareMemoryError();
  R.stdoutObject = R.slot.object!.create();
  R.stderrObject = R.slot.object!.create();
  const [builtins, dict] = newModule(R, "builtins");
  R.builtinsModule = builtins;
  R.builtinsDict = dict;
  installBuiltins(R, R.ops, dict);
  installText(R);
  R.importModule = (name) => {
    const loaded = R.modules.get(name);
    if (loaded !== undefined) {
      R.rc.incref(loaded);
      return loaded;
    }
    let m = builtinModule(R, name);
    if (m === NULL) {
      const src = R.options.readModule(name);
      if (src === undefined) throw R.error("ModuleNotFoundError", `No module named '${name}'`);
      const file = `${name}.py`;
      const parsed = parseProgram(src, file);
      sources.set(file, parsed.lines);
      const [mod, d] = newModule(R, name);
      R.storeName(d, "__file__", R.str(file));
      R.modules.set(name, mod);
      R.rc.incref(mod);
      const code = new Compiler(R, src, file, parsed.lines).compileModule(parsed.tree.topNode);
      R.codes[code]!.run(d);
      m = mod;
    } else {
      R.modules.set(name, m);
      R.rc.incref(m);
    }
    return m;
  };
  R.formatException = (exc) => formatException(R, exc, sources);
}

/** CPython's traceback report of `exc`, with its cause or context first. */
function formatException(
  R: Interpreter,
  exc: Address,
  sources: Map<string, LineMap>,
  seen = new Set<Address>(),
): string {
  seen.add(exc);
  const t = R.slotOfExceptions();
  let out = "";
  const cause = t.get(exc, EXC.cause);
  const context = t.get(exc, EXC.context);
  if (cause !== NULL && !seen.has(cause)) {
    out += formatException(R, cause, sources, seen);
    out += "\nThe above exception was the direct cause of the following exception:\n\n";
  } else if (context !== NULL && t.get(exc, EXC.suppressContext) === 0 && !seen.has(context)) {
    out += formatException(R, context, sources, seen);
    out += "\nDuring handling of the above exception, another exception occurred:\n\n";
  }
  let tb = t.get(exc, EXC.traceback);
  if (tb !== NULL) out += "Traceback (most recent call last):\n";
  const tbs = R.slot.traceback!;
  while (tb !== NULL) {
    const code = R.codes[tbs.get(tb, TRACEBACK.code)]!;
    const line = tbs.get(tb, TRACEBACK.lineno);
    out += `  File "${code.filename}", line ${line}, in ${code.name}\n`;
    const text = sources.get(code.filename)?.text(line).trim();
    if (text !== undefined && text !== "") out += `    ${text}\n`;
    tb = tbs.get(tb, TRACEBACK.next);
  }
  const cls = R.classOf(exc);
  const msg = R.strOf(exc);
  const name =
    cls.module === "builtins" || cls.module === "__main__" ? cls.qualname : `${cls.module}.${cls.qualname}`;
  out += msg === "" ? `${name}\n` : `${name}: ${msg}\n`;
  return out;
}
