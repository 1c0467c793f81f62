/**
 * The program and its composition(s) in the page's URL fragment, so a link reproduces a
 * session:
 *
 * ```
 *  #code=<base64url of the UTF-8 source>&a=<composition>&b=<second composition, when comparing>
 *  composition = profile~raw~objectDomain~freeLists(1|0)~gc~t0~t1~t2
 * ```
 *
 * Unknown or malformed values fall back to the defaults rather than failing.
 *
 * @module
 */
import {
  COLLECTORS,
  type Composition,
  compositionOf,
  defaultComposition,
  OBJECT_DOMAINS,
  profileNames,
  RAW_ALLOCATORS,
} from "./engine/composition";

/** What a link carries. */
export interface SharedState {
  /** Python source. */
  source: string;
  /** The composition. */
  a: Composition;
  /** The second composition when comparing, else null. */
  b: Composition | null;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string | null {
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Writes a composition as its URL form. */
export function encodeComposition(c: Composition): string {
  return [c.profile, c.raw, c.objectDomain, c.freeLists ? "1" : "0", c.gc, ...c.thresholds].join("~");
}

/** Reads a composition's URL form; null when it is not one. */
export function decodeComposition(text: string): Composition | null {
  const parts = text.split("~");
  if (parts.length !== 8) return null;
  const [profile, raw, domain, freeLists, gc, ...t] = parts as [string, string, string, string, string];
  if (!profileNames().includes(profile)) return null;
  const base = compositionOf(profile);
  const thresholds = t.map((x) => Number(x));
  const ok = thresholds.every((x) => Number.isInteger(x) && x >= 0 && x <= 1_000_000);
  return {
    profile,
    raw: (RAW_ALLOCATORS as readonly string[]).includes(raw) ? (raw as Composition["raw"]) : base.raw,
    objectDomain: (OBJECT_DOMAINS as readonly string[]).includes(domain)
      ? (domain as Composition["objectDomain"])
      : base.objectDomain,
    freeLists: freeLists === "1",
    gc: (COLLECTORS as readonly string[]).includes(gc) ? (gc as Composition["gc"]) : base.gc,
    thresholds: ok ? (thresholds as [number, number, number]) : base.thresholds,
  };
}

/** The fragment for `state` (with its leading `#`). */
export function encodeSharedState(state: SharedState): string {
  const params = new URLSearchParams();
  params.set("code", toBase64Url(state.source));
  params.set("a", encodeComposition(state.a));
  if (state.b !== null) params.set("b", encodeComposition(state.b));
  return `#${params.toString()}`;
}

/** The state a fragment carries; null when it carries no program. */
export function decodeSharedState(hash: string): SharedState | null {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const code = params.get("code");
  const source = code === null ? null : fromBase64Url(code);
  if (source === null) return null;
  const a = decodeComposition(params.get("a") ?? "") ?? defaultComposition();
  const bText = params.get("b");
  return { source, a, b: bText === null ? null : (decodeComposition(bText) ?? defaultComposition()) };
}
