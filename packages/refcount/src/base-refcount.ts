/**
 * The machinery both reference-counting strategies share: the count word, immortality,
 * liveness, and the non-recursive deallocation sequence (CPython's
 * `_Py_Dealloc` + `PyObject_CallFinalizerFromDealloc` + `PyObject_ClearWeakRefs` and the
 * job of the trashcan, from Include/object.h, Objects/object.c, Objects/typeobject.c and
 * Objects/weakrefobject.c of CPython 3.11; the immortal count of 3.12's PEP 683).
 *
 * ```
 *  obj+0  ob_refcnt word (the low 32 bits; the high half stays 0 in the 64-bit layout)
 *         +----+----------------------------------------+
 *         | 31 | 30 ..................................0 |   0          : dead, or being deallocated
 *         +----+----------------------------------------+   1..2**31-1 : live, that many references
 *           ^ IMMORTAL_BIT set: immortal, word = 0xffffffff (IMMORTAL_REFCOUNT)
 *
 *  pending: Uint32Array stack; an entry is an object address + a kind in its low 3 bits
 *     o+0 DECREMENT        a reference a type's dealloc released, applied when popped
 *     o+1 AT_ZERO          a mutator decref took o to 0
 *     o+2 AFTER_FINALIZER  \
 *     o+3 IN_CALLBACKS      > o's deallocation, parked while what it released runs first
 *     o+4 BEFORE_DEALLOC   /
 *
 *  decref(o): count -= 1 ── 0? ──> push o+AT_ZERO ── outermost call? ──> drain
 *
 *  drain loop (only the outermost call runs it; nothing recurses on the JS stack)
 *    pop ── DECREMENT: count -= 1, still > 0 ──> next     AT_ZERO: count > 0 (resurrected) ──> next
 *      1. finalizer, once (PEP 442): count := 1, type.finalize(o), FINALIZED := 1
 *         [park if it released objects]  count -= 1; count > 0? ──> resurrected: stop
 *      2. weak references: clear all; each one still alive with a callback: incref,
 *         callback [park if it released objects]; then release them
 *         [park if that released objects]; count > 0? ──> resurrected: stop
 *      3. containers: unlink from the GC list if tracked, collector.onDeallocate()
 *      4. type.dealloc(o, decref)     every reference it releases is pushed as DECREMENT
 *    after each step that pushed entries, those entries are reversed, so the first released
 *    is popped first ("park" also slips the resume entry under them)
 * ```
 *
 * Deallocation order: the same as recursive deallocation (CPython without the trashcan).
 * A reference released by a type's dealloc is only decremented when its entry is popped, a
 * deallocation is parked while what its finalizer or weakref callbacks released is
 * deallocated, and entries are popped in release order. So finalizers, weakref callbacks and
 * `type.dealloc` calls happen in the order recursion would make them — depth first, an
 * object's referents in the order its dealloc released them — and each sees the counts it
 * would see there (a sibling still held by its dying parent keeps that reference; a dying
 * object keeps its temporary reference during what its finalizer released). Two differences
 * remain: (a) an object's own memory is returned to its allocator when its `type.dealloc`
 * returns, before its referents are deallocated (recursion returns it after them); (b) the
 * FINALIZED bit is set as the finalizer returns, before what it released is deallocated.
 * A weak reference is held (+1) during its callback, as CPython 3.11 does when an object has
 * several weak references with callbacks (with a single one it does not).
 *
 * Both modes keep a "live" bitmap (1 bit per 8 heap bytes): set by
 * {@link BaseRefcount.noteAllocated}, cleared just before `type.dealloc`. Every operation
 * checks it before touching the heap, so an incref, decref, refcount or makeImmortal of an
 * address where no live object is — freed, interior, foreign, never noted — raises
 * InvalidPointerError, O(1), having written nothing. This is what guarantees, in fast mode
 * too, that the strategy never writes into memory an allocator has taken back (a freed
 * block's first words are the allocator's free-list links: pymalloc's freeblock pointer,
 * TLSF's next/prev): the only heap words it ever writes are the count words and GC headers
 * of objects whose live bit is set. A count going below zero raises HeapCorruptionError
 * ("refcount") and an unregistered type id when a count reaches zero raises
 * HeapCorruptionError ("bad-header"), in both modes, before anything is written.
 * Checked mode (the default) adds the validation of fresh headers in `noteAllocated` (the
 * type id must be registered); fast mode (`checked: false`) records the address without
 * reading the header. Neither mode frees memory on its own: memory goes back only through
 * `type.dealloc` and the allocator, whose own checks (a second free of a block raises
 * DoubleFreeError) stay in force; and neither starts a second deallocation of an object
 * whose deallocation is queued or running (the "queued" bit).
 *
 * Invariants: an object's queued bit is set iff its count reached 0 and its deallocation is
 * queued (an AT_ZERO entry, or the deferred strategy's table), parked, or running up to
 * `type.dealloc`; a deallocation goes on iff the count is 0 when its entry is popped; an
 * address's live bit is set iff an object was noted there and its
 * `type.dealloc` has not been called.
 *
 * @module
 */
