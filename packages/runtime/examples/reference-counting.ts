/**
 * Reference counting, as in the design notes:
 *
 *     import sys
 *     a = [1, 2, 3]
 *     print(sys.getrefcount(a))  # 2: the argument of getrefcount counts too
 *     b = a
 *     print(sys.getrefcount(a))  # 3
 *     c = a
 *     print(sys.getrefcount(a))  # 4
 *     del b
 *     print(sys.getrefcount(a))  # 3
 *     del c
 *     print(sys.getrefcount(a))  # 2
 *     del a
 *
 * Run: node --conditions=@pymem/source --import tsx examples/reference-counting.ts
 */
import { pathToFileURL } from "node:url";
import { createRuntime } from "../src/index";

export function main(print: (line: string) => void = console.log): void {
  const rt = createRuntime();
  const f = rt.frame();
  f.set("a", rt.list([1, 2, 3]));
  print(String(rt.sys.getrefcount(f.get("a")))); // 2
  f.set("b", f.get("a"));
  print(String(rt.sys.getrefcount(f.get("a")))); // 3
  f.set("c", f.get("a"));
  print(String(rt.sys.getrefcount(f.get("a")))); // 4
  f.del("b");
  print(String(rt.sys.getrefcount(f.get("a")))); // 3
  f.del("c");
  print(String(rt.sys.getrefcount(f.get("a")))); // 2
  f.del("a"); // the count drops to 0: the list is deallocated at once
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
