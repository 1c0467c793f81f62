// Loads the values test/support/record.py recorded from python3 3.11 and compares results with them.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { PythonError } from "@pymem/runtime";
import { expect } from "vitest";

/** A recorded outcome: the value, or the exception's type and message. */
export interface Outcome {
  ok?: unknown;
  error?: string;
  message?: string;
}

/** Reads test/support/fixtures/<name>.json. */
export function loadFixture<T>(name: string): T[] {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")) as T[];
}

/** Turns a recorded value back into JS: {int} → bigint, {float} → number, {bytes} → Uint8Array. */
export function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("int" in v) {
      const text = v.int as string;
      return text.startsWith("-") ? -BigInt(text.slice(1)) : BigInt(text);
    }
    if ("float" in v) return decodeFloat(v.float as string);
    if ("bytes" in v) return Uint8Array.from(v.bytes as number[]);
    if ("dict" in v) return decode(v.dict);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = decode(x);
    return out;
  }
  return value;
}

/** Python float repr → number. */
export function decodeFloat(text: string): number {
  if (text === "inf") return Number.POSITIVE_INFINITY;
  if (text === "-inf") return Number.NEGATIVE_INFINITY;
  if (text === "nan") return Number.NaN;
  return Number(text);
}

/** Runs `fn` and describes its outcome like a recorded one. */
export function outcome(fn: () => unknown): Outcome {
  try {
    return { ok: fn() };
  } catch (e) {
    if (e instanceof PythonError) return { error: e.pyType, message: e.message.slice(e.pyType.length + 2) };
    throw e;
  }
}

/** Asserts that `fn` behaves as recorded (value compared after `decode`). */
export function expectOutcome(fn: () => unknown, recorded: Outcome, label: string): void {
  const actual = outcome(fn);
  if (recorded.error !== undefined) {
    expect({ label, error: actual.error, message: actual.message }).toEqual({
      label,
      error: recorded.error,
      message: recorded.message,
    });
  } else {
    expect({ label, error: actual.error, message: actual.message, ok: actual.ok }).toEqual({
      label,
      error: undefined,
      message: undefined,
      ok: decode(recorded.ok),
    });
  }
}

let pythonChecked: string | null | undefined;

/** The python3 3.11 on PATH, or null when there is none (tests then use only pinned values). */
export function python311(): string | null {
  if (pythonChecked !== undefined) return pythonChecked;
  pythonChecked = null;
  for (const exe of ["python3.11", "python3"]) {
    try {
      const v = execFileSync(exe, ["-c", "import sys; print(sys.version_info[:2] == (3, 11))"], {
        encoding: "utf8",
        env: { ...process.env, PYENV_VERSION: "" },
      });
      if (v.trim() === "True") {
        pythonChecked = exe;
        break;
      }
    } catch {
      // not installed
    }
  }
  return pythonChecked;
}

/** Runs a Python program on python 3.11 with `input` as JSON on stdin; returns its parsed JSON output. */
export function runPython<T>(program: string, input: unknown): T {
  const exe = python311();
  if (exe === null) throw new Error("no python3.11");
  const out = execFileSync(exe, ["-c", program], {
    input: JSON.stringify(input),
    encoding: "utf8",
    maxBuffer: 1 << 28,
    env: { ...process.env, PYENV_VERSION: "" },
  });
  return JSON.parse(out) as T;
}