import {
  type Address,
  type Decref,
  formatAddress,
  GcHeaders,
  type Heap,
  HeapCorruptionError,
  IMMORTAL_BIT,
  IMMORTAL_REFCOUNT,
  InvalidPointerError,
  type ObjectLayout,
  type RefcountStrategy,
  type TypeInfo,
  type TypeRegistry,
  type WeakrefSupport,
} from "@pymem/core";
import { AddressBitmap } from "./address-bitmap";
import { AddressStack } from "./address-stack";
import { BITMAP_GRANULE, type RefcountConfig, resolveRefcountConfig } from "./config";
import {
  type DeallocationListener,
  printUnraisable,
  type RefcountOptions,
  type UnraisableHandler,
} from "./refcount-options";

/*
 * Kinds of pending entries, in the low 3 bits (object addresses are multiples of 8).
 * DECREMENT      a reference released by a type's dealloc; applied when popped
 * AT_ZERO        a mutator decref took the object to 0 (its queued bit is set)
 * AFTER_FINALIZER / IN_CALLBACKS / BEFORE_DEALLOC
 *                a deallocation parked after the finalizer, between weakref callbacks, or
 *                before type.dealloc, while what it released is deallocated first
 */
/** Entry kind: apply one decrement. */
export const DECREMENT = 0;
/** Entry kind: the count already reached 0. */
export const AT_ZERO = 1;
/** Entry kind: resume after the finalizer (the temporary reference is still held). */
export const AFTER_FINALIZER = 2;
/** Entry kind: resume the weakref callbacks of the top callback frame. */
export const IN_CALLBACKS = 3;
/** Entry kind: resume before type.dealloc. */
export const BEFORE_DEALLOC = 4;
/** Mask of the entry kind bits. */
export const ENTRY_KIND_MASK = 7;

/** Largest count that still increments; one more makes the object immortal (2**31 - 1). */
export const MAX_MORTAL_REFCOUNT = IMMORTAL_BIT - 1;

/** Counters kept by every strategy. */
export interface RefcountCounters {
  /** Objects whose `type.dealloc` was called. */
  deallocations: number;
  /** Finalizers called by deallocations. */
  finalizations: number;
  /** Deallocations stopped because the finalizer resurrected the object. */
  resurrections: number;
  /** Weak reference callbacks called by deallocations. */
  weakrefCallbacks: number;
}

/**
 * Shared part of the reference-counting strategies: counts, immortality, checked-mode
 * liveness and the non-recursive deallocation sequence. Subclasses decide what happens
 * when a decrement reaches zero (deallocate now, or queue until a safe point).
 */
