/**
 * The strategy registry: one table per composition slot, mapping a name to the factory that
 * builds that strategy from what the slot receives. `createRuntime` resolves every slot given
 * by name here, the presets are plain data over these names, and the CLI lists its choices
 * from here — so a strategy registered by a user (or a CLI plugin) is selectable everywhere a
 * built-in one is.
 *
 * ```
 *  slot           context (typed)          builds             built-in names
 *  heap           HeapContext              Heap               array-buffer, shared-array-buffer, wasm-memory
 *  pages          PagesContext             PageProvider       heap, bump
 *  raw            RawContext               Allocator          tlsf, first-fit
 *  objectDomain   ObjectDomainContext      Allocator          pymalloc, raw
 *  refcount       RefcountContext          RefcountStrategy   immediate, deferred
 *  gc             CollectorContext         CycleCollector     generational, mark-sweep, none, incremental
 *
 *  registerStrategy("raw", "buddy", (ctx) => new BuddyAllocator(ctx))
 *  createRuntime({ raw: "buddy" })     pymem run churn --plugin ./buddy.mjs --raw buddy
 * ```
 *
 * Names are resolved when a runtime is created, so a registration affects the runtimes
 * created after it.
 *
 * @module
 */
import {
  type Allocator,
  ConfigurationError,
  type CycleCollector,
  type Heap,
  type PageProvider,
  type RefcountStrategy,
} from "@pymem/core";
import type {
  CollectorContext,
  HeapContext,
  ObjectDomainContext,
  PagesContext,
  RawContext,
  RefcountContext,
} from "./options";

/** What each slot's factories receive and build. */
export interface StrategySlots {
  /** The byte space. */
  heap: { context: HeapContext; strategy: Heap };
  /** The page provider ("the operating system"). */
  pages: { context: PagesContext; strategy: PageProvider };
  /** The raw allocator (PyMem_RawMalloc's domain). */
  raw: { context: RawContext; strategy: Allocator };
  /** The object domain every object comes from. */
  objectDomain: { context: ObjectDomainContext; strategy: Allocator };
  /** Reference counting. */
  refcount: { context: RefcountContext; strategy: RefcountStrategy };
  /** The cycle collector. */
  gc: { context: CollectorContext; strategy: CycleCollector };
}

/** A composition slot that takes strategies by name. */
export type StrategySlot = keyof StrategySlots;

/** The slots, in wiring order. */
export const STRATEGY_SLOTS: readonly StrategySlot[] = Object.freeze([
  "heap",
  "pages",
  "raw",
  "objectDomain",
  "refcount",
  "gc",
]);

/** Builds one strategy of slot `S` from the slot's context. */
export type StrategyFactory<S extends StrategySlot> = (
  context: StrategySlots[S]["context"],
) => StrategySlots[S]["strategy"];

/** One registered strategy. */
export interface StrategyEntry<S extends StrategySlot> {
  /** Its name in the slot. */
  readonly name: string;
  /** One line for listings (`pymem --help`, docs). */
  readonly description: string;
  /** The factory. */
  readonly factory: StrategyFactory<S>;
}

/** Options of {@link StrategyRegistry.register}. */
export interface RegisterStrategyOptions {
  /**
   * One line describing the strategy.
   * @defaultValue ""
   */
  readonly description?: string;
  /**
   * Replace a strategy already registered under the name (otherwise that is an error).
   * @defaultValue false
   */
  readonly replace?: boolean;
}

const NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/**
 * Named strategies of every slot.
 * @example
 * ```ts
 * const registry = new StrategyRegistry();
 * registry.register("raw", "first-fit", (ctx) => new FirstFitAllocator({ pages: ctx.pages, hooks: ctx.hooks }));
 * registry.names("raw"); // ["first-fit"]
 * ```
 */
export class StrategyRegistry {
  private readonly tables: { [S in StrategySlot]: Map<string, StrategyEntry<S>> } = {
    heap: new Map(),
    pages: new Map(),
    raw: new Map(),
    objectDomain: new Map(),
    refcount: new Map(),
    gc: new Map(),
  };

  /**
   * Registers `factory` as strategy `name` of `slot`.
   * @throws ConfigurationError for an unknown slot, a name that is not a word of letters,
   * digits, `.`, `_` and `-`, a factory that is not a function, or a name already registered
   * (unless `replace`)
   */
  register<S extends StrategySlot>(
    slot: S,
    name: string,
    factory: StrategyFactory<S>,
    options: RegisterStrategyOptions = {},
  ): void {
    const table = this.table(slot);
    if (typeof name !== "string" || !NAME.test(name)) {
      throw new ConfigurationError(
        `${slot} strategy name`,
        "a word of letters, digits, '.', '_' and '-'",
        name,
      );
    }
    if (typeof factory !== "function") {
      throw new ConfigurationError(`${slot} strategy "${name}"`, "a factory function", factory);
    }
    if (table.has(name) && options.replace !== true) {
      throw new ConfigurationError(
        `${slot} strategy "${name}"`,
        "a name not registered yet (pass { replace: true } to replace it)",
        name,
      );
    }
    table.set(name, { name, description: options.description ?? "", factory });
  }

  /** Removes strategy `name` of `slot`; returns whether it was registered. */
  unregister(slot: StrategySlot, name: string): boolean {
    return this.table(slot).delete(name);
  }

  /** Whether `slot` has a strategy called `name`. */
  has(slot: StrategySlot, name: string): boolean {
    return this.table(slot).has(name);
  }

  /** The names registered in `slot`, in registration order. */
  names(slot: StrategySlot): string[] {
    return [...this.table(slot).keys()];
  }

  /** The entries registered in `slot`, in registration order. */
  entries<S extends StrategySlot>(slot: S): StrategyEntry<S>[] {
    return [...this.table(slot).values()];
  }

  /**
   * The factory of strategy `name` of `slot`.
   * @throws ConfigurationError naming the slot and the registered names when there is none
   */
  factory<S extends StrategySlot>(slot: S, name: unknown): StrategyFactory<S> {
    const entry = typeof name === "string" ? this.table(slot).get(name) : undefined;
    if (entry === undefined) {
      const names = this.names(slot)
        .map((n) => `"${n}"`)
        .join(", ");
      throw new ConfigurationError(slot, `one of ${names} or a factory function`, name);
    }
    return entry.factory;
  }

  /**
   * Builds the strategy a slot value names: a factory is called as is, a name is looked up.
   * @throws ConfigurationError for a name that is not registered
   */
  build<S extends StrategySlot>(
    slot: S,
    value: string | StrategyFactory<S>,
    context: StrategySlots[S]["context"],
  ): StrategySlots[S]["strategy"] {
    const factory = typeof value === "function" ? value : this.factory(slot, value);
    return factory(context);
  }

  private table<S extends StrategySlot>(slot: S): Map<string, StrategyEntry<S>> {
    const table = Object.hasOwn(this.tables, slot) ? this.tables[slot] : undefined;
    if (table === undefined) {
      throw new ConfigurationError("slot", `one of ${STRATEGY_SLOTS.join(", ")}`, slot);
    }
    return table as Map<string, StrategyEntry<S>>;
  }
}
