/**
 * `pnpm bench`: five pure-Python benchmark programs (bench/programs/*.py) run by three
 * contenders in the same bench run, alternating A B C A B C … over several rounds:
 *
 *   CPython  python3 in a child process; the time is measured inside Python around the
 *            program's execution (startup excluded), and the child's wall time is shown too
 *   Pyodide  pyodide 0.25.1 (CPython 3.11 compiled to WebAssembly) loaded once in this Node
 *            process; the time is that of `runPython` (loading excluded)
 *   pymem    `runPython` from this package, a fresh runtime per run
 *
 * For each program it prints the median and min–max time of every contender, the ratios
 * pymem/CPython and pymem/Pyodide against the targets (≤ 1.0× CPython, faster than Pyodide),
 * and checks that every run of every contender printed the same output (times in a program's
 * own output are masked). A contender that is not available is skipped with a line saying why.
 *
 *   node --conditions=@pymem/source --import tsx bench/run.ts [--rounds=3] [--programs=nbody,richards]
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as pymemPython from "../src/index";

const programsDir = join(dirname(fileURLToPath(import.meta.url)), "programs");

interface Program {
  /** File name in bench/programs. */
  file: string;
  /** Command-line arguments after the file name (the problem size). */
  args: string[];
  /** Masks the parts of the output that legitimately differ between runs (timings). */
  normalize?: (stdout: string) => string;
}

const PROGRAMS: Program[] = [
  {
    file: "binary_trees.py",
    args: ["13"],
    normalize: (out) => out.replace(/median \d+(\.\d+)?s/, "median <time>s"),
  },
  { file: "nbody.py", args: ["75000"] },
  { file: "spectral_norm.py", args: ["200"] },
  { file: "richards.py", args: ["12"] },
  { file: "fannkuch_redux.py", args: ["9"] },
];

/** One timed run: seconds of execution, the wall time when it differs (CPython), stdout. */
interface Run {
  seconds: number;
  wallSeconds?: number;
  stdout: string;
}

interface Contender {
  name: string;
  run(program: Program, source: string): Run;
}

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

// ---------------------------------------------------------------- CPython (child process)

const CPYTHON_WRAPPER = `
import runpy, sys, time
path = sys.argv[1]
sys.argv = sys.argv[1:]
start = time.perf_counter()
runpy.run_path(path, run_name="__main__")
elapsed = time.perf_counter() - start
sys.stdout.flush()
sys.stderr.write("\\n@bench-seconds %r\\n" % elapsed)
`;

