/**
 * Frames and their variables: each variable's type, what `sys.getrefcount` would say of it,
 * a short repr and the address (a button that selects the object).
 *
 * @module
 */
import type { StepSnapshot } from "../engine/snapshot-types";
import { el, hex, type Selection } from "./selection";

/** The frames panel of one session. */
export class FramesPanel {
  /** The panel's root element. */
  readonly element = el("div", "frames-panel");

  constructor(
    private readonly selection: Selection,
    private readonly label: string,
  ) {}

  /** Shows the frames of `snapshot`. */
  update(snapshot: StepSnapshot): void {
    const parts: HTMLElement[] = [];
    const where = snapshot.finished
      ? `Program ended (exit code ${snapshot.exitCode}) after ${snapshot.event} line events.`
      : `Stopped before line ${snapshot.line} (line event ${snapshot.event + 1}).`;
    parts.push(el("p", "frames-where", where));
    if (snapshot.engine === "@pymem/python" && snapshot.frames.every((f) => f.variables.length === 0)) {
      parts.push(
        el(
          "p",
          "hint",
          "The interpreter does not report its frames yet: the object graph and the heap map show every object of the run.",
        ),
      );
      this.element.replaceChildren(...parts);
      return;
    }
    for (const frame of snapshot.frames) {
      const table = el("table", "frame-table");
      table.setAttribute("aria-label", `${this.label}: variables of ${frame.name}`);
      const caption = el("caption", "", frame.name);
      table.append(caption);
      const head = el("thead");
      head.innerHTML =
        "<tr><th scope='col'>name</th><th scope='col'>type</th><th scope='col'>sys.getrefcount</th><th scope='col'>value</th><th scope='col'>id</th></tr>";
      table.append(head);
      const body = el("tbody");
      for (const v of frame.variables) {
        const tr = el("tr");
        tr.dataset.name = v.name;
        const id = el("button", "link", hex(v.address));
        id.setAttribute("aria-label", `select ${v.name}'s ${v.type} at ${hex(v.address)}`);
        id.addEventListener("click", () => this.selection.select(v.address));
        const idCell = el("td");
        idCell.append(id);
        const rc = el("td", "refcount", String(v.getrefcount));
        tr.append(el("th", "", v.name), el("td", "", v.type), rc, el("td", "repr", v.repr), idCell);
        body.append(tr);
      }
      if (frame.variables.length === 0) {
        const tr = el("tr");
        const td = el("td", "hint", "no variables");
        td.colSpan = 5;
        tr.append(td);
        body.append(tr);
      }
      table.append(body);
      parts.push(table);
    }
    this.element.replaceChildren(...parts);
  }
}
