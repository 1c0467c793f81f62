/**
 * The object graph: heap objects as nodes (type, address, refcount, size), references as
 * arrows, frames' variables as name tags pointing at their objects; nodes coloured by GC
 * generation, garbage (what no root reaches) drawn dashed red. Cytoscape.js draws and lays it
 * out (breadth-first from the variables). Beside it: what the last collection freed, an
 * object list for keyboard users, and the hex view of the selected object.
 *
 * @module
 */
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import type { ObjectNode, StepSnapshot } from "../engine/snapshot-types";
import { renderHexView } from "./hex-view";
import { el, GENERATION_COLOURS, generationColour, hex, type Selection } from "./selection";

/** The graph panel of one session. */
export class GraphPanel {
  /** The panel's root element. */
  readonly element = el("div", "graph-panel");
  private readonly canvas = el("div", "graph-canvas");
  private readonly summary = el("p", "graph-summary");
  private readonly freed = el("p", "graph-freed");
  private readonly list = el("select", "object-list");
  private readonly hexHolder = el("div", "hex-holder");
  private cy: Core | null = null;
  private nodes = new Map<number, ObjectNode>();
  /** Milliseconds the last redraw took (elements, layout and draw). */
  lastRedrawMs = 0;

  private readonly refocus = el("button", "control", "Show the selected object's neighbourhood");

  constructor(
    private readonly selection: Selection,
    label: string,
    onRefocus: () => void,
  ) {
    this.refocus.hidden = true;
    this.refocus.addEventListener("click", onRefocus);
    this.canvas.setAttribute("role", "img");
    this.canvas.setAttribute("aria-label", `${label}: object graph`);
    this.list.size = 8;
    this.list.setAttribute("aria-label", `${label}: objects in the graph`);
    this.list.addEventListener("change", () => selection.select(Number(this.list.value)));
    const legend = el("p", "graph-legend");
    legend.innerHTML =
      GENERATION_COLOURS.map(
        (c, g) => `<span class="swatch" style="background:${c}"></span>generation ${g}`,
      ).join(" ") +
      ` <span class="swatch" style="background:${generationColour(-1, false)}"></span>untracked` +
      ` <span class="swatch" style="background:${generationColour(0, true)}"></span>immortal` +
      ` <span class="swatch garbage"></span>garbage (no root reaches it)`;
    const relayout = el("button", "control", "Lay out again");
    relayout.setAttribute("aria-label", `Lay out again (${label})`);
    relayout.addEventListener("click", () => this.relayout());
    legend.append(" ", relayout);
    const side = el("div", "graph-side");
    side.append(this.summary, this.refocus, this.freed, this.list, this.hexHolder);
    this.element.append(legend, this.canvas, side);
    selection.onChange((address) => this.showSelection(address));
  }

  /** Draws the graph of `snapshot`. */
  update(snapshot: StepSnapshot): void {
    const start = performance.now();
    const graph = snapshot.graph;
    this.nodes = new Map(graph.nodes.map((n) => [n.address, n]));
    const elements: ElementDefinition[] = [];
    const roots: string[] = [];
    for (const frame of snapshot.frames) {
      for (const v of frame.variables) {
        if (!this.nodes.has(v.address)) continue;
        const id = `var:${frame.name}:${v.name}`;
        roots.push(id);
        elements.push({ data: { id, label: v.name, kind: "variable" } });
        elements.push({
          data: { id: `${id}->${v.address}`, source: id, target: String(v.address), kind: "binding" },
        });
      }
    }
    for (const n of graph.nodes) {
      elements.push({
        data: {
          id: String(n.address),
          kind: "object",
          label: `${n.type} ${hex(n.address)}\nrc ${n.immortal ? "immortal" : n.refcount} · ${n.size} B\n${n.label}`,
          colour: generationColour(n.generation, n.immortal),
        },
        classes: n.garbage ? "garbage" : "",
      });
    }
    const seenEdges = new Map<string, number>();
    for (let i = 0; i < graph.edges.length; i += 2) {
      const from = graph.edges[i]!;
      const to = graph.edges[i + 1]!;
      const key = `${from}>${to}`;
      const k = (seenEdges.get(key) ?? 0) + 1;
      seenEdges.set(key, k);
      elements.push({
        data: { id: `${key}#${k}`, source: String(from), target: String(to), kind: "reference" },
      });
    }
    if (this.cy !== null) this.patch(this.cy, elements);
    else this.create(elements, roots);
    this.finish(snapshot, start);
  }

  /** Re-runs the layout over the whole graph (the breadth-first tree from the variables). */
  relayout(): void {
    const cy = this.cy;
    if (cy === null) return;
    const roots = cy.nodes("[kind = 'variable']").map((n) => n.id());
    cy.layout({
      name: "breadthfirst",
      directed: true,
      roots,
      spacingFactor: 0.85,
      animate: false,
      fit: true,
    }).run();
  }