function cpythonContender(): Contender | string {
  const probe = spawnSync(
    "python3",
    ["-c", "import sys; print(sys.executable); print(sys.version.split()[0])"],
    {
      encoding: "utf8",
    },
  );
  if (probe.status !== 0) return "CPython: skipped — no python3 on the PATH";
  const [executable, version] = probe.stdout.trim().split("\n");
  return {
    name: `CPython ${version}`,
    run(program) {
      const start = performance.now();
      const result = spawnSync(executable, ["-c", CPYTHON_WRAPPER, program.file, ...program.args], {
        cwd: programsDir,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      const wallSeconds = (performance.now() - start) / 1000;
      const timing = /@bench-seconds (\S+)\s*$/.exec(result.stderr);
      if (result.status !== 0 || !timing) {
        throw new Error(`CPython failed on ${program.file}: ${result.stderr.trim().split("\n").pop()}`);
      }
      return { seconds: Number(timing[1]), wallSeconds, stdout: result.stdout };
    },
  };
}

// ---------------------------------------------------------------- Pyodide (same process)

interface PyProxyLike {
  set(key: string, value: unknown): void;
  destroy(): void;
}
interface PyodideLike {
  version: string;
  globals: { get(name: string): (...args: unknown[]) => PyProxyLike };
  setStdout(options: { write: (buffer: Uint8Array) => number }): void;
  runPython(code: string, options?: { globals?: PyProxyLike; filename?: string }): unknown;
  toPy(value: unknown): unknown;
}

async function pyodideContender(): Promise<Contender | string> {
  let pyodide: PyodideLike;
  const start = performance.now();
  try {
    const { loadPyodide } = await import("pyodide");
    // The package folder, given explicitly: found from the module's own URL, it is wrong when a
    // loader such as tsx has rewritten that URL.
    const indexURL = `${dirname(createRequire(import.meta.url).resolve("pyodide/package.json"))}/`;
    pyodide = (await loadPyodide({ indexURL })) as unknown as PyodideLike;
  } catch (error) {
    return `Pyodide: skipped — it did not load (${(error as Error).message})`;
  }
  console.log(
    `Pyodide ${pyodide.version} loaded in ${((performance.now() - start) / 1000).toFixed(2)} s (not timed)`,
  );
  let stdout = "";
  const decoder = new TextDecoder();
  pyodide.setStdout({
    write: (buffer) => {
      stdout += decoder.decode(buffer, { stream: true });
      return buffer.length;
    },
  });
  return {
    name: `Pyodide ${pyodide.version}`,
    run(program, source) {
      const namespace = pyodide.globals.get("dict")();
      namespace.set("__name__", "__main__");
      namespace.set("__file__", program.file);
      pyodide.runPython(`import sys; sys.argv = ${JSON.stringify([program.file, ...program.args])}`);
      stdout = "";
      const start = performance.now();
      pyodide.runPython(source, { globals: namespace, filename: program.file });
      const seconds = (performance.now() - start) / 1000;
      pyodide.runPython("import sys; sys.stdout.flush()");
      namespace.destroy();
      return { seconds, stdout };
    },
  };
}

// ---------------------------------------------------------------- pymem

/** The part of `runPython`'s contract the benchmark uses. */
type RunPython = (
  source: string,
  options: {
    filename?: string;
    argv?: string[];
    stdout?: (text: string) => void;
    stderr?: (text: string) => void;
  },
) => { exitCode: number };

function pymemContender(): Contender | string {
  const runPython = (pymemPython as Record<string, unknown>).runPython as RunPython | undefined;
  if (typeof runPython !== "function") {
    return "pymem: skipped — runPython is not exported by src/index.ts yet";
  }
  return {
    name: "pymem",
    run(program, source) {
      let stdout = "";
      let stderr = "";
      const start = performance.now();
      const { exitCode } = runPython(source, {
        filename: program.file,
        argv: [program.file, ...program.args],
        stdout: (text) => {
          stdout += text;
        },
        stderr: (text) => {
          stderr += text;
        },
      });
      const seconds = (performance.now() - start) / 1000;
      if (exitCode !== 0) {
        throw new Error(`pymem exited ${exitCode} on ${program.file}: ${stderr.trim().split("\n").pop()}`);
      }
      return { seconds, stdout };
    },
  };
}

// ---------------------------------------------------------------- statistics and report

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const secs = (x: number): string => `${x.toFixed(3)} s`;
const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined ? "—" : `${(a / b).toFixed(2)}×`;

interface Summary {
  program: string;
  medians: Map<string, number>;
  sameOutput: boolean;
}

async function main(): Promise<void> {
  const rounds = Number(option("rounds") ?? 3);
  const only = option("programs")?.split(",");
  const programs = PROGRAMS.filter((p) => !only || only.includes(p.file.replace(/\.py$/, "")));
  const [load1] = loadavg();
  console.log(
    `pymem bench: ${programs.length} programs × ${rounds} rounds, contenders alternating within each round; ` +
      `${cpus().length} CPUs, load average ${load1.toFixed(2)} (timings on a busy machine are noisy)`,
  );

  const contenders: Contender[] = [];
  for (const c of [cpythonContender(), await pyodideContender(), pymemContender()]) {
    if (typeof c === "string") console.log(c);
    else contenders.push(c);
  }
  const cpython = contenders.find((c) => c.name.startsWith("CPython"));
  const pyodide = contenders.find((c) => c.name.startsWith("Pyodide"));
  const pymem = contenders.find((c) => c.name === "pymem");

  const summaries: Summary[] = [];
  let mismatch = false;
  for (const program of programs) {
    const source = readFileSync(join(programsDir, program.file), "utf8");
    const runs = new Map<string, Run[]>(contenders.map((c) => [c.name, []]));
    // A contender that fails (raises, exits non-zero) on a program is dropped for that program.
    const failures = new Map<string, string>();
    for (let round = 0; round < rounds; round++) {
      for (const contender of contenders) {
        if (failures.has(contender.name)) continue;
        try {
          runs.get(contender.name)!.push(contender.run(program, source));
        } catch (error) {
          failures.set(contender.name, (error as Error).message.split("\n")[0]);
        }
      }
    }
    console.log(`\n${program.file} ${program.args.join(" ")}`);
    const medians = new Map<string, number>();
    for (const contender of contenders) {
      const failure = failures.get(contender.name);
      if (failure !== undefined) {
        console.log(`  ${contender.name.padEnd(16)} FAILED: ${failure}`);
        continue;
      }
      const times = runs.get(contender.name)!.map((r) => r.seconds);
      const walls = runs
        .get(contender.name)!
        .flatMap((r) => (r.wallSeconds === undefined ? [] : [r.wallSeconds]));
      medians.set(contender.name, median(times));
      const wall =
        walls.length > 0 ? `   (process wall time, startup included: median ${secs(median(walls))})` : "";
      console.log(
        `  ${contender.name.padEnd(16)} median ${secs(median(times))}   min–max ${secs(Math.min(...times))} – ${secs(Math.max(...times))}${wall}`,
      );
    }
    const normalize = program.normalize ?? ((s: string) => s);
    const ran = contenders.filter((c) => !failures.has(c.name));
    if (failures.size > 0) mismatch = true;
    const reference = ran.length > 0 ? normalize(runs.get(ran[0].name)![0].stdout) : "";
    const differing = ran.filter((c) => runs.get(c.name)!.some((r) => normalize(r.stdout) !== reference));
    const sameOutput = differing.length === 0 && failures.size === 0;
    if (differing.length > 0) mismatch = true;
    console.log(
      differing.length === 0
        ? `  output: identical in every run of every contender that ran — ${JSON.stringify(reference.trim().split("\n").pop())}`
        : `  OUTPUT DIFFERS from ${ran[0].name}'s: ${differing.map((c) => c.name).join(", ")}`,
    );
    summaries.push({ program: program.file, medians, sameOutput });
  }

  console.log("\nSummary (medians; ratios below 1 mean pymem is faster)");
  const header = [
    "program",
    ...contenders.map((c) => c.name),
    "pymem/CPython",
    "pymem/Pyodide",
    "Pyodide/CPython",
  ];
  console.log(`| ${header.join(" | ")} |`);
  console.log(`|${header.map(() => "---").join("|")}|`);
  for (const s of summaries) {
    const m = (c: Contender | undefined) => (c ? s.medians.get(c.name) : undefined);
    console.log(
      `| ${[
        s.program,
        ...contenders.map((c) => {
          const m = s.medians.get(c.name);
          return m === undefined ? "failed" : secs(m);
        }),
        ratio(m(pymem), m(cpython)),
        ratio(m(pymem), m(pyodide)),
        ratio(m(pyodide), m(cpython)),
      ].join(" | ")} |`,
    );
  }
  console.log("\nTargets");
  for (const s of summaries) {
    const pm = pymem ? s.medians.get(pymem.name) : undefined;
    const cp = cpython ? s.medians.get(cpython.name) : undefined;
    const po = pyodide ? s.medians.get(pyodide.name) : undefined;
    const verdict = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "met" : "missed");
    console.log(
      `  ${s.program.padEnd(20)} ≤ 1.0× CPython: ${verdict(pm !== undefined && cp !== undefined ? pm <= cp : undefined)}` +
        `   faster than Pyodide: ${verdict(pm !== undefined && po !== undefined ? pm < po : undefined)}` +
        (s.sameOutput ? "" : "   (a contender failed or printed a different output)"),
    );
  }
  if (mismatch) {
    console.log("\nSome contender failed or printed a different output: see FAILED / OUTPUT DIFFERS above.");
    process.exitCode = 1;
  }
}

await main();
