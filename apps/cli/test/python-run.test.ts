import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

// `pymem run program.py`, `-c` and `-`: the program's output, CPython's traceback format and
// its exit status.
describe("pymem run with a Python program", () => {
  const dir = mkdtempSync(join(tmpdir(), "pymem-py-"));
  const file = (name: string, source: string) => {
    const path = join(dir, name);
    writeFileSync(path, source);
    return path;
  };

  it("runs a file with its arguments in sys.argv", () => {
    const path = file("args.py", "import sys\nprint(sys.argv[1:])\na = []\nprint(sys.getrefcount(a))\n");
    const r = runCli(["run", path, "x", "y"]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("['x', 'y']\n2\n");
    expect(r.status).toBe(0);
  });

  it("imports a module from the program's folder", () => {
    file("helper_mod.py", "VALUE = 41\ndef bump(x):\n    return x + 1\n");
    const path = file(
      "main_prog.py",
      "import helper_mod\nfrom helper_mod import bump\nprint(bump(helper_mod.VALUE))\n",
    );
    const r = runCli(["run", path]);
    expect(r.stdout).toBe("42\n");
  });

  it("prints CPython's traceback and exits 1 on an uncaught exception", () => {
    const path = file("fail.py", "def f():\n    return x\n\nf()\n");
    const r = runCli(["run", path]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `Traceback (most recent call last):\n  File "${path}", line 4, in <module>\n    f()\n  File "${path}", line 2, in f\n    return x\nNameError: name 'x' is not defined\n`,
    );
  });

  it("exits with sys.exit's status", () => {
    const r = runCli(["run", "-c", "import sys; sys.exit(3)"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe("");
  });

  it("reads the program from stdin with -", () => {
    const r = runCli(["run", "-"], { input: "print(sum(range(10)))\n" });
    expect(r.stdout).toBe("45\n");
  });

  it("reports a syntax error with a caret under the source line", () => {
    const r = runCli(["run", "-c", "x = (1 +"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('  File "<string>", line 1\n');
    expect(r.stderr.trimEnd().split("\n").pop()).toBe("SyntaxError: '(' was never closed");
  });

  it("prints the run report after the program with --report, on the composition asked for", () => {
    const r = runCli(["run", "-c", "x = [i for i in range(1000)]", "--report", "--preset", "classic"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("on classic");
  });
});
