import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UsageError } from "../src/cli-error";
import { OP_ALLOC, OP_FREE, OP_REALLOC } from "../src/trace";
import { parseTrace, readTrace } from "../src/trace-parser";

function errorOf(text: string): string {
  try {
    parseTrace(text, "t.jsonl");
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("expected a UsageError");
}

describe("parseTrace", () => {
  it("reads the three events into columns", () => {
    const trace = parseTrace(
      '{"op":"alloc","id":1,"size":32}\n\n{"op":"realloc","id":1,"size":64}\r\n{"op":"free","id":1}\n{"op":"alloc","id":1,"size":8,"t":3}\n',
      "t.jsonl",
    );
    expect(trace.length).toBe(4);
    expect([...trace.ops.subarray(0, 4)]).toEqual([OP_ALLOC, OP_REALLOC, OP_FREE, OP_ALLOC]);
    expect([...trace.sizes.subarray(0, 4)]).toEqual([32, 64, 0, 8]);
    expect([...trace.lines.subarray(0, 4)]).toEqual([1, 3, 4, 5]);
    expect(trace.slotCount).toBe(1);
    expect(trace.liveAtEnd).toBe(1);
  });

  it.each(["", "\n\n", "  \r\n\t\n"])("rejects a trace with no events (%j)", (text) => {
    expect(() => parseTrace(text, "t.jsonl")).toThrow(
      /^t\.jsonl: the trace has no events \(expected one JSON object per line/,
    );
  });

  it.each([
    ['{"op":"alloc","id":1,"size":32', /^t\.jsonl:1: not valid JSON/],
    ["[1,2]", /^t\.jsonl:1: expected a JSON object/],
    ["42", /^t\.jsonl:1: expected a JSON object/],
    [
      '{"op":"malloc","id":1,"size":3}',
      /^t\.jsonl:1: "op" must be "alloc", "free" or "realloc", got "malloc"/,
    ],
    ['{"id":1,"size":3}', /"op" must be .* got nothing/],
    ['{"op":"alloc","id":-1,"size":3}', /"id" must be an integer from 0/],
    ['{"op":"alloc","id":"a","size":3}', /"id" must be an integer/],
    ['{"op":"alloc","id":1.5,"size":3}', /"id" must be an integer/],
    ['{"op":"alloc","id":1}', /"size" of alloc must be an integer from 0 to 4294967295, got nothing/],
    ['{"op":"alloc","id":1,"size":-8}', /"size" of alloc must be/],
    ['{"op":"alloc","id":1,"size":4294967296}', /"size" of alloc must be/],
    ['{"op":"alloc","id":1,"size":"32"}', /"size" of alloc must be/],
  ])("reports %s with file:line", (line, pattern) => {
    expect(errorOf(line)).toMatch(pattern);
  });

  it("names the line of an inconsistent event and the history of its id", () => {
    const text = ['{"op":"alloc","id":7,"size":16}', '{"op":"alloc","id":7,"size":16}'].join("\n");
    expect(errorOf(text)).toBe("t.jsonl:2: alloc of id 7, which is already live (allocated on line 1)");
    expect(errorOf('{"op":"free","id":3}')).toBe(
      "t.jsonl:1: free of id 3, which is not live (never allocated)",
    );
    const twice = ['{"op":"alloc","id":3,"size":1}', "", '{"op":"free","id":3}', '{"op":"free","id":3}'].join(
      "\n",
    );
    expect(errorOf(twice)).toBe("t.jsonl:4: free of id 3, which is not live (freed on line 3)");
    expect(errorOf('{"op":"realloc","id":9,"size":5}')).toBe(
      "t.jsonl:1: realloc of id 9, which is not live (never allocated)",
    );
  });

  it("keeps error messages on one line", () => {
    expect(errorOf(`{"op":"alloc","id":1,"size":"${"x".repeat(200)}"}`)).not.toContain("\n");
  });

  it("agrees with a model on random well-formed traces", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 2000 }), fc.boolean()), {
          minLength: 1,
          maxLength: 300,
        }),
        (steps) => {
          const live = new Map<number, number>();
          const lines: string[] = [];
          const expected: number[] = [];
          for (const [id, size, resize] of steps) {
            if (!live.has(id)) {
              lines.push(JSON.stringify({ op: "alloc", id, size }));
              live.set(id, size);
              expected.push(OP_ALLOC);
            } else if (resize) {
              lines.push(JSON.stringify({ op: "realloc", id, size }));
              expected.push(OP_REALLOC);
            } else {
              lines.push(JSON.stringify({ op: "free", id }));
              live.delete(id);
              expected.push(OP_FREE);
            }
          }
          const trace = parseTrace(lines.join("\n"), "m.jsonl");
          expect(trace.length).toBe(steps.length);
          expect([...trace.ops.subarray(0, trace.length)]).toEqual(expected);
          expect(trace.liveAtEnd).toBe(live.size);
          expect(trace.slotCount).toBe(new Set(steps.map((s) => s[0])).size);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("readTrace", () => {
  const dir = mkdtempSync(join(tmpdir(), "pymem-trace-"));

  it("reads a file", () => {
    const path = join(dir, "ok.jsonl");
    writeFileSync(path, '{"op":"alloc","id":1,"size":10}\n');
    expect(readTrace(path).source).toBe(path);
  });

  it("reports unreadable paths as usage errors", () => {
    expect(() => readTrace(join(dir, "missing.jsonl"))).toThrow(
      /cannot read trace .*missing\.jsonl: no such file/,
    );
    expect(() => readTrace(dir)).toThrow(/it is a directory/);
  });
});
