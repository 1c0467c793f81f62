/**
 * Untracking of containers whose contents cannot form a cycle (CPython issue #4688,
 * refined in #14775): the collector asks a per-type rule, keyed by type id, whether a
 * surviving container may leave the generation lists.
 *
 * ```
 *  "every-collection"  tuples:  after update_refs .. move_unreachable of any generation,
 *                               each surviving instance is asked (_PyTuple_MaybeUntrack)
 *  "full-collection"   dicts:   only after a collection of the oldest generation
 *                               (_PyDict_MaybeUntrack; doing it more often is quadratic)
 *
 *  mayBeTracked(x) = x is a container and (x's type has an "every-collection" rule => x is tracked)
 *                    (_PyObject_GC_MAY_BE_TRACKED: an untracked tuple stays untracked until
 *                     its type re-tracks it; any other container may be tracked at any time)
 * ```
 *
 * @module
 */
import type { Address } from "@pymem/core";

/** When a collector consults an {@link UntrackRule}. */
export type UntrackWhen = "every-collection" | "full-collection";

/**
 * Decides whether one type's instances may be untracked. Registered in a collector's
 * `maybeUntrack` option under the type's id.
 * @example
 * ```ts
 * const tupleRule: UntrackRule = {
 *   when: "every-collection",
 *   canUntrack: (t, mayBeTracked) => items(t).every((x) => x !== 0 && !mayBeTracked(x)),
 * };
 * new GenerationalCollector({ ...options, maybeUntrack: { [tupleTypeId]: tupleRule } });
 * ```
 */
export interface UntrackRule {
  /** After which collections the rule is consulted. */
  readonly when: UntrackWhen;
  /**
   * Returns true when `obj` holds no reference that may be tracked now or later (so it can
   * never be part of a cycle until its type tracks it again). `mayBeTracked` answers that
   * question for one referent. Must not allocate, free or track objects.
   */
  canUntrack(obj: Address, mayBeTracked: (referent: Address) => boolean): boolean;
}

/** Untrack rules keyed by type id. */
export type UntrackRules = Readonly<Record<number, UntrackRule>>;
