/**
 * Tuning the garbage collector, as in the design notes:
 *
 *     import gc
 *     gc.disable()
 *     temp_list = [i for i in range(10000)]
 *     temp_list = None
 *     gc.collect()
 *     gc.enable()
 *     print("Garbage collection thresholds:", gc.get_threshold())
 *     print("Number of objects in each generation:", gc.get_count())
 *
 * Run: node --conditions=@pymem/source --import tsx examples/gc-tuning.ts
 */
import { pathToFileURL } from "node:url";
import { createRuntime, PyList } from "../src/index";

/** Python's tuple repr of a JS array of numbers: (700, 10, 10). */
function pyTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(", ")})`;
}

export function main(print: (line: string) => void = console.log): void {
  const rt = createRuntime();
  const gc = rt.gc;
  const g = rt.globals;

  gc.disable();
  g.set("temp_list", rt.list());
  const temp = g.get("temp_list", PyList);
  for (let i = 0; i < 10000; i++) temp.append(i);
  print(`temp_list: ${temp.length} items, sys.getsizeof ${rt.sys.getsizeof(temp)} bytes`);
  g.set("temp_list", null); // the list's last reference goes: freed by reference counting
  print(`unreachable objects found by gc.collect(): ${gc.collect()}`);
  gc.enable();

  print(`Garbage collection thresholds: ${pyTuple(gc.get_threshold())}`);
  print(`Number of objects in each generation: ${pyTuple(gc.get_count())}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
