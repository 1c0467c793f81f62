// The per-version facts in test/fixtures/cpython-versions/ (what each CPython version's
// profile must reproduce): their completeness, the differences between versions that the
// profiles are about, and, for each version whose interpreter is installed, a fresh
// measurement with the same script compared with the pinned file.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = join(dirname(fileURLToPath(import.meta.url)), "fixtures", "cpython-versions");

interface Measured {
  value: unknown;
  how: string;
}
interface RefcountFact extends Measured {
  value: number;
  moves: number;
}
interface VersionFacts {
  python: string;
  source: string;
  "gc.get_threshold()": Measured;
  "gc.get_stats() keys": Measured;
  "gc.get_count() growth": Record<string, Measured>;
  "sys.getrefcount": Record<string, RefcountFact>;
  "sys.getsizeof": Record<string, Measured>;
  "gc.collect() after dropping each graph": Record<string, Measured>;
}

const load = (file: string): VersionFacts =>
  JSON.parse(readFileSync(join(here, file), "utf8")) as VersionFacts;

const MEASURED = [
  { file: "cpython311.json", version: "3.11", pyenv: undefined },
  { file: "cpython312.json", version: "3.12", pyenv: "3.12.1" },
  { file: "cpython313.json", version: "3.13", pyenv: "3.13.0" },
] as const;

const size = (f: VersionFacts, name: string): unknown => f["sys.getsizeof"][name]!.value;

/** Runs measure.py with the interpreter of `pyenv` (the default python3 if undefined), or null. */
function measureLive(pyenv: string | undefined, version: string): VersionFacts | null {
  try {
    const out = execFileSync("python3", ["-I", join(here, "measure.py")], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, ...(pyenv === undefined ? {} : { PYENV_VERSION: pyenv }) },
      stdio: ["ignore", "pipe", "ignore"],
    });
    const facts = JSON.parse(out) as VersionFacts;
    return facts.python.startsWith(`${version}.`) ? facts : null;
  } catch {
    return null;
  }
}

describe("CPython version facts", () => {
  for (const { file, version, pyenv } of MEASURED) {
    const facts = load(file);

    it(`${version}: at least 40 object sizes and 15 collected graphs, each with how it was obtained`, () => {
      expect(facts.python.startsWith(`${version}.`)).toBe(true);
      const sizes = Object.values(facts["sys.getsizeof"]);
      expect(sizes.length).toBeGreaterThanOrEqual(40);
      const graphs = Object.values(facts["gc.collect() after dropping each graph"]);
      expect(graphs.length).toBeGreaterThanOrEqual(15);
      for (const m of [...sizes, ...graphs]) expect(m.how.length).toBeGreaterThan(0);
    });

    const live = measureLive(pyenv, version);
    it.runIf(live !== null)(
      `${version}: the pinned facts are those of the interpreter installed here`,
      () => {
        const now = live!;
        expect(now["sys.getsizeof"]).toEqual(facts["sys.getsizeof"]);
        expect(now["gc.collect() after dropping each graph"]).toEqual(
          facts["gc.collect() after dropping each graph"],
        );
        expect(now["gc.get_threshold()"]).toEqual(facts["gc.get_threshold()"]);
        expect(now["gc.get_count() growth"]).toEqual(facts["gc.get_count() growth"]);
        for (const [name, fact] of Object.entries(facts["sys.getrefcount"])) {
          expect(now["sys.getrefcount"][name]!.moves).toBe(fact.moves);
        }
      },
    );
  }

  it("3.11 counts references to None, True and the small ints; 3.12 and 3.13 report immortals as 4294967295", () => {
    const [f311, f312, f313] = MEASURED.map((m) => load(m.file));
    for (const name of ["None", "True", "0", "1", "256"]) {
      expect(f311!["sys.getrefcount"][name]!.moves).toBe(10);
      for (const f of [f312!, f313!]) {
        expect(f["sys.getrefcount"][name]!.value).toBe(4294967295);
        expect(f["sys.getrefcount"][name]!.moves).toBe(0);
      }
    }
    // the small ints of 3.11 are static objects that start near 10^9
    expect(f311!["sys.getrefcount"]["0"]!.value).toBeGreaterThan(999_999_999);
  });

  it("sizes that change between versions: instances, strings, functions, classes", () => {
    const [f311, f312, f313] = MEASURED.map((m) => load(m.file));
    const instance = "instance with __dict__ (class WithDict: pass)";
    expect([f311, f312, f313].map((f) => size(f!, instance))).toEqual([56, 48, 48]);
    expect([f311, f312, f313].map((f) => size(f!, '""'))).toEqual([49, 41, 41]);
    expect([f311, f312, f313].map((f) => size(f!, "function (def f(): pass)"))).toEqual([152, 160, 160]);
    expect([f311, f312, f313].map((f) => size(f!, "class (class WithDict: ...)"))).toEqual([
      1688, 1704, 1712,
    ]);
    const weakrefSlot = "instance, __slots__ = ('a', '__weakref__')";
    expect([f311, f312, f313].map((f) => size(f!, weakrefSlot))).toEqual([48, 56, 56]);
  });

  it("thresholds: 700 until 3.12, 2000 from 3.13; 3.14.0 reports (2000, 10, 0)", () => {
    const thresholds = [...MEASURED.map((m) => m.file), "cpython314.json"].map(
      (f) => load(f)["gc.get_threshold()"].value,
    );
    expect(thresholds).toEqual([
      [700, 10, 10],
      [700, 10, 10],
      [2000, 10, 10],
      [2000, 10, 0],
    ]);
  });

  it("3.14's facts say they come from sources, not from an interpreter", () => {
    expect(load("cpython314.json").source).toMatch(/not measured/);
    expect(load("cpython314.json")["sys.getrefcount"].None!.value).toBe(3 * 2 ** 30);
  });
});
