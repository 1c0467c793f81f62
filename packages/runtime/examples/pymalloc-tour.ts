/**
 * A tour of pymalloc: arenas from the page provider, pools carved from them, blocks of one
 * size class per pool — then what sys._debugmallocstats() reports after a workload.
 *
 * Run: node --conditions=@pymem/source --import tsx examples/pymalloc-tour.ts
 */
import { pathToFileURL } from "node:url";
import { createRuntime, PyList, presets } from "../src/index";

export function main(print: (line: string) => void = console.log): void {
  const rt = createRuntime(presets.classic); // 256 KiB arenas, 4 KiB pools, 8-byte alignment
  const pymalloc = rt.parts.objectDomain;
  const g = rt.globals;

  // A workload: 2,000 floats (24 B -> 24-byte blocks), 1,000 short strings, 500 small dicts.
  g.set("floats", rt.list());
  g.set("names", rt.list());
  g.set("records", rt.list());
  const floats = g.get("floats", PyList);
  const names = g.get("names", PyList);
  const records = g.get("records", PyList);
  for (let i = 0; i < 2000; i++) floats.append(rt.float(i + 0.5));
  for (let i = 0; i < 1000; i++) names.append(rt.str(`name-${i}`, false));
  for (let i = 0; i < 500; i++) records.append(rt.dict({ id: i, score: i / 2 }));
  floats.clear(); // 2,000 floats die: 100 go to the float free list, the rest back to their pools

  const { pymalloc: p } = pymalloc.stats();
  print(
    `arenas: ${p.arenasAllocatedCurrent} of ${p.arenaSize / 1024} KiB, ${p.unusedPools} unused pools of ${p.poolSize / 1024} KiB`,
  );
  print(`mapped by the page provider: ${rt.stats().pages.mappedBytes} bytes`);
  print("size class  block  pools  blocks in use  free blocks");
  for (const c of p.sizeClasses) {
    if (c.pools === 0) continue;
    print(
      `${String(c.sizeClass).padStart(10)}  ${String(c.size).padStart(5)}  ${String(c.pools).padStart(5)}  ${String(c.blocksInUse).padStart(13)}  ${String(c.availableBlocks).padStart(11)}`,
    );
  }
  print("");
  print(rt.sys._debugmallocstats());
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
