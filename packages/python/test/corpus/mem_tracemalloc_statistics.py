# tracemalloc snapshots attribute allocations to this file's lines.
import tracemalloc

tracemalloc.start()
big = [[j for j in range(20)] for i in range(200)]
words = ["w" * 50 for i in range(300)]
snapshot = tracemalloc.take_snapshot()
tracemalloc.stop()
stats = [s for s in snapshot.statistics("lineno") if s.traceback[0].filename.endswith("mem_tracemalloc_statistics.py")]
for stat in stats[:2]:
    frame = stat.traceback[0]
    print(frame.lineno, stat.size, stat.count)
by_file = [s for s in snapshot.statistics("filename") if s.traceback[0].filename.endswith("mem_tracemalloc_statistics.py")]
print("one entry for the file", len(by_file))
print("file total matches lines", by_file[0].size == sum(s.size for s in stats))
