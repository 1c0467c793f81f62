# Reference counts around builtin calls: results are fresh, arguments are borrowed.
import sys

data = [3, 1, 2]
print("start", sys.getrefcount(data))
length = len(data)
print("len borrows", sys.getrefcount(data))
r = reversed(data)
print("reversed holds", sys.getrefcount(data))
del r
s = sorted(data)
print("sorted result", sys.getrefcount(s))
t = tuple(data)
print("tuple of a list copies", sys.getrefcount(data), sys.getrefcount(t))
same = tuple(t)
print("tuple of a tuple returns it", same is t, sys.getrefcount(t))
l2 = list(data)
print("list copies", l2 is data)
key = "k" + str(len(data))
d = dict.fromkeys([key], data)
print("fromkeys stores the value", sys.getrefcount(data))
m = max([data, [9]])
print("max returns an item", m is not data, sys.getrefcount(data))
z = list(zip(data, data))
print("zip result", len(z), sys.getrefcount(z))
g = getattr(data, "append")
print("getattr bound method holds the list", sys.getrefcount(data))
del g
print("end", sys.getrefcount(data))
