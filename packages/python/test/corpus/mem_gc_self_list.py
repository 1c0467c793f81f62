# gc.collect() counts a list that contains itself, and longer list rings.
import gc

gc.collect()
a = []
a.append(a)
del a
print("self-referencing list", gc.collect())
print("nothing left", gc.collect())
b = [1, 2, 3]
b.append(b)
b.append([b])
del b
print("list with an inner list pointing back", gc.collect())
ring = [[] for _ in range(10)]
for i in range(10):
    ring[i].append(ring[(i + 1) % 10])
del ring
print("ring of ten lists", gc.collect())
t = ([],)
t[0].append(t)
del t
print("tuple and list", gc.collect())
keep = []
keep.append(keep)
print("reachable cycle is kept", gc.collect())
del keep
print("then collected", gc.collect())
