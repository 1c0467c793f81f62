/**
 * Text report of one debug block, in the style of CPython's `_PyObject_DebugDumpAddress`
 * (Objects/obmalloc.c, 3.11), followed by a hex dump of the bytes around the block.
 *
 * ```
 *  Debug memory block at address p=0x00011010: API 'o'
 *      16 bytes originally requested
 *      The 7 pad bytes at p-7 are FORBIDDENBYTE, as expected.
 *      The 8 pad bytes at tail=0x00011020 are not all FORBIDDENBYTE (0xfd):
 *          at tail+0: 0x78 *** OUCH
 *          at tail+1: 0xfd
 *          ...
 *      The block was made by call #3 to debug malloc/realloc.
 *      Data at p: cd cd cd cd cd cd cd cd ... cd cd cd cd cd cd cd cd
 *      Bytes around p:
 *      0x00011000  00 00 00 00 00 00 00 10  6f fd fd fd fd fd fd fd  |........o.......|
 * ```
 *
 * Every read is bounded by the heap's length, so a corrupted size field cannot make the
 * report read outside the heap (where CPython warns it "may segfault").
 *
 * @module
 */
import { type Address, formatAddress, type Heap } from "@pymem/core";
import { debugApiChar, PYMEM_FORBIDDENBYTE, readBigEndianWord } from "./debug-layout";

/** Layout parameters {@link dumpDebugBlock} needs. */
export interface DebugDumpLayout {
  /** SST: bytes of one header word. */
  readonly wordBytes: number;
  /** Whether the trailer carries a serial number. */
  readonly serialNumbers: boolean;
}

/** Bytes shown on each side of a block in the hex dump. */
const DUMP_MARGIN = 16; // B
/** Hex-dump blocks longer than this are shown as their first and last rows. */
const DUMP_MAX_BYTES = 192; // B
/** Bytes per hex-dump row. */
const DUMP_ROW = 16; // B

function hex2(byte: number): string {
  return byte.toString(16).padStart(2, "0");
}

function hexRow(u8: Uint8Array, row: number, from: number, to: number): string {
  let hex = "";
  let ascii = "";
  for (let i = 0; i < DUMP_ROW; i++) {
    const at = row + i;
    if (i === 8) hex += " ";
    if (at < from || at >= to) {
      hex += "   ";
      ascii += " ";
      continue;
    }
    const byte = u8[at]!;
    hex += ` ${hex2(byte)}`;
    ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : ".";
  }
  return `    ${formatAddress(row)} ${hex}  |${ascii}|`;
}

function hexDump(u8: Uint8Array, from: number, to: number, lines: string[]): void {
  const first = from - (from % DUMP_ROW);
  for (let row = first; row < to; row += DUMP_ROW) lines.push(hexRow(u8, row, from, to));
}

/**
 * Describes the debug block whose caller address is `address`: API id, requested size,
 * state of both pads (each wrong byte marked `*** OUCH`), serial number, the first and last
 * data bytes, and a hex dump of the header, trailer and their surroundings.
 * @example
 * ```ts
 * console.log(dumpDebugBlock(heap, p, { wordBytes: 8, serialNumbers: true }));
 * ```
 */
export function dumpDebugBlock(heap: Heap, address: Address, layout: DebugDumpLayout): string {
  const u8 = heap.u8;
  const sst = layout.wordBytes;
  const heapEnd = heap.byteLength;
  const head = `Debug memory block at address p=${formatAddress(address)}:`;
  if (!Number.isInteger(address) || address === 0) return head;
  if (address < 2 * sst || address > heapEnd) {
    return `${head} outside the heap (0x00000000..${formatAddress(heapEnd)}), nothing to show`;
  }
  const lines: string[] = [`${head} API '${debugApiChar(u8[address - sst]!)}'`];
  const nbytes = readBigEndianWord(u8, address - 2 * sst, sst);
  lines.push(`    ${nbytes} bytes originally requested`);

  let leadingOk = true;
  for (let i = 1; i <= sst - 1; i++) if (u8[address - i] !== PYMEM_FORBIDDENBYTE) leadingOk = false;
  if (leadingOk) {
    lines.push(`    The ${sst - 1} pad bytes at p-${sst - 1} are FORBIDDENBYTE, as expected.`);
  } else {
    lines.push(
      `    The ${sst - 1} pad bytes at p-${sst - 1} are not all FORBIDDENBYTE (0x${hex2(PYMEM_FORBIDDENBYTE)}):`,
    );
    for (let i = sst - 1; i >= 1; i--) {
      const byte = u8[address - i]!;
      lines.push(`        at p-${i}: 0x${hex2(byte)}${byte === PYMEM_FORBIDDENBYTE ? "" : " *** OUCH"}`);
    }
    lines.push("    Because memory is corrupted at the start, the count of bytes requested may be bogus.");
  }

  const tail = address + nbytes;
  const trailerBytes = layout.serialNumbers ? 2 * sst : sst;
  const tailInHeap = tail + trailerBytes <= heapEnd;
  if (!tailInHeap) {
    lines.push(
      `    The tail at p+${nbytes} lies beyond the heap's end ${formatAddress(heapEnd)}: ` +
        "its pad bytes cannot be checked.",
    );
  } else {
    let trailingOk = true;
    for (let i = 0; i < sst; i++) if (u8[tail + i] !== PYMEM_FORBIDDENBYTE) trailingOk = false;
    if (trailingOk) {
      lines.push(`    The ${sst} pad bytes at tail=${formatAddress(tail)} are FORBIDDENBYTE, as expected.`);
    } else {
      lines.push(
        `    The ${sst} pad bytes at tail=${formatAddress(tail)} are not all FORBIDDENBYTE (0x${hex2(PYMEM_FORBIDDENBYTE)}):`,
      );
      for (let i = 0; i < sst; i++) {
        const byte = u8[tail + i]!;
        lines.push(`        at tail+${i}: 0x${hex2(byte)}${byte === PYMEM_FORBIDDENBYTE ? "" : " *** OUCH"}`);
      }
    }
    if (layout.serialNumbers) {
      const serial = readBigEndianWord(u8, tail + sst, sst);
      lines.push(`    The block was made by call #${serial} to debug malloc/realloc.`);
    }
    if (nbytes > 0) {
      let data = "    Data at p:";
      const firstEnd = Math.min(tail, address + 8);
      for (let q = address; q < firstEnd; q++) data += ` ${hex2(u8[q]!)}`;
      if (firstEnd < tail) {
        let q = firstEnd;
        if (tail - q > 8) {
          data += " ...";
          q = tail - 8;
        }
        for (; q < tail; q++) data += ` ${hex2(u8[q]!)}`;
      }
      lines.push(data);
    }
  }

  lines.push("    Bytes around p:");
  const from = Math.max(0, address - 2 * sst - DUMP_MARGIN);
  const to = tailInHeap
    ? Math.min(heapEnd, tail + trailerBytes + DUMP_MARGIN)
    : Math.min(heapEnd, address + 48);
  if (to - from <= DUMP_MAX_BYTES) {
    hexDump(u8, from, to, lines);
  } else {
    const headEnd = address + 2 * DUMP_ROW;
    const tailStart = tail - 2 * DUMP_ROW;
    hexDump(u8, from, headEnd - (headEnd % DUMP_ROW), lines);
    lines.push("    ...");
    hexDump(u8, tailStart - (tailStart % DUMP_ROW), to, lines);
  }
  return lines.join("\n");
}
