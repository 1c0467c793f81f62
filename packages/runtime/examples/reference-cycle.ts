/**
 * A reference cycle: reference counting alone never frees it; the cycle collector does.
 *
 *     class Node: pass
 *     a = Node(); b = Node()
 *     a.partner = b; b.partner = a
 *     del a, b          # counts stay at 1: the cycle is unreachable but alive
 *     gc.collect()      # 2
 *
 * The same program runs on a runtime without a collector (the "minimal" preset) and on
 * CPython's generational collector.
 *
 * Run: node --conditions=@pymem/source --import tsx examples/reference-cycle.ts
 */
import { pathToFileURL } from "node:url";
import { createRuntime, PyInstance, presets, type RuntimeOptions } from "../src/index";

function run(label: string, options: RuntimeOptions, print: (line: string) => void): void {
  const rt = createRuntime(options);
  const Node = rt.defineClass("Node");
  const base = rt.stats().objectDomain.bytesInUse;
  const f = rt.frame();
  f.set("a", Node.create());
  f.set("b", Node.create());
  f.get("a", PyInstance).setattr("partner", f.get("b"));
  f.get("b", PyInstance).setattr("partner", f.get("a"));
  print(`${label}: after building the cycle, ${rt.stats().objectDomain.bytesInUse - base} bytes in use`);
  f.del("a");
  f.del("b");
  print(`${label}: after del a, b,           ${rt.stats().objectDomain.bytesInUse - base} bytes in use`);
  print(`${label}: gc.collect() -> ${rt.gc.collect()}`);
  print(`${label}: after gc.collect(),       ${rt.stats().objectDomain.bytesInUse - base} bytes in use`);
}

export function main(print: (line: string) => void = console.log): void {
  run("none", presets.minimal, print);
  run("generational", presets.cpython311, print);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
