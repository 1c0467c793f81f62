/**
 * Samples one run for the plot: bytes in use as the work advances, and every collection.
 *
 * ```
 *  execute(target, composition, { ..., progress: sampler.wrap(progress), observer: sampler })
 *
 *  begin(rt, stack)         t0; first sample (work 0); a "stop" entry in rt.gc.callbacks
 *  progress.update(d, t)    forwarded; a sample when d / t crosses the next 1/500 of the work
 *  gc "stop" callback       a collection: generation, objects found, bytes in use right after
 *  finish()                 a last sample (work 1) unless progress reported the end; the callback is removed
 *
 *  sample     { work: 0..1, ms since begin, bytes in use in the object domain }
 * ```
 *
 * Bytes in use are the object domain's (`stats().bytesInUse`, the report's "live bytes");
 * reading them walks pymalloc's pools, so samples are bounded (about 500 per run plus one per
 * collection) and a run's wall time includes them.
 *
 * @module
 */
import type { CollectionCallback } from "@pymem/core";
import type { Runtime } from "@pymem/runtime";
import type { MemoryStack } from "../memory-stack";
import type { ProgressSink } from "../progress-sink";

/** Samples per run from progress reports (at most, plus the first and last). */
export const PROGRESS_SAMPLES = 500;

/** Bytes in use at one point of a run. */
export interface PlotSample {
  /** Fraction of the run's work done (0 to 1). */
  work: number;
  /** Milliseconds since the run began. */
  ms: number;
  /** Bytes in use in the object domain. */
  bytes: number;
}

/** One collection during a run. */
export interface PlotCollection extends PlotSample {
  /** Generation collected (CPython's numbering). */
  generation: number;
  /** Objects found unreachable (collected + uncollectable). */
  found: number;
}

/** What one run contributes to the plot. */
export interface RunSeries {
  /** Bytes in use as the work advanced, in order. */
  samples: PlotSample[];
  /** Collections, in order. */
  collections: PlotCollection[];
}

/**
 * Records a {@link RunSeries} for one run.
 * @example
 * ```ts
 * const sampler = new RunSampler();
 * execute(target, composition, { ...settings, progress: sampler.wrap(settings.progress), observer: sampler });
 * sampler.finish().samples.length; // 2 to 502
 * ```
 */
export class RunSampler {
  private readonly series: RunSeries = { samples: [], collections: [] };
  private stack: MemoryStack | null = null;
  private runtime: Runtime | null = null;
  private t0 = 0;
  private work = 0;
  private nextStep = 1;
  private readonly onCollection: CollectionCallback = (phase, info) => {
    if (phase !== "stop") return;
    this.series.collections.push({
      ...this.sample(),
      generation: info.generation,
      found: info.collected + info.uncollectable,
    });
  };

  /** Called by the runner just before the work starts. */
  begin(runtime: Runtime | null, stack: MemoryStack): void {
    this.stack = stack;
    this.runtime = runtime;
    this.t0 = performance.now();
    this.series.samples.push(this.sample());
    runtime?.gc.callbacks.push(this.onCollection);
  }

  /** A progress sink that forwards to `inner` and samples as the work advances. */
  wrap(inner: ProgressSink): ProgressSink {
    return {
      update: (done: number, total: number): void => {
        inner.update(done, total);
        if (total <= 0 || this.stack === null) return;
        this.work = Math.min(1, done / total);
        const step = Math.floor(this.work * PROGRESS_SAMPLES);
        if (step >= this.nextStep) {
          this.nextStep = step + 1;
          this.series.samples.push(this.sample());
        }
      },
    };
  }

  /** A last sample if the work never reported its end; stops listening to collections; the series. */
  finish(): RunSeries {
    const last = this.series.samples.at(-1);
    if (this.stack !== null && last !== undefined && last.work < 1) {
      this.work = 1;
      this.series.samples.push(this.sample());
    }
    const callbacks = this.runtime?.gc.callbacks;
    if (callbacks !== undefined) {
      const i = callbacks.indexOf(this.onCollection);
      if (i >= 0) callbacks.splice(i, 1);
    }
    return this.series;
  }

  private sample(): PlotSample {
    return {
      work: this.work,
      ms: performance.now() - this.t0,
      bytes: this.stack === null ? 0 : this.stack.objectDomain.stats().bytesInUse,
    };
  }
}
