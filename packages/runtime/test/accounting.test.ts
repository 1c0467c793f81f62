import { describe, expect, it } from "vitest";
import { createRuntime, PyInstance, presets } from "../src/index";

describe("accounting", () => {
  it("balances exactly: bytes in use are the blocks of what is reachable", () => {
    const rt = createRuntime();
    rt.globals.set("data", rt.dict({ xs: [1, 2.5, "three", 2n ** 100n], t: rt.tuple([rt.set([1, 2])]) }));
    rt.clearFreeLists();
    const r = rt.accounting();
    expect(r.unaccountedBytes).toBe(0);
    expect(r.domainBlocksInUse).toBe(r.reachableBlocks);
    expect(r.reachableObjects).toBeGreaterThan(262); // the small ints alone are 262
  });

  it("counts free-list blocks as unaccounted until the free lists are emptied", () => {
    const rt = createRuntime();
    rt.float(1.5).release();
    expect(rt.accounting().unaccountedBytes).toBe(32); // one float on its free list, a 32-byte block
    rt.clearFreeLists();
    expect(rt.accounting().unaccountedBytes).toBe(0);
  });

  it("shows a leaked cycle as exactly its blocks when no collector runs", () => {
    const rt = createRuntime(presets.minimal);
    const Node = rt.defineClass("Node");
    const f = rt.frame();
    f.set("a", Node.create());
    f.get("a", PyInstance).setattr("me", f.get("a"));
    const blocks: number[] = [];
    rt.core.space.kindOf(f.get("a").address).blocks(f.get("a").address, (b) => blocks.push(b));
    const bytes = blocks.reduce((sum, b) => sum + rt.core.space.mem.usableSize(b), 0);
    f.release();
    expect(rt.accounting().unaccountedBytes).toBe(bytes);
  });
});
