# Each active frame of a recursive call holds its own reference to the argument.
import sys

o = object()
base = sys.getrefcount(o)
seen = []


def recurse(obj, depth):
    seen.append(sys.getrefcount(obj) - base)
    if depth:
        recurse(obj, depth - 1)


recurse(o, 5)
print(seen)
print("after", sys.getrefcount(o) - base)


def recurse_local(depth):
    local = o
    if depth == 0:
        return sys.getrefcount(o) - base
    return recurse_local(depth - 1)


print("locals in 4 frames", recurse_local(3))
