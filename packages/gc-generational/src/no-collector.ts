/**
 * Reference counting only: no cycle is ever collected. Containers are still tracked on a
 * list in the heap, so `gc.get_objects()` and `gc.is_tracked()` keep working, and the
 * stats show what cycles cost: both figures below only go down when reference counting
 * frees an object, so leaked cycles make them grow for good.
 *
 * ```
 *  all head <-> o <-> o <-> ...        tracked        = objects on both lists (walked when asked)
 *  permanent head <-> frozen           liveContainers = onAllocate calls - onDeallocate calls
 *
 *  collect(g): "start"/"stop" callbacks and hooks, collections += 1, returns 0
 * ```
 *
 * Use it as the baseline when comparing collectors, or where a program is known to create
 * no cycles.
 *
 * @module
 */
import type { GenerationStats } from "@pymem/core";
import { CollectorBase } from "./collector-base";
import type { BaseCollectorOptions } from "./collector-options";

/** Options of {@link NoCollector}. */
export interface NoCollectorOptions extends BaseCollectorOptions {}

/** `gc.get_stats()` entry of {@link NoCollector}: the usual fields plus what is still alive. */
export interface NoCollectorStats extends GenerationStats {
  /** Containers tracked now, frozen ones included (leaked cycles stay counted here for good). */
  tracked: number;
  /** Containers allocated and not deallocated (tracked or not), counted since construction. */
  liveContainers: number;
}

/**
 * A cycle collector that collects nothing.
 * @example
 * ```ts
 * const gc = new NoCollector({ heap, layout: LAYOUT_64, types, refcount, allocateListHead: raw });
 * gc.collect();                 // 0, always
 * gc.getStats()[0].tracked;     // containers still tracked, leaked cycles included
 * gc.getStats()[0].liveContainers; // containers allocated and never freed
 * ```
 */
export class NoCollector extends CollectorBase {
  /** Collector name. */
  readonly name = "none";
  private allocated = 0;
  private deallocated = 0;

  constructor(options: NoCollectorOptions) {
    super(options, 1, [0]);
    // The figures live in the gc module's stats entry, read when the stats are copied.
    Object.defineProperties(this.state.stats[0]!, {
      tracked: { get: () => this.trackedCount, enumerable: true, configurable: true },
      liveContainers: { get: () => this.allocated - this.deallocated, enumerable: true, configurable: true },
    });
  }

  /** Containers tracked now, frozen ones included (walks the lists). */
  get trackedCount(): number {
    return this.lists.size(this.generationHeads[0]!) + this.lists.size(this.permanentHead);
  }

  /** Counts an allocation; never collects. */
  onAllocate(): void {
    this.counts[0]!++;
    this.allocated++;
  }

  override onDeallocate(): void {
    super.onDeallocate();
    this.deallocated++;
  }

  override getStats(): NoCollectorStats[] {
    return super.getStats() as NoCollectorStats[];
  }

  protected collectMain(_generation: number, t1: number): void {
    this.counts[0] = 0;
    this.logDone(t1, 0, 0);
  }
}
