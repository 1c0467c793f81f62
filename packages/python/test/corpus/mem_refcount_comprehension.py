# Comprehensions run in their own scope; their iteration variable does not leak and
# releases its references when the comprehension ends.
import sys

o = object()
base = sys.getrefcount(o)
items = [o] * 3
print("list of three", sys.getrefcount(o) - base)
copies = [x for x in items]
print("comprehension copy", sys.getrefcount(o) - base)
pairs = {i: x for i, x in enumerate(items)}
print("dict comprehension", sys.getrefcount(o) - base)
unique = {x for x in items}
print("set comprehension", sys.getrefcount(o) - base)
counts = [sys.getrefcount(x) - base for x in items]
print("counted inside", counts)
try:
    x
except NameError as e:
    print(e)
del copies, pairs, unique
print("released", sys.getrefcount(o) - base)
g = (x for x in items)
first = next(g)
print("generator expression suspended", sys.getrefcount(o) - base)
del g, first
print("generator gone", sys.getrefcount(o) - base)
