/**
 * A typed event hook that costs one field test on the hot path when nobody listens.
 *
 * ```
 *  hooks.allocate === null ?  -> nothing to do (the common case)
 *                      fn  ?  -> fn(domain, address, size)   (one listener, or a fan-out)
 * ```
 *
 * Producers test the field and call it: `const f = hooks.allocate; if (f !== null) f(...)`.
 * Consumers subscribe with {@link MemoryHooks.on}, which returns an unsubscribe function.
 *
 * @module
 */
import type { Address } from "./address";

/** Signatures of every memory event. */
export interface MemoryEventMap {
  /** A block was handed out by allocator domain `domain`. */
  allocate: (domain: string, address: Address, size: number) => void;
  /** A block was returned to domain `domain` (`size` is its usable size). */
  free: (domain: string, address: Address, size: number) => void;
  /** The page provider mapped `bytes` at `address`. */
  map: (address: Address, bytes: number) => void;
  /** The page provider unmapped `bytes` at `address`. */
  unmap: (address: Address, bytes: number) => void;
  /** A cycle collection of `generation` starts. */
  collectionStart: (generation: number) => void;
  /** A cycle collection of `generation` ended. */
  collectionStop: (generation: number, collected: number, uncollectable: number) => void;
}

/** Names of the memory events. */
export type MemoryEventName = keyof MemoryEventMap;

const EVENT_NAMES: readonly MemoryEventName[] = [
  "allocate",
  "free",
  "map",
  "unmap",
  "collectionStart",
  "collectionStop",
];

/**
 * One set of listeners for every memory event. Each event's field is `null` while nobody
 * listens, so producers pay a single comparison.
 * @example
 * ```ts
 * const hooks = new MemoryHooks();
 * const off = hooks.on("allocate", (domain, address, size) => console.log(domain, address, size));
 * allocator = new TlsfAllocator({ pages, hooks });
 * off();
 * ```
 */
export class MemoryHooks {
  /** Dispatcher for `allocate`, or `null` when nobody listens. */
  allocate: MemoryEventMap["allocate"] | null = null;
  /** Dispatcher for `free`, or `null` when nobody listens. */
  free: MemoryEventMap["free"] | null = null;
  /** Dispatcher for `map`, or `null` when nobody listens. */
  map: MemoryEventMap["map"] | null = null;
  /** Dispatcher for `unmap`, or `null` when nobody listens. */
  unmap: MemoryEventMap["unmap"] | null = null;
  /** Dispatcher for `collectionStart`, or `null` when nobody listens. */
  collectionStart: MemoryEventMap["collectionStart"] | null = null;
  /** Dispatcher for `collectionStop`, or `null` when nobody listens. */
  collectionStop: MemoryEventMap["collectionStop"] | null = null;

  private readonly listeners: { [K in MemoryEventName]: MemoryEventMap[K][] } = {
    allocate: [],
    free: [],
    map: [],
    unmap: [],
    collectionStart: [],
    collectionStop: [],
  };

  /** Subscribes `listener` to `event`; returns a function that unsubscribes it. */
  on<K extends MemoryEventName>(event: K, listener: MemoryEventMap[K]): () => void {
    if (!EVENT_NAMES.includes(event)) throw new TypeError(`unknown memory event "${String(event)}"`);
    this.listeners[event].push(listener);
    this.rebuild(event);
    return () => {
      const list = this.listeners[event];
      const i = list.indexOf(listener);
      if (i >= 0) {
        list.splice(i, 1);
        this.rebuild(event);
      }
    };
  }

  /** True when at least one listener is subscribed to `event`. */
  has(event: MemoryEventName): boolean {
    return this[event] !== null;
  }

  private rebuild<K extends MemoryEventName>(event: K): void {
    const list = this.listeners[event].slice();
    let dispatch: MemoryEventMap[K] | null;
    if (list.length === 0) dispatch = null;
    else if (list.length === 1) dispatch = list[0]!;
    else
      dispatch = ((...args: unknown[]) => {
        for (const fn of list) (fn as (...a: unknown[]) => void)(...args);
      }) as MemoryEventMap[K];
    (this as unknown as Record<K, MemoryEventMap[K] | null>)[event] = dispatch;
  }
}