export abstract class BaseRefcount implements RefcountStrategy {
  /** Strategy name. */
  abstract readonly name: string;
  /** Whether misuse is detected (see the module comment for what fast mode checks). */
  readonly checked: boolean;
  /** The heap the objects live in. */
  readonly heap: Heap;
  /** The object header layout. */
  readonly layout: ObjectLayout;
  /** The type registry the header type ids refer to. */
  readonly types: TypeRegistry;
  /** The resolved tunables. */
  readonly config: Readonly<RefcountConfig>;
  /** GC header access used to test FINALIZED and untrack containers. */
  protected readonly gc: GcHeaders;
  /** Weak reference support, or null. */
  protected weakrefs: WeakrefSupport | null;
  /** The collector told of container deallocations, or null. */
  protected collector: DeallocationListener | null;
  /** Addresses of live objects (noted, not yet handed to `type.dealloc`), in both modes. */
  protected readonly live: AddressBitmap;
  /** Objects at count 0 whose deallocation is queued or in progress (see the invariants). */
  protected readonly queued: AddressBitmap;
  /** Entries waiting for the drain loop (see the module comment). */
  protected readonly pending: AddressStack;
  /**
   * Weak references whose callbacks deallocations are calling, one frame per deallocation
   * (frames nest like the suspended sequences they belong to): `wr0 .. wrN-1, N, cursor`.
   */
  private readonly callbackFrames: AddressStack;
  /** True while the drain loop runs (nested releases are pushed, not drained). */
  protected draining = false;
  /** Reports errors of finalizers and weakref support. */
  protected readonly onUnraisable: UnraisableHandler;
  /** The decrement handed to `type.dealloc`: pushes a "decrement" entry on `pending`. */
  protected readonly typeDecref: Decref;
  private readonly typeWord: number;
  private readonly counters: RefcountCounters = {
    deallocations: 0,
    finalizations: 0,
    resurrections: 0,
    weakrefCallbacks: 0,
  };

  constructor(options: RefcountOptions) {
    this.heap = options.heap;
    this.layout = options.layout;
    this.types = options.types;
    this.checked = options.checked ?? true;
    this.config = Object.freeze(resolveRefcountConfig(options.config));
    this.gc = new GcHeaders(options.heap, options.layout);
    this.weakrefs = options.weakrefs ?? null;
    this.collector = options.collector ?? null;
    this.onUnraisable = options.onUnraisable ?? printUnraisable;
    this.live = new AddressBitmap(options.heap.byteLength);
    this.queued = new AddressBitmap(options.heap.byteLength);
    this.pending = new AddressStack(this.config.pendingCapacity);
    this.callbackFrames = new AddressStack(16);
    this.typeWord = options.layout.typeOffset >>> 2;
    this.typeDecref = (obj: Address) => this.releaseReference(obj);
    // Bound, so `strategy.incref` / `strategy.decref` can be handed around as functions.
    this.incref = this.incref.bind(this);
    this.decref = this.decref.bind(this);
  }

  /** Deallocations done so far (calls of `type.dealloc`). */
  get deallocations(): number {
    return this.counters.deallocations;
  }

  /** A snapshot of the counters. */
  stats(): RefcountCounters {
    return { ...this.counters };
  }

  /** Entries on the pending stack (0 between calls, unless a type's dealloc threw). */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** Wires the cycle collector (the runtime creates it after the strategy, which it needs). */
  attachCollector(collector: DeallocationListener | null): void {
    this.collector = collector;
  }

  /** Wires weak reference support. */
  attachWeakrefs(weakrefs: WeakrefSupport | null): void {
    this.weakrefs = weakrefs;
  }

  /**
   * Records that a new object was allocated at `obj` (call it from the object allocation
   * path, after the header is initialised). Both modes need it: an address that was never
   * noted is not a live object, and every operation on it raises.
   * @throws InvalidPointerError for NULL, an address that is not a multiple of 8 inside the
   * heap, an address that already holds a live object, or (checked mode) a header whose type
   * id is not registered; nothing is recorded
   */
  noteAllocated(obj: Address): void {
    const live = this.live;
    if (!(Number.isInteger(obj) && obj > 0 && obj % BITMAP_GRANULE === 0 && obj < this.heap.byteLength)) {
      throw new InvalidPointerError(
        obj,
        `a non-NULL object address inside the heap, a multiple of ${BITMAP_GRANULE}`,
      );
    }
    if (this.checked) {
      const typeId = this.heap.u32[(obj >>> 2) + this.typeWord]!;
      if (this.types.find(typeId) === undefined) {
        throw new InvalidPointerError(
          obj,
          `an initialised object header, found type id ${typeId} which is not registered`,
        );
      }
    }
    if (!live.set(obj)) {
      throw new InvalidPointerError(obj, "fresh object memory, but a live object is already recorded there");
    }
  }

  /** Whether `obj` is recorded as a live object (noted, and not yet handed to `type.dealloc`). */
  isLive(obj: Address): boolean {
    return this.live.has(obj);
  }

