/**
 * How the runtime's static singletons — None, True, False, the small ints, the empty tuple,
 * str and bytes, the one-character Latin-1 strings — are reference counted: a per-profile
 * strategy, because this is where CPython 3.11 and 3.12 differ most visibly.
 *
 * ```
 *  strategy   CPython        count word of a singleton           sys.getrefcount(None)
 *  counted    3.11           a large start, +1/-1 per reference  5475, 5485 after a = [None] * 10
 *  immortal   3.12, 3.13     IMMORTAL_REFCOUNT, never changes    4294967295 (reportedRefcount)
 *             3.14           (PEP 683)                           3221225472 (3 << 30)
 * ```
 *
 * In 3.11 None, True and False are static objects whose count starts at 1 and collects the
 * references the interpreter's start-up makes; the other singletons start at 999999999
 * (`_PyObject_IMMORTAL_INIT`) and are counted like any object. The `counted` strategy writes
 * those starting counts (None, True and False: what `python3.11 -I -c` reports at start-up,
 * minus the argument's reference) and leaves them mortal; nothing reaches zero in practice.
 *
 * @module
 */
import {
  type Address,
  ConfigurationError,
  type Heap,
  IMMORTAL_REFCOUNT,
  type RefcountStrategy,
} from "@pymem/core";

/** Which singleton an object is, for strategies that give some of them their own count. */
export type SingletonRole = "None" | "True" | "False" | "static";

/** Reference counting of the static singletons (a runtime's `immortality` option). */
export interface ImmortalityStrategy {
  /** "counted" (3.11) or "immortal" (PEP 683, 3.12 on). */
  readonly name: string;
  /** Makes `obj`, a fresh singleton with count 1 in `heap`, a static object of role `role`. */
  adopt(heap: Heap, refcount: RefcountStrategy, obj: Address, role: SingletonRole): void;
  /** What `sys.getrefcount` reports for an immortal object. */
  readonly reportedRefcount: number;
}

/** Figures of {@link CountedStatics} (CPython 3.11's by default). */
export interface CountedStaticsFigures {
  /** `sys.getrefcount(None)` of a new runtime. @defaultValue 5475 (python3.11.7 -I -c) */
  readonly none: number;
  /** `sys.getrefcount(True)` of a new runtime. @defaultValue 408 */
  readonly true: number;
  /** `sys.getrefcount(False)` of a new runtime. @defaultValue 387 */
  readonly false: number;
  /** Count word of the other singletons at creation. @defaultValue 999999999 (_PyObject_IMMORTAL_INIT) */
  readonly statics: number;
}

/** CPython 3.11.7's starting counts. */
export const CPYTHON311_STATIC_COUNTS: Readonly<CountedStaticsFigures> = Object.freeze({
  none: 5475,
  true: 408,
  false: 387,
  statics: 999_999_999,
});

/** Largest starting count: below the immortal bit of the count word. */
const MAX_START = 0x7fffffff - 1;

/**
 * CPython 3.11: singletons are ordinary objects with large starting counts.
 * @example
 * ```ts
 * const rt = createRuntime({ immortality: { kind: "counted" } });
 * rt.sys.getrefcount(null); // 5475
 * ```
 */
export class CountedStatics implements ImmortalityStrategy {
  /** Strategy name. */
  readonly name = "counted";
  /** Never reported: nothing is immortal. */
  readonly reportedRefcount = IMMORTAL_REFCOUNT;
  /** The starting counts. */
  readonly figures: Readonly<CountedStaticsFigures>;

  /** @throws ConfigurationError for a starting count that is not an integer from 2 to 2**31 - 2 */
  constructor(figures: Partial<CountedStaticsFigures> = {}) {
    const f = { ...CPYTHON311_STATIC_COUNTS, ...figures };
    for (const key of ["none", "true", "false", "statics"] as const) {
      const v = f[key];
      if (!(Number.isInteger(v) && v >= 2 && v <= MAX_START)) {
        throw new ConfigurationError(`immortality.${key}`, `an integer from 2 to ${MAX_START}`, v);
      }
    }
    this.figures = Object.freeze(f);
  }

  /** Gives `obj` its role's starting count; it stays mortal. */
  adopt(heap: Heap, refcount: RefcountStrategy, obj: Address, role: SingletonRole): void {
    const f = this.figures;
    // sys.getrefcount adds the argument's reference to the count it reads.
    const start =
      role === "None"
        ? f.none - 1
        : role === "True"
          ? f.true - 1
          : role === "False"
            ? f.false - 1
            : f.statics;
    // The references the object already has (1 at creation) count towards the start.
    const held = refcount.refcount(obj);
    // The count is the object's first word (its low half in the 64-bit layout, where the
    // high half stays 0 below the immortal bit); every refcount strategy keeps it there.
    heap.u32[obj >>> 2] = start - 1 + held;
  }
}

/**
 * PEP 683 (CPython 3.12 on): singletons are immortal; increfs and decrefs leave them alone.
 * @example
 * ```ts
 * const rt = createRuntime({ immortality: { kind: "immortal", reportedRefcount: 4294967295 } });
 * rt.sys.getrefcount(null); // 4294967295
 * ```
 */
export class ImmortalObjects implements ImmortalityStrategy {
  /** Strategy name. */
  readonly name = "immortal";
  /** What `sys.getrefcount` reports for an immortal object. */
  readonly reportedRefcount: number;

  /** @throws ConfigurationError for a reported count that is not an integer from 2**30 to 2**32 - 1 */
  constructor(reportedRefcount: number = IMMORTAL_REFCOUNT) {
    if (
      !(
        Number.isInteger(reportedRefcount) &&
        reportedRefcount >= 2 ** 30 &&
        reportedRefcount <= IMMORTAL_REFCOUNT
      )
    ) {
      throw new ConfigurationError(
        "immortality.reportedRefcount",
        `an integer from ${2 ** 30} to ${IMMORTAL_REFCOUNT}`,
        reportedRefcount,
      );
    }
    this.reportedRefcount = reportedRefcount;
  }

  /** Makes `obj` immortal (its count word becomes IMMORTAL_REFCOUNT). */
  adopt(_heap: Heap, refcount: RefcountStrategy, obj: Address, _role: SingletonRole): void {
    refcount.makeImmortal(obj);
  }
}

/** The `immortality` option as plain data (what a preset holds). */
export type ImmortalityOption =
  | ({ readonly kind: "counted" } & Partial<CountedStaticsFigures>)
  | { readonly kind: "immortal"; readonly reportedRefcount?: number }
  | ImmortalityStrategy;

/**
 * The strategy an `immortality` option describes (3.11's counted statics when omitted).
 * @throws ConfigurationError for an unknown kind or a bad figure
 */
export function resolveImmortality(option: ImmortalityOption | undefined): ImmortalityStrategy {
  if (option === undefined) return new CountedStatics();
  if (
    typeof option === "object" &&
    option !== null &&
    "adopt" in option &&
    typeof option.adopt === "function"
  ) {
    return option;
  }
  const kind =
    typeof option === "object" && option !== null ? (option as { kind?: unknown }).kind : undefined;
  if (kind === "counted") {
    const { kind: _k, ...figures } = option as { kind: "counted" } & Partial<CountedStaticsFigures>;
    return new CountedStatics(figures);
  }
  if (kind === "immortal") {
    return new ImmortalObjects((option as { reportedRefcount?: number }).reportedRefcount);
  }
  throw new ConfigurationError(
    "immortality",
    '{ kind: "counted" | "immortal" } or an ImmortalityStrategy',
    kind ?? option,
  );
}
