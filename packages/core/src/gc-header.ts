/**
 * The GC header of container objects: its layout and flag bits (the lists threaded through
 * it are {@link GcList}'s).
 *
 * ```
 *  node = obj - gcHeaderSize           (a "node" is a GC header address)
 *  node+0  gc_next : next node | UNREACHABLE_BIT (bit 0, during a collection only)
 *  node+w  gc_prev : prev node | COLLECTING_BIT (bit 1) | FINALIZED_BIT (bit 0)
 *                    during a collection: gc_refs << 2 | flags
 *
 *  list head (a node of its own, in the heap):
 *     head <-> n1 <-> n2 <-> ... <-> nk <-> head        empty iff head.next == head
 * ```
 *
 * Invariants: an object is tracked iff its gc_next is non-zero; a tracked object is on
 * exactly one list; FINALIZED is set iff its finalizer (PEP 442) has run.
 * Nodes are aligned to at least 8 bytes, so the low bits of links are free for flags.
 *
 * @module
 */

/** gc_prev bit: the object's finalizer has run. */
export const FINALIZED_BIT = 1;
/** gc_prev bit: the object is part of the collection running now. */
export const COLLECTING_BIT = 2;
/** gc_prev low bits holding flags; the rest is the prev link (or gc_refs << 2). */
export const PREV_FLAGS_MASK = 3;
/** Shift of gc_refs inside gc_prev during a collection. */
export const REFS_SHIFT = 2;
/** gc_next bit: the object was moved to the unreachable list (during a collection only). */
export const UNREACHABLE_BIT = 1;
