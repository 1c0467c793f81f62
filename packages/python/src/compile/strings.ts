/**
 * String and bytes literals: prefixes, quotes and escape sequences decoded as Python does.
 *
 * @module
 */

/** A decoded literal. */
export interface DecodedLiteral {
  /** The text (for bytes: one char per byte). */
  readonly value: string;
  /** Whether the literal was a bytes literal. */
  readonly bytes: boolean;
}

const SIMPLE: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
  "0": "\0",
  "\n": "",
};

/** Decodes the source text of one string or bytes literal. */
export function decodeStringLiteral(src: string): DecodedLiteral {
  const m = /^([a-zA-Z]*)('''|"""|'|")/.exec(src);
  if (m === null) return { value: src, bytes: false };
  const prefix = m[1]!.toLowerCase();
  const quote = m[2]!;
  const body = src.slice(m[0].length, src.length - quote.length);
  const bytes = prefix.includes("b");
  if (prefix.includes("r")) return { value: body, bytes };
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = body[++i]!;
    if (n in SIMPLE && !(n === "0" && /[0-7]/.test(body[i + 1] ?? ""))) {
      out += SIMPLE[n];
    } else if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(body[i + 1] ?? "")) oct += body[++i];
      out += String.fromCharCode(Number.parseInt(oct, 8));
    } else if (n === "x") {
      out += String.fromCharCode(Number.parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (n === "u" && !bytes) {
      out += String.fromCodePoint(Number.parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (n === "U" && !bytes) {
      out += String.fromCodePoint(Number.parseInt(body.slice(i + 1, i + 9), 16));
      i += 8;
    } else if (n === "\r" && body[i + 1] === "\n") {
      i++;
    } else out += `\\${n}`;
  }
  return { value: out, bytes };
}
