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
 *     o+0 DECREMENT        a reference a type's dealloc released after an earlier one of
 *                          the same dealloc reached 0; applied when popped
 *     o+1 AT_ZERO          a decref took o to 0 while a deallocation was running
 *     o+2 AFTER_FINALIZER  \
 *     o+3 IN_CALLBACKS      > o's deallocation, parked while what it released runs first
 *     o+4 BEFORE_DEALLOC   /
 *
 *  decref(o): count -= 1 ── 0? ── no deallocation running? ──> deallocate o now, then drain
 *                                 └─ else ──────────────────> push o+AT_ZERO
 *
 *  drain loop (only the outermost call runs it; nothing recurses on the JS stack)
 *    pop ── DECREMENT: count -= 1, still > 0 ──> next     AT_ZERO: count > 0 (resurrected) ──> next
 *      1. finalizer, once (PEP 442): count := 1, type.finalize(o), FINALIZED := 1
 *         [park if it released objects]  count -= 1; count > 0? ──> resurrected: stop
 *      2. weak references (only if the type has a weaklistOffset and the object has weak
 *         references: with support that declares weaklistInHeader (a WeakrefTable), the
 *         word at that offset is not 0, read here; with other support, its hasWeakrefs):
 *         clear all; each one still alive with a callback: incref, callback [park if it
 *         released objects]; then release them
 *         [park if that released objects]; count > 0? ──> resurrected: stop
 *      3. containers: off the GC list if tracked (GcList.untrack, the CycleCollector
 *         contract), collector.onDeallocate() when a collector is attached
 *      4. type.dealloc(o, decref)     a reference it releases is decremented at once while
 *                                     no earlier one of them reached 0; the one that does,
 *                                     and every later one, is pushed as DECREMENT
 *    after each step that pushed entries, those entries are reversed, so the first released
 *    is popped first ("park" also slips the resume entry under them)
 * ```
 *
 * Deallocation order: the same as recursive deallocation (CPython without the trashcan).
 * A reference released by a type's dealloc is decremented at once, as Py_DECREF does, until
 * one of them would reach 0; that one and every later one are decremented when their
 * entries are popped — after the deallocations before them, which is when recursion would
 * decrement them. A deallocation is parked while what its finalizer or weakref callbacks
 * released is deallocated, and entries are popped in release order. So finalizers, weakref
 * callbacks and `type.dealloc` calls happen in the order recursion would make them — depth
 * first, an object's referents in the order its dealloc released them — and each sees the
 * counts it would see there (a sibling still held by its dying parent keeps that reference; a dying
 * object keeps its temporary reference during what its finalizer released). Two differences
 * remain: (a) an object's own memory is returned to its allocator when its `type.dealloc`
 * returns, before its referents are deallocated (recursion returns it after them); (b) the
 * FINALIZED bit is set as the finalizer returns, before what it released is deallocated.
 * A weak reference is held (+1) during its callback, as CPython 3.11 does when an object has
 * several weak references with callbacks (with a single one it does not).
 *
 * Both modes keep a "live" bit per 8 heap bytes ({@link ObjectStates}, beside the "queued"
 * bit of the same address): set by {@link BaseRefcount.noteAllocated}, cleared just before
 * `type.dealloc`. Every operation checks it before touching the heap, so an incref, decref,
 * refcount or makeImmortal of an address where no live object is — freed, interior, foreign, never noted — raises
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
  GcList,
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
import { AddressStack } from "./address-stack";
import { BITMAP_GRANULE, type RefcountConfig, resolveRefcountConfig } from "./config";
import { ObjectStates } from "./object-states";
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
  declare readonly checked: boolean;
  /** The heap the objects live in. */
  declare readonly heap: Heap;
  /** The object header layout. */
  declare readonly layout: ObjectLayout;
  /** The type registry the header type ids refer to. */
  declare readonly types: TypeRegistry;
  /** The resolved tunables. */
  declare readonly config: Readonly<RefcountConfig>;
  /** The GC lists: FINALIZED, and taking a dying container off its collector's list. */
  protected declare readonly gc: GcList;
  /** Weak reference support, or null. */
  protected declare weakrefs: WeakrefSupport | null;
  /**
   * `weakrefs.weaklistInHeader`: the list of the weak references to an object is headed by
   * the word at its type's `weaklistOffset` (0: none), so the sequence reads that word itself
   * instead of calling `hasWeakrefs`, which would look the type up again.
   */
  private declare weaklistInHeader: boolean;
  /** The collector told of container deallocations, or null. */
  protected declare collector: DeallocationListener | null;
  /** Live and queued bits of every object address, in both modes (see the invariants). */
  protected declare readonly states: ObjectStates;
  /** Entries waiting for the drain loop (see the module comment). */
  protected declare readonly pending: AddressStack;
  /**
   * Weak references whose callbacks deallocations are calling, one frame per deallocation
   * (frames nest like the suspended sequences they belong to): `wr0 .. wrN-1, N, cursor`.
   */
  private declare readonly callbackFrames: AddressStack;
  /** True while the drain loop runs (nested releases are pushed, not drained). */
  protected declare draining: boolean;
  /**
   * While a `type.dealloc` runs: the pending length at its start. A reference it releases
   * while the stack is still at that length is decremented at once; -1 otherwise.
   */
  private declare releaseBase: number;
  /** Reports errors of finalizers and weakref support. */
  protected declare readonly onUnraisable: UnraisableHandler;
  /** The decrement handed to `type.dealloc`: applied at once, or pushed as a "decrement" entry (see the module comment). */
  protected declare readonly typeDecref: Decref;
  /** Word index of the type id in an object header. */
  private declare readonly typeWord: number;
  /** The heap's byteLength when last read (a heap never shrinks: re-read only for an address beyond it). */
  private declare heapBytes: number;
  private declare deallocationCount: number;
  private declare finalizationCount: number;
  private declare resurrectionCount: number;
  private declare weakrefCallbackCount: number;

  constructor(options: RefcountOptions) {
    this.heap = options.heap;
    this.layout = options.layout;
    this.types = options.types;
    this.checked = options.checked ?? true;
    this.config = Object.freeze(resolveRefcountConfig(options.config));
    this.gc = new GcList(options.heap, options.layout);
    this.weakrefs = options.weakrefs ?? null;
    this.weaklistInHeader = this.weakrefs?.weaklistInHeader === true;
    this.heapBytes = options.heap.byteLength;
    this.collector = options.collector ?? null;
    this.onUnraisable = options.onUnraisable ?? printUnraisable;
    this.states = new ObjectStates(options.heap.byteLength);
    this.pending = new AddressStack(this.config.pendingCapacity);
    this.callbackFrames = new AddressStack(16);
    this.draining = false;
    this.releaseBase = -1;
    this.typeWord = options.layout.typeOffset >>> 2;
    this.deallocationCount = 0;
    this.finalizationCount = 0;
    this.resurrectionCount = 0;
    this.weakrefCallbackCount = 0;
    this.typeDecref = (obj: Address) => this.releaseReference(obj);
    // Bound, so `strategy.incref` / `strategy.decref` can be handed around as functions.
    this.incref = this.incref.bind(this);
    this.decref = this.decref.bind(this);
  }

  /** Deallocations done so far (calls of `type.dealloc`). */
  get deallocations(): number {
    return this.deallocationCount;
  }

  /** A snapshot of the counters. */
  stats(): RefcountCounters {
    return {
      deallocations: this.deallocationCount,
      finalizations: this.finalizationCount,
      resurrections: this.resurrectionCount,
      weakrefCallbacks: this.weakrefCallbackCount,
    };
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
    this.weaklistInHeader = weakrefs?.weaklistInHeader === true;
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
    if (obj >= this.heapBytes) this.heapBytes = this.heap.byteLength;
    if (!(Number.isInteger(obj) && obj > 0 && obj % BITMAP_GRANULE === 0 && obj < this.heapBytes)) {
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
    if (!this.states.setLive(obj)) {
      throw new InvalidPointerError(obj, "fresh object memory, but a live object is already recorded there");
    }
  }

  /** Whether `obj` is recorded as a live object (noted, and not yet handed to `type.dealloc`). */
  isLive(obj: Address): boolean {
    return this.states.isLive(obj);
  }

  /**
   * Adds a strong reference. A count reaching 2**31 makes the object immortal, as PEP 683's
   * 64-bit scheme treats bit 31; this implementation writes IMMORTAL_REFCOUNT at once where
   * CPython 3.12 lets the count creep up to it. An object whose count is 0 while it waits
   * for deallocation is resurrected (and then not deallocated).
   * @throws InvalidPointerError for NULL, or an address with no live object
   */
  incref(obj: Address): void {
    if (!this.states.isLive(obj)) throw notLive(obj, "incref");
    const u32 = this.heap.u32;
    const i = obj >>> 2;
    const rc = u32[i]!;
    u32[i] = rc < 0x7fffffff ? rc + 1 : 0xffffffff; // MAX_MORTAL_REFCOUNT, IMMORTAL_REFCOUNT
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
    if (!this.states.isLive(obj)) throw notLive(obj, op);
  }

  /**
   * A decrement that does not deallocate: returns the object's type when the count reached
   * 0 and the object was not queued yet — its count word is then 0 and its queued bit set,
   * and the caller must deallocate or queue it — else null.
   * @throws InvalidPointerError for NULL, or an address with no live object
   * @throws HeapCorruptionError ("refcount") for a count already at 0, ("bad-header") for an
   * unregistered type id when the count would reach 0; nothing is written
   */
  protected decrement(obj: Address): TypeInfo | null {
    if (!this.states.isLive(obj)) throw notLive(obj, "decref");
    const u32 = this.heap.u32;
    const i = obj >>> 2;
    const rc = u32[i]!;
    if (rc > 1) {
      if (rc < 0x80000000) u32[i] = rc - 1; // IMMORTAL_BIT: immortals keep their count
      return null;
    }
    const type = this.zeroType(obj, rc);
    u32[i] = 0;
    // Already queued or being deallocated: that deallocation takes care of it.
    return this.states.markQueued(obj) ? type : null;
  }

  /**
   * The type of an object whose count of `rc` is about to drop to 0.
   * @throws HeapCorruptionError ("refcount") unless `rc` is 1, ("bad-header") for an
   * unregistered type id
   */
  private zeroType(obj: Address, rc: number): TypeInfo {
    if (rc === 0) {
      throw new HeapCorruptionError(obj, "refcount", "decref would take the reference count below zero");
    }
    const typeId = this.heap.u32[(obj >>> 2) + this.typeWord]!;
    const type = this.types.find(typeId);
    if (type === undefined) {
      throw new HeapCorruptionError(
        obj,
        "bad-header",
        `the reference count reached zero but type id ${typeId} is not registered`,
      );
    }
    return type;
  }

  /**
   * Immediate decref: at 0, deallocate — at once when no drain runs (and then whatever it
   * released, in the drain loop), else queued as an "at zero" entry for the running drain.
   */
  protected decrefNow(obj: Address): void {
    const type = this.decrement(obj);
    if (type === null) return;
    if (this.draining) this.pending.push(obj + AT_ZERO);
    else this.deallocate(obj, type);
  }

  /**
   * Deallocates `obj` (count 0, queued bit set, no drain running), then runs every entry
   * its deallocation left on `pending` (and any left over by a dealloc that threw) until the
   * stack is empty, without recursion.
   */
  protected deallocate(obj: Address, type: TypeInfo): void {
    this.draining = true;
    try {
      this.startDeallocation(obj, this.pending.length, type);
      if (this.pending.length > 0) this.runPending();
    } finally {
      this.draining = false;
      this.releaseBase = -1;
    }
  }

  /**
   * The decrement handed to `type.dealloc`. As long as none of the references the running
   * dealloc released before reached zero, it is applied at once, as recursion would apply
   * it; one that would reach zero, and every later one, becomes a "decrement" entry, applied
   * when popped — after the deallocation of the earlier ones, which is when recursion
   * applies it. Outside a dealloc it is a plain immediate decref.
   */
  private releaseReference(obj: Address): void {
    if (!this.states.isLive(obj)) throw notLive(obj, "decref");
    if (this.pending.length === this.releaseBase) {
      const u32 = this.heap.u32;
      const i = obj >>> 2;
      const rc = u32[i]!;
      if (rc > 1) {
        if (rc < 0x80000000) u32[i] = rc - 1; // IMMORTAL_BIT: immortals keep their count
        return;
      }
    }
    if (this.draining)
      this.pending.push(obj); // + DECREMENT
    else this.decrefNow(obj);
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
    try {
      this.runPending();
    } finally {
      this.draining = false;
      this.releaseBase = -1;
    }
  }

  /** The drain loop proper (`draining` is set). */
  private runPending(): void {
    const pending = this.pending;
    while (pending.length > 0) {
      const entry = pending.pop();
      const kind = entry & 7; // ENTRY_KIND_MASK
      const obj = entry - kind;
      const base = pending.length;
      if (kind === 0) {
        // DECREMENT: the object is still live since it was pushed? (its count may go to 0)
        const type = this.decrement(obj);
        if (type !== null) this.startDeallocation(obj, base, type);
      } else if (kind === 1) {
        // AT_ZERO
        if (this.heap.u32[obj >>> 2] === 0) this.startDeallocation(obj, base, this.typeAt(obj));
        else this.states.clearQueued(obj); // resurrected while queued
      } else if (kind === AFTER_FINALIZER) {
        if (this.dropTemporaryReference(obj)) this.weakrefsStep(obj, base, this.typeAt(obj));
      } else if (kind === IN_CALLBACKS) {
        if (this.runCallbacks(obj, base)) this.afterCallbacks(obj, base);
      } else {
        this.beforeDealloc(obj, base);
      }
    }
  }

  /** Starts the sequence of an object whose count reached 0: step 1 if it has a finalizer still to run, else step 2. */
  private startDeallocation(obj: Address, base: number, type: TypeInfo): void {
    if (type.finalize !== undefined && !this.gc.isFinalized(obj)) this.finalizeStep(obj, base, type);
    else this.weakrefsStep(obj, base, type);
  }

  /** Step 1, the finalizer (PEP 442: at most once per object; FINALIZED lives in gc_prev). */
  private finalizeStep(obj: Address, base: number, type: TypeInfo): void {
    this.heap.u32[obj >>> 2] = 1; // the temporary reference
    this.finalizationCount++;
    try {
      type.finalize!(obj);
    } catch (error) {
      this.onUnraisable(error, `<finalizer of ${type.name} object at ${formatAddress(obj)}>`);
    }
    this.gc.setFinalized(obj, true);
    // Objects the finalizer released are deallocated first, while the temporary reference holds.
    if (this.pending.length > base) {
      this.suspend(obj, base, AFTER_FINALIZER);
      return;
    }
    if (this.dropTemporaryReference(obj)) this.weakrefsStep(obj, base, type);
  }

  /** Step 2 when the object has weak references, else straight to steps 3 and 4. */
  private weakrefsStep(obj: Address, base: number, type: TypeInfo): void {
    const weakrefs = this.weakrefs;
    const weaklist = type.weaklistOffset;
    if (
      weaklist > 0 &&
      weakrefs !== null &&
      (this.weaklistInHeader ? this.heap.u32[(obj + weaklist) >>> 2] !== 0 : weakrefs.hasWeakrefs(obj))
    ) {
      this.clearWeakrefsStep(obj, base, type, weakrefs);
    } else {
      this.deallocStep(obj, base, type);
    }
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
    this.resurrectionCount++;
    this.states.clearQueued(obj);
    return false;
  }

  /** Step 2, part one: detach every weak reference and take those whose callbacks must run. */
  private clearWeakrefsStep(obj: Address, base: number, type: TypeInfo, weakrefs: WeakrefSupport): void {
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
      this.weakrefCallbackCount++;
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
      this.resurrectionCount++;
      this.states.clearQueued(obj);
      return;
    }
    this.deallocStep(obj, base, this.typeAt(obj));
  }

  /** Steps 3 and 4: leave the collector's lists, then the type releases its references and memory. */
  private deallocStep(obj: Address, base: number, type: TypeInfo): void {
    if (type.isContainer) {
      // The GC-list contract (see CycleCollector): a dying container leaves its list here.
      this.gc.untrack(obj);
      const collector = this.collector;
      if (collector !== null) collector.onDeallocate();
    }
    this.states.release(obj);
    this.deallocationCount++;
    this.releaseBase = base;
    type.dealloc(obj, this.typeDecref);
    this.releaseBase = -1;
    if (this.pending.length > base + 1) this.pending.reverseFrom(base);
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
  protected typeAt(obj: Address): TypeInfo {
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

/** The error of an operation on an address where no live object is. */
function notLive(obj: Address, op: string): InvalidPointerError {
  if (obj === 0) return nullPointer(op);
  return new InvalidPointerError(
    obj,
    `a live object for ${op}, but none is allocated there (freed, never noted with noteAllocated, or not an object address)`,
  );
}

function nullPointer(op: string): InvalidPointerError {
  return new InvalidPointerError(0, `an object for ${op}, not NULL`);
}
