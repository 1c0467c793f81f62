import { describe, expect, it } from "vitest";
import { MappingTable } from "../src/index";

describe("MappingTable", () => {
  it("keeps ranges sorted and finds them by start or by an inner address", () => {
    const t = new MappingTable();
    t.insert(0x3000, 0x1000);
    t.insert(0x1000, 0x1000);
    t.insert(0x8000, 0x4000);
    expect(t.starts).toEqual([0x1000, 0x3000, 0x8000]);
    expect(t.indexOf(0x3000)).toBe(1);
    expect(t.indexOf(0x3001)).toBe(-1);
    expect(t.indexContaining(0x3fff)).toBe(1);
    expect(t.indexContaining(0x4000)).toBe(-1);
    expect(t.indexContaining(0x0fff)).toBe(-1);
    expect(t.floorIndex(0x7fff)).toBe(1);
    expect(t.totalBytes()).toBe(0x6000);
    t.removeAt(0);
    expect(t.toArray()).toEqual([
      { address: 0x3000, bytes: 0x1000 },
      { address: 0x8000, bytes: 0x4000 },
    ]);
  });
});
