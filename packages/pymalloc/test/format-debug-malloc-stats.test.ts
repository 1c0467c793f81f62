import { describe, expect, it } from "vitest";
import { formatDebugMallocStats } from "../src/index";
import { setup } from "./helpers";

describe("formatDebugMallocStats", () => {
  it("prints CPython 3.11's layout, with the arena map section", () => {
    const { obj } = setup();
    for (let i = 0; i < 3; i++) obj.malloc(24);
    obj.malloc(100);
    obj.malloc(1000);
    const expected = [
      "Small block threshold = 512, in 32 size classes.",
      "",
      "class   size   num pools   blocks in use  avail blocks",
      "-----   ----   ---------   -------------  ------------",
      "    1     32           1               3           507",
      "    6    112           1               1           144",
      "",
      "# arenas allocated total           =                    1",
      "# arenas reclaimed                 =                    0",
      "# arenas highwater mark            =                    1",
      "# arenas allocated current         =                    1",
      "1 arenas * 1048576 bytes/arena     =            1,048,576",
      "",
      "# bytes in allocated blocks        =                  208",
      "# bytes in available blocks        =               32,352",
      "62 unused pools * 16384 bytes      =            1,015,808",
      "# bytes lost to pool headers       =                   96",
      "# bytes lost to quantization       =                  112",
      "# bytes lost to arena alignment    =                    0",
      "Total                              =            1,048,576",
      "",
      "arena map counts",
      "# arena map mid nodes              =                    1",
      "# arena map bot nodes              =                    1",
      "",
      "# bytes lost to arena map root     =              262,144",
      "# bytes lost to arena map mid      =              262,144",
      "# bytes lost to arena map bot      =              131,072",
      "Total                              =              655,360",
      "",
    ].join("\n");
    expect(formatDebugMallocStats(obj.stats())).toBe(expected);
  });

  it("uses CPython's column widths (%5u %6u %11zu %15zu %13zu) and stops before the arena map without a radix tree", () => {
    const { obj } = setup("classic");
    for (let i = 0; i < 1234; i++) obj.malloc(512);
    const text = formatDebugMallocStats(obj.stats());
    const lines = text.split("\n");
    expect(lines[0]).toBe("Small block threshold = 512, in 64 size classes.");
    const row = lines[4]!;
    expect(row).toBe(
      `${"63".padStart(5)} ${"512".padStart(6)} ${"177".padStart(11)} ${"1234".padStart(15)} ${"5".padStart(13)}`,
    );
    expect(text).toContain("3 arenas * 262144 bytes/arena      =              786,432\n");
    expect(text).toContain("# bytes in allocated blocks        =              631,808\n");
    expect(text).toContain("15 unused pools * 4096 bytes       =               61,440\n");
    expect(text).not.toContain("arena map");
    expect(text.endsWith("Total                              =              786,432\n")).toBe(true);
  });
});
