# Reference counts of objects held by class bodies, class attributes and instances.
import sys

shared = object()
print("module name", sys.getrefcount(shared))


class Holder:
    attr = shared
    other = shared
    print("inside the class body", sys.getrefcount(shared))

    def method(self):
        return sys.getrefcount(self)


print("two class attributes", sys.getrefcount(shared))
h = Holder()
print("instance", sys.getrefcount(h))
print("self inside a method", h.method())
h.own = shared
print("instance attribute", sys.getrefcount(shared))
del h.own
print("instance attribute deleted", sys.getrefcount(shared))
del Holder.other
print("class attribute deleted", sys.getrefcount(shared))
m = h.method
print("bound method holds the instance", sys.getrefcount(h))
del m
print("bound method released", sys.getrefcount(h))
before = sys.getrefcount(Holder)
items = [Holder() for _ in range(3)]
print("three instances keep their class", sys.getrefcount(Holder) - before)
items.clear()
print("instances gone", sys.getrefcount(Holder) - before)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b


s = Slotted(shared, shared)
print("slots", sys.getrefcount(shared))
s.a = None
print("slot rebound", sys.getrefcount(shared))
del s
print("slotted instance gone", sys.getrefcount(shared))
