# With automatic collection disabled, cycles accumulate until an explicit collect().
import gc

gc.collect()
gc.disable()
for i in range(2000):
    a = []
    a.append(a)
del a
print("count with collection disabled", gc.get_count())
print("collected", gc.collect())
gc.enable()
for i in range(2000):
    a = []
    a.append(a)
del a
print("enabled: most were collected automatically", gc.collect() < 700)
