/**
 * The composition a program runs on: a version profile (one of @pymem/runtime's presets)
 * with the slots a visitor may override. It is plain data, so it travels to the worker in a
 * message and into the page's URL.
 *
 * ```
 *  Composition ──runtimeOptions()──► { ...presets[profile], raw, objectDomain, freeLists,
 *                                      gc, gcThresholds } ──► createRuntime()
 * ```
 *
 * @module
 */
import { presets, type RuntimeOptions } from "@pymem/runtime";

/** Raw allocators offered. */
export const RAW_ALLOCATORS = ["tlsf", "first-fit"] as const;
/** Object domains offered: pymalloc, or objects straight from the raw allocator. */
export const OBJECT_DOMAINS = ["pymalloc", "raw"] as const;
/** Cycle collectors offered. */
export const COLLECTORS = ["generational", "mark-sweep", "none"] as const;

/** A raw allocator name. */
export type RawAllocatorName = (typeof RAW_ALLOCATORS)[number];
/** An object domain name. */
export type ObjectDomainName = (typeof OBJECT_DOMAINS)[number];
/** A collector name. */
export type CollectorName = (typeof COLLECTORS)[number];

/** What a program runs on. */
export interface Composition {
  /** Version profile: a preset name of @pymem/runtime. */
  profile: string;
  /** Raw allocator (the system malloc). */
  raw: RawAllocatorName;
  /** Where objects come from. */
  objectDomain: ObjectDomainName;
  /** Per-type free lists on or off. */
  freeLists: boolean;
  /** Cycle collector. */
  gc: CollectorName;
  /** Generation thresholds (the first alone for mark-sweep). */
  thresholds: [number, number, number];
}

/** Names of the version profiles, in the runtime's order. */
export function profileNames(): string[] {
  return Object.keys(presets);
}

type PresetRecord = Record<string, RuntimeOptions>;

/** The composition a profile stands for, every slot as the profile sets it. */
export function compositionOf(profile: string): Composition {
  const preset = (presets as unknown as PresetRecord)[profile];
  if (preset === undefined) throw new RangeError(`unknown version profile "${profile}"`);
  const raw = typeof preset.raw === "string" ? preset.raw : "tlsf";
  const domain = typeof preset.objectDomain === "string" ? preset.objectDomain : "pymalloc";
  const gc = typeof preset.gc === "string" ? preset.gc : "generational";
  const t = preset.gcThresholds ?? [700, 10, 10];
  return {
    profile,
    raw: (RAW_ALLOCATORS as readonly string[]).includes(raw) ? (raw as RawAllocatorName) : "tlsf",
    objectDomain: (OBJECT_DOMAINS as readonly string[]).includes(domain)
      ? (domain as ObjectDomainName)
      : "pymalloc",
    freeLists: preset.freeLists !== false,
    gc: (COLLECTORS as readonly string[]).includes(gc) ? (gc as CollectorName) : "generational",
    thresholds: [t[0] ?? 700, t[1] ?? 10, t[2] ?? 10],
  };
}

/** The default composition: the runtime's first profile (CPython 3.11). */
export function defaultComposition(): Composition {
  return compositionOf(profileNames()[0]!);
}

/** Options for `createRuntime`: the profile with the composition's slots over it. */
export function runtimeOptions(c: Composition): RuntimeOptions {
  const { gcThresholds: _profileThresholds, ...preset } =
    (presets as unknown as PresetRecord)[c.profile] ?? {};
  return {
    ...preset,
    raw: c.raw,
    objectDomain: c.objectDomain,
    freeLists: c.freeLists,
    gc: c.gc,
    // The collector that never collects takes no thresholds (the runtime refuses them).
    ...(c.gc === "none"
      ? {}
      : { gcThresholds: c.gc === "mark-sweep" ? [c.thresholds[0]] : [...c.thresholds] }),
  };
}

/** A one-line description: `cpython311 · tlsf · pymalloc · free lists · generational (700, 10, 10)`. */
export function describeComposition(c: Composition): string {
  const t =
    c.gc === "none" ? "" : c.gc === "mark-sweep" ? ` (${c.thresholds[0]})` : ` (${c.thresholds.join(", ")})`;
  return `${c.profile} · ${c.raw} · ${c.objectDomain} · ${c.freeLists ? "free lists" : "no free lists"} · ${c.gc}${t}`;
}
