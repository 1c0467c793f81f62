/**
 * A composition: which implementation fills each layer of the memory manager, and the
 * tunables that override a preset. The same options are accepted by `run`, `stats` and,
 * inside each `--with "<options>"`, by `compare`.
 *
 * ```
 *  --preset cpython311|cpython312|cpython313|cpython314|cpython314_5|classic|minimal
 *                                        the starting point (runtime presets; the cpython ones
 *                                        are version profiles)
 *  --raw tlsf|first-fit|<registered>     raw domain: general-purpose malloc over the page provider
 *  --allocator pymalloc|raw|<registered> object domain: pymalloc arenas/pools, or straight to raw
 *  --free-lists on|off                   per-type free lists (float, list, dict, tuple, ...)
 *  --gc generational|mark-sweep|none|incremental|<registered>  cycle collector
 *  --arena-size, --pool-size, --alignment  pymalloc geometry (powers of two)
 *  --threshold a,b,c                     collector thresholds (omitted ones keep the preset's)
 * ```
 *
 * The choices of `--raw`, `--allocator` and `--gc` are the names in the runtime's strategy
 * registry when the command is built, so a strategy a plugin registered (`--plugin FILE`,
 * loaded before the command line is parsed) is a choice like the built-in ones.
 *
 * Anything not given keeps the preset's choice; the runtime checks the combination and
 * raises `ConfigurationError` for impossible ones (e.g. a pool larger than an arena), which
 * the command reports as a usage error.
 *
 * @module
 */
import { DEFAULT_MAX_HEAP_BYTES } from "@pymem/core";
import { presets, type PresetName as RuntimePresetName, strategyNames } from "@pymem/runtime";
import { Command, CommanderError, Option } from "commander";
import { UsageError } from "./cli-error";
import { MIB, parseOnOff, parsePowerOfTwoSize, parseThresholds } from "./option-values";

/** Names of the runtime presets. */
export const PRESET_NAMES = Object.keys(presets) as readonly RuntimePresetName[];
/** A runtime preset name. */
export type PresetName = RuntimePresetName;
/** A raw allocator name (registered in the runtime's `raw` slot). */
export type RawName = string;
/** An object-domain allocator name (registered in the `objectDomain` slot). */
export type ObjectDomainName = string;
/** A cycle collector name (registered in the `gc` slot). */
export type GcName = string;

/** Smallest arena accepted on the command line: 4 KiB. */
export const MIN_ARENA_BYTES = 4096;
/**
 * Largest arena accepted on the command line: 512 MiB, half the heap's maximum. An arena is
 * mapped aligned to its own size and address 0 is never mapped, so a larger one can never fit.
 */
export const MAX_ARENA_BYTES = DEFAULT_MAX_HEAP_BYTES / 2;
/** Smallest pool accepted on the command line: 1 KiB. */
export const MIN_POOL_BYTES = 1024;
/** Largest pool accepted on the command line: the largest arena. */
export const MAX_POOL_BYTES = MAX_ARENA_BYTES;
/** Smallest block alignment accepted: 8 B (a free block holds an 8-byte link). */
export const MIN_ALIGNMENT_BYTES = 8;
/** Largest block alignment accepted: 512 B (one size class). */
export const MAX_ALIGNMENT_BYTES = 512;
/** Generations whose thresholds `--threshold` sets. */
export const THRESHOLD_COUNT = 3;

/** A composition as given on the command line; unset fields keep the preset's value. */
export interface Composition {
  /**
   * Runtime preset the other options override.
   * @defaultValue "cpython311"
   */
  preset: PresetName;
  /** Raw allocator. */
  raw?: RawName;
  /** Object-domain allocator. */
  allocator?: ObjectDomainName;
  /** Per-type free lists on or off. */
  freeLists?: boolean;
  /** Cycle collector. */
  gc?: GcName;
  /** pymalloc arena size in bytes. */
  arenaSize?: number;
  /** pymalloc pool size in bytes. */
  poolSize?: number;
  /** pymalloc block alignment in bytes. */
  alignment?: number;
  /** Collector thresholds, youngest generation first. */
  threshold?: number[];
}

