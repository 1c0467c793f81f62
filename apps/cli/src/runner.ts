/**
 * Runs a target (workload or trace) on a composition and measures it.
 *
 * ```
 *  workload:  rt = createRuntime(runtimeOptions(c))
 *             objects allocated before -> t0 -> workload.run -> t1 -> objects allocated after
 *             report from rt.parts (pages, raw, object domain) and rt.gc.get_stats()
 *  trace:     stack = createMemoryStack(c)  (no object model: the trace is the program)
 *             t0 -> replayTrace -> t1, report from the stack
 * ```
 *
 * "Objects allocated" is the sum over every type's object allocator of allocations served
 * (free-list hits plus domain allocations), so it counts the same program the same way
 * whatever the composition, and ops/s compares compositions fairly.
 *
 * @module
 */
import { createRuntime, type Runtime } from "@pymem/runtime";
import { type Composition, describeComposition } from "./composition";
import { createMemoryStack, type MemoryStack, runtimeOptions, stackOf } from "./memory-stack";
import type { ProgressSink } from "./progress-sink";
import { Rng } from "./rng";
import { collectRunReport, type RunReport } from "./run-report";
import type { RunTarget } from "./run-target";
import { targetName } from "./run-target";
import { replayTrace } from "./trace-replay";

/** How a target is run. */
export interface RunSettings {
  /** Seed of the workload's random choices. */
  seed: number;
  /** Workload size factor. */
  scale: number;
  /** Receives progress. */
  progress: ProgressSink;
  /** Trace replay reports progress when `(event & traceProgressMask) === 0`. */
  traceProgressMask: number;
  /** Told the runtime (null for traces) and layers just before the work starts (e.g. to sample them). */
  observer?: { begin(runtime: Runtime | null, stack: MemoryStack): void };
}

/** A finished run: its report and the layers it ran on (still holding the end state). */
export interface RunOutcome {
  /** The report. */
  report: RunReport;
  /** The allocator layers. */
  stack: MemoryStack;
  /** The runtime (null for trace replays). */
  runtime: Runtime | null;
}

/** Objects allocated so far by every object allocator of a runtime. */
export function objectsAllocated(rt: Runtime): number {
  let n = 0;
  for (const allocator of rt.core.space.allocators) {
    if (allocator === undefined) continue;
    const s = allocator.stats();
    n += s.hits + s.misses;
  }
  return n;
}

/** A collector that counts the objects its collections examine (the gc-generational ones). */
interface CountingCollector {
  readonly examined: number;
  readonly largestExamined: number;
}

function countsWork(collector: unknown): collector is CountingCollector {
  const c = collector as Partial<CountingCollector>;
  return typeof c.examined === "number" && typeof c.largestExamined === "number";
}

/**
 * Runs `target` on `composition`.
 * @throws UsageError / ConfigurationError for an impossible composition (before anything runs)
 * @throws RunError or a pymem error when the run itself fails
 */
export function execute(target: RunTarget, composition: Composition, settings: RunSettings): RunOutcome {
  const label = describeComposition(composition);
  if (target.kind === "trace") {
    const stack = createMemoryStack(composition);
    settings.observer?.begin(null, stack);
    const t0 = performance.now();
    const result = replayTrace(
      target.trace,
      stack.objectDomain,
      settings.progress,
      settings.traceProgressMask,
    );
    const wallMs = performance.now() - t0;
    const report = collectRunReport(
      {
        workload: targetName(target),
        composition: label,
        seed: null,
        scale: null,
        wallMs,
        ops: result.events,
        generations: null,
      },
      stack,
    );
    return { report, stack, runtime: null };
  }
  const rt = createRuntime(runtimeOptions(composition));
  settings.observer?.begin(rt, stackOf(rt.parts));
  const before = objectsAllocated(rt);
  const collector = rt.parts.collector;
  const examinedBefore = countsWork(collector) ? collector.examined : 0;
  const t0 = performance.now();
  target.workload.run({
    rt,
    rng: new Rng(settings.seed),
    scale: settings.scale,
    progress: settings.progress,
  });
  const wallMs = performance.now() - t0;
  const stack = stackOf(rt.parts);
  const report = collectRunReport(
    {
      workload: target.workload.name,
      composition: label,
      seed: settings.seed,
      scale: settings.scale,
      wallMs,
      ops: objectsAllocated(rt) - before,
      generations: rt.gc.get_stats(),
      collectorWork: countsWork(collector)
        ? { examined: collector.examined - examinedBefore, largestPause: collector.largestExamined }
        : null,
    },
    stack,
  );
  return { report, stack, runtime: rt };
}
