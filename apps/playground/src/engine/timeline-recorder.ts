/**
 * The timelines: bytes the object domain has in use and `gc.get_count()` at each line event,
 * and each collection with the line event it ran in. Long runs keep a bounded number of
 * points: past the limit every other point is dropped and only every 2nd, 4th … event is
 * recorded from then on, so a run of millions of events still draws in a few thousand points.
 *
 * @module
 */
import type { MemoryHooks } from "@pymem/core";
import type { Runtime } from "@pymem/runtime";
import type { TimelineView } from "./snapshot-types";

/** Points kept before the recorder halves its resolution. */
export const MAX_TIMELINE_POINTS = 4000;

/** Records a runtime's figures per line event. */
export class TimelineRecorder {
  private readonly event: number[] = [];
  private readonly bytes: number[] = [];
  private readonly counts: number[][];
  private readonly collections: number[] = [];
  private stride = 1;
  private current = 0;

  constructor(
    private readonly rt: Runtime,
    hooks: MemoryHooks,
  ) {
    this.counts = rt.gc.get_count().map(() => []);
    hooks.on("collectionStop", (generation) => {
      this.collections.push(this.current, generation);
    });
  }

  /** Records the figures at line event `event`. */
  record(event: number): void {
    this.current = event;
    if (event % this.stride !== 0) return;
    const count = this.rt.parts.collector.getCount();
    this.event.push(event);
    this.bytes.push(this.rt.parts.objectDomain.stats().bytesInUse);
    for (let g = 0; g < this.counts.length; g++) this.counts[g]!.push(count[g] ?? 0);
    if (this.event.length > MAX_TIMELINE_POINTS) this.halve();
  }

  private halve(): void {
    this.stride *= 2;
    const keep = (a: number[]): void => {
      let j = 0;
      for (let i = 0; i < a.length; i++) if (this.event[i]! % this.stride === 0) a[j++] = a[i]!;
      a.length = j;
    };
    keep(this.bytes);
    for (const c of this.counts) keep(c);
    keep(this.event);
  }

  /** The timelines so far. */
  view(): TimelineView {
    const collections = this.collections.slice(-2 * MAX_TIMELINE_POINTS);
    return {
      event: this.event.slice(),
      bytesInUse: this.bytes.slice(),
      counts: this.counts.map((c) => c.slice()),
      collections,
    };
  }
}
