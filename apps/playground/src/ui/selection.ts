/**
 * The selected object of one session, shared by its panels: the graph, the heap map, the
 * frames table and the hex view all select through it and follow it.
 *
 * @module
 */

/** One session's selected object address (0: none). */
export class Selection {
  private current = 0;
  private readonly listeners: ((address: number) => void)[] = [];

  /** The selected address, or 0. */
  get address(): number {
    return this.current;
  }

  /** Selects `address` (0 clears) and tells every listener. */
  select(address: number): void {
    if (address === this.current) return;
    this.current = address;
    for (const listener of this.listeners) listener(address);
  }

  /** Calls `listener` on every change. */
  onChange(listener: (address: number) => void): void {
    this.listeners.push(listener);
  }
}

/** `0x001003a0`-style text of an address. */
export function hex(address: number): string {
  return `0x${address.toString(16).padStart(8, "0")}`;
}

/** Creates an element with a class and optional text. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className = "",
  text = "",
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className !== "") e.className = className;
  if (text !== "") e.textContent = text;
  return e;
}

/** Colours of GC generations (index 0..2), untracked objects and immortal ones. */
export const GENERATION_COLOURS = ["#2e7d32", "#ef6c00", "#6a1b9a"];
/** Colour of objects the collector does not track. */
export const UNTRACKED_COLOUR = "#607d8b";
/** Colour of immortal objects. */
export const IMMORTAL_COLOUR = "#9e9e9e";

/** Fill colour of a node by its generation. */
export function generationColour(generation: number, immortal: boolean): string {
  if (immortal) return IMMORTAL_COLOUR;
  return generation < 0
    ? UNTRACKED_COLOUR
    : (GENERATION_COLOURS[Math.min(generation, 2)] ?? UNTRACKED_COLOUR);
}
