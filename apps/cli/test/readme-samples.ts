// The README's sample outputs, produced by real runs of the CLI (in process).
//
// A sample is a ```sh block holding one `$ pymem <args>` line followed by a ```text block with
// what that command prints. A line `...` in a sample stands for lines left out: each stretch
// between them must appear, contiguous and in order, in the real output. Wall time and ops/s
// vary from run to run, so their values are not compared.
//
// Regenerate every sample after a change that alters output:
//   node --conditions=@pymem/source --import tsx test/readme-samples.ts --write
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { main } from "../src/main";

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const readmePath = join(appDir, "README.md");

const SAMPLE = /^```sh\n\$ pymem ([^\n]*)\n```\n\n```text\n([\s\S]*?)^```$/gm;

/** Splits a command line as a shell would for the samples: spaces, and double-quoted words. */
export function shellWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}
const ELISION = "...";

/** One sample of the README: the command's arguments and the text shown for it. */
export interface ReadmeSample {
  /** Arguments after `pymem`. */
  args: string[];
  /** The text block, without its fences. */
  shown: string;
  /** Offset of the text block's body in the README. */
  start: number;
}

/** Every sample in `readme`. */
export function readmeSamples(readme: string): ReadmeSample[] {
  const samples: ReadmeSample[] = [];
  for (let m = SAMPLE.exec(readme); m !== null; m = SAMPLE.exec(readme)) {
    const body = m[2]!;
    samples.push({ args: shellWords(m[1]!), shown: body, start: m.index + m[0].length - 3 - body.length });
  }
  return samples;
}

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** What `pymem <args>` prints on stdout (not a terminal: no progress bar). */
export function runPymem(args: readonly string[]): string {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = main(args, { stdout: stdout as never, stderr: stderr as never, env: {} });
  if (code !== 0) throw new Error(`pymem ${args.join(" ")} exited ${code}: ${stderr.text}`);
  return stdout.text;
}

/** A line with its run-to-run varying figures blanked (wall time, ops/s). */
export function stable(line: string): string {
  const varying = /^│ (wall time|ops\/s) /.exec(line);
  return varying === null ? line : `│ ${varying[1]} <varies>`;
}

/** The sample's stretches (split at `...` lines). */
function stretches(shown: string): string[][] {
  const out: string[][] = [[]];
  for (const line of shown.replace(/\n$/, "").split("\n")) {
    if (line === ELISION) out.push([]);
    else out[out.length - 1]!.push(line);
  }
  return out.filter((s) => s.length > 0);
}

/**
 * The sample redone from `output`: each stretch replaced by as many lines of the output, from
 * the line equal to the stretch's first line (after the previous stretch) on.
 */
export function regenerate(shown: string, output: string): string {
  const lines = output.replace(/\n$/, "").split("\n");
  if (!shown.split("\n").includes(ELISION)) return `${lines.join("\n")}\n`;
  const parts: string[] = [];
  let from = 0;
  const elided = shown.split("\n");
  const leading = elided[0] === ELISION;
  for (const stretch of stretches(shown)) {
    const at = lines.findIndex((l, i) => i >= from && stable(l) === stable(stretch[0]!));
    if (at < 0) throw new Error(`the line "${stretch[0]}" is no longer printed: edit the sample by hand`);
    parts.push(lines.slice(at, at + stretch.length).join("\n"));
    from = at + stretch.length;
  }
  const trailing = elided[elided.length - 2] === ELISION;
  return `${leading ? `${ELISION}\n` : ""}${parts.join(`\n${ELISION}\n`)}\n${trailing ? `${ELISION}\n` : ""}`;
}

/** Where the sample differs from the output, or null when it matches. */
export function drift(shown: string, output: string): string | null {
  const lines = output.replace(/\n$/, "").split("\n").map(stable);
  const elided = shown.split("\n").includes(ELISION);
  if (!elided) {
    const want = shown.replace(/\n$/, "").split("\n").map(stable);
    for (let i = 0; i < Math.max(want.length, lines.length); i++) {
      if (want[i] !== lines[i])
        return `line ${i + 1}: README has ${JSON.stringify(want[i])}, pymem prints ${JSON.stringify(lines[i])}`;
    }
    return null;
  }
  let from = 0;
  for (const stretch of stretches(shown).map((s) => s.map(stable))) {
    const at = lines.findIndex((_, i) => i >= from && stretch.every((l, k) => lines[i + k] === l));
    if (at < 0) return `these lines are not printed together any more:\n${stretch.join("\n")}`;
    from = at + stretch.length;
  }
  return null;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let readme = readFileSync(readmePath, "utf8");
  for (const sample of readmeSamples(readme).reverse()) {
    const redone = regenerate(sample.shown, runPymem(sample.args));
    readme = readme.slice(0, sample.start) + redone + readme.slice(sample.start + sample.shown.length);
  }
  if (process.argv.includes("--write")) writeFileSync(readmePath, readme);
  else process.stdout.write(readme);
}
