// sys._debugmallocstats() is CPython 3.11's text line for line, blank lines included.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { createRuntime } from "../src/index";

/** The same allocations in the runtime and in python3. */
function program() {
  const rt = createRuntime();
  rt.globals.set("xs", rt.list(Array.from({ length: 100 }, (_, i) => i * 1000)));
  rt.globals.set("d", rt.dict({ a: 1, b: "two" }));
  for (let i = 0; i < 3; i++) rt.float(i + 0.5).release();
  rt.tuple([1, 2]).release();
  return rt;
}
const PYTHON_PROGRAM =
  "xs = [i * 1000 for i in range(100)]; d = {'a': 1, 'b': 'two'}\n" +
  "for i in range(3): f = i + 0.5; del f\n" +
  "t = (len(xs), 2); del t\n" +
  "import sys; sys._debugmallocstats()";

// Pinned: the whole text for program(), as CPython 3.11 lays it out.
const EXPECTED = [
  "Small block threshold = 512, in 32 size classes.",
  "",
  "class   size   num pools   blocks in use  avail blocks",
  "-----   ----   ---------   -------------  ------------",
  "    0     16           1               1          1020",
  "    1     32           1             364           146",
  "    2     48           1               2           338",
  "    3     64           1               6           249",
  "    7    128           1               2           125",
  "",
  "# arenas allocated total           =                    1",
  "# arenas reclaimed                 =                    0",
  "# arenas highwater mark            =                    1",
  "# arenas allocated current         =                    1",
  "1 arenas * 1048576 bytes/arena     =            1,048,576",
  "",
  "# bytes in allocated blocks        =               12,400",
  "# bytes in available blocks        =               69,152",
  "59 unused pools * 16384 bytes      =              966,656",
  "# bytes lost to pool headers       =                  240",
  "# bytes lost to quantization       =                  128",
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
  "            0 free PyDictObjects * 48 bytes each =                    0",
  "           1 free PyFloatObjects * 24 bytes each =                   24",
  "            0 free PyListObjects * 40 bytes each =                    0",
  "   0 free 1-sized PyTupleObjects * 32 bytes each =                    0",
  "   1 free 2-sized PyTupleObjects * 40 bytes each =                   40",
  "   0 free 3-sized PyTupleObjects * 48 bytes each =                    0",
  "   0 free 4-sized PyTupleObjects * 56 bytes each =                    0",
  "   0 free 5-sized PyTupleObjects * 64 bytes each =                    0",
  "   0 free 6-sized PyTupleObjects * 72 bytes each =                    0",
  "   0 free 7-sized PyTupleObjects * 80 bytes each =                    0",
  "   0 free 8-sized PyTupleObjects * 88 bytes each =                    0",
  "   0 free 9-sized PyTupleObjects * 96 bytes each =                    0",
  " 0 free 10-sized PyTupleObjects * 104 bytes each =                    0",
  " 0 free 11-sized PyTupleObjects * 112 bytes each =                    0",
  " 0 free 12-sized PyTupleObjects * 120 bytes each =                    0",
  " 0 free 13-sized PyTupleObjects * 128 bytes each =                    0",
  " 0 free 14-sized PyTupleObjects * 136 bytes each =                    0",
  " 0 free 15-sized PyTupleObjects * 144 bytes each =                    0",
  " 0 free 16-sized PyTupleObjects * 152 bytes each =                    0",
  " 0 free 17-sized PyTupleObjects * 160 bytes each =                    0",
  " 0 free 18-sized PyTupleObjects * 168 bytes each =                    0",
  " 0 free 19-sized PyTupleObjects * 176 bytes each =                    0",
  " 0 free 20-sized PyTupleObjects * 184 bytes each =                    0",
  "",
].join("\n");

/**
 * The shape of a report: figures and runs of spaces folded, size-class rows (how many depends
 * on what the process allocated) folded into one, and the length of each fixed-width line kept.
 */
function shape(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const folded = line.replace(/-?[\d,]+/g, "N").replace(/ +/g, " ");
    const isRow = /^ ?N N N N N$/.test(folded);
    if (isRow && out[out.length - 1] === "<size-class rows>") continue;
    out.push(isRow ? "<size-class rows>" : line.includes("=") ? `${folded} [${line.length}]` : folded);
  }
  return out;
}

function python311(): string | null {
  const r = spawnSync("python3", ["-c", PYTHON_PROGRAM], { encoding: "utf8" });
  if (r.error !== undefined || r.status !== 0) return null;
  const version = spawnSync("python3", ["-c", "import sys; print(sys.version_info[:2] == (3, 11))"], {
    encoding: "utf8",
  });
  return version.stdout.trim() === "True" ? r.stderr : null;
}

describe("sys._debugmallocstats()", () => {
  it("is the whole text CPython 3.11 prints, blank lines included", () => {
    expect(program().sys._debugmallocstats()).toBe(EXPECTED);
  });

  it("has the line-for-line shape of python3.11's own report for the same allocations", () => {
    const python = python311();
    if (python === null) return; // no CPython 3.11 here: the pinned text above still checks
    expect(shape(program().sys._debugmallocstats())).toEqual(shape(python));
  });
});
