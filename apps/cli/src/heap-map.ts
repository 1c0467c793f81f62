/**
 * The compact text heap map: one character per pymalloc pool, arena by arena.
 *
 * ```
 *  arena 0x00100000 |aaaaaaAAAAAAAAbbbbcD..........------------------------------|
 *                    ^ pool 0                                          pool 63 ^
 *
 *  letter        which size class the pool serves (legend below the map)
 *  lower case    "used" pool: some blocks allocated, some free (on usedpools[class])
 *  UPPER CASE    "full" pool: every block allocated (on no list)
 *  .             "empty" pool: carved before, now wholly free (on the arena's freepools)
 *  -             not carved yet: the arena's untouched tail (beyond pool_address)
 * ```
 *
 * These are the pool states of CPython's obmalloc.c; a pool is full iff nfree = 0, empty iff
 * ref.count = 0, used otherwise. Letters are given to the size classes present in the map,
 * smallest first, so the common case (at most 26 classes in use) names every class exactly;
 * with more classes present, each letter stands for a run of neighbouring classes and the
 * legend gives its range.
 *
 * @module
 */
import { formatAddress } from "@pymem/core";

/** Pool state code: the arena's space beyond its carved pools. */
export const POOL_UNCARVED = 0;
/** Pool state code: carved and wholly free. */
export const POOL_EMPTY = 1;
/** Pool state code: some blocks allocated, some free. */
export const POOL_USED = 2;
/** Pool state code: every block allocated. */
export const POOL_FULL = 3;

/** Letters available for size classes (each has an upper-case form). */
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** One arena's pools, as the map draws them. */
export interface HeapMapArena {
  /** The arena's address. */
  address: number;
  /** State of each pool ({@link POOL_UNCARVED}, {@link POOL_EMPTY}, {@link POOL_USED}, {@link POOL_FULL}). */
  states: Uint8Array;
  /** Size class index of each used or full pool (ignored for empty and uncarved ones). */
  sizeClasses: Uint8Array;
}

/** What the map is drawn from. */
export interface HeapMapInput {
  /** Live arenas, in address order. */
  arenas: readonly HeapMapArena[];
  /** Bytes per pool. */
  poolSize: number;
  /** Block size in bytes of size class `index` ((index + 1) * alignment in pymalloc). */
  blockSize: (sizeClass: number) => number;
}

/** How the map is laid out. */
export interface HeapMapOptions {
  /**
   * Pools per line.
   * @defaultValue 64
   */
  width?: number;
  /**
   * Lines drawn before the remaining arenas are summarised.
   * @defaultValue 64
   */
  maxLines?: number;
}

/**
 * Draws the heap map with its legend.
 * @returns lines of text, each ending in a newline
 * @example
 * ```ts
 * renderHeapMap({ arenas, poolSize: 16384, blockSize: (c) => (c + 1) * 16 });
 * // heap map: 1 arena, 64 pools of 16 KiB each, one character per pool
 * //   0x00100000 |aabBc.----------------------------------------------------------|
 * //   ...legend
 * ```
 */
export function renderHeapMap(input: HeapMapInput, options: HeapMapOptions = {}): string {
  const width = options.width ?? 64;
  const maxLines = options.maxLines ?? 64;
  const present = new Set<number>();
  let pools = 0;
  for (const arena of input.arenas) {
    pools += arena.states.length;
    for (let p = 0; p < arena.states.length; p++) {
      if (arena.states[p]! >= POOL_USED) present.add(arena.sizeClasses[p]!);
    }
  }
  const classes = [...present].sort((a, b) => a - b);
  const letterCount = Math.min(classes.length, LETTERS.length);
  const letterOf = new Map<number, number>();
  for (let i = 0; i < classes.length; i++)
    letterOf.set(classes[i]!, Math.floor((i * letterCount) / classes.length));

  const arenaWord = input.arenas.length === 1 ? "arena" : "arenas";
  let out = `heap map: ${input.arenas.length} ${arenaWord}, ${pools} pools of ${formatPoolSize(input.poolSize)}, one character per pool\n`;
  let lines = 0;
  let shown = 0;
  for (const arena of input.arenas) {
    const needed = Math.max(1, Math.ceil(arena.states.length / width));
    if (lines + needed > maxLines) break;
    for (let line = 0; line < needed; line++) {
      const prefix = line === 0 ? formatAddress(arena.address) : " ".repeat(10);
      let row = "";
      const end = Math.min(arena.states.length, (line + 1) * width);
      for (let p = line * width; p < end; p++)
        row += poolChar(arena.states[p]!, letterOf.get(arena.sizeClasses[p]!));
      out += `  ${prefix} |${row}|\n`;
    }
    lines += needed;
    shown++;
  }
  if (shown < input.arenas.length) out += `  ... ${input.arenas.length - shown} more arenas not drawn\n`;
  if (input.arenas.length === 0) out += "  (no arenas mapped)\n";

  out +=
    "legend: lower case = used pool (some blocks free), UPPER CASE = full pool, . = empty pool, - = not carved yet\n";
  const entries: string[] = [];
  for (let letter = 0; letter < letterCount; letter++) {
    const members = classes.filter((sizeClass) => letterOf.get(sizeClass) === letter);
    const lo = input.blockSize(members[0]!);
    const hi = input.blockSize(members[members.length - 1]!);
    const range = lo === hi ? `${lo} B` : `${lo}-${hi} B`;
    entries.push(`${LETTERS[letter]}/${LETTERS[letter]!.toUpperCase()} ${range}`.padEnd(14));
  }
  for (let i = 0; i < entries.length; i += 6)
    out += `  ${entries
      .slice(i, i + 6)
      .join("")
      .trimEnd()}\n`;
  return out;
}

function poolChar(state: number, letter: number | undefined): string {
  if (state === POOL_UNCARVED) return "-";
  if (state === POOL_EMPTY) return ".";
  const ch = LETTERS[letter ?? 0]!;
  return state === POOL_FULL ? ch.toUpperCase() : ch;
}

function formatPoolSize(bytes: number): string {
  return bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} B`;
}
