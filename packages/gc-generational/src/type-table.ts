/**
 * A typed-array view of the type registry for the collectors' hot loops: one byte of
 * flags per type id, so that "is this referent a container", "does it have a legacy
 * finalizer" and "may it be untracked" are single integer reads.
 *
 * ```
 *  flags[typeId]:  bit 0 CONTAINER   bit 1 LEGACY_FINALIZER   bit 2 FINALIZE   bit 3 CLEAR
 *                  bit 4 WEAKREFABLE bit 5 UNTRACK_EVERY      bit 6 UNTRACK_FULL   bit 7 REGISTERED
 *  infos[typeId]:  the TypeInfo (for traverse / clear / finalize calls)
 * ```
 *
 * The table is rebuilt when the registry has grown (checked by {@link TypeTable.refresh},
 * which collectors call at the start of every phase that follows user code).
 *
 * @module
 */
import type { TypeInfo, TypeRegistry } from "@pymem/core";
import type { UntrackRule, UntrackRules } from "./untrack-rule";

/** The type's instances carry a GC header (TypeInfo.isContainer). */
export const T_CONTAINER = 1;
/** The type has a legacy finalizer (tp_del): cycles through it go to `gc.garbage`. */
export const T_LEGACY_FINALIZER = 2;
/** The type has a PEP 442 finalizer. */
export const T_FINALIZE = 4;
/** The type has a clear function (tp_clear). */
export const T_CLEAR = 8;
/** Instances may be weakly referenced (weaklistOffset != 0). */
export const T_WEAKREFABLE = 16;
/** An "every-collection" untrack rule exists for the type. */
export const T_UNTRACK_EVERY = 32;
/** A "full-collection" untrack rule exists for the type. */
export const T_UNTRACK_FULL = 64;
/** The type id is registered (distinguishes a type with no other flag from an unknown id). */
export const T_REGISTERED = 128;

/**
 * Per-type-id flags and TypeInfo lookup, refreshed from a `TypeRegistry`.
 * @example
 * ```ts
 * const table = new TypeTable(types, {});
 * table.refresh();
 * (table.flags[listId] & T_CONTAINER) !== 0; // true
 * ```
 */
export class TypeTable {
  /** Flags by type id (0 for unregistered ids). */
  flags: Uint8Array = new Uint8Array(16);
  /** TypeInfo by type id (undefined for unregistered ids). */
  infos: (TypeInfo | undefined)[] = [undefined];
  /** Untrack rules by type id. */
  rules: (UntrackRule | undefined)[] = [undefined];
  private known = -1;
  private readonly registry: TypeRegistry;
  private readonly untrackRules: UntrackRules;

  constructor(registry: TypeRegistry, untrackRules: UntrackRules) {
    this.registry = registry;
    this.untrackRules = untrackRules;
    this.refresh();
  }

  /** Rebuilds the table when types were registered since the last call. */
  refresh(): void {
    const size = this.registry.size;
    if (size === this.known) return;
    const flags = new Uint8Array(Math.max(16, size + 1));
    const infos: (TypeInfo | undefined)[] = [undefined];
    const rules: (UntrackRule | undefined)[] = [undefined];
    for (let id = 1; id <= size; id++) {
      const t = this.registry.find(id);
      infos.push(t);
      const rule = this.untrackRules[id];
      rules.push(rule);
      if (t === undefined) continue;
      let f = T_REGISTERED;
      if (t.isContainer) f |= T_CONTAINER;
      if (t.hasLegacyFinalizer === true) f |= T_LEGACY_FINALIZER;
      if (t.finalize !== undefined) f |= T_FINALIZE;
      if (t.clear !== undefined) f |= T_CLEAR;
      if (t.weaklistOffset !== 0) f |= T_WEAKREFABLE;
      if (rule !== undefined && t.isContainer)
        f |= rule.when === "every-collection" ? T_UNTRACK_EVERY : T_UNTRACK_FULL;
      flags[id] = f;
    }
    this.flags = flags;
    this.infos = infos;
    this.rules = rules;
    this.known = size;
  }
}
