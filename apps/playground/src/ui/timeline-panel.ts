/**
 * The timelines, drawn with uPlot: bytes the object domain has in use, and `gc.get_count()`
 * per generation, against the line event; each collection is a vertical line in its
 * generation's colour.
 *
 * @module
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { StepSnapshot, TimelineView } from "../engine/snapshot-types";
import { el, GENERATION_COLOURS } from "./selection";

function collectionMarks(timeline: () => TimelineView | null): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const t = timeline();
        if (t === null) return;
        const ctx = u.ctx;
        ctx.save();
        ctx.lineWidth = 1;
        for (let i = 0; i < t.collections.length; i += 2) {
          const x = u.valToPos(t.collections[i]!, "x", true);
          ctx.strokeStyle = GENERATION_COLOURS[Math.min(2, t.collections[i + 1]!)]!;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

/** The timeline panel of one session. */
export class TimelinePanel {
  /** The panel's root element. */
  readonly element = el("div", "timeline-panel");
  private readonly bytesHolder = el("div", "chart");
  private readonly countsHolder = el("div", "chart");
  private readonly summary = el("p", "timeline-summary");
  private bytesPlot: uPlot | null = null;
  private countsPlot: uPlot | null = null;
  private timeline: TimelineView | null = null;

  constructor(label: string) {
    this.bytesHolder.setAttribute("role", "img");
    this.bytesHolder.setAttribute("aria-label", `${label}: bytes in use per line event`);
    this.countsHolder.setAttribute("role", "img");
    this.countsHolder.setAttribute("aria-label", `${label}: gc.get_count() per generation per line event`);
    this.summary.setAttribute("aria-live", "polite");
    this.element.append(
      el("h3", "", "Bytes in use"),
      this.bytesHolder,
      el("h3", "", "gc.get_count() — vertical lines: collections"),
      this.countsHolder,
      this.summary,
    );
  }

  /** Draws the timelines of `snapshot`. */
  update(snapshot: StepSnapshot): void {
    const t = snapshot.timeline;
    this.timeline = t;
    const width = Math.max(300, this.element.clientWidth - 8 || 560);
    const xs = t.event.length > 0 ? t.event : [0];
    const bytes = t.event.length > 0 ? t.bytesInUse : [snapshot.bytesInUse];
    this.bytesPlot?.destroy();
    this.countsPlot?.destroy();
    const marks = collectionMarks(() => this.timeline);
    this.bytesPlot = new uPlot(
      {
        width,
        height: 160,
        scales: { x: { time: false } },
        series: [{ label: "line event" }, { label: "bytes in use", stroke: "#1565c0", width: 1.5 }],
        axes: [{}, { size: 60 }],
        plugins: [marks],
      },
      [xs, bytes],
      this.bytesHolder,
    );
    const counts = t.counts.map((c) => (t.event.length > 0 ? c : [0]));
    this.countsPlot = new uPlot(
      {
        width,
        height: 160,
        scales: { x: { time: false } },
        series: [
          { label: "line event" },
          ...counts.map((_, g) => ({
            label: `generation ${g}`,
            stroke: GENERATION_COLOURS[Math.min(2, g)]!,
            width: 1.5,
          })),
        ],
        plugins: [marks],
      },
      [xs, ...counts],
      this.countsHolder,
    );
    const collections = t.collections.length / 2;
    this.summary.textContent = `${t.event.length} points up to line event ${snapshot.event}; ${collections} collection${collections === 1 ? "" : "s"}; gc.get_count() = (${snapshot.gcCount.join(", ")}), thresholds (${snapshot.gcThreshold.join(", ")}).`;
  }
}