  /**
   * Adds a strong reference. A count reaching 2**31 makes the object immortal, as PEP 683's
   * 64-bit scheme treats bit 31; this implementation writes IMMORTAL_REFCOUNT at once where
   * CPython 3.12 lets the count creep up to it. An object whose count is 0 while it waits
   * for deallocation is resurrected (and then not deallocated).
   * @throws InvalidPointerError for NULL, or an address with no live object
   */
  incref(obj: Address): void {
    this.checkObject(obj, "incref");
    const u32 = this.heap.u32;
    const i = obj >>> 2;
    const rc = u32[i]!;
    u32[i] = rc < MAX_MORTAL_REFCOUNT ? rc + 1 : IMMORTAL_REFCOUNT;
  }

  /** Drops a strong reference; see the strategy for when the object is deallocated. */
  abstract decref(obj: Address): void;

  /** Runs pending deallocations (a safe point). */
  abstract flush(): void;

  /**
   * The current count: the number of strong references, 0 for an object waiting for
   * deallocation, and for immortals IMMORTAL_REFCOUNT (4294967295, what CPython 3.12's
   * `sys.getrefcount` minus its own +1 reports for `None` on 64-bit builds).
   * @throws InvalidPointerError for NULL, or an address with no live object
   */
  refcount(obj: Address): number {
    this.checkObject(obj, "refcount");
    const rc = this.heap.u32[obj >>> 2]!;
    return rc >= IMMORTAL_BIT ? IMMORTAL_REFCOUNT : rc;
  }

  /**
   * Makes `obj` immortal (PEP 683): its count word becomes IMMORTAL_REFCOUNT, increfs and
   * decrefs leave it alone, and it is never deallocated.
   * @throws InvalidPointerError for NULL, or an address with no live object
   */
  makeImmortal(obj: Address): void {
    this.checkObject(obj, "makeImmortal");
    this.heap.u32[obj >>> 2] = IMMORTAL_REFCOUNT;
  }

  /**
   * Whether `obj` is immortal (bit 31 of its count word is set).
   * @throws InvalidPointerError for NULL, or an address with no live object
   */
  isImmortal(obj: Address): boolean {
    this.checkObject(obj, "isImmortal");
    return this.heap.u32[obj >>> 2]! >= IMMORTAL_BIT;
  }

  /** Raises for NULL and unless a live object is recorded at `obj` (freed, interior, foreign, never noted). */
  protected checkObject(obj: Address, op: string): void {
    if (this.live.has(obj)) return;
    if (obj === 0) throw nullPointer(op);
    throw new InvalidPointerError(
      obj,
      `a live object for ${op}, but none is allocated there (freed, never noted with noteAllocated, or not an object address)`,
    );
  }

  /**
   * A mutator decrement: returns true when the count reached 0 and the object was not
   * queued yet — its count word is then 0 and its queued bit set, and the caller must put an
   * "at zero" entry for it on a stack.
   * @throws HeapCorruptionError ("refcount") for a count already at 0, ("bad-header") for an
   * unregistered type id when the count would reach 0; nothing is written
   */
  protected decrement(obj: Address): boolean {
    const u32 = this.heap.u32;
    const i = obj >>> 2;
    const rc = u32[i]!;
    if (rc > 1) {
      if (rc < IMMORTAL_BIT) u32[i] = rc - 1;
      return false;
    }
    this.checkZero(obj, rc);
    u32[i] = 0;
    // Already queued or being deallocated: that deallocation takes care of it.
    return this.queued.set(obj);
  }

  /** Raises unless a count of `rc` may drop to 0 (it must be 1 and the type registered). */
  private checkZero(obj: Address, rc: number): void {
    if (rc === 0) {
      throw new HeapCorruptionError(obj, "refcount", "decref would take the reference count below zero");
    }
    const typeId = this.heap.u32[(obj >>> 2) + this.typeWord]!;
    if (this.types.find(typeId) === undefined) {
      throw new HeapCorruptionError(
        obj,
        "bad-header",
        `the reference count reached zero but type id ${typeId} is not registered`,
      );
    }
  }

  /** Immediate decref: at 0, queue the object and drain unless already draining. */
  protected decrefNow(obj: Address): void {
    this.checkObject(obj, "decref");
    if (this.decrement(obj)) {
      this.pending.push(obj + AT_ZERO);
      if (!this.draining) this.drain();
    }
  }

