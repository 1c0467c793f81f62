/**
 * The playground page: the editor and run controls, one session (or two when comparing), the
 * URL kept in step with the program and compositions, and the keyboard shortcuts.
 *
 * ```
 *  Run        run to the end                        Ctrl+Enter
 *  Step       run again, stopping one line later    Alt+→
 *  Back       run again, stopping one line earlier  Alt+←
 *  To start   run again, stopping before line 1     Alt+Home
 *  Stop       terminate the worker at once          Escape
 *  panels     Alt+1 … Alt+5, or the arrow keys in a tab list
 * ```
 *
 * @module
 */
import "./style.css";
import { type Composition, compositionOf, defaultComposition, profileNames } from "./engine/composition";
import { EXAMPLES, exampleById } from "./engine/examples";
import { decodeSharedState, encodeSharedState } from "./share-url";
import { ProgramEditor } from "./ui/editor";
import { el } from "./ui/selection";
import { PANELS, type PanelName, SessionView } from "./ui/session-view";
import type { RunOutcome } from "./ui/worker-client";

const app = document.getElementById("app")!;
const shared = decodeSharedState(location.hash);
const initialSource = shared?.source ?? exampleById("refcount")!.source;

// --- controls ------------------------------------------------------------------------------
const toolbar = el("div", "toolbar");
toolbar.setAttribute("role", "toolbar");
toolbar.setAttribute("aria-label", "Program controls");
const examples = el("select", "examples");
examples.id = "examples";
examples.append(Object.assign(el("option", "", "Examples…"), { value: "" }));
for (const e of EXAMPLES) examples.append(Object.assign(el("option", "", e.title), { value: e.id }));
const examplesLabel = el("label", "", "Example ");
examplesLabel.htmlFor = "examples";
const button = (id: string, text: string, keys: string, title: string): HTMLButtonElement => {
  const b = el("button", "control", text);
  b.id = id;
  b.title = `${title} (${keys})`;
  b.setAttribute("aria-keyshortcuts", keys);
  return b;
};
const runButton = button("run", "▶ Run", "Control+Enter", "Run the program to its end");
const stepButton = button("step", "Step", "Alt+ArrowRight", "Run one more line");
const backButton = button("back", "Back", "Alt+ArrowLeft", "Go back one line");
const startButton = button("restart", "To start", "Alt+Home", "Go back to before the first line");
const stopButton = button("stop", "■ Stop", "Escape", "Stop the running program at once");
const gotoInput = el("input");
gotoInput.type = "number";
gotoInput.min = "0";
gotoInput.id = "goto";
gotoInput.size = 7;
const gotoLabel = el("label", "", "Line event ");
gotoLabel.htmlFor = "goto";
const gotoButton = button("goto-button", "Go", "Alt+G", "Run to this line event");
const compareBox = el("input");
compareBox.type = "checkbox";
compareBox.id = "compare";
const compareLabel = el("label", "", " Compare two compositions");
compareLabel.htmlFor = "compare";
compareLabel.prepend(compareBox);
const shareButton = button("share", "Copy link", "Alt+L", "Copy a link to this program and composition");
toolbar.append(
  examplesLabel,
  examples,
  runButton,
  stepButton,
  backButton,
  startButton,
  stopButton,
  gotoLabel,
  gotoInput,
  gotoButton,
  compareLabel,
  shareButton,
);
const status = el("p", "status");
status.id = "status";
status.setAttribute("role", "status");
const hint = el("p", "hint");
const editorHolder = el("div", "editor");
const programSection = el("section", "program");
programSection.setAttribute("aria-label", "Program");
programSection.append(toolbar, editorHolder, hint, status);
const sessionsHolder = el("div", "sessions");
app.append(programSection, sessionsHolder);

// --- state ---------------------------------------------------------------------------------
let step: number | null = null;
let finished = false;
let currentPanel: PanelName = "frames";
const editor = new ProgramEditor(editorHolder, initialSource, () => {
  step = null;
  finished = false;
  editor.markLine(0);
  setStatus("Program changed: Run or Step to see it.");
  writeUrl();
});

function showTab(panel: PanelName): void {
  currentPanel = panel;
  for (const s of sessions) s.show(panel);
}

function makeSession(name: string, composition: Composition): SessionView {
  return new SessionView(
    name,
    composition,
    () => {
      writeUrl();
      if (step !== null || finished) void go(finished ? null : step);
    },
    showTab,
    () => {
      if (step !== null || finished) void go(finished ? null : step);
    },
  );
}

const sessions: SessionView[] = [makeSession("Composition A", shared?.a ?? defaultComposition())];
sessionsHolder.append(sessions[0]!.element);
if (shared?.b != null) addSecond(shared.b);

