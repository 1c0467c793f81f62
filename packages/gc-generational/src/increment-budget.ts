/**
 * How much of the old generation one increment of the incremental collector examines
 * (CPython 3.14's `work_to_do`, `assess_work_to_do` and SCAN_RATE_DIVISOR in Python/gc.c).
 *
 * ```
 *  heap_size  = GC objects allocated - GC objects freed (tracked or not)
 *  scale      = max(2, threshold[1])                          (gc.set_threshold(_, 10): 10)
 *  per_heap   = heap_size / SCAN_RATE_DIVISOR / scale         (10 and 10: 1 % of the heap)
 *
 *  start of an increment:  work += young + min(per_heap, young * 3 / 2)   young := 0
 *  marking from roots:     work -= marked         (3.14 subtracts it twice: marking counts
 *                                                  double, the roots are known to be alive)
 *  filling the increment:  take the oldest pending object and its not-yet-visited closure
 *                          while increment size < work
 *  end of an increment:    work += per_heap - increment size
 *  end of a scavenge:      work := 0
 *
 *  work starts at -5000 (pycore_runtime_init.h), so the first increments only collect the
 *  young generation.
 * ```
 *
 * With the defaults each increment examines about 1 % of the heap plus what was allocated
 * since the last one; a whole scavenge of the old generation takes about as many
 * increments as 3.13 took young collections between two full collections (100).
 *
 * @module
 */
import { SCAN_RATE_DIVISOR } from "./config";

/** Integer division truncating toward zero, as C's `/` on intptr_t. */
function cdiv(a: number, b: number): number {
  return Math.trunc(a / b);
}

/**
 * The work counter of the incremental collector.
 * @example
 * ```ts
 * const budget = new IncrementBudget(-5000);
 * budget.beginIncrement(2100, 100_000, 10); // young 2100, heap 100 000 objects
 * budget.work; // -5000 + 2100 + min(1000, 3150) = -1900
 * ```
 */
export class IncrementBudget {
  /** Objects the collector still owes (CPython's `work_to_do`; may be negative). */
  work: number;
  private readonly initial: number;

  /** @param initial - the starting work (CPython: -5000) */
  constructor(initial: number) {
    this.initial = initial;
    this.work = initial;
  }

  /** The scale factor of a threshold[1]: at least 2. */
  static scale(threshold1: number): number {
    return threshold1 < 2 ? 2 : threshold1;
  }

  /** Objects per increment owed for a heap of `heapSize` GC objects (heap_size / 10 / scale). */
  static perHeap(heapSize: number, threshold1: number): number {
    return cdiv(cdiv(heapSize, SCAN_RATE_DIVISOR), IncrementBudget.scale(threshold1));
  }

  /**
   * assess_work_to_do: adds what `young` new objects and the heap's size call for.
   * @returns the amount added
   */
  beginIncrement(young: number, heapSize: number, threshold1: number): number {
    const maxHeapFraction = cdiv(young * 3, 2);
    let heapFraction = IncrementBudget.perHeap(heapSize, threshold1);
    if (heapFraction > maxHeapFraction) heapFraction = maxHeapFraction;
    const add = young + heapFraction;
    this.work += add;
    return add;
  }

  /** Objects marked alive from the roots are work done. */
  marked(objects: number): void {
    this.work -= objects;
  }

  /** Whether an increment of `size` objects should take another pending object. */
  wantsMore(size: number): boolean {
    return size < this.work;
  }

  /** The end of an increment that examined `size` objects. */
  endIncrement(size: number, heapSize: number, threshold1: number): void {
    this.work += IncrementBudget.perHeap(heapSize, threshold1) - size;
  }

  /** The end of a scavenge (completed_scavenge): nothing owed. */
  completed(): void {
    this.work = 0;
  }

  /** Back to the starting value. */
  reset(): void {
    this.work = this.initial;
  }
}
