/**
 * What a run reports, gathered from the layers after the work is done (before teardown, so
 * long-lived data is still in the heap).
 *
 * ```
 *  wall time, ops, ops/s         measured around the workload or replay (ops: objects allocated,
 *                                or trace events)
 *  peak / current mapped bytes   page provider (the RSS analogue)
 *  arenas                        pymalloc: allocated total, reclaimed, highwater, current
 *  pools per size class          pymalloc: pools, blocks in use, available blocks (non-zero rows)
 *  collections per generation    cycle collector: collections, collected, uncollectable
 *  fragmentation                 the object domain's external fragmentation,
 *                                1 - largest free extent / free bytes (core's AllocatorStats)
 *  live blocks / bytes           object domain, at the end of the run
 *  peak bytes in use             object domain's highest bytes handed out
 *  objects examined, largest     the collector's work: objects its collections examined, and
 *  pause                         the most one collection examined (collectors that count them)
 * ```
 *
 * @module
 */
import type { AllocatorStats, GenerationStats } from "@pymem/core";
import type { MemoryStack } from "./memory-stack";

/** One row of the pools-per-size-class table. */
export interface SizeClassRow {
  /** Size class index. */
  sizeClass: number;
  /** Block size in bytes. */
  blockSize: number;
  /** Pools serving the class (used or full). */
  pools: number;
  /** Blocks handed out. */
  blocksInUse: number;
  /** Free blocks in those pools. */
  blocksAvailable: number;
}

/** pymalloc's arena counters. */
export interface ArenaCounts {
  /** Arenas ever mapped. */
  allocated: number;
  /** Arenas unmapped again. */
  reclaimed: number;
  /** Most arenas mapped at once. */
  highwater: number;
  /** Arenas mapped now. */
  current: number;
}

/** One generation's collection figures. */
export interface GenerationRow extends GenerationStats {
  /** Generation number (0 = youngest). */
  generation: number;
}

/** Everything a run reports. Serialised as is by `--json`. */
export interface RunReport {
  /** Workload name, or `trace:<file>`. */
  workload: string;
  /** Composition label (preset and overriding options). */
  composition: string;
  /** Seed of the workload (null for traces). */
  seed: number | null;
  /** Scale of the workload (null for traces). */
  scale: number | null;
  /** Wall time of the work in milliseconds. */
  wallMs: number;
  /** Operations done: objects allocated, or trace events. */
  ops: number;
  /** ops per second of wall time. */
  opsPerSecond: number;
  /** Highest mapped bytes of the page provider. */
  peakMappedBytes: number;
  /** Mapped bytes at the end. */
  mappedBytes: number;
  /** pymalloc arena counters, or null without pymalloc. */
  arenas: ArenaCounts | null;
  /** Pools per size class with at least one pool (empty without pymalloc). */
  sizeClasses: SizeClassRow[];
  /** Collections per generation, or null for trace replays (no collector). */
  generations: GenerationRow[] | null;
  /** Objects the cycle collector found unreachable and freed. */
  objectsCollected: number;
  /** External fragmentation of the object domain in [0, 1]. */
  fragmentation: number;
  /** Live blocks of the object domain at the end. */
  liveBlocks: number;
  /** Usable bytes of those blocks. */
  liveBytes: number;
  /** Highest bytes in use of the object domain. */
  peakBytesInUse: number;
  /** The collector's work during the run, or null (no collector, or one that does not count it). */
  collectorWork: CollectorWork | null;
  /** Allocator calls of the object domain (malloc, calloc, realloc, free). */
  calls: AllocatorStats["calls"];
}

/** The collector's work during a run. */
export interface CollectorWork {
  /** Objects examined by all collections of the run. */
  examined: number;
  /** The most objects one collection examined (the largest pause, in objects). */
  largestPause: number;
}

/** What the caller measured around the work. */
export interface RunMeasurement {
  /** Workload name or `trace:<file>`. */
  workload: string;
  /** Composition label. */
  composition: string;
  /** Seed, or null. */
  seed: number | null;
  /** Scale, or null. */
  scale: number | null;
  /** Wall time in milliseconds. */
  wallMs: number;
  /** Operations done. */
  ops: number;
  /** Per-generation collector statistics, or null. */
  generations: GenerationStats[] | null;
  /** The collector's work, or null. */
  collectorWork?: CollectorWork | null;
}

/** Assembles a report from the measurement and the memory stack's current figures. */
export function collectRunReport(measurement: RunMeasurement, stack: MemoryStack): RunReport {
  const pages = stack.pages.stats();
  const domain = stack.objectDomain.stats();
  let arenas: ArenaCounts | null = null;
  let sizeClasses: SizeClassRow[] = [];
  if (stack.pymalloc !== null) {
    const p = stack.pymalloc.stats().pymalloc;
    arenas = {
      allocated: p.arenasAllocatedTotal,
      reclaimed: p.arenasReclaimed,
      highwater: p.arenasHighwater,
      current: p.arenasAllocatedCurrent,
    };
    sizeClasses = p.sizeClasses
      .filter((c) => c.pools > 0)
      .map((c) => ({
        sizeClass: c.sizeClass,
        blockSize: c.size,
        pools: c.pools,
        blocksInUse: c.blocksInUse,
        blocksAvailable: c.availableBlocks,
      }));
  }
  const generations =
    measurement.generations === null
      ? null
      : measurement.generations.map((g, generation) => ({
          generation,
          collections: g.collections,
          collected: g.collected,
          uncollectable: g.uncollectable,
        }));
  const seconds = measurement.wallMs / 1000;
  return {
    workload: measurement.workload,
    composition: measurement.composition,
    seed: measurement.seed,
    scale: measurement.scale,
    wallMs: measurement.wallMs,
    ops: measurement.ops,
    opsPerSecond: seconds > 0 ? measurement.ops / seconds : 0,
    peakMappedBytes: pages.peakMappedBytes,
    mappedBytes: pages.mappedBytes,
    arenas,
    sizeClasses,
    generations,
    objectsCollected: generations === null ? 0 : generations.reduce((sum, g) => sum + g.collected, 0),
    fragmentation: domain.fragmentation,
    liveBlocks: domain.blocksInUse,
    liveBytes: domain.bytesInUse,
    peakBytesInUse: domain.peakBytesInUse,
    collectorWork: measurement.collectorWork ?? null,
    calls: { ...domain.calls },
  };
}
