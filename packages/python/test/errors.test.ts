import { describe, expect, it } from "vitest";
import { py, run } from "./helpers";

// Errors as python3 reports them: syntax errors with a caret, tracebacks, exit codes,
// RecursionError without a JS stack overflow, MemoryError leaving the runtime usable.
describe("errors", () => {
  it("a syntax error names file and line and puts a caret under the source", () => {
    const out = run("x = 1\nif x\n    pass\n");
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe(
      '  File "program.py", line 2\n    if x\n        ^\nSyntaxError: invalid syntax\n',
    );
  });

  it("an unsupported construct is a SyntaxError naming it", () => {
    const out = run("async def f():\n    pass\n");
    expect(out.exitCode).toBe(1);
    expect(out.stderr.trimEnd().split("\n").pop()).toBe("SyntaxError: async def is not supported by pymem");
  });

  it("an uncaught exception prints CPython's traceback and exits 1", () => {
    const out = run(py`
      def f():
          return 1 / 0
      f()
    `);
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe(
      'Traceback (most recent call last):\n  File "program.py", line 3, in <module>\n    f()\n  File "program.py", line 2, in f\n    return 1 / 0\nZeroDivisionError: division by zero\n',
    );
  });

  it("chained exceptions print their context", () => {
    const out = run(py`
      try:
          {}["k"]
      except KeyError:
          raise ValueError("bad")
    `);
    expect(out.stderr).toContain(
      "KeyError: 'k'\n\nDuring handling of the above exception, another exception occurred:\n\n",
    );
    expect(out.stderr.trimEnd().split("\n").pop()).toBe("ValueError: bad");
  });

  it("sys.exit(n) exits n", () => {
    expect(run("import sys\nsys.exit(4)\n").exitCode).toBe(4);
    expect(run("raise SystemExit\n").exitCode).toBe(0);
  });

  it("recursion past the limit raises RecursionError and the program goes on", () => {
    const out = run(py`
      import sys
      sys.setrecursionlimit(100000)
      def down(n):
          return down(n + 1)
      try:
          down(0)
      except RecursionError as e:
          print("caught", e)
      print("after")
    `);
    expect(out.stdout).toBe("caught maximum recursion depth exceeded\nafter\n");
  });

  it("exhausting the heap raises MemoryError and leaves the runtime usable", () => {
    const out = run(
      py`
        chunks = []
        try:
            while True:
                chunks.append([0] * 200000)
        except MemoryError:
            n = len(chunks)
            chunks = None
            print("MemoryError", n > 0)
        print(sum([i for i in range(100)]))
      `,
      { runtimeOptions: { heapOptions: { maxByteLength: 16 * 1024 * 1024 } } },
    );
    expect(out.stderr).toBe("");
    expect(out.stdout).toBe("MemoryError True\n4950\n");
  });
});
