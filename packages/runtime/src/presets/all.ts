/**
 * The presets by name: one profile per CPython version (cpython311 … cpython314_5), and
 * two compositions of other parts. Each only picks parts; spread one and override slots to vary it:
 * `createRuntime({ ...presets.classic, gc: "mark-sweep" })`.
 *
 * @module
 */
import { classic } from "./classic";
import { cpython311 } from "./cpython311";
import { cpython312 } from "./cpython312";
import { cpython313 } from "./cpython313";
import { cpython314 } from "./cpython314";
import { cpython314_5 } from "./cpython314-5";
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
 * // cpython312 pymalloc generational
 * // cpython313 pymalloc generational
 * // cpython314 pymalloc incremental
 * // cpython314_5 pymalloc generational
 * // classic pymalloc generational
 * // minimal tlsf none
 *
 * const rt = createRuntime({ ...presets.classic, gc: "mark-sweep" }); // a preset with one slot changed
 * rt.parts.collector.name; // "mark-sweep"
 * ```
 */
export const presets = {
  cpython311,
  cpython312,
  cpython313,
  cpython314,
  cpython314_5,
  classic,
  minimal,
} as const;

/** Names of the presets. */
export type PresetName = keyof typeof presets;
