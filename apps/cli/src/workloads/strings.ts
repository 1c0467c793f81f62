/**
 * `strings`: str objects of every size made, combined and dropped, as text processing does.
 *
 * Model: a log analyser. For each log line it builds the line (a fresh str of 40-200 chars),
 * splits it into words (one str each), lower-cases some (new strs), counts words in a dict
 * that lives for the whole run (word -> int, the key interned the first time it is seen, as
 * `sys.intern` would), formats a short summary str, and every 50 lines joins the recent lines
 * into a report of several KiB (larger than pymalloc's 512-byte limit, so the raw allocator
 * serves it) that is dropped at once.
 *
 * ```
 *  line      "2023-.. LEVEL component: word word ... id=12345"    fresh str, dropped
 *  words     one str per word (3-12 chars), lowered copies        dropped
 *  counts    dict: interned word -> int count                     lives to the end
 *  summary   f"{level}:{n}:{first}"                                dropped
 *  report    every 50 lines: "\n".join(last 50 lines)             several KiB, dropped
 * ```
 *
 * Default size: 10,000 lines at scale 1.
 *
 * @module
 */
import { PyDict, type PyInt, type PyObject } from "@pymem/runtime";
import { scaledSteps, type Workload, type WorkloadContext } from "../workload";

/** Log lines processed at scale 1. */
const LINES = 10_000;
/** Lines per joined report. */
const REPORT_EVERY = 50;
/** Levels of log lines. */
const LEVELS = ["DEBUG", "INFO", "INFO", "INFO", "WARNING", "ERROR"];
/** Components named in log lines. */
const COMPONENTS = ["http", "db", "cache", "auth", "queue", "scheduler", "mailer"];
/** Vocabulary of messages (mixed case, so lower-casing makes new strings). */
const VOCABULARY = [
  "Request",
  "served",
  "in",
  "ms",
  "Connection",
  "reset",
  "by",
  "peer",
  "Cache",
  "miss",
  "for",
  "key",
  "User",
  "logged",
  "out",
  "Retrying",
  "after",
  "timeout",
  "Job",
  "finished",
  "queued",
  "Slow",
  "query",
  "took",
  "seconds",
  "Token",
  "expired",
  "Message",
  "sent",
  "to",
  "subscriber",
  "Disk",
  "usage",
  "high",
];

/** The `strings` workload. */
export const strings: Workload = {
  name: "strings",
  summary: "strs of every size: log lines split, lowered, counted in a dict, joined into KiB-sized reports",
  modelledOn: "a log analyser counting words",
  run({ rt, rng, scale, progress }: WorkloadContext): void {
    const steps = scaledSteps(LINES, scale);
    rt.globals.set("counts", rt.dict());
    const counts = rt.globals.get("counts", PyDict) as PyDict;
    const recent: string[] = [];
    for (let step = 0; step < steps; step++) {
      const level = LEVELS[rng.below(LEVELS.length)]!;
      const words: string[] = [];
      const n = 5 + rng.below(20);
      for (let i = 0; i < n; i++) words.push(VOCABULARY[rng.below(VOCABULARY.length)]!);
      const text = `2023-10-${String(1 + rng.below(28)).padStart(2, "0")} ${level} ${COMPONENTS[rng.below(COMPONENTS.length)]}: ${words.join(" ")} id=${rng.below(100_000)}`;
      const line = rt.str(text, false);
      const pieces: PyObject[] = [];
      for (const word of words) {
        const piece = rt.str(word, false);
        pieces.push(piece);
        const lowered = rt.str(word.toLowerCase(), false);
        const key = word.toLowerCase();
        const seen = counts.get(key);
        const count = seen === undefined ? 0 : (seen as PyInt).toNumber();
        counts.set(seen === undefined ? rt.sys.intern(lowered) : key, count + 1);
        lowered.release();
      }
      const summary = rt.str(`${level}:${n}:${words[0]}`, false);
      for (const piece of pieces) piece.release();
      summary.release();
      line.release();
      recent.push(text);
      if (recent.length === REPORT_EVERY) {
        rt.str(recent.join("\n"), false).release();
        recent.length = 0;
      }
      progress.update(step + 1, steps);
    }
  },
};