  /** The decrement handed to types: pushed as a "decrement" entry, applied when popped. */
  private releaseReference(obj: Address): void {
    this.checkObject(obj, "decref");
    this.pending.push(obj);
    if (!this.draining) this.drain();
  }

  /**
   * Runs the entries on `pending` until it is empty, without recursion. Does nothing when
   * called while already draining (the running loop picks up whatever was pushed).
   * An exception from a type's `dealloc` (or a count found below zero) propagates; the
   * entries still pending stay and are processed by the next drain.
   */
  protected drain(): void {
    if (this.draining) return;
    this.draining = true;
    const pending = this.pending;
    try {
      while (pending.length > 0) {
        const entry = pending.pop();
        const kind = entry & ENTRY_KIND_MASK;
        const obj = entry - kind;
        const base = pending.length;
        switch (kind) {
          case DECREMENT:
            this.checkObject(obj, "decref"); // still live since it was pushed?
            if (this.applyDecrement(obj)) this.startDeallocation(obj, base);
            break;
          case AT_ZERO:
            if (this.heap.u32[obj >>> 2] === 0) this.startDeallocation(obj, base);
            else this.queued.delete(obj); // resurrected while queued
            break;
          case AFTER_FINALIZER:
            if (this.dropTemporaryReference(obj)) this.clearWeakrefsStep(obj, base, this.typeAt(obj));
            break;
          case IN_CALLBACKS:
            if (this.runCallbacks(obj, base)) this.afterCallbacks(obj, base);
            break;
          default:
            this.beforeDealloc(obj, base);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** A "decrement" entry: true when it took the count to 0 (the queued bit is then set). */
  private applyDecrement(obj: Address): boolean {
    const u32 = this.heap.u32;
    const i = obj >>> 2;
    const rc = u32[i]!;
    if (rc > 1) {
      if (rc < IMMORTAL_BIT) u32[i] = rc - 1;
      return false;
    }
    this.checkZero(obj, rc);
    u32[i] = 0;
    return this.queued.set(obj);
  }

  /** Step 1, the finalizer (PEP 442: at most once per object; FINALIZED lives in gc_prev). */
  private startDeallocation(obj: Address, base: number): void {
    const type = this.typeAt(obj);
    if (type.finalize !== undefined && !this.gc.isFinalized(obj)) {
      this.heap.u32[obj >>> 2] = 1; // the temporary reference
      this.counters.finalizations++;
      try {
        type.finalize(obj);
      } catch (error) {
        this.onUnraisable(error, `<finalizer of ${type.name} object at ${formatAddress(obj)}>`);
      }
      this.gc.setFinalized(obj, true);
      // Objects the finalizer released are deallocated first, while the temporary reference holds.
      if (this.pending.length > base) {
        this.suspend(obj, base, AFTER_FINALIZER);
        return;
      }
      if (!this.dropTemporaryReference(obj)) return;
    }
    this.clearWeakrefsStep(obj, base, type);
  }

  /** Drops the finalizer's temporary reference; false (and the sequence ends) if the object was resurrected. */
  private dropTemporaryReference(obj: Address): boolean {
    const u32 = this.heap.u32; // the finalizer may have grown the heap
    const i = obj >>> 2;
    const rc = u32[i]!;
    if (rc <= 1) {
      u32[i] = 0; // (0: the finalizer dropped the temporary reference itself)
      return true;
    }
    if (rc < IMMORTAL_BIT) u32[i] = rc - 1;
    this.counters.resurrections++;
    this.queued.delete(obj);
    return false;
  }

  /** Step 2, part one: detach every weak reference and take those whose callbacks must run. */
  private clearWeakrefsStep(obj: Address, base: number, type: TypeInfo): void {
    const weakrefs = this.weakrefs;
    if (weakrefs === null || type.weaklistOffset <= 0 || !weakrefs.hasWeakrefs(obj)) {
      this.deallocStep(obj, base, type);
      return;
    }
    let list: Address[] = [];
    try {
      list = weakrefs.weakrefsTo(obj);
    } catch (error) {
      this.onUnraisable(error, `<weak references of ${type.name} object at ${formatAddress(obj)}>`);
    }
    // PyObject_ClearWeakRefs: clear them all first; callbacks only for weakrefs still alive.
    const frames = this.callbackFrames;
    const first = frames.length;
    for (let k = 0; k < list.length; k++) {
      const wr = list[k]!;
      let call = false;
      try {
        call = weakrefs.hasCallback(wr) && this.heap.u32[wr >>> 2] !== 0;
        weakrefs.clearWeakref(wr);
      } catch (error) {
        this.onUnraisable(error, `<weakref at ${formatAddress(wr)}>`);
        call = false;
      }
      if (call) {
        this.incrementRaw(wr); // held during its callback, as CPython's tuple of weakrefs does
        frames.push(wr);
      }
    }
    if (frames.length === first) {
      this.afterCallbacks(obj, base);
      return;
    }
    frames.push(frames.length - first); // frame: wr..., count, cursor
    frames.push(0);
    if (this.runCallbacks(obj, base)) this.afterCallbacks(obj, base);
  }

  /**
   * Step 2, part two: calls the remaining callbacks of the top frame. Suspends (returns
   * false) after a callback that released objects, so they are deallocated before the next
   * callback, as they would be inside the call. Returns true when every callback has run and
   * the weak references were released.
   */
  private runCallbacks(obj: Address, base: number): boolean {
    const frames = this.callbackFrames;
    const weakrefs = this.weakrefs;
    for (;;) {
      const top = frames.length;
      const cursor = frames.at(top - 1);
      const count = frames.at(top - 2);
      const first = top - 2 - count;
      if (cursor === count) {
        // Release the weak references, last first (CPython decrefs its tuple backwards).
        for (let k = first + count - 1; k >= first; k--) this.pending.push(frames.at(k));
        frames.length = first;
        return true;
      }
      frames.set(top - 1, cursor + 1);
      const wr = frames.at(first + cursor);
      this.counters.weakrefCallbacks++;
      try {
        if (weakrefs !== null) weakrefs.invokeCallback(wr);
      } catch (error) {
        this.onUnraisable(error, `<weakref callback of ${formatAddress(wr)}>`);
      }
      if (this.pending.length > base) {
        this.suspend(obj, base, IN_CALLBACKS);
        return false;
      }
    }
  }

  /** After step 2: weakrefs released by it are deallocated before the object's own referents. */
  private afterCallbacks(obj: Address, base: number): void {
    if (this.pending.length > base) {
      this.suspend(obj, base, BEFORE_DEALLOC);
      return;
    }
    this.beforeDealloc(obj, base);
  }

  /** Resurrection check before steps 3-4 (a callback may have stored a borrowed address). */
  private beforeDealloc(obj: Address, base: number): void {
    if (this.heap.u32[obj >>> 2] !== 0) {
      this.counters.resurrections++;
      this.queued.delete(obj);
      return;
    }
    this.deallocStep(obj, base, this.typeAt(obj));
  }

  /** Steps 3 and 4: leave the collector's lists, then the type releases its references and memory. */
  private deallocStep(obj: Address, base: number, type: TypeInfo): void {
    if (type.isContainer) {
      if (this.gc.isTracked(obj)) this.gc.unlink(this.gc.node(obj));
      const collector = this.collector;
      if (collector !== null) collector.onDeallocate();
    }
    this.queued.delete(obj);
    this.live.delete(obj);
    this.counters.deallocations++;
    type.dealloc(obj, this.typeDecref);
    this.pending.reverseFrom(base);
  }

  /**
   * Parks the object's sequence: what was pushed since `base` runs first (in release order),
   * then the `kind` entry resumes the sequence. The queued bit stays set meanwhile.
   */
  private suspend(obj: Address, base: number, kind: number): void {
    this.pending.reverseFrom(base);
    this.pending.insertAt(base, obj + kind);
  }

  /** The type of an object whose type id was validated when its count reached 0. */
  private typeAt(obj: Address): TypeInfo {
    return this.types.find(this.heap.u32[(obj >>> 2) + this.typeWord]!)!;
  }

  /** Increment without checks (for references the strategy itself takes). */
  private incrementRaw(obj: Address): void {
    const u32 = this.heap.u32;
    const i = obj >>> 2;
    const rc = u32[i]!;
    u32[i] = rc < MAX_MORTAL_REFCOUNT ? rc + 1 : IMMORTAL_REFCOUNT;
  }
}

function nullPointer(op: string): InvalidPointerError {
  return new InvalidPointerError(0, `an object for ${op}, not NULL`);
}
