/**
 * The page's side of the worker protocol: one request at a time; a new request, or Stop,
 * terminates a worker that is still busy and starts a fresh one (the worker keeps no state
 * between requests, so nothing is lost).
 *
 * @module
 */
import type { Composition } from "../engine/composition";
import type { RunRequest, WorkerReply } from "../engine/protocol";
import type { StepSnapshot } from "../engine/snapshot-types";

/** How a request ended. */
export type RunOutcome =
  | { kind: "snapshot"; snapshot: StepSnapshot }
  | { kind: "failed"; message: string }
  | { kind: "stopped" };

/** Receives a request's output and progress as it comes. */
export interface RunListener {
  output(stream: "stdout" | "stderr", text: string): void;
  progress(event: number): void;
}

/** One worker, restarted whenever it must be interrupted. */
export class WorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending: { id: number; resolve: (o: RunOutcome) => void; listener: RunListener } | null = null;

  private spawn(): Worker {
    const worker = new Worker(new URL("../engine/worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (message: MessageEvent<WorkerReply>) => this.receive(message.data);
    worker.onerror = (event) => {
      const p = this.pending;
      if (p === null) return;
      this.pending = null;
      p.resolve({ kind: "failed", message: event.message || "the worker failed" });
    };
    return worker;
  }

  /** Whether a request is running. */
  get busy(): boolean {
    return this.pending !== null;
  }

  /** Runs a program from the start; see {@link RunRequest}. */
  run(
    source: string,
    composition: Composition,
    stopAt: number | null,
    focus: number,
    listener: RunListener,
  ): Promise<RunOutcome> {
    if (this.pending !== null) this.stop();
    this.worker ??= this.spawn();
    const id = this.nextId++;
    const request: RunRequest = { kind: "run", id, source, composition, stopAt, focus };
    return new Promise((resolve) => {
      this.pending = { id, resolve, listener };
      this.worker!.postMessage(request);
    });
  }

  /** Ends the running request at once (terminating the worker). */
  stop(): void {
    const p = this.pending;
    this.pending = null;
    if (this.worker !== null && p !== null) {
      this.worker.terminate();
      this.worker = null;
    }
    p?.resolve({ kind: "stopped" });
  }

  private receive(reply: WorkerReply): void {
    const p = this.pending;
    if (p === null || reply.id !== p.id) return;
    switch (reply.kind) {
      case "output":
        p.listener.output(reply.stream, reply.text);
        break;
      case "progress":
        p.listener.progress(reply.event);
        break;
      case "snapshot":
        this.pending = null;
        p.resolve({ kind: "snapshot", snapshot: reply.snapshot });
        break;
      case "failed":
        this.pending = null;
        p.resolve({ kind: "failed", message: reply.message });
        break;
    }
  }
}