  /**
   * Updates the drawn graph in place: removes what is gone, updates what changed, adds what is
   * new and lays out only the new nodes (a grid below the rest), so a step that changes a few
   * objects redraws a few.
   */
  private patch(cy: Core, elements: ElementDefinition[]): void {
    const ids = new Set(elements.map((e) => e.data.id!));
    const fresh: ElementDefinition[] = [];
    let added = cy.collection();
    cy.batch(() => {
      cy.elements()
        .filter((e) => !ids.has(e.id()))
        .remove();
      for (const def of elements) {
        const existing = cy.getElementById(def.data.id!);
        if (existing.empty()) fresh.push(def);
        else if (existing.isNode()) {
          if (existing.data("label") !== def.data.label) existing.data("label", def.data.label);
          if (existing.data("colour") !== def.data.colour) existing.data("colour", def.data.colour);
          existing.classes(def.classes ?? "");
        }
      }
      added = cy.add(fresh);
    });
    const nodes = added.nodes();
    if (nodes.empty()) return;
    const others = cy.nodes().difference(nodes);
    if (others.empty()) {
      this.relayout();
      return;
    }
    const box = others.boundingBox({});
    const rows = Math.ceil(nodes.length / Math.max(1, Math.floor(box.w / 140)));
    nodes
      .layout({
        name: "grid",
        fit: false,
        avoidOverlap: true,
        condense: true,
        boundingBox: { x1: box.x1, y1: box.y2 + 40, w: Math.max(box.w, 140), h: rows * 60 },
      })
      .run();
  }

  private create(elements: ElementDefinition[], roots: string[]): void {
    this.cy = cytoscape({
      container: this.canvas,
      elements,
      style: [
        {
          selector: "node[kind = 'object']",
          style: {
            shape: "round-rectangle",
            "background-color": "data(colour)",
            color: "#fff",
            label: "data(label)",
            "text-wrap": "wrap",
            "text-valign": "center",
            "font-size": 8,
            "min-zoomed-font-size": 5,
            width: 118,
            height: 44,
          },
        },
        {
          selector: "node.garbage",
          style: { "border-width": 3, "border-style": "dashed", "border-color": "#c62828" },
        },
        {
          selector: "node[kind = 'variable']",
          style: {
            shape: "tag",
            "background-color": "#1565c0",
            color: "#fff",
            label: "data(label)",
            "text-valign": "center",
            "font-size": 10,
            width: 48,
            height: 22,
          },
        },
        {
          selector: "edge",
          style: {
            width: 1.5,
            "line-color": "#78909c",
            "target-arrow-color": "#78909c",
            "target-arrow-shape": "triangle",
            "curve-style": "bezier",
          },
        },
        {
          selector: "edge[kind = 'binding']",
          style: { "line-color": "#1565c0", "target-arrow-color": "#1565c0" },
        },
        {
          selector: "node:selected",
          style: { "border-width": 4, "border-color": "#000", "border-style": "solid" },
        },
      ],
      layout: { name: "breadthfirst", directed: true, roots, spacingFactor: 0.85, animate: false, fit: true },
      wheelSensitivity: 0.3,
      minZoom: 0.05,
      maxZoom: 4,
      textureOnViewport: true,
      hideEdgesOnViewport: true,
      pixelRatio: 1,
    });
    this.cy.on("tap", "node[kind = 'object']", (event) => this.selection.select(Number(event.target.id())));
  }

  private finish(snapshot: StepSnapshot, start: number): void {
    const graph = snapshot.graph;
    const shown = graph.focus === 0 ? "" : ` — the neighbourhood of ${hex(graph.focus)}`;
    this.refocus.hidden = graph.focus === 0;
    this.summary.textContent = `${graph.nodes.length} of ${graph.totalObjects} objects drawn${shown}; ${graph.edges.length / 2} references.`;
    const last = snapshot.lastCollection;
    this.freed.textContent =
      last === null
        ? "No collection has run yet."
        : `Last collection (generation ${last.generation}, after line event ${last.event}): ${last.collected} unreachable; freed ${last.freed.length} objects${
            last.freed.length > 0
              ? `: ${last.freed
                  .slice(0, 6)
                  .map((f) => `${f.type} at ${hex(f.address)}`)
                  .join(", ")}${last.freed.length > 6 ? " …" : ""}`
              : ""
          }.`;
    this.list.replaceChildren(
      ...graph.nodes.map((n) => {
        const o = el(
          "option",
          "",
          `${n.type} at ${hex(n.address)} · rc ${n.immortal ? "immortal" : n.refcount} · ${n.size} B · ${n.generation < 0 ? "untracked" : `gen ${n.generation}`}${n.garbage ? " · garbage" : ""}`,
        );
        o.value = String(n.address);
        return o;
      }),
    );
    this.showSelection(this.selection.address);
    this.lastRedrawMs = performance.now() - start;
    this.element.dataset.redrawMs = this.lastRedrawMs.toFixed(1);
    this.element.dataset.nodes = String(graph.nodes.length);
  }

  /** The object node at `address` in the current graph. */
  node(address: number): ObjectNode | undefined {
    return this.nodes.get(address);
  }

  /** Redraws at the panel's current size (after it becomes visible). */
  resize(): void {
    this.cy?.resize();
    this.cy?.fit(undefined, 12);
  }

  private showSelection(address: number): void {
    const node = this.nodes.get(address);
    this.hexHolder.replaceChildren(
      node === undefined ? el("p", "hint", "Select an object to see its bytes.") : renderHexView(node),
    );
    if (this.cy !== null) {
      this.cy.nodes(":selected").unselect();
      if (node !== undefined) this.cy.getElementById(String(address)).select();
    }
    if (node !== undefined) this.list.value = String(address);
  }
}
