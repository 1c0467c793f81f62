/**
 * The program editor: CodeMirror 6 with Python highlighting (@codemirror/lang-python, the same
 * @lezer/python grammar the interpreter parses with) and a marker on the line about to run.
 *
 * @module
 */
import { python } from "@codemirror/lang-python";
import { StateEffect, StateField } from "@codemirror/state";
import { Decoration, type DecorationSet, EditorView } from "@codemirror/view";
import { basicSetup } from "codemirror";

const setCurrentLine = StateEffect.define<number>();
const currentLineMark = Decoration.line({ class: "cm-current-step" });

const currentLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setCurrentLine)) continue;
      const line = effect.value;
      next =
        line >= 1 && line <= tr.state.doc.lines
          ? Decoration.set([currentLineMark.range(tr.state.doc.line(line).from)])
          : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** The editor of the page. */
export class ProgramEditor {
  /** The CodeMirror view. */
  readonly view: EditorView;

  constructor(parent: HTMLElement, source: string, onChange: (source: string) => void) {
    this.view = new EditorView({
      parent,
      doc: source,
      extensions: [
        basicSetup,
        python(),
        currentLine,
        EditorView.contentAttributes.of({ "aria-label": "Python program" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    });
  }

  /** The program text. */
  get source(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the program text. */
  setSource(source: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: source } });
  }

  /** Marks line `line` as the next to run (0 clears the mark). */
  markLine(line: number): void {
    this.view.dispatch({ effects: setCurrentLine.of(line) });
  }
}
