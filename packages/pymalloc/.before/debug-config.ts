/**
 * Options of the debug hooks and the one function that checks them.
 *
 * ```
 *  DebugAllocatorOptions --resolveDebugConfig()--> DebugConfig
 *   api "r"|"m"|"o"            apiId 0x72|0x6d|0x6f
 *   wordBytes 8|4 (SST)        headerBytes = 2*SST
 *   serialNumbers true|false   extraBytes  = 4*SST | 3*SST
 * ```
 *
 * @module
 */
import { ConfigurationError, type MemoryHooks } from "@pymem/core";
import {
  DEBUG_WORD_BYTES_32,
  DEBUG_WORD_BYTES_64,
  type DebugApi,
  PYMEM_API_MEM,
  PYMEM_API_OBJ,
  PYMEM_API_RAW,
} from "./debug-layout";
import { DebugSerialCounter } from "./debug-serial";

/** Options of {@link DebugAllocator}. */
export interface DebugAllocatorOptions {
  /**
   * The domain's API id, written into every block's header and checked on free and realloc:
   * `"r"` for PyMem_RawMalloc (PYMEM_DOMAIN_RAW), `"m"` for PyMem_Malloc (PYMEM_DOMAIN_MEM),
   * `"o"` for PyObject_Malloc (PYMEM_DOMAIN_OBJ).
   */
  api: DebugApi;
  /**
   * `SST`, the bytes of one header word: 8 as on a 64-bit CPython build, 4 as on a 32-bit one.
   * @defaultValue 8
   */
  wordBytes?: 8 | 4;
  /**
   * Store a serial number after the trailing pad (CPython built with `PYMEM_DEBUG_SERIALNO`,
   * 4*SST extra bytes per block). `false` gives the default CPython build's layout with
   * 3*SST extra bytes and no serial number.
   * @defaultValue true
   */
  serialNumbers?: boolean;
  /**
   * Counter the serial numbers come from. Pass one counter to the three domains' debug
   * allocators to number blocks across them as CPython's single counter does.
   * @defaultValue a new counter owned by this allocator
   */
  serialCounter?: DebugSerialCounter;
  /**
   * Domain name reported by `name` and in stats and events.
   * @defaultValue `"debug(<api>:<wrapped allocator's name>)"`
   */
  name?: string;
  /**
   * Memory events: `allocate` and `free` are emitted with the caller's address and requested size.
   * @defaultValue no events
   */
  hooks?: MemoryHooks;
}

/** Checked, resolved options of the debug hooks. */
export interface DebugConfig {
  /** The API letter. */
  readonly api: DebugApi;
  /** The API id byte stored in headers. */
  readonly apiId: number;
  /** SST: bytes of one header word (8 or 4). */
  readonly wordBytes: number;
  /** Bytes before the caller's address: 2*SST. */
  readonly headerBytes: number;
  /** Bytes after the caller's bytes: 2*SST with serial numbers, SST without. */
  readonly trailerBytes: number;
  /** headerBytes + trailerBytes: what each block costs on top of its requested size. */
  readonly extraBytes: number;
  /** Whether the trailer carries a serial number. */
  readonly serialNumbers: boolean;
  /** The serial-number counter. */
  readonly serialCounter: DebugSerialCounter;
}

const API_IDS: Readonly<Record<DebugApi, number>> = { r: PYMEM_API_RAW, m: PYMEM_API_MEM, o: PYMEM_API_OBJ };

/**
 * Checks debug-hook options and resolves the defaults.
 * @throws ConfigurationError for an unknown API id, a word size other than 4 or 8, a
 *   non-boolean `serialNumbers` or a `serialCounter` that is not a {@link DebugSerialCounter}
 * @example resolveDebugConfig({ api: "o" }).extraBytes // 32
 */
export function resolveDebugConfig(options: DebugAllocatorOptions): DebugConfig {
  const api = options?.api;
  if (api !== "r" && api !== "m" && api !== "o") {
    throw new ConfigurationError("api", `one of "r", "m", "o"`, api);
  }
  const wordBytes = options.wordBytes ?? DEBUG_WORD_BYTES_64;
  if (wordBytes !== DEBUG_WORD_BYTES_64 && wordBytes !== DEBUG_WORD_BYTES_32) {
    throw new ConfigurationError("wordBytes", "8 (64-bit build) or 4 (32-bit build)", wordBytes);
  }
  const serialNumbers = options.serialNumbers ?? true;
  if (typeof serialNumbers !== "boolean") {
    throw new ConfigurationError("serialNumbers", "a boolean", serialNumbers);
  }
  const serialCounter = options.serialCounter ?? new DebugSerialCounter();
  if (!(serialCounter instanceof DebugSerialCounter)) {
    throw new ConfigurationError("serialCounter", "a DebugSerialCounter", serialCounter);
  }
  const headerBytes = 2 * wordBytes;
  const trailerBytes = serialNumbers ? 2 * wordBytes : wordBytes;
  return {
    api,
    apiId: API_IDS[api],
    wordBytes,
    headerBytes,
    trailerBytes,
    extraBytes: headerBytes + trailerBytes,
    serialNumbers,
    serialCounter,
  };
}
