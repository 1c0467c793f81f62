/**
 * One session: a composition, its worker, its selection and its panels (frames, object
 * graph, heap map, timelines, output) under a tab list. The page shows one session, or two
 * side by side when comparing; both run the same program to the same step.
 *
 * @module
 */
import type { Composition } from "../engine/composition";
import type { StepSnapshot } from "../engine/snapshot-types";
import { CompositionForm } from "./composition-form";
import { FramesPanel } from "./frames-panel";
import { GraphPanel } from "./graph-panel";
import { HeapMapPanel } from "./heap-map-panel";
import { el, Selection } from "./selection";
import { TimelinePanel } from "./timeline-panel";
import { type RunOutcome, WorkerClient } from "./worker-client";

/** Names of the panels, in tab order. */
export const PANELS = ["frames", "graph", "heap", "timelines", "output"] as const;
/** A panel name. */
export type PanelName = (typeof PANELS)[number];
const PANEL_TITLES: Record<PanelName, string> = {
  frames: "Frames",
  graph: "Object graph",
  heap: "Heap map",
  timelines: "Timelines",
  output: "Output",
};

/** One composition's column. */
export class SessionView {
  /** The column's root element. */
  readonly element = el("section", "session");
  /** The composition form. */
  readonly form: CompositionForm;
  /** The selected object. */
  readonly selection = new Selection();
  /** The worker. */
  readonly client = new WorkerClient();
  /** The frames panel. */
  readonly frames: FramesPanel;
  /** The graph panel. */
  readonly graph: GraphPanel;
  /** The heap map panel. */
  readonly heap: HeapMapPanel;
  /** The timeline panel. */
  readonly timelines: TimelinePanel;
  /** The output panel. */
  readonly output = el("pre", "output-panel");
  /** The snapshot shown, if any. */
  snapshot: StepSnapshot | null = null;
  private readonly tabs = new Map<PanelName, HTMLButtonElement>();
  private readonly panels = new Map<PanelName, HTMLElement>();
  private readonly engineLine = el("p", "engine-line");
  private current: PanelName = "frames";

  constructor(
    readonly name: string,
    composition: Composition,
    onComposition: (c: Composition) => void,
    onTab: (panel: PanelName) => void,
    onRefocus: () => void,
  ) {
    this.element.setAttribute("aria-label", name);
    this.form = new CompositionForm(`${name}: composition`, composition, onComposition);
    this.frames = new FramesPanel(this.selection, name);
    this.graph = new GraphPanel(this.selection, name, onRefocus);
    this.heap = new HeapMapPanel(this.selection, name);
    this.timelines = new TimelinePanel(name);
    this.output.setAttribute("aria-live", "polite");
    this.output.tabIndex = 0;
    this.output.setAttribute("aria-label", `${name}: program output`);
    const tablist = el("div", "tabs");
    tablist.setAttribute("role", "tablist");
    tablist.setAttribute("aria-label", `${name}: panels`);
    const bodies: Record<PanelName, HTMLElement> = {
      frames: this.frames.element,
      graph: this.graph.element,
      heap: this.heap.element,
      timelines: this.timelines.element,
      output: this.output,
    };
    const id = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    for (const panel of PANELS) {
      const tab = el("button", "tab", PANEL_TITLES[panel]);
      tab.setAttribute("role", "tab");
      tab.id = `${id}-tab-${panel}`;
      tab.dataset.panel = panel;
      tab.setAttribute("aria-controls", `${id}-panel-${panel}`);
      tab.addEventListener("click", () => onTab(panel));
      tab.addEventListener("keydown", (e) => {
        const i = PANELS.indexOf(panel);
        let next = -1;
        if (e.key === "ArrowRight") next = (i + 1) % PANELS.length;
        else if (e.key === "ArrowLeft") next = (i + PANELS.length - 1) % PANELS.length;
        else if (e.key === "Home") next = 0;
        else if (e.key === "End") next = PANELS.length - 1;
        if (next < 0) return;
        e.preventDefault();
        onTab(PANELS[next]!);
        this.tabs.get(PANELS[next]!)?.focus();
      });
      tablist.append(tab);
      this.tabs.set(panel, tab);
      const body = el("div", `panel panel-${panel}`);
      body.id = `${id}-panel-${panel}`;
      body.setAttribute("role", "tabpanel");
      body.setAttribute("aria-labelledby", tab.id);
      body.dataset.panel = panel;
      body.append(bodies[panel]);
      this.panels.set(panel, body);
    }
    this.element.append(
      el("h2", "", name),
      this.form.element,
      this.engineLine,
      tablist,
      ...this.panels.values(),
    );
    this.show("frames");
  }

  /** Shows panel `panel`. */
  show(panel: PanelName): void {
    this.current = panel;
    for (const [name, tab] of this.tabs) {
      const selected = name === panel;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      this.panels.get(name)!.hidden = !selected;
    }
    if (this.snapshot !== null) this.render(panel);
  }

  /** Runs the program; resolves with how it ended. */
  async run(source: string, stopAt: number | null, onProgress: (event: number) => void): Promise<RunOutcome> {
    this.output.textContent = "";
    const outcome = await this.client.run(source, this.form.composition, stopAt, this.selection.address, {
      output: (stream, text) => {
        if (stream === "stderr") {
          const span = el("span", "stderr", text);
          this.output.append(span);
        } else this.output.append(document.createTextNode(text));
      },
      progress: onProgress,
    });
    if (outcome.kind === "snapshot") {
      this.snapshot = outcome.snapshot;
      this.engineLine.textContent = `Engine: ${outcome.snapshot.engine}.`;
      this.render(this.current);
    } else if (outcome.kind === "failed") {
      this.output.append(el("span", "stderr", `${outcome.message}\n`));
    }
    return outcome;
  }

  private rendered = new Map<PanelName, StepSnapshot>();

  private render(panel: PanelName): void {
    const s = this.snapshot;
    if (s === null || this.rendered.get(panel) === s) return;
    this.rendered.set(panel, s);
    if (panel === "frames") this.frames.update(s);
    else if (panel === "graph") this.graph.update(s);
    else if (panel === "heap") this.heap.update(s);
    else if (panel === "timelines") this.timelines.update(s);
  }
}
