// The composition matrix the scenario suites run against: every swap of every slot,
// plus the three presets.
import { presets, type RuntimeOptions } from "../../src/index";

export interface Composition {
  readonly name: string;
  readonly options: RuntimeOptions;
  /** Whether cycles are reclaimed (false: they leak, as with no cycle collector). */
  readonly collectsCycles: boolean;
}

const raws = ["tlsf", "first-fit"] as const;
const domains = ["pymalloc", "raw"] as const;
const freeLists = [true, false] as const;
const collectors = ["generational", "mark-sweep", "none", "incremental"] as const;
const refcounts = ["immediate", "deferred"] as const;

export const SWAPS: readonly Composition[] = raws.flatMap((raw) =>
  domains.flatMap((objectDomain) =>
    freeLists.flatMap((fl) =>
      collectors.flatMap((gc) =>
        refcounts.map((refcount) => ({
          name: `${raw}/${objectDomain}/${fl ? "free-lists" : "no-free-lists"}/${gc}/${refcount}`,
          options: {
            raw,
            objectDomain,
            freeLists: fl,
            gc,
            refcount,
            heapOptions: { initialByteLength: 1 << 20 },
          },
          collectsCycles: gc !== "none",
        })),
      ),
    ),
  ),
);

export const PRESETS: readonly Composition[] = [
  { name: "preset cpython311", options: presets.cpython311, collectsCycles: true },
  { name: "preset classic", options: presets.classic, collectsCycles: true },
  { name: "preset minimal", options: presets.minimal, collectsCycles: false },
  { name: "classic + mark-sweep", options: { ...presets.classic, gc: "mark-sweep" }, collectsCycles: true },
  {
    name: "cpython311 compact layout",
    options: { ...presets.cpython311, layout: "compact" },
    collectsCycles: true,
  },
  {
    name: "cpython311 unchecked (fast mode)",
    options: { ...presets.cpython311, checked: false },
    collectsCycles: true,
  },
];

/** Each CPython version profile, alone and with each other slot swapped. */
export const PROFILES: readonly Composition[] = (
  ["cpython312", "cpython313", "cpython314", "cpython314_5"] as const
).flatMap((name) =>
  (
    [
      ["", {}],
      [" + first-fit", { raw: "first-fit" }],
      [" + raw objects", { objectDomain: "raw" }],
      [" + no free lists", { freeLists: false }],
      [" + deferred refcount", { refcount: "deferred" }],
    ] as const
  ).map(([swap, options]) => ({
    name: `profile ${name}${swap}`,
    options: { ...presets[name], ...options },
    collectsCycles: true,
  })),
);

export const ALL: readonly Composition[] = [...PRESETS, ...PROFILES, ...SWAPS];
