/**
 * Typed errors raised by every pymem package.
 *
 * Each error carries the offending address or size in a field and says, in its
 * message, what was expected. A call that raises leaves the heap exactly as it was.
 *
 * @module
 */
import { type Address, formatAddress, formatValue } from "./address";

/**
 * Base class of every pymem error except {@link SizeError} (which is a `RangeError`).
 * @example
 * ```ts
 * import { ArrayBufferHeap, PymemError } from "@pymem/core";
 * import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
 *
 * const raw = new TlsfAllocator({ pages: new HeapPageProvider({ heap: new ArrayBufferHeap() }) });
 * try {
 *   raw.free(0x2000); // an address raw never handed out
 * } catch (e) {
 *   if (!(e instanceof PymemError)) throw e;
 *   console.log(e.name); // "InvalidPointerError"
 * }
 * ```
 */
export class PymemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The heap or the page provider cannot satisfy a request (Python's `MemoryError`).
 * @example
 * ```ts
 * try { allocator.malloc(2 ** 31) } catch (e) { if (e instanceof MemoryError) console.log(e.requested) }
 * ```
 */
export class MemoryError extends PymemError {
  /** Bytes that were asked for. */
  readonly requested: number;
  constructor(requested: number, detail = "the heap has no room for it") {
    super(`cannot allocate ${requested} bytes: ${detail}`);
    this.requested = requested;
  }
}

/**
 * A pointer that this allocator did not hand out: foreign, interior, misaligned or NULL where not allowed.
 * @example
 * ```ts
 * import { ArrayBufferHeap, InvalidPointerError } from "@pymem/core";
 * import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
 *
 * const raw = new TlsfAllocator({ pages: new HeapPageProvider({ heap: new ArrayBufferHeap() }) });
 * const p = raw.malloc(64);
 * try {
 *   raw.free(p + 16); // inside the block, not its start
 * } catch (e) {
 *   if (e instanceof InvalidPointerError) console.log(e.address === p + 16); // true
 * }
 * raw.stats().blocksInUse; // 1: the block is untouched
 * ```
 */
export class InvalidPointerError extends PymemError {
  /** The offending address. */
  readonly address: Address;
  constructor(address: Address, expected: string) {
    super(`invalid pointer ${formatAddress(address)}: expected ${expected}`);
    this.address = address;
  }
}

/**
 * A block freed twice (or freed after it was released to the system).
 * @example
 * ```ts
 * import { ArrayBufferHeap, DoubleFreeError } from "@pymem/core";
 * import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
 *
 * const raw = new TlsfAllocator({ pages: new HeapPageProvider({ heap: new ArrayBufferHeap() }) });
 * const p = raw.malloc(64);
 * raw.free(p);
 * try {
 *   raw.free(p);
 * } catch (e) {
 *   if (e instanceof DoubleFreeError) console.log(e.message);
 *   // double free of 0x00001010: the block was already freed to the "tlsf" allocator
 * }
 * ```
 */
export class DoubleFreeError extends PymemError {
  /** The address freed a second time. */
  readonly address: Address;
  constructor(address: Address, detail = "the block is already free") {
    super(`double free of ${formatAddress(address)}: ${detail}`);
    this.address = address;
  }
}

/** What a heap-corruption check found wrong. */
export type CorruptionKind =
  | "underflow"
  | "overflow"
  | "use-after-free"
  | "double-free"
  | "wrong-api"
  | "bad-header"
  | "refcount";

/**
 * Heap metadata or guard bytes do not hold what they must (the debug hooks' and checked mode's error).
 * @example
 * ```ts
 * import { ArrayBufferHeap, HeapCorruptionError } from "@pymem/core";
 * import { DebugAllocator } from "@pymem/pymalloc";
 * import { HeapPageProvider, TlsfAllocator } from "@pymem/raw-allocator";
 *
 * const raw = new TlsfAllocator({ pages: new HeapPageProvider({ heap: new ArrayBufferHeap() }) });
 * const mem = new DebugAllocator(raw, { api: "m" }); // PYTHONMALLOC=debug on PyMem_Malloc
 * const p = mem.malloc(16);
 * mem.heap.u8[p + 16] = 0x78; // one byte past the end
 * try {
 *   mem.free(p);
 * } catch (e) {
 *   if (e instanceof HeapCorruptionError) console.log(e.kind, e.serial); // overflow 1
 * }
 * ```
 */
export class HeapCorruptionError extends PymemError {
  /** Address of the block (or object) the check was made on. */
  readonly address: Address;
  /** What was found wrong. */
  readonly kind: CorruptionKind;
  /** Serial number of the block, when the debug hooks know it. */
  readonly serial: number | undefined;
  /** Hex dump of the bytes around the fault, when available. */
  readonly dump: string | undefined;
  constructor(address: Address, kind: CorruptionKind, detail: string, serial?: number, dump?: string) {
    super(
      `heap corruption at ${formatAddress(address)} (${kind}): ${detail}` +
        (serial === undefined ? "" : ` [serial ${serial}]`) +
        (dump === undefined ? "" : `\n${dump}`),
    );
    this.address = address;
    this.kind = kind;
    this.serial = serial;
    this.dump = dump;
  }
}

/**
 * An invalid configuration value (non-power-of-two sizes, pool larger than arena, ...).
 * @example
 * ```ts
 * import { ArrayBufferHeap, ConfigurationError } from "@pymem/core";
 * import { HeapPageProvider } from "@pymem/raw-allocator";
 *
 * try {
 *   new HeapPageProvider({ heap: new ArrayBufferHeap(), pageSize: 3000 });
 * } catch (e) {
 *   if (e instanceof ConfigurationError) console.log(e.option, e.message);
 *   // pageSize invalid configuration pageSize = 3000: expected a power of two from 16 to 1073741824
 * }
 * ```
 */
export class ConfigurationError extends PymemError {
  /** Name of the offending option. */
  readonly option: string;
  constructor(option: string, expected: string, actual: unknown) {
    super(
      `invalid configuration ${option} = ${typeof actual === "string" ? actual : formatValue(actual)}: expected ${expected}`,
    );
    this.option = option;
  }
}

/**
 * A size argument that is negative, NaN, not an integer or beyond what the heap can hold.
 * @example
 * ```ts
 * import { ArrayBufferHeap, SizeError } from "@pymem/core";
 *
 * const heap = new ArrayBufferHeap();
 * try {
 *   heap.grow(-1);
 * } catch (e) {
 *   if (e instanceof SizeError) console.log(e.size, e instanceof RangeError); // -1 true
 * }
 * ```
 */
export class SizeError extends RangeError {
  /** The offending value. */
  readonly size: number;
  constructor(size: number, what: string, expected: string) {
    super(`invalid ${what} ${formatValue(size)}: expected ${expected}`);
    this.name = "SizeError";
    this.size = size;
  }
}

/**
 * Validates a byte count. Throws {@link SizeError} unless `size` is an integer in `[0, max]`.
 * @param what - what the number is, for the message ("size", "count", ...)
 * @example validateSize(-1, 2 ** 32, "size") // throws SizeError: invalid size -1: expected an integer from 0 to 4294967296
 */
export function validateSize(size: number, max: number, what = "size"): void {
  if (!(Number.isInteger(size) && size >= 0 && size <= max)) {
    throw new SizeError(size, what, `an integer from 0 to ${max}`);
  }
}
