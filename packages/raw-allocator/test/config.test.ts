import { ArrayBufferHeap, ConfigurationError } from "@pymem/core";
import { describe, expect, it } from "vitest";
import {
  checkAllocatorConfig,
  checkPageProviderConfig,
  DEFAULT_LARGE_THRESHOLD,
  DEFAULT_PAGE_SIZE,
  DEFAULT_REGION_SIZE,
  HeapPageProvider,
  TlsfAllocator,
} from "../src/index";

describe("config", () => {
  const heap = new ArrayBufferHeap();

  it("fills in the defaults", () => {
    expect(checkPageProviderConfig({ heap })).toMatchObject({
      pageSize: DEFAULT_PAGE_SIZE,
      pageShift: 12,
      hooks: null,
    });
    const pages = new HeapPageProvider({ heap });
    expect(checkAllocatorConfig({ pages })).toMatchObject({
      regionSize: DEFAULT_REGION_SIZE,
      largeThreshold: DEFAULT_LARGE_THRESHOLD,
      retainEmptyRegions: 0,
    });
    // A page larger than the default region makes the region one page.
    const hugePages = new HeapPageProvider({ heap, pageSize: 1 << 22 });
    expect(checkAllocatorConfig({ pages: hugePages }).regionSize).toBe(1 << 22);
  });

  it("rejects page sizes that are not powers of two from 16 B to 1 GiB", () => {
    for (const pageSize of [0, 8, 100, 4095, 2 ** 31, -4096, Number.NaN]) {
      expect(() => checkPageProviderConfig({ heap, pageSize })).toThrow(ConfigurationError);
    }
    expect(() => checkPageProviderConfig({} as never)).toThrow(/heap/);
  });

  it("rejects region sizes and thresholds that break their constraints, naming the option", () => {
    const pages = new HeapPageProvider({ heap });
    const cases: [object, string][] = [
      [{ regionSize: 5000 }, "regionSize"],
      [{ regionSize: 0 }, "regionSize"],
      [{ regionSize: 2 ** 31 }, "regionSize"],
      [{ regionSize: 1.5 * 4096 }, "regionSize"],
      [{ regionSize: 4096, largeThreshold: 4096 - 31 }, "largeThreshold"],
      [{ largeThreshold: 0 }, "largeThreshold"],
      [{ largeThreshold: 2.5 }, "largeThreshold"],
      [{ retainEmptyRegions: -1 }, "retainEmptyRegions"],
      [{ retainEmptyRegions: 0.5 }, "retainEmptyRegions"],
    ];
    for (const [options, option] of cases) {
      let error: unknown;
      try {
        checkAllocatorConfig({ pages, ...options });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as ConfigurationError).option).toBe(option);
    }
    expect(checkAllocatorConfig({ pages, regionSize: 4096, largeThreshold: 4096 - 32 }).largeThreshold).toBe(
      4064,
    );
    expect(() => new TlsfAllocator({} as never)).toThrow(/pages/);
  });

  it("the tightest legal configuration still serves every request below the threshold from a region", () => {
    const pages = new HeapPageProvider({ heap: new ArrayBufferHeap() });
    const raw = new TlsfAllocator({ pages, regionSize: 4096, largeThreshold: 4096 - 32 });
    const p = raw.malloc(4096 - 33);
    expect(raw.stats()).toMatchObject({ regions: 1, largeBlocks: 0 });
    raw.free(p);
    expect(pages.stats().mappedBytes).toBe(0);
  });
});
