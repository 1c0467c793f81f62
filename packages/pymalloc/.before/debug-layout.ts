/**
 * Byte layout of a block under the debug hooks on the memory allocators
 * (CPython's `PYTHONMALLOC=debug`, `PyMem_SetupDebugHooks`), following Objects/obmalloc.c
 * of CPython 3.11 (`_PyMem_DebugRawAlloc` and friends) with `SST = sizeof(size_t)`.
 *
 * The debug hooks ask the wrapped allocator for a few words more than the caller wants and
 * surround the caller's bytes with a header and a trailer:
 *
 * ```
 *  SST = 8 (64-bit build)        base = block of the wrapped allocator, p = base + 2*SST
 *
 *  base+0   +-------------------------------------------+ \
 *           | n: bytes originally requested  (SST B,    |  |
 *           |    big-endian, easy to read in a dump)    |  | header, 2*SST = 16 B
 *  base+8   | API id 'r' | 'm' | 'o'         (1 B)      |  |
 *  base+9   | FORBIDDENBYTE 0xFD x (SST-1)   (7 B)      |  |
 *  p        +-------------------------------------------+ /
 *           | the caller's n bytes: CLEANBYTE 0xCD after  |
 *           | malloc, 0 after calloc, DEADBYTE 0xDD once  |
 *           | freed                                      |
 *  p+n      +-------------------------------------------+ \
 *           | FORBIDDENBYTE 0xFD x SST       (8 B)      |  | trailer, 2*SST = 16 B
 *  p+n+8    | serial number  (SST B, big-endian)        |  | (SST = 8 B without the serial)
 *  p+n+16   +-------------------------------------------+ /
 * ```
 *
 * The serial number is the value of a counter bumped by every successful debug malloc,
 * calloc and realloc. CPython compiles it in only with `PYMEM_DEBUG_SERIALNO` (since 3.8 the
 * default build asks for 3*SST extra bytes and omits it); here it is on by default and can
 * be switched off to get the default build's exact block sizes.
 *
 * Invariants of a live debug block (checked by `DebugAllocator.check`): the API id byte
 * equals the domain's id iff the block was allocated through that domain; the SST-1 bytes
 * before p and the SST bytes at p+n are FORBIDDENBYTE iff nothing wrote outside the
 * caller's n bytes; the API id byte is DEADBYTE iff the block was freed (or is being
 * resized) through the debug hooks.
 *
 * @module
 */

/** `SST` of a 64-bit CPython build: bytes of a `size_t` word in the header and trailer. */
export const DEBUG_WORD_BYTES_64 = 8; // B
/** `SST` of a 32-bit CPython build. */
export const DEBUG_WORD_BYTES_32 = 4; // B

/** `PYMEM_CLEANBYTE`: fills memory just handed out by malloc (catches reads of uninitialised memory). */
export const PYMEM_CLEANBYTE = 0xcd;
/** `PYMEM_DEADBYTE`: fills memory just freed (catches use after free). */
export const PYMEM_DEADBYTE = 0xdd;
/** `PYMEM_FORBIDDENBYTE`: fills the pads on both sides of a block (catches under- and overwrites). */
export const PYMEM_FORBIDDENBYTE = 0xfd;

/** A domain's one-letter API id, as CPython stores it in the header ('r', 'm', 'o'). */
export type DebugApi = "r" | "m" | "o";

/** API id byte of `PYMEM_DOMAIN_RAW` (PyMem_RawMalloc): `'r'`. */
export const PYMEM_API_RAW = 0x72;
/** API id byte of `PYMEM_DOMAIN_MEM` (PyMem_Malloc): `'m'`. */
export const PYMEM_API_MEM = 0x6d;
/** API id byte of `PYMEM_DOMAIN_OBJ` (PyObject_Malloc): `'o'`. */
export const PYMEM_API_OBJ = 0x6f;

/**
 * Bytes CPython saves and restores at each end of a block during a debug realloc
 * (`ERASED_SIZE`): the old block's first and last 64 bytes are overwritten with DEADBYTE
 * while the wrapped allocator resizes it, so a stale pointer to a moved block reads dead
 * bytes.
 */
export const DEBUG_ERASED_BYTES = 64; // B

/** Whether `byte` is one of the three API ids. */
export function isDebugApiId(byte: number): boolean {
  return byte === PYMEM_API_RAW || byte === PYMEM_API_MEM || byte === PYMEM_API_OBJ;
}

/** The printable character of an API id byte (`'r'`, or `\xNN` for anything else). */
export function debugApiChar(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, "0")}`;
}

/**
 * Reads a big-endian unsigned word of `wordBytes` (4 or 8) bytes at `at`.
 * Exact up to 2**53; the debug hooks store sizes and serial numbers this way.
 */
export function readBigEndianWord(u8: Uint8Array, at: number, wordBytes: number): number {
  let high = 0;
  let i = at;
  if (wordBytes === 8) {
    high = ((u8[i]! << 24) | (u8[i + 1]! << 16) | (u8[i + 2]! << 8) | u8[i + 3]!) >>> 0;
    i += 4;
  }
  const low = ((u8[i]! << 24) | (u8[i + 1]! << 16) | (u8[i + 2]! << 8) | u8[i + 3]!) >>> 0;
  return high * 0x1_0000_0000 + low;
}

/**
 * Writes `value` (a non-negative integer) as a big-endian word of `wordBytes` (4 or 8) bytes
 * at `at`, most significant byte first. A 4-byte word keeps `value` modulo 2**32, as a
 * 32-bit `size_t` would.
 */
export function writeBigEndianWord(u8: Uint8Array, at: number, wordBytes: number, value: number): void {
  let i = at;
  if (wordBytes === 8) {
    const high = Math.floor(value / 0x1_0000_0000) >>> 0;
    u8[i] = high >>> 24;
    u8[i + 1] = high >>> 16;
    u8[i + 2] = high >>> 8;
    u8[i + 3] = high;
    i += 4;
  }
  const low = value >>> 0;
  u8[i] = low >>> 24;
  u8[i + 1] = low >>> 16;
  u8[i + 2] = low >>> 8;
  u8[i + 3] = low;
}
