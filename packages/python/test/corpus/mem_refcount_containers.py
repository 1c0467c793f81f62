# Reference counts as objects move in and out of containers.
import sys

o = object()
base = sys.getrefcount(o)
print("start", base)
lst = []
for i in range(5):
    lst.append(o)
    print("list append", i, sys.getrefcount(o) - base)
lst[2] = None
print("slot replaced", sys.getrefcount(o) - base)
lst.remove(o)
print("remove", sys.getrefcount(o) - base)
popped = lst.pop()
print("pop into a name", sys.getrefcount(o) - base)
del popped
print("name deleted", sys.getrefcount(o) - base)
copy = lst[:]
print("slice copy", sys.getrefcount(o) - base)
copy2 = list(lst)
print("list()", sys.getrefcount(o) - base)
t = tuple(lst)
print("tuple()", sys.getrefcount(o) - base)
del copy, copy2, t, lst
print("all released", sys.getrefcount(o) - base)
d = {}
d[o] = o
print("dict key and value", sys.getrefcount(o) - base)
d[o] = 1
print("value replaced", sys.getrefcount(o) - base)
d2 = dict(d)
print("dict copy", sys.getrefcount(o) - base)
d.clear()
d2.clear()
print("dicts cleared", sys.getrefcount(o) - base)
s = {o}
s.add(o)
print("set add twice", sys.getrefcount(o) - base)
s.discard(o)
print("set discard", sys.getrefcount(o) - base)
nested = [[o], (o,), {"k": o}]
print("nested", sys.getrefcount(o) - base)
nested.pop(0)
print("nested pop", sys.getrefcount(o) - base)
del nested
print("nested deleted", sys.getrefcount(o) - base)
mul = [o] * 10
print("list times ten", sys.getrefcount(o) - base)
mul *= 2
print("in-place times two", sys.getrefcount(o) - base)
mul.extend(mul)
print("extend with itself", sys.getrefcount(o) - base)
del mul[::2]
print("extended slice deleted", sys.getrefcount(o) - base)
del mul
print("end", sys.getrefcount(o) - base)
