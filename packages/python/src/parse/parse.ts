/**
 * Parsing: @lezer/python's tree for a program, and its first error node turned into a
 * `SyntaxError` that carries file, line, column and the source line, as CPython reports it.
 *
 * ```
 *    File "program.py", line 2
 *      x = (1 +
 *              ^
 *  SyntaxError: invalid syntax
 * ```
 *
 * Lezer recovers from errors by inserting zero-width error nodes; one right after `yield`
 * (a bare `yield`) is the grammar's way of writing an absent operand and is not an error.
 *
 * @module
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import { parser } from "@lezer/python";

/** A syntax error found while parsing or compiling, with CPython's location fields. */
export class PySyntaxError extends Error {
  /** File name as given to the run. */
  readonly filename: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column of the caret. */
  readonly column: number;
  /** The source line (without its newline). */
  readonly text: string;
  /** The message after `SyntaxError: `. */
  readonly detail: string;
  /** The exception name (`SyntaxError` or `IndentationError`). */
  readonly pyType: string;

  constructor(
    filename: string,
    line: number,
    column: number,
    text: string,
    detail: string,
    pyType = "SyntaxError",
  ) {
    super(`${pyType}: ${detail} (${filename}, line ${line})`);
    this.filename = filename;
    this.line = line;
    this.column = column;
    this.text = text;
    this.detail = detail;
    this.pyType = pyType;
  }

  /** The report CPython prints for an uncaught syntax error. */
  format(): string {
    const stripped = this.text.replace(/^[ \t\f]+/, "");
    const removed = this.text.length - stripped.length;
    const caret = Math.max(1, this.column - removed);
    const body = stripped.replace(/\s+$/, "");
    const lines = [`  File "${this.filename}", line ${this.line}`];
    if (body !== "") lines.push(`    ${body}`, `    ${" ".repeat(caret - 1)}^`);
    lines.push(`${this.pyType}: ${this.detail}`);
    return `${lines.join("\n")}\n`;
  }
}

/** Line starts of a source, for offset → line/column. */
export class LineMap {
  private readonly starts: number[] = [0];
  readonly source: string;

  constructor(source: string) {
    this.source = source;
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /** 1-based line of `offset`. */
  line(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based column of `offset`. */
  column(offset: number): number {
    return offset - this.starts[this.line(offset) - 1]! + 1;
  }

  /** Text of 1-based line `n`, without its newline. */
  text(n: number): string {
    const start = this.starts[n - 1] ?? this.source.length;
    const end = n < this.starts.length ? this.starts[n]! - 1 : this.source.length;
    return this.source.slice(start, end).replace(/\r$/, "");
  }
}

/** A parsed program. */
export interface ParsedProgram {
  /** The syntax tree. */
  readonly tree: Tree;
  /** Line lookup over the source. */
  readonly lines: LineMap;
}

function isBareYieldOperand(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (parent === null || node.from !== node.to) return false;
  if (parent.name !== "YieldStatement" && parent.name !== "YieldExpression") return false;
  return node.prevSibling?.name === "yield";
}

/**
 * Parses `source`.
 * @throws PySyntaxError at the first error node
 */
export function parseProgram(source: string, filename: string): ParsedProgram {
  const tree = parser.parse(source);
  const lines = new LineMap(source);
  let error: SyntaxNode | null = null;
  tree.iterate({
    enter(ref) {
      if (error !== null) return false;
      if (ref.type.isError && !isBareYieldOperand(ref.node)) {
        error = ref.node;
        return false;
      }
      return undefined;
    },
  });
  if (error !== null) {
    const node = error as SyntaxNode;
    throw syntaxErrorAt(lines, filename, node.from, errorMessage(source, node));
  }
  return { tree, lines };
}

function errorMessage(source: string, node: SyntaxNode): string {
  // An unclosed bracket: CPython names it.
  const opener = unclosedBracket(source);
  if (opener !== null && node.from >= source.trimEnd().length) return `'${opener}' was never closed`;
  return "invalid syntax";
}

function unclosedBracket(source: string): string | null {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  let quote = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quote !== "") {
      if (c === "\\") i++;
      else if (source.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = "";
      }
      continue;
    }
    if (c === "#") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (c === "'" || c === '"') {
      quote = source.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    } else if (c === "(" || c === "[" || c === "{") stack.push(c);
    else if (c in pairs && stack[stack.length - 1] === pairs[c]) stack.pop();
  }
  return stack.length > 0 ? stack[stack.length - 1]! : null;
}

/** A SyntaxError at source offset `offset`. */
export function syntaxErrorAt(
  lines: LineMap,
  filename: string,
  offset: number,
  detail: string,
): PySyntaxError {
  const line = lines.line(offset);
  return new PySyntaxError(filename, line, lines.column(offset), lines.text(line), detail);
}
