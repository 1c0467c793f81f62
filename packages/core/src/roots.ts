/**
 * The roots a tracing collector starts from: module globals, frames' locals, handles
 * held by the host program.
 *
 * @module
 */
import type { Visit } from "./type-info";

/** Supplies the root set to tracing collectors (mark-and-sweep). */
export interface RootProvider {
  /** Calls `visit` with every object the host holds directly. */
  forEachRoot(visit: Visit): void;
}
