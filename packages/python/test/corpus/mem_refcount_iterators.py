# Iterators, for loops, enumerate and zip hold references to what they iterate.
import sys

data = [10, 20, 30]
print("start", sys.getrefcount(data))
it = iter(data)
print("list iterator", sys.getrefcount(data))
next(it)
print("after next", sys.getrefcount(data))
for x in it:
    pass
print("exhausted iterator drops the list", sys.getrefcount(data))
del it
for x in data:
    print("inside a for loop", sys.getrefcount(data))
    break
print("after the loop", sys.getrefcount(data))
e = enumerate(data)
print("enumerate", sys.getrefcount(data))
z = zip(data, data)
print("zip of the same list twice", sys.getrefcount(data))
del e, z
r = reversed(data)
print("reversed", sys.getrefcount(data))
del r
m = map(str, data)
print("map", sys.getrefcount(data), list(m), sys.getrefcount(data))
del m
f = filter(None, data)
print("filter", sys.getrefcount(data))
del f
s = sorted(data)
print("sorted makes a new list", sys.getrefcount(data), sys.getrefcount(s))
t = (data,)
gen = (v for v in data)
print("generator expression", sys.getrefcount(data))
del gen
print("end", sys.getrefcount(data))
d = {"a": 1}
ki = iter(d)
print("dict key iterator", sys.getrefcount(d))
vi = iter(d.values())
print("dict values iterator", sys.getrefcount(d))
items = d.items()
print("dict view", sys.getrefcount(d))
