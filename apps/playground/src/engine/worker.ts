/**
 * The interpreter's worker: answers each {@link RunRequest} with the program's output as it
 * prints, progress during long runs, and one snapshot (see protocol.ts). Runs in a Web Worker
 * so the page never waits on a program; Stop terminates it.
 *
 * @module
 */
import type { RunRequest, WorkerReply } from "./protocol";
import { chooseEngine } from "./python-engine";
import { runStep } from "./run-step";

const post = (reply: WorkerReply): void => {
  (self as unknown as { postMessage(m: WorkerReply): void }).postMessage(reply);
};

/** Output waits here until the next flush (every 50 ms while a program prints). */
let pending: { stream: "stdout" | "stderr"; text: string } | null = null;
let lastFlush = 0;

function flush(id: number): void {
  if (pending !== null) post({ kind: "output", id, ...pending });
  pending = null;
  lastFlush = performance.now();
}

self.onmessage = (message: MessageEvent<RunRequest>) => {
  const request = message.data;
  const id = request.id;
  const engine = chooseEngine(request.source, request.stopAt);
  if (typeof engine === "string") {
    post({ kind: "failed", id, message: engine });
    return;
  }
  try {
    const snapshot = runStep(request, engine, {
      output(stream, text) {
        if (pending !== null && pending.stream !== stream) flush(id);
        pending = pending === null ? { stream, text } : { stream, text: pending.text + text };
        if (performance.now() - lastFlush > 50) flush(id);
      },
      progress(event) {
        if (performance.now() - lastFlush > 200) {
          flush(id);
          post({ kind: "progress", id, event });
        }
      },
    });
    flush(id);
    post({ kind: "snapshot", id, snapshot });
  } catch (error) {
    flush(id);
    post({
      kind: "failed",
      id,
      message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
};
