/**
 * String interning: equal interned strings are one object (CPython's `interned` dict,
 * `PyUnicode_InternInPlace` / `PyUnicode_InternFromString` in Objects/unicodeobject.c).
 *
 * The table is keyed by the JS string (JS string equality is Python `str` equality, code
 * unit by code unit); the string objects themselves live in the heap and are made by the
 * host's `create(s)`. How the table keeps its objects alive is a mode, because CPython
 * changed it twice:
 *
 * ```
 *  mode        the table's hold on each object            getrefcount   freed when
 *  ---------   ----------------------------------------   -----------   -------------------------
 *  "strong"    one counted reference (incref)             users' + 1    the table lets go (remove/clear)
 *  "immortal"  makeImmortal (CPython 3.12)                immortal      never
 *  "mortal"    none: CPython 3.11's "mortal interned"     users' only   the last user reference dies;
 *              strings, whose two dict references are                   the string's dealloc calls forget()
 *              not counted
 *
 *  byString: Map<string, Address>   byAddress: Map<Address, string>    (both always the same pairs)
 * ```
 *
 * The default is "strong": it needs nothing from the host's string deallocator, keeps every
 * interned string reclaimable (clear() at shutdown, as `_PyUnicode_ClearInterned`), and its
 * refcounts stay honest. "immortal" reproduces 3.12, where interned strings are never freed;
 * "mortal" reproduces 3.11's counts exactly but relies on the host calling {@link InternTable.forget}
 * from its string deallocator.
 *
 * Invariant: `lookup(s)` is non-zero iff `s` is interned, and then `stringOf(lookup(s)) === s`.
 *
 * @module
 */
import { type Address, ConfigurationError, InvalidPointerError, type RefcountStrategy } from "@pymem/core";

/** How an {@link InternTable} keeps its strings alive (see the module comment). */
export type InternMode = "strong" | "immortal" | "mortal";

/** Options of {@link InternTable}. */
export interface InternTableOptions {
  /** The refcount strategy, for the table's references, immortality and the references handed out. */
  refcount: RefcountStrategy;
  /**
   * How the table keeps its strings alive.
   * @defaultValue "strong"
   */
  mode?: InternMode;
}

/** Figures of an {@link InternTable}. */
export interface InternTableStats {
  /** Interned strings now. */
  size: number;
  /** `intern` calls that found the string already interned. */
  hits: number;
  /** `intern` calls that made a new string object. */
  misses: number;
  /** The table's mode. */
  mode: InternMode;
}

/**
 * The interned-strings table.
 * @example
 * ```ts
 * const interned = new InternTable({ refcount });
 * const a = interned.intern("spam", (s) => makeStr(s)); // made once
 * const b = interned.intern("spam", (s) => makeStr(s)); // the same object, create not called
 * a === b;                                             // true
 * interned.lookup("eggs");                             // 0
 * ```
 */
export class InternTable {
  /** The table's mode. */
  readonly mode: InternMode;
  private readonly refcount: RefcountStrategy;
  private readonly byString = new Map<string, Address>();
  private readonly byAddress = new Map<Address, string>();
  private hits = 0;
  private misses = 0;

  constructor(options: InternTableOptions) {
    const mode = options.mode ?? "strong";
    if (mode !== "strong" && mode !== "immortal" && mode !== "mortal") {
      throw new ConfigurationError("intern.mode", '"strong", "immortal" or "mortal"', mode);
    }
    this.mode = mode;
    this.refcount = options.refcount;
  }

  /**
   * The interned object equal to `s`, made with `create(s)` the first time. Returns a new
   * reference, as `PyUnicode_InternFromString`: an existing object is increfed; a created
   * one is returned with the reference `create` gave.
   * @param create - makes the string object for `s` and returns a new reference to it
   * @throws TypeError when `s` is not a string
   * @throws InvalidPointerError when `create` returns NULL, a non-address, or an object already
   * interned for another string (that reference is dropped first); the table is unchanged
   */
  intern(s: string, create: (s: string) => Address): Address {
    if (typeof s !== "string") throw new TypeError(`intern expects a string, got ${typeof s}`);
    const existing = this.byString.get(s);
    if (existing !== undefined) {
      this.hits++;
      this.refcount.incref(existing);
      return existing;
    }
    const obj = create(s);
    if (!(Number.isInteger(obj) && obj > 0 && obj < 2 ** 32)) {
      throw new InvalidPointerError(
        Number.isInteger(obj) && obj >= 0 ? obj : 0,
        `a new string object for ${JSON.stringify(s)} from create() (got ${String(obj)})`,
      );
    }
    const other = this.byAddress.get(obj);
    if (other !== undefined) {
      this.refcount.decref(obj);
      throw new InvalidPointerError(
        obj,
        `a new string object for ${JSON.stringify(s)}; create() returned the one interned for ${JSON.stringify(other)}`,
      );
    }
    if (this.mode === "strong") this.refcount.incref(obj);
    else if (this.mode === "immortal") this.refcount.makeImmortal(obj);
    this.byString.set(s, obj);
    this.byAddress.set(obj, s);
    this.misses++;
    return obj;
  }

  /** The interned object equal to `s` (a borrowed reference), or 0 when `s` is not interned. */
  lookup(s: string): Address {
    return this.byString.get(s) ?? 0;
  }

  /** Whether `obj` is an interned string object. */
  isInterned(obj: Address): boolean {
    return this.byAddress.has(obj);
  }

  /** The string `obj` was interned for, or undefined when it is not interned. */
  stringOf(obj: Address): string | undefined {
    return this.byAddress.get(obj);
  }

  /**
   * Removes `obj`'s entry without touching its refcount. In "mortal" mode the host's string
   * deallocator calls this for each dying string (CPython 3.11's `unicode_dealloc` deletes the
   * string from the interned dict the same way).
   * @returns whether `obj` was interned
   */
  forget(obj: Address): boolean {
    const s = this.byAddress.get(obj);
    if (s === undefined) return false;
    this.byAddress.delete(obj);
    this.byString.delete(s);
    return true;
  }

  /**
   * Un-interns `s` and lets go of the table's hold on its object: a decref in "strong" mode
   * (which may free it), nothing else in the other modes (an immortal stays alive).
   * @returns whether `s` was interned
   */
  remove(s: string): boolean {
    const obj = this.byString.get(s);
    if (obj === undefined) return false;
    this.byString.delete(s);
    this.byAddress.delete(obj);
    if (this.mode === "strong") this.refcount.decref(obj);
    return true;
  }

  /**
   * Un-interns every string, as `_PyUnicode_ClearInterned` at shutdown: in "strong" mode each
   * object loses the table's reference (and is freed when that was the last one).
   * @returns how many strings were un-interned
   */
  clear(): number {
    const objects = [...this.byString.values()];
    this.byString.clear();
    this.byAddress.clear();
    if (this.mode === "strong") for (const obj of objects) this.refcount.decref(obj);
    return objects.length;
  }

  /** Number of interned strings. */
  get size(): number {
    return this.byString.size;
  }

  /** Current figures. */
  stats(): InternTableStats {
    return { size: this.byString.size, hits: this.hits, misses: this.misses, mode: this.mode };
  }
}
