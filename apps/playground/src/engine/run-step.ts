/**
 * One request of the worker: a fresh runtime for the composition, the program run with a
 * line tracer that records the timelines and stops at the requested line event, and the
 * snapshot read from the runtime at that point — before the stop unwinds anything.
 *
 * ```
 *  createRuntime(options + hooks) ─► registry (noteAllocated, free, collection hooks)
 *  engine.run(source, { onLine })    onLine: event++ ; timeline.record ; event > stopAt ? snapshot, stop
 *  end of program ─────────────────► snapshot (finished)
 * ```
 *
 * @module
 */
import { MemoryHooks } from "@pymem/core";
import { createRuntime, PythonError, type Runtime } from "@pymem/runtime";
import { runtimeOptions } from "./composition";
import { readHeapMap } from "./heap-census";
import { readFrames, readGraph } from "./heap-snapshot";
import { ObjectRegistry } from "./object-registry";
import type { ProgramEngine } from "./program-engine";
import { StopAtEvent } from "./program-engine";
import type { RunRequest } from "./protocol";
import type { StepSnapshot, TimelineView } from "./snapshot-types";
import { TimelineRecorder } from "./timeline-recorder";

/** Where a run reports while it goes on. */
export interface RunSink {
  /** Program output. */
  output(stream: "stdout" | "stderr", text: string): void;
  /** Line events so far (called now and then during long runs). */
  progress(event: number): void;
}

interface RunState {
  rt: Runtime;
  registry: ObjectRegistry;
  timeline: TimelineRecorder;
  event: number;
  line: number;
}

function snapshotOf(
  state: RunState,
  request: RunRequest,
  engine: ProgramEngine,
  finished: boolean,
  exitCode: number,
): StepSnapshot {
  const { rt, registry } = state;
  const last = registry.collections[registry.collections.length - 1];
  const timeline: TimelineView = state.timeline.view();
  return {
    event: state.event,
    line: finished ? 0 : state.line,
    finished,
    exitCode,
    engine: engine.name,
    frames: readFrames(rt),
    graph: readGraph(rt, registry, request.focus),
    heapMap: readHeapMap(rt, registry),
    timeline,
    gcCount: rt.gc.get_count(),
    gcThreshold: rt.gc.get_threshold(),
    bytesInUse: rt.parts.objectDomain.stats().bytesInUse,
    mappedBytes: rt.parts.pages.stats().mappedBytes,
    lastCollection:
      last === undefined
        ? null
        : { generation: last.generation, collected: last.collected, event: last.event, freed: last.freed },
  };
}

/** The text Python prints for an uncaught exception (the traceback's last line). */
function describeError(error: unknown): string {
  if (error instanceof PythonError) return `${error.pyType}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Runs `request` with `engine`; returns the snapshot where it stopped or ended. */
export function runStep(request: RunRequest, engine: ProgramEngine, sink: RunSink): StepSnapshot {
  const hooks = new MemoryHooks();
  const rt = createRuntime({ ...runtimeOptions(request.composition), hooks });
  const state: RunState = {
    rt,
    registry: new ObjectRegistry(rt, hooks),
    timeline: new TimelineRecorder(rt, hooks),
    event: 0,
    line: 0,
  };
  const stopAt = request.stopAt;
  let snapshot: StepSnapshot | null = null;
  let exitCode = 0;
  try {
    exitCode = engine.run(request.source, {
      runtime: rt,
      stdout: (text) => sink.output("stdout", text),
      stderr: (text) => sink.output("stderr", text),
      onLine: (line) => {
        if (stopAt !== null && state.event >= stopAt) {
          state.line = line;
          snapshot = snapshotOf(state, request, engine, false, 0);
          throw new StopAtEvent(state.event);
        }
        state.event++;
        state.line = line;
        state.registry.event = state.event;
        state.timeline.record(state.event);
        if ((state.event & 1023) === 0) sink.progress(state.event);
      },
    });
  } catch (error) {
    if (error instanceof StopAtEvent && snapshot !== null) return snapshot;
    sink.output(
      "stderr",
      `Traceback (most recent call last):\n  line ${state.line}\n${describeError(error)}\n`,
    );
    exitCode = 1;
  }
  return snapshotOf(state, request, engine, true, exitCode);
}
