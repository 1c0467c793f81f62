/**
 * `@pymem/python`: Python programs run on the pymem heap.
 *
 * @module
 */
export {};
