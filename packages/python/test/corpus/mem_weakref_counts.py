# getweakrefcount and getweakrefs; which objects accept weak references.
import weakref


class C:
    pass


class Slotted:
    __slots__ = ("a",)


class SlottedWeak:
    __slots__ = ("a", "__weakref__")


c = C()
print(weakref.getweakrefcount(c), weakref.getweakrefs(c))
r1 = weakref.ref(c)
r2 = weakref.ref(c, lambda r: None)
print(weakref.getweakrefcount(c), len(weakref.getweakrefs(c)))
print("first is the shared ref", weakref.getweakrefs(c)[0] is r1)
del r2
print(weakref.getweakrefcount(c))
for value in (1, "s", (1,), [1], {}, None):
    try:
        weakref.ref(value)
        print(type(value).__name__, "accepts weak references")
    except TypeError as e:
        print(e)
try:
    weakref.ref(Slotted())
except TypeError as e:
    print(e)
sw = SlottedWeak()
print("slotted with __weakref__", weakref.ref(sw)() is sw)


def f():
    pass


print("function", weakref.ref(f)() is f)
print("class", weakref.ref(C)() is C)
print("ref repr kind", type(r1).__name__)
del c
print("dead", r1() is None, weakref.getweakrefcount(r1))
