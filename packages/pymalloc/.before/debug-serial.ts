/**
 * The serial-number counter of the debug hooks (CPython's `serialno` and `bumpserialno`).
 *
 * ```
 *  debug malloc / calloc / realloc succeeds -> counter.bump() -> n written at p+size+SST
 *
 *  CPython: one counter for the whole process, shared by the 'r', 'm' and 'o' domains
 *  here:    one counter per DebugAllocator unless the same counter is passed to several
 * ```
 *
 * When a corrupted block is reported, its serial number says which call handed it out;
 * replaying the same program and stopping when the counter reaches that value (a
 * breakpoint in {@link DebugSerialCounter.bump}) catches the moment the block was made.
 *
 * @module
 */

/**
 * Counts successful debug allocations (malloc, calloc and realloc).
 * @example
 * ```ts
 * const serial = new DebugSerialCounter();
 * const raw = new DebugAllocator(rawDomain, { api: "r", serialCounter: serial });
 * const obj = new DebugAllocator(objDomain, { api: "o", serialCounter: serial });
 * raw.malloc(8); obj.malloc(8);
 * serial.value; // 2, as CPython's single process-wide counter
 * ```
 */
export class DebugSerialCounter {
  /** Serial number of the most recent debug allocation (0 before the first one). */
  value = 0;

  /** Advances the counter and returns the new serial number. */
  bump(): number {
    this.value += 1;
    return this.value;
  }
}
