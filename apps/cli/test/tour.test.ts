// `pymem tour`: the walk's live figures.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { renderTour } from "../src/tour";
import { runCli } from "./run-cli";

describe("pymem tour", () => {
  const r = runCli(["tour"]);

  it("exits 0 with the four sections on stdout", () => {
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    for (const title of [
      "1. Reference counting",
      "2. A reference cycle",
      "3. Generations",
      "4. The allocators",
    ]) {
      expect(r.stdout).toContain(`\n${title}\n`);
    }
  });

  it("shows the refcounts 2, 3, 4, 3, 2", () => {
    const counts = [...r.stdout.matchAll(/>>> sys\.getrefcount\(a\)\n {2}(\d+)\n/g)].map((m) => Number(m[1]));
    expect(counts).toEqual([2, 3, 4, 3, 2]);
    expect(renderTour().refcounts).toEqual([2, 3, 4, 3, 2]);
  });

  it("shows the cycle surviving del and gc.collect() returning 2", () => {
    expect(r.stdout).toMatch(/>>> gc\.collect\(\)\n {2}2\n/);
    expect(r.stdout).toMatch(/Bytes still used by the nodes after the collection: 0\./);
    const kept = /The two nodes \(with their attribute storage\) still use (\d+) bytes\./.exec(r.stdout);
    expect(Number(kept?.[1])).toBeGreaterThan(0);
    const leaked = /On the minimal preset .* gc\.collect\(\) returns 0\nand the (\d+) bytes stay in use/.exec(
      r.stdout,
    );
    expect(Number(leaked?.[1])).toBeGreaterThan(0);
  });

  it("shows thresholds (700, 10, 10) and the counts after 2,000 lists", () => {
    expect(r.stdout).toContain(">>> gc.get_threshold()\n  (700, 10, 10)\n");
    const m =
      /keep = \[\[\] for _ in range\(2000\)\]\n {2}>>> gc\.get_count\(\)\n {2}\((\d+), (\d+), (\d+)\)/.exec(
        r.stdout,
      )!;
    // 2,001 containers with threshold 700: two generation-0 collections, 2001 - 2 * 701 left.
    expect([Number(m[1]), Number(m[2]), Number(m[3])]).toEqual([2001 - 2 * 701, 2, 0]);
  });

  it("explains python3's extra generation-0 count, and the command it names prints the tour's counts", () => {
    expect(r.stdout).toContain("generation 0 (604 instead of 599)");
    const command = /^python3 -c "(.*)"$/m.exec(r.stdout)![1]!;
    const python = spawnSync("python3", ["-c", command], { encoding: "utf8" });
    const version = spawnSync("python3", ["-c", "import sys; print(sys.version_info[:2])"], {
      encoding: "utf8",
    });
    if (python.status !== 0 || version.stdout.trim() !== "(3, 11)") return; // no python3.11 here
    expect(python.stdout.trim()).toBe("(599, 2, 0)");
  });

  it("ends with arenas, pools per size class and the heap map", () => {
    expect(r.stdout).toContain("\narenas\n");
    expect(r.stdout).toContain("pools per size class");
    expect(r.stdout).toMatch(/heap map: \d+ arenas?, \d+ pools of 16 KiB/);
    expect(r.stdout).toMatch(/\|[a-zA-Z.-]{64}\|/);
    expect(r.stdout).toMatch(/[A-Z]/); // some pool is full after the trees workload
    expect(r.stdout).toContain("legend:");
  });

  it("draws the heap map the arenas table counts: case = full/used, . empty, - not carved", () => {
    const tableRows = [
      ...r.stdout.matchAll(/^│ (0x[0-9a-f]{8}) +│ +(\d+) │ +(\d+) │ +(\d+) │ +(\d+) │ +(\d+) │$/gm),
    ];
    expect(tableRows.length).toBeGreaterThan(0);
    for (const [, address, pools, used, full, empty, uncarved] of tableRows) {
      const map = [...r.stdout.matchAll(new RegExp(`^ {2}${address} \\|([^|]+)\\|$`, "gm"))]
        .map((m) => m[1])
        .join("");
      expect(map.length).toBe(Number(pools));
      expect([
        (map.match(/[a-z]/g) ?? []).length,
        (map.match(/[A-Z]/g) ?? []).length,
        (map.match(/\./g) ?? []).length,
        (map.match(/-/g) ?? []).length,
      ]).toEqual([Number(used), Number(full), Number(empty), Number(uncarved)]);
    }
  });
});
