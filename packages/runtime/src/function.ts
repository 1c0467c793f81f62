/**
 * Functions: a call opens a frame whose parameters hold the arguments as strong references
 * (the callee's locals), runs the body with it, hands the return value back as a new
 * reference and releases the frame — every local dropped, as returning from a Python
 * function does. The function itself is a JS object, not an object in the heap.
 *
 * ```
 *  Python                            TypeScript
 *  def count(x):                     const count = rt.def("count", ["x"], (f) =>
 *      return sys.getrefcount(x)         rt.sys.getrefcount(f.get("x")));
 *  a = []                            g.set("a", rt.list());
 *  count(a)          # 3             count.call(g.get("a")).toJS();   // 3
 *
 *  call(args):  frame ◄── args bound to params (owned handles moved in, others +1)
 *               result = body(frame)  ──► new reference (None for undefined)
 *               frame.release()       ──► locals dropped; the result survives
 * ```
 *
 * @module
 */
import { Frame } from "./frame";
import { PyObject, type PyValue } from "./handles/py-object";
import { PythonError } from "./python-error";
import type { RuntimeCore } from "./runtime-core";

/** What a function body receives and may return (nothing returns None). */
// biome-ignore lint/suspicious/noConfusingVoidType: a body without a return statement returns None
export type FunctionBody = (frame: Frame) => PyValue | undefined | void;

/**
 * A function made with `rt.def`: each {@link PyFunction.call} runs the body in a frame of
 * its own.
 * @example
 * ```ts
 * const pair = rt.def("pair", ["a", "b"], (f) => rt.tuple([f.get("a"), f.get("b")]));
 * using t = pair.call(1, "x"); // (1, 'x'), an owned handle
 * ```
 */
export class PyFunction {
  /** The function's name (`f.__name__`), also the name of its frames. */
  readonly name: string;
  /** Parameter names, in order. */
  readonly params: readonly string[];
  private readonly core: RuntimeCore;
  private readonly body: FunctionBody;
  private depth = 0;

  /** Use `rt.def`. */
  constructor(core: RuntimeCore, name: string, params: readonly string[], body: FunctionBody) {
    const seen = new Set<string>();
    for (const p of params) {
      if (seen.has(p))
        throw new PythonError("SyntaxError", `duplicate argument '${p}' in function definition`);
      seen.add(p);
    }
    this.core = core;
    this.name = name;
    this.params = Object.freeze([...params]);
    this.body = body;
  }

  /** Calls of this function under way (recursion depth). */
  get activeCalls(): number {
    return this.depth;
  }

  /**
   * `name(*args)`: binds each argument to its parameter in a new frame (an owned handle is
   * moved in, a borrowed one gets a new reference, a JS value is converted), runs the body,
   * and returns its result as an owned handle — a returned local survives the frame's
   * release. The frame is released on return and when the body throws.
   * @throws PythonError TypeError when the number of arguments does not match the parameters
   */
  call(...args: PyValue[]): PyObject {
    const n = this.params.length;
    if (args.length !== n) {
      throw new PythonError(
        "TypeError",
        `${this.name}() takes ${n} positional argument${n === 1 ? "" : "s"} but ${args.length} ${args.length === 1 ? "was" : "were"} given`,
      );
    }
    const core = this.core;
    const frame = new Frame(core, this.name);
    this.depth++;
    try {
      for (let i = 0; i < n; i++) frame.set(this.params[i]!, args[i]!);
      const result = this.body(frame);
      const returned = core.own(core.newRef(result === undefined ? null : result));
      if (result instanceof PyObject && result.owned) result.release();
      return returned;
    } finally {
      this.depth--;
      frame.release();
    }
  }
}
