# gc.get_stats: collections, collected and uncollectable per generation, as differences.
import gc

gc.collect()
before = gc.get_stats()
print(len(before), sorted(before[0].keys()))
for i in range(5):
    a = []
    a.append(a)
    del a
    gc.collect(0)
for i in range(3):
    gc.collect(1)
b = {}
b["b"] = b
del b
gc.collect()
after = gc.get_stats()
for gen in range(3):
    print(
        "generation",
        gen,
        after[gen]["collections"] - before[gen]["collections"],
        after[gen]["collected"] - before[gen]["collected"],
        after[gen]["uncollectable"] - before[gen]["uncollectable"],
    )
