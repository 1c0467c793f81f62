/**
 * One entry point for the three collectors, so that a runtime preset picks one by name.
 *
 * ```
 *  "generational" -> GenerationalCollector   CPython 3.11: 3 generations, refcount subtraction
 *  "incremental"  -> IncrementalCollector    CPython 3.14.0: young + two old spaces, increments
 *  "mark-sweep"   -> MarkSweepCollector      tracing from roots, 1 generation (needs `roots`)
 *  "none"         -> NoCollector             reference counting only, cycles leak
 * ```
 *
 * @module
 */
import { ConfigurationError } from "@pymem/core";
import type { CollectorBase } from "./collector-base";
import type { BaseCollectorOptions } from "./collector-options";
import { GenerationalCollector, type GenerationalCollectorOptions } from "./generational-collector";
import { IncrementalCollector, type IncrementalCollectorOptions } from "./incremental-collector";
import { MarkSweepCollector, type MarkSweepCollectorOptions } from "./mark-sweep-collector";
import { NoCollector, type NoCollectorOptions } from "./no-collector";

/** Names of the collectors {@link createCollector} builds. */
export type CollectorKind = "generational" | "mark-sweep" | "none" | "incremental";

/** The collector kinds, in a stable order. */
export const COLLECTOR_KINDS: readonly CollectorKind[] = Object.freeze([
  "generational",
  "mark-sweep",
  "none",
  "incremental",
]);

/** Options accepted by {@link createCollector} for any kind (each kind reads its own). */
export type CollectorOptions = BaseCollectorOptions &
  Partial<Pick<GenerationalCollectorOptions, "thresholds">> &
  Partial<Pick<IncrementalCollectorOptions, "initialWorkToDo">> &
  Partial<Pick<MarkSweepCollectorOptions, "roots" | "threshold" | "growth">>;

/**
 * Builds a collector by name.
 * (`roots` is optional for "incremental": the objects its scavenges mark alive first.)
 * @throws ConfigurationError for an unknown kind, or "mark-sweep" without `roots`
 * @example
 * ```ts
 * const gc = createCollector("generational", { heap, layout: LAYOUT_64, types, refcount, allocateListHead: raw });
 * gc.name; // "generational"
 * ```
 */
export function createCollector(
  kind: "generational",
  options: GenerationalCollectorOptions,
): GenerationalCollector;
export function createCollector(kind: "mark-sweep", options: MarkSweepCollectorOptions): MarkSweepCollector;
export function createCollector(kind: "none", options: NoCollectorOptions): NoCollector;
export function createCollector(
  kind: "incremental",
  options: IncrementalCollectorOptions,
): IncrementalCollector;
export function createCollector(kind: CollectorKind, options: CollectorOptions): CollectorBase;
export function createCollector(kind: CollectorKind, options: CollectorOptions): CollectorBase {
  switch (kind) {
    case "generational":
      return new GenerationalCollector(options);
    case "mark-sweep": {
      const roots = options.roots;
      if (roots === undefined) {
        throw new ConfigurationError(
          "roots",
          'a RootProvider (required by the "mark-sweep" collector)',
          roots,
        );
      }
      return new MarkSweepCollector({ ...options, roots });
    }
    case "none":
      return new NoCollector(options);
    case "incremental":
      return new IncrementalCollector(options);
    default:
      throw new ConfigurationError("kind", `one of ${COLLECTOR_KINDS.join(", ")}`, kind);
  }
}
