# del of names, attributes, subscripts and slices, and what each releases.
import sys

o = object()
base = sys.getrefcount(o)


class Bag:
    pass


bag = Bag()
bag.item = o
lst = [o, o, o, o]
d = {"x": o, "y": o}
alias = o
print("held", sys.getrefcount(o) - base)
del bag.item
print("del attribute", sys.getrefcount(o) - base)
del lst[0]
print("del subscript", sys.getrefcount(o) - base)
del lst[1:]
print("del slice", sys.getrefcount(o) - base)
del d["x"]
print("del dict key", sys.getrefcount(o) - base)
del alias
print("del name", sys.getrefcount(o) - base)
a, b = o, o
print("tuple assignment", sys.getrefcount(o) - base)
del a, b
print("del two names", sys.getrefcount(o) - base)
try:
    del bag.item
except AttributeError as e:
    print("AttributeError", e)
try:
    del d["missing"]
except KeyError as e:
    print("KeyError", e)