/** Adds the composition options to a command. */
export function addCompositionOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--preset <name>", "runtime preset the other options override")
        .choices(PRESET_NAMES)
        .default("cpython311"),
    )
    .addOption(new Option("--raw <name>", "raw allocator (PyMem_Raw domain)").choices(strategyNames("raw")))
    .addOption(
      new Option(
        "--allocator <name>",
        "object allocator: pymalloc pools, or raw malloc for every size",
      ).choices(strategyNames("objectDomain")),
    )
    .addOption(
      new Option("--free-lists <on|off>", "per-type free lists (float, list, dict, tuple ...)").argParser(
        parseOnOff,
      ),
    )
    .addOption(new Option("--gc <name>", "cycle collector").choices(strategyNames("gc")))
    .addOption(
      new Option("--arena-size <bytes>", "pymalloc arena size, a power of two (e.g. 256K, 1M)").argParser(
        (v) => parsePowerOfTwoSize(v, MIN_ARENA_BYTES, MAX_ARENA_BYTES),
      ),
    )
    .addOption(
      new Option("--pool-size <bytes>", "pymalloc pool size, a power of two (e.g. 4K, 16K)").argParser((v) =>
        parsePowerOfTwoSize(v, MIN_POOL_BYTES, MAX_POOL_BYTES),
      ),
    )
    .addOption(
      new Option(
        "--alignment <bytes>",
        "pymalloc block alignment and size-class step, a power of two from 8 to 512 (CPython: 16)",
      ).argParser((v) => parsePowerOfTwoSize(v, MIN_ALIGNMENT_BYTES, MAX_ALIGNMENT_BYTES)),
    )
    .addOption(
      new Option("--threshold <a,b,c>", "collector thresholds per generation (e.g. 700,10,10)").argParser(
        (v) => parseThresholds(v, THRESHOLD_COUNT),
      ),
    );
}

/** Reads a composition from a command's parsed options. */
export function compositionFromOptions(options: Record<string, unknown>): Composition {
  const composition: Composition = { preset: (options.preset as PresetName | undefined) ?? "cpython311" };
  if (options.raw !== undefined) composition.raw = options.raw as RawName;
  if (options.allocator !== undefined) composition.allocator = options.allocator as ObjectDomainName;
  if (options.freeLists !== undefined) composition.freeLists = options.freeLists as boolean;
  if (options.gc !== undefined) composition.gc = options.gc as GcName;
  if (options.arenaSize !== undefined) composition.arenaSize = options.arenaSize as number;
  if (options.poolSize !== undefined) composition.poolSize = options.poolSize as number;
  if (options.alignment !== undefined) composition.alignment = options.alignment as number;
  if (options.threshold !== undefined) composition.threshold = options.threshold as number[];
  return composition;
}

/**
 * Parses the text of one `compare --with "<options>"`: composition options only, separated
 * by white space.
 * @throws UsageError `--with "<text>": <problem>` for anything else, and for an empty text
 * A preset's name alone stands for `--preset <name>`.
 * @example parseWithOptions("--raw first-fit --gc none") // { preset: "cpython311", raw: "first-fit", gc: "none" }
 * @example parseWithOptions("cpython314") // { preset: "cpython314" }
 */
export function parseWithOptions(text: string): Composition {
  if (text.trim().length === 0) {
    throw new UsageError(
      `--with "${text}" is empty: give the composition's options, e.g. --with "--preset cpython311"`,
    );
  }
  let tokens = text.trim().split(/\s+/);
  // A preset's name alone is that preset: `--with cpython313` is `--with "--preset cpython313"`.
  if (tokens.length === 1 && (PRESET_NAMES as readonly string[]).includes(tokens[0]!)) {
    tokens = ["--preset", tokens[0]!];
  }
  const command = addCompositionOptions(new Command("--with"))
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} })
    .helpOption(false)
    .allowExcessArguments(false);
  try {
    command.parse(tokens, { from: "user" });
  } catch (error) {
    const message = error instanceof CommanderError ? error.message.replace(/^error:\s*/, "") : String(error);
    throw new UsageError(`--with "${text}": ${message.replace(/\s*\n\s*/g, " ")}`);
  }
  return compositionFromOptions(command.opts());
}

/**
 * A short label for a composition: the preset and each option that overrides it.
 * @example describeComposition({ preset: "cpython311", raw: "first-fit" }) // "cpython311 --raw first-fit"
 */
export function describeComposition(c: Composition): string {
  const parts: string[] = [c.preset];
  if (c.raw !== undefined) parts.push(`--raw ${c.raw}`);
  if (c.allocator !== undefined) parts.push(`--allocator ${c.allocator}`);
  if (c.freeLists !== undefined) parts.push(`--free-lists ${c.freeLists ? "on" : "off"}`);
  if (c.gc !== undefined) parts.push(`--gc ${c.gc}`);
  if (c.arenaSize !== undefined) parts.push(`--arena-size ${sizeLabel(c.arenaSize)}`);
  if (c.poolSize !== undefined) parts.push(`--pool-size ${sizeLabel(c.poolSize)}`);
  if (c.alignment !== undefined) parts.push(`--alignment ${c.alignment}`);
  if (c.threshold !== undefined) parts.push(`--threshold ${c.threshold.join(",")}`);
  return parts.join(" ");
}

function sizeLabel(bytes: number): string {
  if (bytes % MIB === 0) return `${bytes / MIB}M`;
  if (bytes % 1024 === 0) return `${bytes / 1024}K`;
  return String(bytes);
}
