/**
 * Reads and validates a JSON Lines allocation trace (format in `trace.ts`) into a columnar
 * {@link Trace}. Everything that can be wrong with the file is found here, before replay
 * touches the heap: the first problem is raised as a `UsageError` whose message starts with
 * `file:line:`.
 *
 * ```
 *  text --split lines--> JSON.parse --check op/id/size--> id -> slot (Map, parse time only)
 *       --liveness per slot (Uint8Array), line of last change (Uint32Array)--> columns
 * ```
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { UsageError } from "./cli-error";
import { MAX_TRACE_SIZE, OP_ALLOC, OP_FREE, OP_NAMES, OP_REALLOC, type Trace } from "./trace";

/** Columns start with room for this many events and double as needed. */
const INITIAL_CAPACITY = 1024;

function grownU8(a: Uint8Array<ArrayBuffer>, n: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}
function grownU32(a: Uint32Array<ArrayBuffer>, n: number): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(n);
  b.set(a);
  return b;
}
function grownF64(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

function lineError(source: string, line: number, problem: string): UsageError {
  // Control characters of binary junk quoted by JSON.parse's message would break the one line.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is replaced
  return new UsageError(`${source}:${line}: ${problem.replace(/[\u0000-\u001f\u007f]/g, "?")}`);
}

/**
 * A value as the message prints it: the field's own text in the line when there is one (so
 * `1e400` prints as written, not as JSON's `null` for Infinity), else its JSON, shortened.
 * Deeply nested values are never stringified recursively.
 */
function describe(value: unknown, line = "", field = ""): string {
  if (value === undefined) return "nothing";
  if (field !== "" && typeof value === "number") {
    const token = new RegExp(`"${field}"\\s*:\\s*(-?[0-9][0-9.eE+-]*)`).exec(line);
    if (token !== null) return shorten(token[1]!);
  }
  if (typeof value === "object" && value !== null && nestingDepth(value) > 8) {
    return Array.isArray(value) ? "a deeply nested array" : "a deeply nested object";
  }
  return shorten(JSON.stringify(value));
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** How deep arrays and objects nest in `value`, counted without recursion, up to 9. */
function nestingDepth(value: object): number {
  let level: object[] = [value];
  let depth = 0;
  while (level.length > 0 && depth <= 8) {
    depth++;
    const next: object[] = [];
    for (const v of level) {
      for (const child of Object.values(v)) if (typeof child === "object" && child !== null) next.push(child);
    }
    level = next;
  }
  return depth;
}

/**
 * Parses trace text.
 * @param text - the whole file
 * @param source - file name used in error messages
 * @throws UsageError `source:line: <problem>` for the first malformed or inconsistent line, or
 *   `source: the trace has no events` for a file that is empty or only blank lines
 * @example
 * ```ts
 * const trace = parseTrace('{"op":"alloc","id":1,"size":32}\n{"op":"free","id":1}\n', "t.jsonl");
 * trace.length; // 2
 * ```
 */
export function parseTrace(text: string, source: string): Trace {
  let capacity = INITIAL_CAPACITY;
  let ops = new Uint8Array(capacity);
  let slots = new Uint32Array(capacity);
  let sizes = new Float64Array(capacity);
  let lines = new Uint32Array(capacity);
  let slotCapacity = INITIAL_CAPACITY;
  let live = new Uint8Array(slotCapacity);
  let lastLine = new Uint32Array(slotCapacity);
  const slotOfId = new Map<number, number>();
  let length = 0;
  let liveCount = 0;

  let lineNumber = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    lineNumber++;
    const raw = text.slice(start, end).trim();
    start = end + 1;
    if (raw.length === 0) continue;

    let event: unknown;
    try {
      event = JSON.parse(raw);
    } catch (error) {
      throw lineError(source, lineNumber, `not valid JSON (${(error as Error).message})`);
    }
    if (event === null || typeof event !== "object" || Array.isArray(event)) {
      throw lineError(
        source,
        lineNumber,
        `expected a JSON object such as {"op":"alloc","id":1,"size":32}, got ${describe(event)}`,
      );
    }
    const record = event as Record<string, unknown>;
    const op = OP_NAMES.indexOf(record.op as string);
    if (typeof record.op !== "string" || op < 0) {
      throw lineError(
        source,
        lineNumber,
        `"op" must be "alloc", "free" or "realloc", got ${describe(record.op)}`,
      );
    }
    const id = record.id;
    if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) {
      throw lineError(
        source,
        lineNumber,
        `"id" must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}, got ${describe(id, raw, "id")}`,
      );
    }
    let size = 0;
    if (op !== OP_FREE) {
      const value = record.size;
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_TRACE_SIZE) {
        throw lineError(
          source,
          lineNumber,
          `"size" of ${OP_NAMES[op]} must be an integer from 0 to ${MAX_TRACE_SIZE}, got ${describe(value, raw, "size")}`,
        );
      }
      size = value as number;
    }

    let slot = slotOfId.get(id as number);
    if (slot === undefined) {
      slot = slotOfId.size;
      slotOfId.set(id as number, slot);
      if (slot >= slotCapacity) {
        slotCapacity *= 2;
        live = grownU8(live, slotCapacity);
        lastLine = grownU32(lastLine, slotCapacity);
      }
    }
    if (op === OP_ALLOC) {
      if (live[slot] === 1)
        throw lineError(
          source,
          lineNumber,
          `alloc of id ${id}, which is already live (allocated on line ${lastLine[slot]})`,
        );
      live[slot] = 1;
      lastLine[slot] = lineNumber;
      liveCount++;
    } else if (live[slot] === 0) {
      const history = lastLine[slot] === 0 ? "never allocated" : `freed on line ${lastLine[slot]}`;
      throw lineError(source, lineNumber, `${OP_NAMES[op]} of id ${id}, which is not live (${history})`);
    } else if (op === OP_FREE) {
      live[slot] = 0;
      lastLine[slot] = lineNumber;
      liveCount--;
    }

    if (length === capacity) {
      capacity *= 2;
      ops = grownU8(ops, capacity);
      slots = grownU32(slots, capacity);
      sizes = grownF64(sizes, capacity);
      lines = grownU32(lines, capacity);
    }
    ops[length] = op;
    slots[length] = slot;
    sizes[length] = op === OP_REALLOC || op === OP_ALLOC ? size : 0;
    lines[length] = lineNumber;
    length++;
  }
  if (length === 0) {
    throw new UsageError(
      `${source}: the trace has no events (expected one JSON object per line, such as {"op":"alloc","id":1,"size":32})`,
    );
  }
  return { source, length, ops, slots, sizes, lines, slotCount: slotOfId.size, liveAtEnd: liveCount };
}

/**
 * Reads and parses a trace file; `-` reads standard input.
 * @throws UsageError for an empty file name, when the file cannot be read, or for its first
 *   malformed line
 */
export function readTrace(path: string): Trace {
  if (path.length === 0) throw new UsageError("--trace needs a file name (or - for standard input)");
  let text: string;
  try {
    text = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    throw new UsageError(`cannot read trace ${path}: ${reason}`);
  }
  return parseTrace(text, path === "-" ? "<stdin>" : path);
}
