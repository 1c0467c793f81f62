/**
 * The tracing hook: line, call and return events of the running program, and the heap's
 * allocation and collection events, for debuggers and the playground. Nothing is paid when no
 * one listens: line, call and return events exist only in code compiled for a tracer, and the
 * memory events are the runtime's `MemoryHooks`, whose dispatchers are null without listeners.
 *
 * ```
 *  runPython(src, { trace: { line(e) {...}, allocate(a, n) {...} } })
 *    compiled code:  L = 7; R.tracer.line(3, L);      (only with a tracer)
 *    heap:           rt.parts.hooks.on("allocate", ...), on("collectionStart" / "collectionStop", ...)
 * ```
 *
 * @module
 */
import type { Address } from "@pymem/core";
import type { CodeInfo } from "./interpreter";

/** Where an event happened. */
export interface TraceLocation {
  /** File of the code. */
  readonly filename: string;
  /** Function name (`<module>` for module code). */
  readonly function: string;
  /** 1-based line. */
  readonly line: number;
}

/** What a tracer may listen to; every member is optional. */
export interface PythonTracer {
  /** A statement is about to run. */
  line?(at: TraceLocation): void;
  /** A Python function (or module body) starts. */
  call?(at: TraceLocation): void;
  /** A Python function (or module body) ends, normally or by an exception. */
  return?(at: TraceLocation): void;
  /** The object domain handed out a block. */
  allocate?(address: Address, size: number): void;
  /** The object domain took a block back. */
  free?(address: Address, size: number): void;
  /** A cycle collection of `generation` starts. */
  collectionStart?(generation: number): void;
  /** A cycle collection ended. */
  collectionStop?(generation: number, collected: number, uncollectable: number): void;
}

/** Dispatches compiled code's events to a tracer (one per traced run). */
export class TraceDispatcher {
  private readonly tracer: PythonTracer;
  private readonly codes: readonly CodeInfo[];

  constructor(tracer: PythonTracer, codes: readonly CodeInfo[]) {
    this.tracer = tracer;
    this.codes = codes;
  }

  private at(code: number, line: number): TraceLocation {
    const c = this.codes[code]!;
    return { filename: c.filename, function: c.name, line };
  }

  /** A line event. */
  line(code: number, line: number): void {
    this.tracer.line?.(this.at(code, line));
  }

  /** A call event. */
  call(code: number, line: number): void {
    this.tracer.call?.(this.at(code, line));
  }

  /** A return event. */
  return(code: number, line: number): void {
    this.tracer.return?.(this.at(code, line));
  }
}
