/**
 * Locates a CPython 3.11 interpreter on the PATH, for tests that re-check recorded answers
 * against the real thing. A machine without one gets `undefined`, and those tests fall back
 * to checking the pinned recordings alone.
 */
import { spawnSync } from "node:child_process";

let cached: string | null | undefined;

/**
 * The executable of a CPython 3.11 interpreter found on the PATH (as `python3.11` or `python3`),
 * resolved to its real path so that wrappers such as pyenv's shims are not paid for on every run.
 */
export function findCpython311(): string | undefined {
  if (cached === undefined) {
    cached = null;
    for (const command of ["python3.11", "python3"]) {
      const probe = spawnSync(
        command,
        ["-c", "import sys; print(sys.version_info[:2] == (3, 11)); print(sys.executable)"],
        {
          encoding: "utf8",
          timeout: 20_000,
        },
      );
      const [is311, executable] = probe.status === 0 ? probe.stdout.trim().split("\n") : [];
      if (is311 === "True" && executable) {
        cached = executable;
        break;
      }
    }
  }
  return cached ?? undefined;
}
