/**
 * `churn`: short-lived small objects, as a request-handling loop makes them.
 *
 * Model: a web handler. Each request parses a path (a fresh str), builds a params dict of a
 * few ints, floats and strs, computes a score from a handful of intermediate floats, returns a
 * small (status, length) tuple and a list of a few floats; all of it dies when the request
 * ends. One request in twenty is kept in a ring of 256 recent sessions, so a small working set
 * lives much longer than the rest and older sessions die as new ones replace them.
 *
 * ```
 *  step:  path str, params dict {user, page, ratio, tag}, 3-8 temporaries (float, int > 256),
 *         (status, length) tuple, list of 0-7 floats       -> all freed at the end of the step
 *         5 %: params dict -> sessions[i % 256]            -> the previous session is freed
 *  end:   sessions (256 dicts) stay alive in globals
 * ```
 *
 * Default size: 20,000 requests at scale 1.
 *
 * @module
 */
import { PyList } from "@pymem/runtime";
import { scaledSteps, type Workload, type WorkloadContext } from "../workload";

/** Requests handled at scale 1. */
const REQUESTS = 20_000;
/** Sessions kept alive in the ring. */
const SESSION_RING = 256;
/** Fraction of requests whose params are kept as a session. */
const KEEP_PROBABILITY = 0.05;
/** Tags requests are labelled with (interned, as string literals are). */
const TAGS = ["home", "search", "item", "cart", "checkout", "account"];

/** The `churn` workload. */
export const churn: Workload = {
  name: "churn",
  summary: "short-lived small objects: a request loop's dicts, strs, floats and tuples",
  modelledOn: "a web request handler",
  run({ rt, rng, scale, progress }: WorkloadContext): void {
    const steps = scaledSteps(REQUESTS, scale);
    rt.globals.set("sessions", rt.list(new Array(SESSION_RING).fill(null)));
    const sessions = rt.globals.get("sessions", PyList) as PyList;
    let kept = 0;
    for (let step = 0; step < steps; step++) {
      const user = 1000 + rng.below(100_000);
      const path = rt.str(`/${TAGS[rng.below(TAGS.length)]}/${user}/${rng.below(1000)}`, false);
      const params = rt.dict({
        user,
        page: 300 + rng.below(50),
        ratio: rng.nextFloat(),
        tag: TAGS[rng.below(TAGS.length)]!,
      });
      // Intermediate values of a computation: each float lives for one line.
      let score = rt.float(rng.nextFloat() * 10);
      const temporaries = 3 + rng.below(6);
      for (let t = 0; t < temporaries; t++) {
        const next = rt.float(score.value * 1.5 + t);
        score.release();
        score = next;
      }
      const response = rt.tuple([200 + rng.below(2) * 104, path.length + 1000]);
      const values = rt.list();
      const n = rng.below(8);
      for (let i = 0; i < n; i++) values.append(rng.nextFloat());
      path.release();
      score.release();
      response.release();
      values.release();
      if (rng.chance(KEEP_PROBABILITY)) sessions.set(kept++ % SESSION_RING, params);
      else params.release();
      progress.update(step + 1, steps);
    }
  },
};