function addSecond(c: Composition): void {
  const b = makeSession("Composition B", c);
  sessions.push(b);
  sessionsHolder.append(b.element);
  sessionsHolder.classList.add("comparing");
  compareBox.checked = true;
  b.show(currentPanel);
}

function writeUrl(): void {
  const hash = encodeSharedState({
    source: editor.source,
    a: sessions[0]!.form.composition,
    b: sessions[1]?.form.composition ?? null,
  });
  history.replaceState(null, "", hash);
}

function setStatus(text: string): void {
  status.textContent = text;
}

// --- running -------------------------------------------------------------------------------
let generation = 0;

/** Runs every session to line event `stopAt` (null: to the end) and shows where they stopped. */
async function go(stopAt: number | null): Promise<void> {
  const mine = ++generation;
  setStatus(stopAt === null ? "Running…" : `Running to line event ${stopAt}…`);
  document.body.classList.add("busy");
  const outcomes: RunOutcome[] = await Promise.all(
    sessions.map((s) =>
      s.run(editor.source, stopAt, (event) => {
        if (mine === generation) setStatus(`Running… ${event.toLocaleString("en")} line events so far.`);
      }),
    ),
  );
  if (mine !== generation) return;
  document.body.classList.remove("busy");
  const first = outcomes[0]!;
  if (first.kind === "stopped") {
    setStatus("Stopped.");
    return;
  }
  if (first.kind === "failed") {
    setStatus(first.message);
    step = null;
    return;
  }
  const s = first.snapshot;
  step = s.event;
  finished = s.finished;
  editor.markLine(s.finished ? 0 : s.line);
  setStatus(
    s.finished
      ? `Finished: ${s.event} line events, exit code ${s.exitCode}.`
      : `Step ${s.event}: line ${s.line} runs next.`,
  );
  document.body.dataset.step = String(s.event);
  gotoInput.value = String(s.event);
  document.body.dataset.finished = String(s.finished);
}

function stop(): void {
  generation++;
  for (const s of sessions) s.client.stop();
  document.body.classList.remove("busy");
  setStatus("Stopped.");
}

runButton.addEventListener("click", () => void go(null));
stepButton.addEventListener("click", () => {
  if (finished) {
    setStatus("The program has ended: To start, or Back.");
    return;
  }
  void go(step === null ? 1 : step + 1);
});
backButton.addEventListener("click", async () => {
  if (finished && step === 0) {
    // The run went through the interpreter, which counts no line events without a trace hook:
    // step to the end first to learn how many there are.
    await go(Number.MAX_SAFE_INTEGER);
    if (!finished || step === 0) return;
  }
  void go(Math.max(0, (step ?? 1) - 1));
});
startButton.addEventListener("click", () => void go(0));
stopButton.addEventListener("click", stop);
gotoButton.addEventListener("click", () => {
  const n = Math.round(Number(gotoInput.value));
  if (Number.isFinite(n) && n >= 0) void go(n);
});
gotoInput.addEventListener("keydown", (e) => {
  if (e.key === "Enter") gotoButton.click();
});
examples.addEventListener("change", () => {
  const e = exampleById(examples.value);
  if (e === undefined) return;
  editor.setSource(e.source);
  hint.textContent = e.hint;
  examples.value = "";
});
compareBox.addEventListener("change", () => {
  if (compareBox.checked && sessions.length === 1) {
    const names = profileNames();
    const other = names.find((n) => n !== sessions[0]!.form.composition.profile) ?? names[0]!;
    addSecond(compositionOf(other));
    if (step !== null || finished) void go(finished ? null : step);
  } else if (!compareBox.checked && sessions.length === 2) {
    const b = sessions.pop()!;
    b.client.stop();
    b.element.remove();
    sessionsHolder.classList.remove("comparing");
  }
  writeUrl();
});
shareButton.addEventListener("click", async () => {
  writeUrl();
  try {
    await navigator.clipboard.writeText(location.href);
    setStatus("Link copied: it opens this program and composition.");
  } catch {
    setStatus(`Link: ${location.href}`);
  }
});

document.addEventListener("keydown", (e) => {
  if (e.key === "Escape") stop();
  else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) runButton.click();
  else if (e.altKey && e.key === "ArrowRight") stepButton.click();
  else if (e.altKey && e.key === "ArrowLeft") backButton.click();
  else if (e.altKey && e.key === "Home") startButton.click();
  else if (e.altKey && (e.key === "l" || e.key === "L")) shareButton.click();
  else if (e.altKey && (e.key === "g" || e.key === "G")) gotoInput.focus();
  else if (e.altKey && /^[1-5]$/.test(e.key)) showTab(PANELS[Number(e.key) - 1]!);
  else return;
  e.preventDefault();
});

const initialExample = EXAMPLES.find((e) => e.source === initialSource);
hint.textContent = initialExample?.hint ?? "";
writeUrl();
setStatus("Ready: Run, or Step through the program line by line.");
