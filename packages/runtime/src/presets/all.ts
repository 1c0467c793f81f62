/**
 * The presets by name. Each only picks parts; spread one and override slots to vary it:
 * `createRuntime({ ...presets.classic, gc: "mark-sweep" })`.
 *
 * @module
 */
import { classic } from "./classic";
import { cpython311 } from "./cpython311";
import { minimal } from "./minimal";

/**
 * Every preset, by name.
 * @example
 * ```ts
 * import { createRuntime, type PresetName, presets } from "@pymem/runtime";
 *
 * for (const name of Object.keys(presets) as PresetName[]) {
 *   const rt = createRuntime(presets[name]);
 *   console.log(name, rt.parts.objectDomain.name, rt.parts.collector.name);
 *   rt.close();
 * }
 * // cpython311 pymalloc generational
 * // classic pymalloc generational
 * // minimal tlsf none
 *
 * const rt = createRuntime({ ...presets.classic, gc: "mark-sweep" }); // a preset with one slot changed
 * rt.parts.collector.name; // "mark-sweep"
 * ```
 */
export const presets = { cpython311, classic, minimal } as const;

/** Names of the presets. */
export type PresetName = keyof typeof presets;
