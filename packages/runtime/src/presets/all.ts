/**
 * The presets by name. Each only picks parts; spread one and override slots to vary it:
 * `createRuntime({ ...presets.classic, gc: "mark-sweep" })`.
 *
 * @module
 */
import { classic } from "./classic";
import { cpython311 } from "./cpython311";
import { minimal } from "./minimal";

/** Every preset, by name. */
export const presets = { cpython311, classic, minimal } as const;

/** Names of the presets. */
export type PresetName = keyof typeof presets;
