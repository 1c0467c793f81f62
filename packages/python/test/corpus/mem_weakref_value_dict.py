# WeakValueDictionary entries disappear when their values die.
import gc
import weakref


class Value:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return "Value(" + str(self.n) + ")"


cache = weakref.WeakValueDictionary()
keep = []
for i in range(6):
    v = Value(i)
    cache[i] = v
    if i % 2 == 0:
        keep.append(v)
del v
print("entries", len(cache), sorted(cache.keys()))
print("lookup", cache.get(0), cache.get(1))
keep.pop()
print("after pop", len(cache), sorted(cache.keys()))
gc.collect()
c = Value(100)
c.me = c
cache["cyclic"] = c
del c
print("cyclic still present", "cyclic" in cache)
gc.collect()
print("cyclic after collect", "cyclic" in cache)
print("values", sorted(v.n for v in cache.values()))
try:
    cache[99]
except KeyError as e:
    print("KeyError", e)
keep.clear()
print("empty", len(cache))
