# Survivors of a collection move to the next generation; collecting generation n counts
# only cycles in generations 0..n.
import gc

gc.collect()
old = []
old.append(old)
gc.collect(0)
print("after collect(0)", gc.get_count())
young = []
young.append(young)
del old, young
print("collect(0) finds only the young cycle", gc.collect(0))
print("collect(1) finds the older one", gc.collect(1))
a = []
a.append(a)
gc.collect(0)
gc.collect(1)
del a
print("promoted twice, collect(0)", gc.collect(0))
print("collect(1)", gc.collect(1))
print("collect(2)", gc.collect(2))
try:
    gc.collect(3)
except ValueError as e:
    print("ValueError", e)
